"""A member's email and notification settings, on one page."""

import pytest

from members.models import DigestFrequency, Preferences, Weekday
from tests.factories import UserFactory

PREFERENCES_URL = "/accounts/preferences/"


@pytest.fixture
def member(db):
    return UserFactory()


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def settings_data(**overrides) -> dict:
    data = {
        "digest_frequency": "weekly",
        "digest_day": "0",
        "email_on_reply": "on",
        "email_on_mention": "on",
        "email_on_event_change": "on",
        "in_app_notifications": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.mark.django_db
def test_preferences_need_a_signed_in_member(client):
    response = client.get(PREFERENCES_URL)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={PREFERENCES_URL}"


def test_a_new_member_sees_the_defaults_chosen(member_client):
    content = member_client.get(PREFERENCES_URL).content.decode()

    assert 'value="weekly" checked' in content
    assert 'value="0" checked' in content  # Monday
    for name in ["email_on_reply", "email_on_mention", "email_on_event_change"]:
        assert f'name="{name}" type="checkbox" checked' in content
    assert 'name="in_app_notifications" type="checkbox" checked' in content


def test_the_day_question_keeps_its_answer_whatever_the_frequency(member, member_client):
    member.preferences.digest_frequency = DigestFrequency.DAILY
    member.preferences.digest_day = Weekday.FRIDAY
    member.preferences.save()

    content = member_client.get(PREFERENCES_URL).content.decode()

    assert 'value="daily" checked' in content
    assert "Which day do you want the weekly digest?" in content
    assert 'name="digest_day" type="radio" value="4" checked' in content


def test_saving_settings_stores_them_and_confirms(member, member_client):
    response = member_client.post(
        PREFERENCES_URL,
        settings_data(
            digest_day="3",
            email_on_reply=None,
            email_on_event_change=None,
            in_app_notifications=None,
        ),
        follow=True,
    )

    assert response.redirect_chain == [(PREFERENCES_URL, 302)]
    assert "Your email and notification settings have been saved" in response.content.decode()
    preferences = Preferences.objects.get(user=member)
    assert preferences.digest_frequency == DigestFrequency.WEEKLY
    assert preferences.digest_day == Weekday.THURSDAY
    assert preferences.email_on_reply is False
    assert preferences.email_on_mention is True
    assert preferences.email_on_event_change is False
    assert preferences.in_app_notifications is False


@pytest.mark.parametrize("frequency", ["daily", "off"])
def test_turning_the_digest_to_daily_or_off_keeps_the_chosen_day(member, member_client, frequency):
    member.preferences.digest_day = Weekday.FRIDAY
    member.preferences.save()

    member_client.post(PREFERENCES_URL, settings_data(digest_frequency=frequency, digest_day=None))

    preferences = Preferences.objects.get(user=member)
    assert preferences.digest_frequency == frequency
    assert preferences.digest_day == Weekday.FRIDAY


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("digest_frequency", "hourly", "Select a valid choice"),
        ("digest_frequency", None, "Select how often you want a digest email"),
        ("digest_day", "9", "Select a valid choice"),
    ],
)
def test_a_bad_answer_is_refused_and_nothing_changes(member, member_client, field, value, message):
    response = member_client.post(
        PREFERENCES_URL, settings_data(email_on_reply=None, **{field: value})
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in content
    assert "There is a problem" in content
    assert message in content
    assert 'name="email_on_reply" type="checkbox" checked' not in content  # the answer is kept
    preferences = Preferences.objects.get(user=member)
    assert preferences.email_on_reply is True
    assert preferences.digest_frequency == DigestFrequency.WEEKLY
    assert preferences.digest_day == Weekday.MONDAY


def test_a_member_only_ever_changes_their_own_settings(member, member_client):
    other = UserFactory()

    member_client.post(PREFERENCES_URL, settings_data(digest_frequency="off", user=other.pk))

    assert Preferences.objects.get(user=other).digest_frequency == DigestFrequency.WEEKLY
    assert Preferences.objects.get(user=member).digest_frequency == DigestFrequency.OFF
