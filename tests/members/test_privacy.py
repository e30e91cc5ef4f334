"""A member's rights over their data: seeing it, downloading it, deleting the account.

The deletion tests scan every table (auto-created many-to-many tables too) and every session
for what identified the member, so they hold whatever tables other apps add. Run them on
PostgreSQL as well as SQLite (see README).
"""

import datetime
import json
import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.utils import timezone

from members.models import DigestFrequency, Notification, Preferences, Sector, User, Weekday
from members.notifications import notify
from members.privacy import PROFILE_FIELDS
from tests.factories import EventPageFactory, RegistrationFactory, UserFactory

from .account_helpers import (
    FACTORY_PASSWORD,
    confirm_it_is_you,
    last_email_to,
    page_text,
    setup_key_on,
    sign_in,
    signed_in_user_id,
    title_of,
    totp_code,
)

pytestmark = pytest.mark.django_db

# Fields of the user model that the member does not enter; everything else must be exported.
NOT_ENTERED_BY_THE_MEMBER = {
    "id",
    "password",
    "is_staff",
    "is_superuser",
    "is_active",
    "groups",
    "user_permissions",
}

ZENOBIA = {
    "email": "zenobia.quillfeather@example.org",
    "display_name": "Zenobia Quillfeather",
    "handle": "zenobia-quillfeather",
    "first_name": "Zenobiaxa",
    "last_name": "Quillfeatherby",
    "organisation": "Marshgate Lantern Trust",
    "job_title": "Chief Lamplighter of Data",
    "sector": Sector.THIRD_SECTOR,
    "place": "Lower Wyrmsby",
    "bio": "I map every streetlight in Lower Wyrmsby by hand.",
    "listed_in_directory": False,
}
ZENOBIA_PREFERENCES = {
    "digest_frequency": DigestFrequency.DAILY,
    "digest_day": Weekday.THURSDAY,
    "email_on_reply": False,
    "email_on_mention": False,
    "email_on_event_change": False,
    "in_app_notifications": False,
}
# What must not be found anywhere once Zenobia's account is gone.
TRACES = [
    "zenobia.quillfeather@example.org",
    "zenobia.new@example.org",
    "Zenobia Quillfeather",
    "zenobia-quillfeather",
    "Zenobiaxa",
    "Quillfeatherby",
    "Marshgate Lantern Trust",
    "Chief Lamplighter of Data",
    "Lower Wyrmsby",
]


@pytest.fixture
def zenobia(site_tree):
    interest = _an_interest()
    member = UserFactory(**ZENOBIA, interests=[interest] if interest else [])
    Preferences.objects.filter(user=member).update(**ZENOBIA_PREFERENCES)
    member.refresh_from_db()
    return member


def _an_interest():
    from members.profiles import interest_choices

    choices = interest_choices()
    return choices[0][0] if choices else None


@pytest.fixture
def colleague():
    return UserFactory(
        email="colleague@example.org", display_name="Ruth Colleague", organisation="Elsewhere"
    )


# Your data ---------------------------------------------------------------------------------


def test_your_data_page_explains_what_we_hold(client, zenobia):
    client.force_login(zenobia)
    Notification.objects.create(recipient=zenobia, kind="reply", message="Someone replied")

    response = client.get("/accounts/your-data/")

    text = page_text(response)
    assert title_of(response) == "Your data – Connected Places"
    assert "zenobia.quillfeather@example.org" in text
    assert "Notifications 1 item" in text
    assert 'href="/accounts/your-data/download/"' in response.content.decode()
    assert 'href="/accounts/delete/"' in response.content.decode()
    assert 'href="/privacy/"' in response.content.decode()


def test_download_is_a_json_file_that_is_never_cached(client, zenobia):
    client.force_login(zenobia)

    response = client.get("/accounts/your-data/download/")

    today = timezone.localdate().isoformat()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"] == (
        f'attachment; filename="connected-places-data-{today}.json"'
    )
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert json.loads(response.content)["profile"]["email"] == zenobia.email


def test_download_contains_every_field_the_member_entered(client, zenobia):
    client.force_login(zenobia)

    data = json.loads(client.get("/accounts/your-data/download/").content)

    entered = {
        field.name
        for field in User._meta.get_fields()
        if field.concrete and not field.auto_created and field.name not in NOT_ENTERED_BY_THE_MEMBER
    }
    assert entered <= set(PROFILE_FIELDS), "a profile field is missing from the export"
    profile = data["profile"]
    for field, value in ZENOBIA.items():
        assert profile[field] == value, field
    assert profile["interests"] == zenobia.interests
    assert set(Preferences.CHOICE_FIELDS) == {
        field.name
        for field in Preferences._meta.get_fields()
        if field.concrete and field.name not in {"id", "user"}
    }
    assert data["preferences"] == ZENOBIA_PREFERENCES
    assert data["email_addresses"] == [
        {"email": "zenobia.quillfeather@example.org", "verified": True, "primary": True}
    ]


def test_download_includes_what_other_apps_hold(client, zenobia, site_tree):
    event = EventPageFactory(parent=site_tree["events"], title="Lantern mapping workshop")
    RegistrationFactory(event=event, user=zenobia, comments="I will bring my own lantern")
    client.force_login(zenobia)

    data = json.loads(client.get("/accounts/your-data/download/").content)

    assert data["event_registrations"][0]["event"] == "Lantern mapping workshop"
    assert data["event_registrations"][0]["comments"] == "I will bring my own lantern"


def test_someone_elses_data_cannot_be_downloaded(client, zenobia, colleague):
    client.force_login(colleague)

    data = json.loads(client.get("/accounts/your-data/download/").content)

    assert "Zenobia" not in json.dumps(data)
    assert Client().get("/accounts/your-data/download/").status_code == 302


