"""The member's "next digest" preview, and the editors' digest page in the Wagtail admin."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail

from digests.models import DeliveryStatus, DigestDelivery, DigestRun
from digests.periods import weekly_period
from members.models import DigestFrequency, Preferences

from .conftest import start_thread

pytestmark = pytest.mark.django_db


def test_preview_needs_sign_in(client):
    response = client.get("/digests/preview/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_preview_shows_the_next_digest(client, make_community, make_member, period):
    data = make_community("Data")
    member = make_member(data)
    start_thread(data, make_member(data), "Bin collection schemas", "Which standard do you use?")
    client.force_login(member)

    response = client.get("/digests/preview/")

    assert response.status_code == 200
    assert "Your next digest" in response.text
    assert "Bin collection schemas" in response.text
    assert "Which standard do you use?" in response.text
    assert (
        f"{period.first_day:%A} {period.first_day.day} {period.first_day:%B %Y}" in (response.text)
        or "is due on" in response.text
    )
    assert not mail.outbox  # a preview sends nothing and records nothing
    assert not DigestDelivery.objects.exists()


def test_preview_after_this_weeks_digest_looks_at_next_week(
    client, make_community, make_member, period
):
    member = make_member(make_community("Data"))
    DigestDelivery.objects.create(
        member=member,
        period=period.key,
        status=DeliveryStatus.SKIPPED,
        claimed_at=period_start(period),
        message_id="<x@testserver>",
    )
    client.force_login(member)
    next_monday = period.last_day.toordinal() + 1
    import datetime

    due = datetime.date.fromordinal(next_monday)
    response = client.get("/digests/preview/")
    assert f"{due:%A} {due.day} {due:%B %Y}" in response.text
    assert "Nothing new in your communities yet" in response.text


def period_start(period):
    import datetime

    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(period.first_day, datetime.time(7)))


def test_preview_when_the_digest_is_off(client, make_member):
    member = make_member()
    Preferences.objects.filter(user=member).update(digest_frequency=DigestFrequency.OFF)
    client.force_login(member)
    response = client.get("/digests/preview/")
    assert "You have turned the digest off" in response.text


@pytest.fixture
def editor(make_member):
    user = make_member()
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def test_editors_see_each_runs_numbers(client, editor, make_member, period):
    run = DigestRun.objects.create(period=period.key, trigger="schedule", considered=4)
    for status in ["sent", "sent", "skipped", "failed"]:
        DigestDelivery.objects.create(
            member=make_member(), period=period.key, status=status, run=run,
            claimed_at=period_start(period), message_id="<x@testserver>",
        )  # fmt: skip
    client.force_login(editor)

    response = client.get("/admin/digests/")

    assert response.status_code == 200
    row = response.text.split(f'<th scope="row">{period.key}</th>', 1)[1].split("</tr>", 1)[0]
    cells = [cell.split("</td>")[0].strip() for cell in row.split("<td>")[1:]]
    assert cells[2:8] == ["4", "2", "1", "1", "0", "0"]  # considered, sent, skipped, failed…
    assert '"/admin/digests/"' in client.get("/admin/").text  # in the admin's menu


def test_editors_start_a_run_for_a_period(
    client, editor, make_community, make_member, period, django_capture_on_commit_callbacks
):
    data = make_community("Data")
    reader = make_member(data)
    start_thread(data, make_member(data), "Bin collection schemas", "Which standard?")
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/digests/", {"period": period.key}, follow=True)

    assert response.status_code == 200
    assert f"Started a run for {period.key}" in response.text
    run = DigestRun.objects.get()
    assert run.trigger == DigestRun.Trigger.EDITOR and run.started_by == editor
    assert reader.email in [address for message in mail.outbox for address in message.to]


def test_a_bad_period_is_explained_and_starts_nothing(client, editor):
    client.force_login(editor)
    response = client.post("/admin/digests/", {"period": "2026-W99"})
    assert response.status_code == 200
    assert "2026 has no ISO week 99" in response.text
    assert 'value="2026-W99"' in response.text  # the editor's input, kept
    assert not DigestRun.objects.exists()


def test_a_period_that_has_not_started_is_refused(client, editor, period):
    later = weekly_period(period.first_day + datetime.timedelta(days=14))
    client.force_login(editor)
    response = client.post("/admin/digests/", {"period": later.key})
    assert response.status_code == 200
    assert f"{later.key} has not started yet" in response.text
    assert not DigestRun.objects.exists()


def test_admin_users_without_the_permission_cannot_see_or_start_runs(client, make_member):
    member = make_member()
    member.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(member)

    # Wagtail answers a permission refusal by sending the user back to the dashboard.
    for response in (
        client.get("/admin/digests/"),
        client.post("/admin/digests/", {"period": "2026-W01"}),
    ):
        assert (response.status_code, response.url) == (302, "/admin/")
    assert '"/admin/digests/"' not in client.get("/admin/").text
    assert not DigestRun.objects.exists()
