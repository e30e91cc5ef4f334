"""The digest email as a member receives it, and unsubscribing from it without signing in."""

import re

import pytest
from django.core import mail
from django.test import Client

from digests import runs
from digests.models import DigestRun
from digests.unsubscribe import unsubscribe_token
from members.models import DigestFrequency, Preferences

from .conftest import start_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def digest_email(period, make_community, make_member, make_case_study, make_event):
    data = make_community("Data")
    reader = make_member(data, display_name="Ada Reader")
    author = make_member(data, display_name="Grace Author")
    start_thread(data, author, "Bin collection schemas", "Which **open standard** do you use?")
    make_case_study("Leeds open data", data, summary="Leeds publishes its bin rounds openly.")
    make_event("Data standards meetup", data, capacity=30)
    Preferences.objects.filter(user=author).update(digest_frequency=DigestFrequency.OFF)
    run = runs.start_run(period, trigger=DigestRun.Trigger.SCHEDULE, queue=False)
    runs.process_chunk(run.chunks.get().pk)
    [message] = mail.outbox
    return reader, message


def one_click_path(message) -> str:
    header = message.extra_headers["List-Unsubscribe"]
    match = re.fullmatch(r"<http://testserver(/digests/unsubscribe/[^>]+/one-click/)>", header)
    assert match, header
    return match[1]


def test_subject_says_whats_inside(digest_email):
    reader, message = digest_email
    assert message.to == [reader.email]
    assert message.subject == (
        "[Connected Places] Your weekly digest: 1 new discussion, 1 upcoming event "
        "and 1 new case study in Data"
    )


def test_both_parts_carry_the_items_with_excerpts_and_absolute_links(digest_email):
    _, message = digest_email
    html = message.alternatives[0].content
    assert message.alternatives[0].mimetype == "text/html"
    for part in (message.body, html):
        assert "Hello Ada Reader" in part
        assert "Bin collection schemas" in part
        assert "Which open standard do you use?" in part  # the post's text, without markup
        assert "Started by Grace Author" in part
        assert "Leeds publishes its bin rounds openly." in part
        assert "30 places left" in part
        assert "http://testserver/communities/data/discussions/" in part
        assert "http://testserver/case-studies/leeds-open-data/" in part
        assert "http://testserver/digests/preview/" in part
    assert "<style" not in html  # inline styles only: clients strip <style> blocks
    assert re.search(r'<h2 style="[^"]+"><a href="http://testserver/communities/data/"', html)


def test_headers_for_one_click_unsubscribe_and_a_stable_message_id(digest_email, period):
    reader, message = digest_email
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert (
        one_click_path(message) == f"/digests/unsubscribe/{unsubscribe_token(reader.pk)}/one-click/"
    )
    message_id = message.extra_headers["Message-ID"]
    assert message_id.startswith(f"<digest.{period.key}.{reader.pk}.")
    assert message.message()["Message-ID"] == message_id  # not replaced by Django


def test_one_click_post_from_a_mail_client_unsubscribes_without_sign_in_or_csrf(digest_email):
    reader, message = digest_email
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        one_click_path(message),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    reader.preferences.refresh_from_db()
    assert reader.preferences.digest_frequency == DigestFrequency.OFF


def test_footer_link_asks_then_unsubscribes_without_sign_in(digest_email):
    reader, message = digest_email
    path = re.search(r"Unsubscribe from digests: http://testserver(\S+)", message.body)[1]
    client = Client(enforce_csrf_checks=True)

    page = client.get(path)
    assert page.status_code == 200
    assert "Unsubscribe from digests" in page.text and reader.email in page.text
    reader.preferences.refresh_from_db()
    assert reader.preferences.digest_frequency == DigestFrequency.WEEKLY  # a GET changes nothing

    refused = client.post(path)  # the confirmation form carries a CSRF token; this has none
    assert refused.status_code == 403
    token = client.cookies["csrftoken"].value
    done = client.post(path, {"csrfmiddlewaretoken": token})
    assert done.status_code == 200
    assert "You are unsubscribed" in done.text
    reader.preferences.refresh_from_db()
    assert reader.preferences.digest_frequency == DigestFrequency.OFF

    again = client.get(path)
    assert "You are already unsubscribed" in again.text


def test_a_one_click_address_opened_in_a_browser_goes_to_the_confirmation(digest_email):
    reader, message = digest_email
    response = Client().get(one_click_path(message))
    assert response.status_code == 302
    assert response.url == f"/digests/unsubscribe/{unsubscribe_token(reader.pk)}/"


@pytest.mark.parametrize(
    "token",
    [
        "1:forged-signature",
        "not-a-token",
        # A real member's token with the id changed to another member's.
        "CHANGED",
    ],
)
def test_forged_tokens_are_refused_with_a_clear_page(make_member, token):
    victim, other = make_member(), make_member()
    if token == "CHANGED":
        token = unsubscribe_token(other.pk).replace(f"{other.pk}:", f"{victim.pk}:", 1)
    client = Client(enforce_csrf_checks=True)

    page = client.get(f"/digests/unsubscribe/{token}/")
    one_click = client.post(f"/digests/unsubscribe/{token}/one-click/")
    confirm = Client().post(f"/digests/unsubscribe/{token}/")  # CSRF aside: the token fails

    assert page.status_code == 400
    assert "This unsubscribe link does not work" in page.text
    assert one_click.status_code == 400
    assert confirm.status_code == 400
    victim.preferences.refresh_from_db()
    assert victim.preferences.digest_frequency == DigestFrequency.WEEKLY
