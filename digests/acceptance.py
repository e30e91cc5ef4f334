"""Asking the mail system whether it accepted a digest whose worker died while sending it.

runs.reconcile() calls the function named by settings.DIGEST_ACCEPTANCE_CHECK with the
delivery (its message_id is the digest's Message-ID) and expects True (accepted: record it
sent), False (never accepted: send it again) or None (can't tell: mark it unknown, never
resend). Plain SMTP can't be asked, so production leaves the setting empty unless the
provider has a way to look a message up by its Message-ID.
"""

from pathlib import Path

from django.conf import settings

FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


def in_outbox_folder(delivery) -> bool | None:
    """For Django's file-based backend (the embedded default's var/outbox; settings/dev.py
    names this check): a message is accepted once a file in the folder holds its Message-ID.
    Digests sent through another backend can't be looked up there: None, never resent."""
    if (settings.DIGEST_EMAIL_BACKEND or settings.EMAIL_BACKEND) != FILE_BACKEND:
        return None
    folder = Path(settings.EMAIL_FILE_PATH)
    if not folder.is_dir():
        return None
    needle = f"Message-ID: {delivery.message_id}".encode()
    return any(needle in path.read_bytes() for path in folder.iterdir() if path.is_file())
