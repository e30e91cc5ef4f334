"""Sign-up with mandatory email verification, through the real allauth views."""

import time
from contextlib import contextmanager
from types import SimpleNamespace
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import get_hasher
from django.core import mail, signing
from django.urls import reverse

from members.models import User
from tests.factories import UserFactory

from .account_helpers import (
    PASSWORD,
    emails_to,
    last_email_to,
    link_in,
    page_text,
    sign_in,
    sign_up,
    signed_in_user_id,
    title_of,
)

pytestmark = pytest.mark.django_db


def confirmation_link(message) -> str:
    return link_in(message, "/accounts/confirm-email/")


def test_sign_up_verify_complete_profile_sign_out_and_back_in(client):
    response = sign_up(client, "ada@example.org")

    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert "Check your email" in page_text(client.get(response.url))
    user = User.objects.get(email="ada@example.org")
    assert not EmailAddress.objects.get(user=user).verified
    assert signed_in_user_id(client) is None
    message = last_email_to("ada@example.org")
    assert message.subject == (
        "[Connected Places] Confirm your email address to finish creating your account"
    )

    link = confirmation_link(message)
    confirm_page = client.get(link)
    assert "Confirm that ada@example.org is your email address" in page_text(confirm_page)
    assert not EmailAddress.objects.get(user=user).verified  # a GET changes nothing
    response = client.post(link)

    assert response.status_code == 302
    assert response.url == reverse("members:profile_edit")
    assert EmailAddress.objects.get(user=user).verified
    assert signed_in_user_id(client) == str(user.pk)
    assert client.get(response.url).status_code == 200

    client.post("/accounts/logout/")
    assert signed_in_user_id(client) is None

    # Still no profile: signing in prompts for it again.
    response = client.post("/accounts/login/", {"login": "ada@example.org", "password": PASSWORD})
    assert response.url == reverse("members:profile_edit")
    assert signed_in_user_id(client) == str(user.pk)

    User.objects.filter(pk=user.pk).update(
        display_name="Ada Lovelace", organisation="Analytical Engines", sector="academic"
    )
    client.post("/accounts/logout/")
    response = client.post("/accounts/login/", {"login": "ada@example.org", "password": PASSWORD})
    assert response.url == "/"


def test_a_page_asked_for_before_signing_in_wins_over_the_profile_prompt(client):
    UserFactory(email="new@example.org", display_name="", organisation="")

    response = client.post(
        "/accounts/login/?next=/accounts/your-data/",
        {"login": "new@example.org", "password": "correct horse battery staple"},
    )

    assert response.url == "/accounts/your-data/"


