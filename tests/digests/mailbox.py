"""A mail "server" for the real-worker test: it records every message it accepts in a file
(one line: the Message-ID), after taking a while to answer, like SMTP does.

The worker process is given it as DIGEST_EMAIL_BACKEND; the file is named by the
DIGEST_TEST_MAILBOX environment variable and the delay by DIGEST_TEST_SEND_SECONDS.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


def mailbox() -> Path:
    return Path(os.environ["DIGEST_TEST_MAILBOX"])


def accepted_message_ids() -> list[str]:
    path = mailbox()
    return path.read_text().split() if path.exists() else []


class RecordingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        delay = float(os.environ.get("DIGEST_TEST_SEND_SECONDS", "0"))
        for message in email_messages:
            time.sleep(delay)  # the server thinking: a kill now means "never accepted"
            with mailbox().open("a") as file:  # accepted: on disk before we return
                file.write(message.extra_headers["Message-ID"] + "\n")
        return len(email_messages)


def was_accepted(delivery) -> bool:
    """The acceptance check (settings.DIGEST_ACCEPTANCE_CHECK) for this server."""
    return delivery.message_id in accepted_message_ids()
