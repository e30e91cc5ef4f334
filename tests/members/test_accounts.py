"""Signing out, passwords, the email address, sign-in codes and two-factor authentication."""

import html
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal import auth as totp_auth
from django.core import mail
from django.test import Client

from members.models import User
from tests.factories import UserFactory

from .account_helpers import (
    FACTORY_PASSWORD,
    code_in,
    confirm_it_is_you,
    emails_to,
    last_email_to,
    link_in,
    page_text,
    recovery_codes_on,
    setup_key_on,
    sign_in,
    signed_in_user_id,
    title_of,
    totp_code,
)

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a brand new passphrase 77"


@pytest.fixture
def member():
    return UserFactory(email="member@example.org", display_name="Mary Seacole")


@pytest.fixture
def signed_in(client, member):
    sign_in(client, member.email)
    assert signed_in_user_id(client) == str(member.pk)
    mail.outbox.clear()
    return client


# Signing out -------------------------------------------------------------------------------


def test_sign_out_asks_for_confirmation_and_a_get_changes_nothing(signed_in, member):
    page = signed_in.get("/accounts/logout/")

    assert page.status_code == 200
    assert title_of(page) == "Sign out – Connected Places"
    assert "Are you sure you want to sign out?" in page_text(page)
    assert signed_in_user_id(signed_in) == str(member.pk)

    response = signed_in.post("/accounts/logout/")

    assert response.status_code == 302
    assert signed_in_user_id(signed_in) is None


# Password reset -----------------------------------------------------------------------------


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(member):
    known, unknown = Client(), Client()

    known_answer = known.post("/accounts/password/reset/", {"email": member.email}, follow=True)
    unknown_answer = unknown.post(
        "/accounts/password/reset/", {"email": "nobody@example.org"}, follow=True
    )

    assert known_answer.status_code == unknown_answer.status_code == 200
    assert known_answer.redirect_chain == unknown_answer.redirect_chain
    assert [t.name for t in known_answer.templates] == [t.name for t in unknown_answer.templates]
    assert page_text(known_answer) == page_text(unknown_answer)
    assert "Check your email" in page_text(known_answer)
    assert [message.to for message in mail.outbox] == [[member.email]]