def test_unverified_member_cannot_sign_in(client):
    sign_up(client, "grace@example.org")
    client.logout()

    response = client.post("/accounts/login/", {"login": "grace@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert "Check your email" in page_text(client.get(response.url))
    assert signed_in_user_id(client) is None
    assert not EmailAddress.objects.get(email="grace@example.org").verified


def test_expired_verification_link_is_refused_with_a_clear_message(client, monkeypatch):
    sign_up(client, "katherine@example.org")
    link = confirmation_link(last_email_to("katherine@example.org"))
    client.logout()
    four_days_later = time.time() + 4 * 24 * 60 * 60
    monkeypatch.setattr(signing, "time", SimpleNamespace(time=lambda: four_days_later))

    page = client.get(link)
    post = client.post(link)

    assert page.status_code == 200
    assert title_of(page) == "This link has expired or is not valid – Connected Places"
    assert "sign in with your email address and password" in page_text(page)
    assert post.status_code == 404
    assert not EmailAddress.objects.filter(verified=True).exists()
    assert signed_in_user_id(client) is None


@pytest.mark.parametrize(
    "forged_key",
    ["not-a-real-key", signing.dumps(1, salt="some other salt"), "MQ:1tXyZa:AAAAAAAAAAAAAAAAAAA"],
)
def test_forged_verification_key_is_refused_with_a_clear_message(client, forged_key):
    sign_up(client, "katherine@example.org")
    client.logout()

    page = client.get(f"/accounts/confirm-email/{forged_key}/")
    post = client.post(f"/accounts/confirm-email/{forged_key}/")

    assert page.status_code == 200
    assert "This link has expired or is not valid" in page_text(page)
    assert post.status_code == 404
    assert not EmailAddress.objects.filter(verified=True).exists()
    assert signed_in_user_id(client) is None


def test_a_used_verification_link_does_not_work_twice(client):
    sign_up(client, "dorothy@example.org")
    link = confirmation_link(last_email_to("dorothy@example.org"))
    client.post(link)
    client.post("/accounts/logout/")

    page = client.get(link)

    assert "This link has expired or is not valid" in page_text(page)
    assert signed_in_user_id(client) is None


def test_mismatched_passwords_re_render_the_form_with_the_email_kept(client):
    response = sign_up(client, "mary@example.org", confirmation="something else entirely")

    content = response.content.decode()
    assert response.status_code == 200
    assert title_of(response).startswith("Error: ")
    assert 'value="mary@example.org"' in content
    assert not User.objects.filter(email="mary@example.org").exists()
    assert mail.outbox == []


def test_weak_password_is_refused_with_a_clear_message(client):
    response = sign_up(client, "mary@example.org", password="short", confirmation="short")

    assert response.status_code == 200
    assert "This password is too short" in page_text(response)
    assert not User.objects.filter(email="mary@example.org").exists()


def test_signing_up_with_a_taken_email_reveals_nothing_and_tells_the_owner(client):
    owner = UserFactory(email="taken@example.org")
    password_before = owner.password

    response = sign_up(client, "taken@example.org")

    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert User.objects.filter(email="taken@example.org").count() == 1
    owner.refresh_from_db()
    assert owner.password == password_before
    message = last_email_to("taken@example.org")
    assert message.subject == "[Connected Places] You already have an account"
    assert "/accounts/password/reset/" in message.body
    assert len(emails_to("taken@example.org")) == 1


def test_duplicate_sign_up_answers_exactly_like_a_new_one(client):
    UserFactory(email="taken@example.org")

    new = sign_up(client, "fresh@example.org")
    client.logout()
    taken = sign_up(client, "taken@example.org")

    assert (new.status_code, new.url) == (taken.status_code, taken.url)


@contextmanager
def password_hashes_counted():
    """Counts the passwords the default hasher hashes, which is most of what a sign-up costs."""
    hasher_class = type(get_hasher())
    with mock.patch.object(
        hasher_class, "encode", autospec=True, side_effect=hasher_class.encode
    ) as encode:
        yield encode


def test_duplicate_sign_up_costs_the_same_password_hashing_as_a_new_one(client):
    # A new account hashes its password; an answer that skipped it for a taken address would
    # come back quicker and tell that the address has an account.
    UserFactory(email="taken@example.org")

    with password_hashes_counted() as new:
        sign_up(client, "fresh@example.org")
    client.logout()
    with password_hashes_counted() as taken:
        sign_up(client, "taken@example.org")

    assert new.call_count >= 1
    assert taken.call_count == new.call_count


def test_verified_member_signs_in_with_email_and_password(client):
    member = UserFactory(email="verified@example.org")

    response = sign_in(client, "verified@example.org")

    assert response.status_code == 302
    assert response.url == "/"
    assert signed_in_user_id(client) == str(member.pk)


def test_sign_in_ignores_the_case_of_the_email_address(client):
    member = UserFactory(email="verified@example.org")

    sign_in(client, "Verified@Example.ORG")

    assert signed_in_user_id(client) == str(member.pk)


def test_wrong_password_is_refused_with_a_message(client):
    member = UserFactory(email="verified@example.org")

    response = sign_in(client, "verified@example.org", "not the password")

    assert response.status_code == 200
    assert title_of(response) == "Error: Sign in – Connected Places"
    assert "The email address or password is not correct." in page_text(response)
    assert 'value="verified@example.org"' in response.content.decode()
    assert signed_in_user_id(client) is None
    member.refresh_from_db()
    assert member.last_login is None


def test_unknown_email_gets_the_same_answer_as_a_wrong_password(client):
    UserFactory(email="verified@example.org")

    wrong_password = sign_in(client, "verified@example.org", "not the password")
    unknown = sign_in(client, "nobody@example.org", "not the password")

    assert wrong_password.status_code == unknown.status_code == 200
    assert page_text(wrong_password).replace("verified@", "nobody@") == page_text(unknown)


def test_an_empty_sign_in_form_says_what_to_enter(client):
    response = client.post("/accounts/login/", {"login": "", "password": ""})

    text = page_text(response)
    assert "Enter email address" in text
    assert "Enter password" in text


def test_account_pages_speak_plainly_in_sentence_case(client):
    signup = client.get("/accounts/signup/").content.decode()
    login = client.get("/accounts/login/").content.decode()

    assert "<title>Create an account – Connected Places</title>" in signup
    assert 'for="id_password2">Confirm password</label>' in signup
    assert "Use at least 10 characters." in signup
    assert "<title>Sign in – Connected Places</title>" in login
    assert "Keep me signed in on this device" in login
    assert "Forgotten your password?" in login
    assert "Sign In" not in login and "Sign Up" not in signup
