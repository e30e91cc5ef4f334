"""What the account tests do over and over: sign up, read emails, sign in, compute 2FA codes."""

import html
import re
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core import mail

PASSWORD = "a long enough passphrase 42"
FACTORY_PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's


def sign_up(client, email, password=PASSWORD, confirmation=PASSWORD):
    return client.post(
        "/accounts/signup/", {"email": email, "password1": password, "password2": confirmation}
    )


def sign_in(client, email, password=FACTORY_PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


def confirm_it_is_you(client, password=FACTORY_PASSWORD):
    """Enters the password again, as allauth asks before changing 2FA or the email address."""
    response = client.post("/accounts/reauthenticate/", {"password": password})
    assert response.status_code == 302, page_text(response)


def signed_in_user_id(client):
    """The id of the member the client's session is signed in as, or None."""
    return client.session.get("_auth_user_id")


def emails_to(address):
    return [message for message in mail.outbox if address in message.to]


def last_email_to(address):
    messages = emails_to(address)
    assert messages, f"no email was sent to {address}"
    return messages[-1]


def link_in(message, path_prefix):
    """The path of the first link in the email's text that starts with `path_prefix`."""
    match = re.search(rf"https?://[^/\s]+({re.escape(path_prefix)}\S*)", message.body)
    assert match, f"no {path_prefix} link in:\n{message.body}"
    return match.group(1)


def code_in(message):
    """The code on a line of its own after "is:", as our code emails write it."""
    match = re.search(r"is:\n\n(\S+)\n", message.body)
    assert match, f"no code in:\n{message.body}"
    return match.group(1)


def page_text(response) -> str:
    """The page's visible words, tags removed and whitespace folded, to compare two answers."""
    content = response.content.decode()
    content = re.sub(r"<(script|style)\b.*?</\1>", " ", content, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content)).split())


def title_of(response) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)[1])


def rate_limit(action: str, per: str) -> tuple[int, int]:
    """(attempts, seconds) of the settings' rate limit for `action` counted per `per`."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    for rate in settings.ACCOUNT_RATE_LIMITS[action].split(","):
        amount, duration, rate_per = (rate.strip().split("/") + ["ip"])[:3]
        if rate_per == per:
            number = duration[:-1] or "1"
            return int(amount), int(float(number) * units[duration[-1]])
    raise LookupError(f"no {per} rate limit for {action}")


def totp_code(secret: str, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows for `secret` now (or `steps_ahead` periods later)."""
    counter = int(time.time()) // 30 + steps_ahead
    return format_hotp_value(hotp_value(secret, counter))


def setup_key_on(response) -> str:
    """The setup key the activation page shows as text, for people who cannot scan."""
    match = re.search(
        r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', response.content.decode()
    )
    assert match, "no setup key on the page"
    return match.group(1)


def recovery_codes_on(response) -> list[str]:
    block = re.search(
        r'<ul class="govuk-list cp-code"[^>]*>(.*?)</ul>', response.content.decode(), re.S
    )
    assert block, "no recovery codes on the page"
    return re.findall(r"<li>\s*([^<\s]+)\s*</li>", block.group(1))
