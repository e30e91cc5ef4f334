"""Links in account emails go to the site's configured address, whatever host name the
request that sent them arrived on (another domain pointing at the site, a proxy's own name).
"""

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from members.models import User
from tests.factories import UserFactory

from .account_helpers import last_email_to, page_text, sign_in, sign_up, signed_in_user_id

pytestmark = pytest.mark.django_db

BASE_URL = "https://connectedplaces.example.org"
OTHER_HOST = "other-name.example.net"


@pytest.fixture(autouse=True)
def _served_on_another_host_too(settings):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    settings.ALLOWED_HOSTS = ["connectedplaces.example.org", OTHER_HOST]


@pytest.fixture
def client():
    """A browser on the other host name."""
    return Client(HTTP_HOST=OTHER_HOST)


def link_after(message, words: str) -> str:
    """The link on the line after `words` in the email's text."""
    match = re.search(rf"{re.escape(words)}[^\n]*\n\n(\S+)", message.body)
    assert match, f"no link after {words!r} in:\n{message.body}"
    return match.group(1)


def open_link(client, link, method="get", **kwargs):
    """Opens the link as a member's browser would: on the host and scheme it names."""
    parts = urlsplit(link)
    return getattr(client, method)(
        parts.path, HTTP_HOST=parts.netloc, secure=parts.scheme == "https", **kwargs
    )


def test_the_sign_up_confirmation_link_is_on_the_site_address_and_confirms(client):
    sign_up(client, "ada@example.org")

    link = link_after(last_email_to("ada@example.org"), "Follow this link")

    assert link.startswith(f"{BASE_URL}/accounts/confirm-email/")
    assert "Confirm that ada@example.org" in page_text(open_link(client, link))
    assert open_link(client, link, "post").status_code == 302
    assert EmailAddress.objects.get(email="ada@example.org").verified
    assert signed_in_user_id(client) == str(User.objects.get(email="ada@example.org").pk)


def test_the_password_reset_link_is_on_the_site_address_and_sets_the_password(client):
    member = UserFactory(email="member@example.org")
    client.post("/accounts/password/reset/", {"email": member.email})

    link = link_after(last_email_to(member.email), "Follow this link")

    assert link.startswith(f"{BASE_URL}/accounts/password/reset/key/")
    form_page = open_link(client, link, follow=True)
    assert "Choose a new password" in page_text(form_page)
    new_password = "a brand new passphrase 77"
    response = open_link(
        client,
        BASE_URL + form_page.redirect_chain[-1][0],
        "post",
        data={"password1": new_password, "password2": new_password},
    )
    assert response.status_code == 302
    assert sign_in(Client(HTTP_HOST=OTHER_HOST), member.email, new_password).status_code == 302


def test_the_already_have_an_account_email_links_to_password_reset_on_the_site_address(client):
    UserFactory(email="taken@example.org")
    sign_up(client, "taken@example.org")

    message = last_email_to("taken@example.org")

    assert f"{BASE_URL}/accounts/password/reset/\n" in message.body
    assert OTHER_HOST not in message.body


def test_the_unknown_account_email_links_to_sign_up_on_the_site_address(client, settings):
    settings.ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True  # off on the site; the link must hold if on
    client.post("/accounts/password/reset/", {"email": "nobody@example.org"})

    message = last_email_to("nobody@example.org")

    assert f"{BASE_URL}/accounts/signup/\n" in message.body
    assert OTHER_HOST not in message.body
