"""Sign-up with mandatory email verification, through the real allauth views."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from members.models import User
from tests.factories import UserFactory

PASSWORD = "a long enough passphrase 42"


def sign_up(client, email, password=PASSWORD, confirmation=PASSWORD):
    return client.post(
        "/accounts/signup/", {"email": email, "password1": password, "password2": confirmation}
    )


def confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body).group(1)


@pytest.mark.django_db
def test_sign_up_sends_a_verification_link_that_verifies_and_signs_in(client):
    response = sign_up(client, "ada@example.org")

    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    user = User.objects.get(email="ada@example.org")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@example.org"]

    link = confirmation_link(mail.outbox[0])
    assert client.get(link).status_code == 200  # a confirm page: GET changes nothing
    assert not EmailAddress.objects.get(user=user).verified
    response = client.post(link)

    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.get("/").wsgi_request.user == user


@pytest.mark.django_db
def test_unverified_member_cannot_sign_in(client):
    sign_up(client, "grace@example.org")
    client.logout()

    response = client.post("/accounts/login/", {"login": "grace@example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_forged_verification_key_is_refused(client):
    sign_up(client, "katherine@example.org")

    response = client.post("/accounts/confirm-email/not-a-real-key/")

    assert response.status_code == 404 or "invalid" in response.content.decode().lower()
    assert not EmailAddress.objects.filter(verified=True).exists()


@pytest.mark.django_db
def test_mismatched_passwords_re_render_the_form_with_the_email_kept(client):
    response = sign_up(client, "mary@example.org", confirmation="something else entirely")

    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="mary@example.org"' in content
    assert not User.objects.filter(email="mary@example.org").exists()


@pytest.mark.django_db
def test_signing_up_with_a_taken_email_reveals_nothing_and_tells_the_owner(client):
    UserFactory(email="taken@example.org")

    response = sign_up(client, "taken@example.org")

    assert response.status_code == 302
    assert response.url == "/accounts/confirm-email/"
    assert User.objects.filter(email="taken@example.org").count() == 1
    assert mail.outbox[0].to == ["taken@example.org"]


@pytest.mark.django_db
def test_verified_member_signs_in_with_email_and_password(client):
    member = UserFactory(email="verified@example.org")

    response = client.post(
        "/accounts/login/",
        {"login": "verified@example.org", "password": "correct horse battery staple"},
    )

    assert response.status_code == 302
    assert client.get("/").wsgi_request.user == member


@pytest.mark.django_db
def test_wrong_password_is_refused_with_a_message(client):
    UserFactory(email="verified@example.org")

    response = client.post(
        "/accounts/login/", {"login": "verified@example.org", "password": "not the password"}
    )

    assert response.status_code == 200
    assert "not correct" in response.content.decode() or "incorrect" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_account_pages_speak_plainly_in_sentence_case(client):
    signup = client.get("/accounts/signup/").content.decode()
    login = client.get("/accounts/login/").content.decode()

    assert "<title>Create an account – Connected Places</title>" in signup
    assert 'for="id_password2">Confirm password</label>' in signup
    assert "<title>Sign in – Connected Places</title>" in login
    assert "Keep me signed in on this device" in login
    assert "Sign In" not in login and "Sign Up" not in signup
