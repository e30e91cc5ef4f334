"""A new member's journey in a real browser: sign up, verify by email, complete the profile,
turn on two-factor authentication, sign out and back in with a code from an authenticator.

The authenticator is this test: it computes each code from the setup key shown on the page,
by RFC 6238, independently of allauth. axe-core checks every page on the way.
"""

import base64
import hashlib
import hmac
import re
import struct
import time
from urllib.parse import urlsplit

import pytest
from django.core import mail

from members.models import User

from .test_journeys import assert_no_violations, check_page, follow, h1_text, open_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EMAIL = "new.member@example.org"
PASSWORD = "a long and memorable passphrase 7"


def totp(secret: str, at: float | None = None) -> str:
    """The 6-digit time-based code an authenticator app shows for this setup key."""
    key = base64.b32decode(secret.replace(" ", "").upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def submit(page, name):
    return follow(page, page.get_by_role("main").get_by_role("button", name=name, exact=True))


def verification_link() -> str:
    messages = [message for message in mail.outbox if EMAIL in message.to]
    assert messages, "no verification email was sent"
    return re.search(r"https?://\S+/accounts/confirm-email/\S+/", messages[-1].body).group(0)


def new_member_journey(browser, base_url):
    reports = []
    with open_page(browser, base_url) as page:

        def arrived(response):
            reports.append(check_page(page, response))

        arrived(page.goto("/accounts/signup/"))
        page.fill("input[name=email]", EMAIL)
        page.fill("input[name=password1]", PASSWORD)
        page.fill("input[name=password2]", PASSWORD)
        arrived(submit(page, "Create account"))
        assert "email" in h1_text(page).lower()

        arrived(page.goto(verification_link()))
        assert h1_text(page) == "Confirm your email address"
        arrived(submit(page, "Confirm email address"))

        # Verified and signed in: the incomplete profile is the next thing asked for.
        assert urlsplit(page.url).path == "/accounts/profile/"
        page.fill("input[name=display_name]", "Nia Evans")
        page.fill("input[name=organisation]", "Aberlyn County Council")
        page.check("input[name=sector][value=local-government]")
        arrived(submit(page, "Save profile"))
        assert "saved" in page.locator(".govuk-notification-banner").inner_text().lower()

        arrived(page.goto("/accounts/2fa/"))
        arrived(
            follow(
                page,
                page.get_by_role("main").get_by_role("button", name="Set up an authenticator app"),
            )
        )
        # Turning on two-factor authentication asks for the password again first.
        assert "password" in h1_text(page).lower() or page.locator("input[name=password]").count()
        page.fill("input[name=password]", PASSWORD)
        arrived(submit(page, "Continue"))
        secret = page.get_by_label("Setup key", exact=True).input_value()
        page.fill("input[name=code]", totp(secret))
        arrived(submit(page, "Turn on two-factor authentication"))

        with page.expect_navigation():
            page.get_by_role("banner").get_by_role("button", name="Sign out").click()
        assert page.get_by_role("banner").get_by_role("link", name="Sign in").is_visible()

        arrived(page.goto("/accounts/login/"))
        page.fill("input[name=login]", EMAIL)
        page.fill("input[name=password]", PASSWORD)
        arrived(submit(page, "Sign in"))
        assert h1_text(page) == "Enter the code from your authenticator app"

        # A wrong code is refused, with the error summary and the form to try again.
        page.fill("input[name=code]", "000000" if totp(secret) != "000000" else "111111")
        arrived(submit(page, "Sign in"))
        assert page.locator(".govuk-error-summary").is_visible()

        page.fill("input[name=code]", totp(secret))
        response = submit(page, "Sign in")
        assert response.ok
        assert page.get_by_role("banner").get_by_role("button", name="Sign out").is_visible()
        assert "Nia Evans" in page.get_by_role("banner").inner_text()

    assert_no_violations(reports)
    return secret


def test_new_member_signs_up_verifies_completes_profile_and_uses_two_factor_sign_in(
    browser, live_server, seeded
):
    secret = browser.run(new_member_journey, live_server.url)

    member = User.objects.get(email=EMAIL)
    assert member.display_name == "Nia Evans"
    assert member.profile_is_complete
    assert member.authenticator_set.filter(type="totp").exists()
    assert secret