# Deleting the account ----------------------------------------------------------------------


def personal_data_left(traces=TRACES) -> list[str]:
    """Where any of `traces` is still stored: every row of every table, and every session."""
    found = []
    lowered = [trace.lower() for trace in traces]
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        columns = [field.attname for field in model._meta.concrete_fields]
        for row in model._base_manager.values_list(*columns):
            text = " ".join(str(value) for value in row).lower()
            found += [f"{model._meta.db_table}: {t}" for t in lowered if t in text]
    for session in Session.objects.all():
        text = json.dumps(session.get_decoded(), default=str).lower()
        found += [f"django_session: {t}" for t in lowered if t in text]
    return found


def leave_traces_everywhere(zenobia, colleague, site_tree) -> Client:
    """Zenobia uses the site the way members do; returns her signed-in browser."""
    browser = Client()
    sign_in(browser, zenobia.email)
    confirm_it_is_you(browser)
    # Two-factor authentication on (her authenticator key and recovery codes).
    page = browser.get("/accounts/2fa/totp/activate/")
    browser.post("/accounts/2fa/totp/activate/", {"code": totp_code(setup_key_on(page))})
    assert Authenticator.objects.filter(user=zenobia).count() == 2
    # A change of email address still waiting for its link.
    browser.post("/accounts/email/", {"email": "zenobia.new@example.org", "action_add": "1"})
    assert EmailAddress.objects.filter(email="zenobia.new@example.org").exists()
    # A second device, and an anonymous session holding her address (a sign-in code request).
    sign_in(Client(), zenobia.email)
    Client().post("/accounts/login/code/", {"email": zenobia.email})
    # Notifications to her, and about what she did, sent to a colleague.
    Notification.objects.create(
        recipient=zenobia, actor=colleague, kind="reply", message="Ruth replied to your post"
    )
    notify(
        colleague,
        kind="mention",
        message="Zenobia Quillfeather (@zenobia-quillfeather) mentioned you",
        actor=zenobia,
    )
    # A place at an event, with answers that identify her.
    event = EventPageFactory(parent=site_tree["events"])
    RegistrationFactory(
        event=event,
        user=zenobia,
        organisation="Marshgate Lantern Trust",
        comments="Zenobia Quillfeather will need a lamp-post",
    )
    return browser


def test_deleting_the_account_leaves_no_personal_data_anywhere(zenobia, colleague, site_tree):
    browser = leave_traces_everywhere(zenobia, colleague, site_tree)
    assert len(personal_data_left()) > 10  # the scan finds what is there
    colleague_before = User.objects.filter(pk=colleague.pk).values().get()

    with_email = browser.get("/accounts/delete/")
    assert title_of(with_email) == "Delete your account – Connected Places"
    response = browser.post("/accounts/delete/", {"password": FACTORY_PASSWORD})

    assert response.status_code == 302
    assert response.url == "/"
    assert personal_data_left() == []
    assert not User.objects.filter(pk=zenobia.pk).exists()
    # Another member's data is untouched, and their notification reads without the name.
    assert User.objects.filter(pk=colleague.pk).values().get() == colleague_before
    assert EmailAddress.objects.filter(user=colleague, verified=True).exists()
    notice = Notification.objects.get(recipient=colleague)
    assert notice.message == "A former member (a former member) mentioned you"
    assert notice.actor is None


def test_deleting_signs_out_confirms_and_emails_the_old_address(
    client, zenobia, site_tree, django_capture_on_commit_callbacks
):
    sign_in(client, zenobia.email)
    other_device = Client()
    sign_in(other_device, zenobia.email)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/delete/", {"password": FACTORY_PASSWORD}, follow=True)

    assert signed_in_user_id(client) is None
    assert signed_in_user_id(other_device) is None
    assert "Your account has been deleted" in page_text(response)
    message = last_email_to("zenobia.quillfeather@example.org")
    assert message.subject == "[Connected Places] Your account has been deleted"
    assert "Hello Zenobia Quillfeather" in message.body
    assert "Choose which emails you get" not in message.body
    assert sign_in(Client(), zenobia.email).status_code == 200  # no such account now


def test_deleting_needs_the_right_password_and_a_wrong_one_changes_nothing(
    client, zenobia, site_tree
):
    client.force_login(zenobia)
    rows_before = personal_data_left()

    empty = client.post("/accounts/delete/", {"password": ""})
    wrong = client.post("/accounts/delete/", {"password": "not my password"})

    assert empty.status_code == wrong.status_code == 200
    assert "Enter your password" in page_text(empty)
    assert title_of(wrong) == "Error: Delete your account – Connected Places"
    assert "The password is not correct." in page_text(wrong)
    assert re.search(
        r'<a href="#id_password">The password is not correct.</a>', wrong.content.decode()
    )
    assert User.objects.filter(pk=zenobia.pk).exists()
    assert personal_data_left() == rows_before
    assert signed_in_user_id(client) == str(zenobia.pk)
    assert mail.outbox == []


def test_delete_page_explains_what_happens(client, zenobia):
    client.force_login(zenobia)

    text = page_text(client.get("/accounts/delete/"))

    assert "You cannot undo this." in text
    assert "shown as from “former member”" in text
    assert "people on a waiting list can take them" in text


def test_deleting_an_account_cancels_its_upcoming_registrations(client, zenobia, site_tree):
    event = EventPageFactory(
        parent=site_tree["events"], starts_at=timezone.now() + datetime.timedelta(days=3)
    )
    registration = RegistrationFactory(event=event, user=zenobia, state="confirmed")
    client.force_login(zenobia)

    client.post("/accounts/delete/", {"password": FACTORY_PASSWORD})

    registration.refresh_from_db()
    assert registration.state == "cancelled"
    assert registration.user_id is None
