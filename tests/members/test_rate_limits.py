"""allauth's rate limits, counted in the default cache, refuse with 429 and our page."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.test import Client

from members.models import User
from tests.factories import UserFactory

from .account_helpers import (
    FACTORY_PASSWORD,
    page_text,
    rate_limit,
    sign_in,
    sign_up,
    signed_in_user_id,
    title_of,
)

pytestmark = pytest.mark.django_db


def assert_refused_with_our_page(response):
    assert response.status_code == 429
    assert title_of(response) == "Too many attempts – Connected Places"
    assert "You have tried too many times" in page_text(response)
    assert "Wait a few minutes, then try again." in page_text(response)


def test_failed_sign_ins_beyond_the_limit_are_refused_even_with_the_right_password(client):
    member = UserFactory(email="target@example.org")
    attempts, _ = rate_limit("login_failed", "key")

    for _ in range(attempts):
        response = sign_in(client, member.email, "a wrong guess")
        assert response.status_code == 200
        assert "The email address or password is not correct." in page_text(response)

    refused = sign_in(client, member.email, "another wrong guess")
    assert_refused_with_our_page(refused)

    right_password = sign_in(client, member.email, FACTORY_PASSWORD)
    assert_refused_with_our_page(right_password)
    assert signed_in_user_id(client) is None
    member.refresh_from_db()
    assert member.last_login is None


def test_the_limit_is_per_account_so_others_can_still_sign_in(client):
    target = UserFactory(email="target@example.org")
    bystander = UserFactory(email="bystander@example.org")
    attempts, _ = rate_limit("login_failed", "key")
    for _ in range(attempts + 1):
        sign_in(client, target.email, "a wrong guess")

    response = sign_in(client, bystander.email)

    assert response.status_code == 302
    assert signed_in_user_id(client) == str(bystander.pk)


def test_failed_sign_ins_from_other_addresses_count_for_the_same_account():
    member = UserFactory(email="target@example.org")
    attempts, _ = rate_limit("login_failed", "key")
    for number in range(attempts):
        sign_in(Client(REMOTE_ADDR=f"192.0.2.{number + 1}"), member.email, "a wrong guess")

    response = sign_in(Client(REMOTE_ADDR="198.51.100.7"), member.email, FACTORY_PASSWORD)

    assert_refused_with_our_page(response)


def test_a_successful_sign_in_does_not_reset_the_count_of_failures(client):
    member = UserFactory(email="target@example.org")
    attempts, _ = rate_limit("login_failed", "key")
    for _ in range(attempts - 1):
        sign_in(client, member.email, "a wrong guess")
    assert sign_in(Client(), member.email).status_code == 302

    sign_in(client, member.email, "a wrong guess")
    response = sign_in(client, member.email, "yet another guess")

    assert_refused_with_our_page(response)


def test_wrong_two_factor_codes_are_limited_too(client):
    member = UserFactory(email="target@example.org")
    TOTP.activate(member, generate_totp_secret())
    assert Authenticator.objects.filter(user=member).exists()
    attempts, _ = rate_limit("login_failed", "key")
    sign_in(client, member.email)

    for _ in range(attempts):
        response = client.post("/accounts/2fa/authenticate/", {"code": "000000x"})
        assert response.status_code == 200

    assert_refused_with_our_page(client.post("/accounts/2fa/authenticate/", {"code": "000000x"}))
    assert signed_in_user_id(client) is None


def test_sign_ups_from_one_address_are_limited(client):
    attempts, _ = rate_limit("signup", "ip")

    for number in range(attempts):
        assert sign_up(client, f"person{number}@example.org").status_code == 302
        client.logout()

    assert_refused_with_our_page(sign_up(client, "one.too.many@example.org"))
    assert not User.objects.filter(email="one.too.many@example.org").exists()


@pytest.mark.parametrize("address", ["target@example.org", "nobody@example.org"])
def test_password_resets_for_one_address_are_limited_alike_for_known_and_unknown(address):
    UserFactory(email="target@example.org")
    attempts, _ = rate_limit("reset_password", "key")

    for number in range(attempts):
        client = Client(REMOTE_ADDR=f"192.0.2.{number + 1}")
        assert client.post("/accounts/password/reset/", {"email": address}).status_code == 302
    sent = len(mail.outbox)

    refused = Client(REMOTE_ADDR="198.51.100.7").post(
        "/accounts/password/reset/", {"email": address}
    )

    assert_refused_with_our_page(refused)
    assert len(mail.outbox) == sent


def test_sign_in_code_requests_for_one_address_are_limited(client):
    member = UserFactory(email="target@example.org")
    attempts, _ = rate_limit("request_login_code", "key")

    for number in range(attempts):
        client = Client(REMOTE_ADDR=f"192.0.2.{number + 1}")
        assert client.post("/accounts/login/code/", {"email": member.email}).status_code == 302
    sent = len(mail.outbox)

    refused = Client(REMOTE_ADDR="198.51.100.7").post(
        "/accounts/login/code/", {"email": member.email}
    )

    assert_refused_with_our_page(refused)
    assert len(mail.outbox) == sent == attempts


def test_wrong_passwords_on_the_delete_page_count_as_failed_sign_ins(client):
    member = UserFactory(email="target@example.org")
    client.force_login(member)
    attempts, _ = rate_limit("login_failed", "key")

    for _ in range(attempts):
        response = client.post("/accounts/delete/", {"password": "a wrong guess"})
        assert response.status_code == 200

    assert_refused_with_our_page(client.post("/accounts/delete/", {"password": FACTORY_PASSWORD}))
    assert User.objects.filter(pk=member.pk).exists()