def test_password_reset_link_sets_a_new_password(client, member):
    client.post("/accounts/password/reset/", {"email": member.email})
    message = last_email_to(member.email)
    assert message.subject == "[Connected Places] Reset your password"

    form_page = client.get(link_in(message, "/accounts/password/reset/key/"), follow=True)
    assert "Choose a new password" in page_text(form_page)
    response = client.post(
        form_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert "Your password has been changed" in page_text(client.get(response.url))
    assert sign_in(Client(), member.email).status_code == 200  # the old password is refused
    assert sign_in(client, member.email, NEW_PASSWORD).status_code == 302
    assert signed_in_user_id(client) == str(member.pk)


def test_password_reset_link_works_once(client, member):
    client.post("/accounts/password/reset/", {"email": member.email})
    link = link_in(last_email_to(member.email), "/accounts/password/reset/key/")
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    again = Client().get(link, follow=True)

    assert "This link has expired or is not valid" in page_text(again)


def test_forged_password_reset_link_is_refused_and_changes_nothing(client, member):
    password_before = member.password

    page = client.get("/accounts/password/reset/key/1-forged-token/", follow=True)
    post = client.post(
        "/accounts/password/reset/key/1-forged-token/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )

    assert "This link has expired or is not valid" in page_text(page)
    assert "This link has expired or is not valid" in page_text(post)
    member.refresh_from_db()
    assert member.password == password_before


# Changing and setting the password -----------------------------------------------------------


def test_password_change_needs_the_current_password(signed_in, member):
    password_before = member.password

    response = signed_in.post(
        "/accounts/password/change/",
        {"oldpassword": "not it", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 200
    assert title_of(response) == "Error: Change your password – Connected Places"
    assert "The current password is not correct." in page_text(response)
    member.refresh_from_db()
    assert member.password == password_before


def test_password_change_changes_it_and_tells_the_member(signed_in, member):
    page = signed_in.get("/accounts/password/change/")
    assert "New password" in page_text(page) and "Confirm new password" in page_text(page)

    response = signed_in.post(
        "/accounts/password/change/",
        {"oldpassword": FACTORY_PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    assert signed_in_user_id(signed_in) == str(member.pk)  # still signed in
    assert (
        last_email_to(member.email).subject == "[Connected Places] Your password has been changed"
    )
    assert sign_in(Client(), member.email, FACTORY_PASSWORD).status_code == 200
    assert sign_in(Client(), member.email, NEW_PASSWORD).status_code == 302


def test_a_member_without_a_password_can_set_one(client):
    member = UserFactory(email="codeonly@example.org", password=None)
    member.set_unusable_password()
    member.save()
    client.force_login(member)

    page = client.get("/accounts/password/set/")
    response = client.post(
        "/accounts/password/set/", {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert "Set a password" in page_text(page)
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


# Changing the email address -----------------------------------------------------------------


def test_email_change_keeps_the_old_address_until_the_new_one_is_verified(signed_in, member):
    confirm_it_is_you(signed_in)
    response = signed_in.post(
        "/accounts/email/", {"email": "new.address@example.org", "action_add": "1"}
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.email == "member@example.org"
    assert EmailAddress.objects.get(email="member@example.org").verified
    assert not EmailAddress.objects.get(email="new.address@example.org").verified
    page = page_text(signed_in.get("/accounts/email/"))
    assert "We have sent a link to new.address@example.org" in page
    assert "your email address stays member@example.org" in page
    # Until then the member still signs in with the old address, and not with the new one.
    with_old, with_new = Client(), Client()
    sign_in(with_old, "member@example.org")
    sign_in(with_new, "new.address@example.org")
    assert signed_in_user_id(with_old) == str(member.pk)
    assert signed_in_user_id(with_new) is None

    link = link_in(last_email_to("new.address@example.org"), "/accounts/confirm-email/")
    signed_in.post(link)

    member.refresh_from_db()
    assert member.email == "new.address@example.org"
    assert list(EmailAddress.objects.filter(user=member).values_list("email", flat=True)) == [
        "new.address@example.org"
    ]
    notice = last_email_to("member@example.org")
    assert notice.subject == "[Connected Places] Your email address has been changed"
    assert "new.address@example.org" in notice.body
    assert sign_in(Client(), "new.address@example.org").status_code == 302
    assert sign_in(Client(), "member@example.org").status_code == 200


def test_a_pending_email_change_can_be_cancelled(signed_in, member):
    confirm_it_is_you(signed_in)
    signed_in.post("/accounts/email/", {"email": "new.address@example.org", "action_add": "1"})

    signed_in.post("/accounts/email/", {"email": "new.address@example.org", "action_remove": "1"})

    assert list(EmailAddress.objects.filter(user=member).values_list("email", flat=True)) == [
        "member@example.org"
    ]


def test_email_change_asks_for_the_password_again(signed_in, member):
    client = signed_in

    response = client.post(
        "/accounts/email/", {"email": "new.address@example.org", "action_add": "1"}
    )

    assert response.status_code == 302
    assert response.url.startswith("/accounts/reauthenticate/")
    assert not EmailAddress.objects.filter(email="new.address@example.org").exists()

    page = client.get(response.url)
    assert title_of(page) == "Confirm it is you – Connected Places"
    wrong = client.post(response.url, {"password": "not it"})
    assert "The password is not correct." in page_text(wrong)
    client.post(response.url, {"password": FACTORY_PASSWORD})
    assert EmailAddress.objects.filter(email="new.address@example.org", verified=False).exists()


def test_changing_to_another_members_address_reveals_nothing_and_changes_nothing(signed_in, member):
    other = UserFactory(email="other@example.org")
    confirm_it_is_you(signed_in)

    response = signed_in.post("/accounts/email/", {"email": "other@example.org", "action_add": "1"})

    # The member is told what they would be told for a free address...
    assert response.status_code == 302
    assert "We have sent a link to other@example.org" in page_text(
        signed_in.get("/accounts/email/")
    )
    # ...and the link, which went to the address's owner, cannot take the address.
    link = link_in(last_email_to("other@example.org"), "/accounts/confirm-email/")
    page = Client().get(link)
    assert "This email address is already in use" in page_text(page)
    Client().post(link)
    member.refresh_from_db()
    assert member.email == "member@example.org"
    assert not EmailAddress.objects.filter(user=member, email="other@example.org", verified=True)
    assert User.objects.get(pk=other.pk).email == "other@example.org"
    assert EmailAddress.objects.get(user=other).verified


def test_an_invalid_new_address_is_refused_with_a_message(signed_in, member):
    confirm_it_is_you(signed_in)
    response = signed_in.post("/accounts/email/", {"email": "not an address", "action_add": "1"})

    assert response.status_code == 200
    assert title_of(response).startswith("Error: ")
    assert "Enter a valid email address." in page_text(response)
    assert EmailAddress.objects.filter(user=member).count() == 1


# Signing in with an emailed code ------------------------------------------------------------


def test_sign_in_with_an_emailed_code(client, member):
    page = client.get("/accounts/login/code/")
    assert title_of(page) == "Sign in with a code – Connected Places"

    response = client.post("/accounts/login/code/", {"email": member.email})

    assert response.status_code == 302
    assert response.url == "/accounts/login/code/confirm/"
    confirm = client.get(response.url)
    assert f"If {member.email} has an account, we have sent it a code" in page_text(confirm)
    message = last_email_to(member.email)
    assert message.subject == "[Connected Places] Your sign-in code"

    response = client.post(response.url, {"code": code_in(message)})

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(member.pk)


def test_a_wrong_sign_in_code_is_refused(client, member):
    client.post("/accounts/login/code/", {"email": member.email})
    code = code_in(last_email_to(member.email))

    response = client.post("/accounts/login/code/confirm/", {"code": code[::-1] + "X"})

    assert response.status_code == 200
    assert "The code is not correct. Check it and try again." in page_text(response)
    assert signed_in_user_id(client) is None


def test_a_code_request_for_an_unknown_address_looks_the_same_and_sends_nothing(client):
    response = client.post("/accounts/login/code/", {"email": "nobody@example.org"})

    assert response.url == "/accounts/login/code/confirm/"
    assert "If nobody@example.org has an account" in page_text(client.get(response.url))
    assert mail.outbox == []


# Two-factor authentication ------------------------------------------------------------------


def turn_on_totp(client) -> tuple[str, list[str]]:
    """Sets up an authenticator app the way a member does; returns its key and recovery codes."""
    confirm_it_is_you(client)
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = setup_key_on(page)
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302, page_text(response)
    codes_page = client.get(response.url)
    assert "Recovery codes" in page_text(codes_page)
    return secret, recovery_codes_on(codes_page)


REAL_TOTP_COUNTERS = totp_auth.yield_hotp_counters_from_time


def next_totp_step(monkeypatch, steps=1):
    """Puts the server's TOTP clock `steps` 30-second periods ahead, as time passing would."""

    def later():
        for counter in REAL_TOTP_COUNTERS():
            yield counter + steps

    monkeypatch.setattr(totp_auth, "yield_hotp_counters_from_time", later)


def test_turning_on_two_factor_asks_for_the_password_first(signed_in, member):
    response = signed_in.get("/accounts/2fa/totp/activate/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/reauthenticate/")
    page = signed_in.post(response.url, {"password": FACTORY_PASSWORD}, follow=True)
    assert title_of(page) == "Set up an authenticator app – Connected Places"


def test_turning_on_two_factor_shows_the_qr_code_and_the_key_as_text(signed_in, member):
    confirm_it_is_you(signed_in)
    page = signed_in.get("/accounts/2fa/totp/activate/")

    content = page.content.decode()
    assert title_of(page) == "Set up an authenticator app – Connected Places"
    assert re.search(
        r'<span class="cp-qr-code" role="img" aria-label="QR code[^>]*>(<\?xml[^>]*>)?\s*<svg',
        content,
    )
    secret = setup_key_on(page)
    assert len(secret) == 32
    assert secret not in re.search(r'aria-label="(QR code[^"]*)"', content)[1]


def test_a_wrong_code_does_not_turn_two_factor_on(signed_in, member):
    confirm_it_is_you(signed_in)
    page = signed_in.get("/accounts/2fa/totp/activate/")
    secret = setup_key_on(page)
    wrong = f"{(int(totp_code(secret)) + 1) % 1_000_000:06d}"

    response = signed_in.post("/accounts/2fa/totp/activate/", {"code": wrong})

    assert response.status_code == 200
    assert "The code is not correct. Check it and try again." in page_text(response)
    assert not Authenticator.objects.filter(user=member).exists()


def test_with_two_factor_on_signing_in_needs_the_code(
    signed_in, member, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        secret, _ = turn_on_totp(signed_in)
    assert (
        last_email_to(member.email).subject == "[Connected Places] Two-factor authentication is on"
    )
    assert "On" in page_text(signed_in.get("/accounts/2fa/"))
    signed_in.post("/accounts/logout/")
    next_totp_step(monkeypatch)

    response = sign_in(signed_in, member.email)

    assert response.status_code == 302
    assert response.url == "/accounts/2fa/authenticate/"
    assert signed_in_user_id(signed_in) is None
    page = signed_in.get(response.url)
    assert title_of(page) == "Enter the code from your authenticator app – Connected Places"

    wrong = f"{(int(totp_code(secret, steps_ahead=1)) + 1) % 1_000_000:06d}"
    refused = signed_in.post(response.url, {"code": wrong})
    assert refused.status_code == 200
    assert "The code is not correct. Check it and try again." in page_text(refused)
    assert signed_in_user_id(signed_in) is None

    accepted = signed_in.post(response.url, {"code": totp_code(secret, steps_ahead=1)})
    assert accepted.status_code == 302
    assert signed_in_user_id(signed_in) == str(member.pk)


def test_an_authenticator_code_cannot_be_used_twice(signed_in, member, monkeypatch):
    secret, _ = turn_on_totp(signed_in)
    next_totp_step(monkeypatch)
    code = totp_code(secret, steps_ahead=1)
    signed_in.post("/accounts/logout/")
    sign_in(signed_in, member.email)
    signed_in.post("/accounts/2fa/authenticate/", {"code": code})
    signed_in.post("/accounts/logout/")

    sign_in(signed_in, member.email)
    response = signed_in.post("/accounts/2fa/authenticate/", {"code": code})

    assert response.status_code == 200
    assert signed_in_user_id(signed_in) is None


def test_a_recovery_code_signs_in_once(signed_in, member):
    _, recovery_codes = turn_on_totp(signed_in)
    assert len(recovery_codes) == 10
    signed_in.post("/accounts/logout/")

    sign_in(signed_in, member.email)
    first = signed_in.post("/accounts/2fa/authenticate/", {"code": recovery_codes[0]})
    assert first.status_code == 302
    assert signed_in_user_id(signed_in) == str(member.pk)
    signed_in.post("/accounts/logout/")

    sign_in(signed_in, member.email)
    again = signed_in.post("/accounts/2fa/authenticate/", {"code": recovery_codes[0]})
    assert again.status_code == 200
    assert "The code is not correct." in page_text(again)
    assert signed_in_user_id(signed_in) is None

    other = signed_in.post("/accounts/2fa/authenticate/", {"code": recovery_codes[1]})
    assert other.status_code == 302
    assert "8 unused codes out of 10" in page_text(signed_in.get("/accounts/2fa/"))


def test_recovery_codes_can_be_downloaded_and_replaced(
    signed_in, member, django_capture_on_commit_callbacks
):
    _, recovery_codes = turn_on_totp(signed_in)

    download = signed_in.get("/accounts/2fa/recovery-codes/download/")
    assert download["Content-Disposition"] == 'attachment; filename="recovery-codes.txt"'
    assert download.content.decode().split() == recovery_codes

    confirm = signed_in.get("/accounts/2fa/recovery-codes/generate/")
    assert "The 10 codes you have not used yet will stop working." in page_text(confirm)
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in.post("/accounts/2fa/recovery-codes/generate/")
    new_codes = recovery_codes_on(signed_in.get(response.url))

    assert set(new_codes).isdisjoint(recovery_codes)
    assert last_email_to(member.email).subject == (
        "[Connected Places] New recovery codes have been created"
    )


def test_turning_two_factor_off(signed_in, member):
    turn_on_totp(signed_in)

    page = signed_in.get("/accounts/2fa/totp/deactivate/")
    assert title_of(page) == "Turn off two-factor authentication – Connected Places"
    signed_in.post("/accounts/2fa/totp/deactivate/")

    assert not Authenticator.objects.filter(user=member).exists()
    assert (
        last_email_to(member.email).subject == "[Connected Places] Two-factor authentication is off"
    )
    signed_in.post("/accounts/logout/")
    assert sign_in(signed_in, member.email).url == "/"


def test_changing_two_factor_settings_asks_again_and_the_app_code_will_do(
    client, member, monkeypatch
):
    secret, _ = turn_on_totp_for(member)
    next_totp_step(monkeypatch)
    sign_in(client, member.email)
    client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret, steps_ahead=1)})
    assert signed_in_user_id(client) == str(member.pk)

    response = client.get("/accounts/2fa/totp/deactivate/")

    assert response.status_code == 302
    assert response.url.startswith("/accounts/reauthenticate/")
    page = client.get(response.url)
    assert title_of(page) == "Confirm it is you – Connected Places"
    app_link = re.search(r'href="(/accounts/2fa/reauthenticate/[^"]*)"', page.content.decode())
    assert app_link and "Use your authenticator app or a recovery code" in page_text(page)
    next_totp_step(monkeypatch, steps=2)
    done = client.post(html.unescape(app_link[1]), {"code": totp_code(secret, steps_ahead=2)})
    assert done.status_code == 302
    assert title_of(client.get(done.url)) == "Turn off two-factor authentication – Connected Places"


def turn_on_totp_for(member) -> tuple[str, list[str]]:
    """Turns two-factor on for `member` through a session of their own."""
    own = Client()
    sign_in(own, member.email)
    return turn_on_totp(own)


# Every page allauth shows us ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/accounts/login/", "Sign in"),
        ("/accounts/signup/", "Create an account"),
        ("/accounts/confirm-email/", "Check your email"),
        ("/accounts/password/reset/", "Reset your password"),
        ("/accounts/password/reset/done/", "Check your email"),
        ("/accounts/password/reset/key/done/", "Your password has been changed"),
        ("/accounts/login/code/", "Sign in with a code"),
        ("/accounts/inactive/", "This account has been closed"),
    ],
)
def test_entrance_pages_are_in_our_words(client, path, title):
    response = client.get(path)

    assert response.status_code == 200
    assert title_of(response) == f"{title} – Connected Places"
    assert f'<h1 class="govuk-heading-l">{title}</h1>' in response.content.decode()


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/accounts/logout/", "Sign out"),
        ("/accounts/email/", "Email address"),
        ("/accounts/password/change/", "Change your password"),
        ("/accounts/2fa/", "Two-factor authentication"),
        ("/accounts/your-data/", "Your data"),
        ("/accounts/delete/", "Delete your account"),
    ],
)
def test_account_settings_pages_are_in_our_words_beside_the_account_menu(signed_in, path, title):
    response = signed_in.get(path)

    content = response.content.decode()
    assert response.status_code == 200
    assert title_of(response) == f"{title} – Connected Places"
    assert 'aria-label="Account settings"' in content
    assert not re.search(r"<h1[^>]*>[^<]*\b[A-Z][a-z]+ [A-Z][a-z]+", content), "title case"


def test_account_settings_need_signing_in(client):
    for path in ["/accounts/email/", "/accounts/2fa/", "/accounts/your-data/", "/accounts/delete/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/?next=")


def test_a_closed_account_cannot_sign_in(client, member):
    User.objects.filter(pk=member.pk).update(is_active=False)

    response = sign_in(client, member.email)

    assert response.status_code == 302
    assert response.url == "/accounts/inactive/"
    assert "This account has been closed" in page_text(client.get(response.url))
    assert signed_in_user_id(client) is None
    assert emails_to(member.email) == []
