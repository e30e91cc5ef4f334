"""Runs, chunks and deliveries: one digest per member per period, whatever is retried."""

import datetime
import uuid

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from digests import runs
from digests.acceptance import FILE_BACKEND, in_outbox_folder
from digests.models import DeliveryStatus, DigestChunk, DigestDelivery, DigestRun
from digests.periods import daily_period
from digests.rendering import message_id_for
from digests.tasks import reconcile_digest_deliveries, send_digest_chunk
from members.models import DigestFrequency, Preferences

from .conftest import ago, start_thread

pytestmark = pytest.mark.django_db
SCHEDULE = DigestRun.Trigger.SCHEDULE


@pytest.fixture
def scene(make_community, make_member):
    """Two members with news in their community, one with none, one who turned digests off."""
    data = make_community("Data")
    author = make_member(data)
    Preferences.objects.filter(user=author).update(digest_frequency=DigestFrequency.OFF)
    readers = [make_member(data), make_member(data)]
    quiet = make_member()  # follows nothing: nothing relevant
    off = make_member(data)
    Preferences.objects.filter(user=off).update(digest_frequency=DigestFrequency.OFF)
    start_thread(data, author, "Open data standards", "Which schema do you use for bins?")
    return {"readers": readers, "quiet": quiet, "off": off}


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def statuses(period):
    return dict(
        DigestDelivery.objects.filter(period=period.key).values_list("member__email", "status")
    )


def test_a_run_sends_one_digest_to_each_member_with_news_and_skips_the_rest(
    scene, period, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = runs.start_run(period, trigger=SCHEDULE)

    readers = sorted(member.email for member in scene["readers"])
    assert recipients() == readers
    assert statuses(period) == {
        **dict.fromkeys(readers, DeliveryStatus.SENT),
        scene["quiet"].email: DeliveryStatus.SKIPPED,
    }
    run.refresh_from_db()
    assert run.considered == 3 and run.finished_at is not None
    assert runs.run_outcomes([run])[run.pk] == {"sent": 2, "skipped": 1}
    delivery = DigestDelivery.objects.get(member=scene["readers"][0], period=period.key)
    assert delivery.message_id == message_id_for(scene["readers"][0].pk, period.key)
    assert delivery.sent_at and delivery.content_until and delivery.item_count == 1


def test_starting_the_run_again_sends_nothing_more(
    scene, period, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        runs.start_run(period, trigger=SCHEDULE)
    with django_capture_on_commit_callbacks(execute=True):
        again = runs.start_run(period, trigger=DigestRun.Trigger.EDITOR)

    assert len(mail.outbox) == 2
    assert again.considered == 0 and again.finished_at is not None


def test_a_chunk_task_delivered_twice_sends_once(scene, period):
    run = runs.start_run(period, trigger=SCHEDULE, queue=False)
    chunk = run.chunks.get()

    first = send_digest_chunk.delay(chunk.pk).get()
    DigestChunk.objects.filter(pk=chunk.pk).update(finished_at=None)  # as if never recorded
    second = send_digest_chunk.delay(chunk.pk).get()

    assert first["sent"] == 2 and first["skipped"] == 1
    assert second == {"claimed": 0, "sent": 0, "skipped": 0, "failed": 0, "lost": 0}
    assert len(mail.outbox) == 2


def test_two_runs_racing_for_the_same_members_send_once(scene, period):
    first = runs.start_run(period, trigger=SCHEDULE, queue=False)
    second = runs.start_run(period, trigger=DigestRun.Trigger.COMMAND, queue=False)
    assert first.considered == second.considered == 3  # neither had claimed anyone yet

    runs.process_chunk(second.chunks.get().pk)
    runs.process_chunk(first.chunks.get().pk)

    assert len(mail.outbox) == 2
    assert DigestDelivery.objects.filter(period=period.key).count() == 3


def test_a_worker_that_died_after_claiming_is_picked_up_and_sends_once(
    scene, period, django_capture_on_commit_callbacks
):
    """The claim is recorded, then the worker dies before sending anything."""
    run = runs.start_run(period, trigger=SCHEDULE, queue=False)
    chunk = run.chunks.get()
    reader = scene["readers"][0]
    DigestDelivery.objects.create(
        member=reader,
        period=period.key,
        status=DeliveryStatus.CLAIMED,
        run=run,
        claim_token=uuid.uuid4(),  # the dead worker's
        claimed_at=timezone.now(),
        message_id=message_id_for(reader.pk, period.key),
        attempts=1,
    )

    # The chunk runs again (a redelivery) while the claim is fresh: it leaves that member alone.
    runs.process_chunk(chunk.pk)
    assert recipients() == [scene["readers"][1].email]

    # Once the claim is stale, the reconciler queues that member again, and they get one.
    DigestDelivery.objects.filter(member=reader).update(claimed_at=ago(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        result = reconcile_digest_deliveries.delay().get()

    assert result["retried_members"] == 1
    assert sorted(recipients()) == sorted(member.email for member in scene["readers"])
    delivery = DigestDelivery.objects.get(member=reader, period=period.key)
    assert delivery.status == DeliveryStatus.SENT and delivery.attempts == 2
    assert mail.outbox[-1].extra_headers["Message-ID"] == delivery.message_id
    run.refresh_from_db()
    assert run.finished_at is not None


def test_a_worker_that_died_while_sending_is_not_resent(scene, period):
    """The one window no queue closes: the mail server may have accepted the message."""
    run = runs.start_run(period, trigger=SCHEDULE, queue=False)
    reader = scene["readers"][0]
    DigestDelivery.objects.create(
        member=reader,
        period=period.key,
        status=DeliveryStatus.SENDING,
        run=run,
        claim_token=uuid.uuid4(),
        claimed_at=ago(hours=1),
        sending_at=ago(hours=1),
        message_id=message_id_for(reader.pk, period.key),
        attempts=1,
    )
    runs.process_chunk(run.chunks.get().pk)

    result = runs.reconcile()

    assert result.unknown == 1 and result.retried_members == 0
    assert reader.email not in recipients()
    assert DigestDelivery.objects.get(member=reader).status == DeliveryStatus.UNKNOWN
    runs.start_run(period, trigger=SCHEDULE)  # a later run does not resend it either
    assert reader.email not in recipients()


def test_a_chunk_whose_task_was_lost_is_queued_again(
    scene, period, django_capture_on_commit_callbacks
):
    run = runs.start_run(period, trigger=SCHEDULE, queue=False)  # nothing queued: "lost"
    DigestChunk.objects.filter(run=run).update(queued_at=ago(hours=1))

    with django_capture_on_commit_callbacks(execute=True):
        result = runs.reconcile()

    assert len(result.requeued_chunks) == 1
    assert len(mail.outbox) == 2
    chunk = DigestChunk.objects.get(run=run)
    assert chunk.finished_at and chunk.attempts == 0  # waiting is not failing


def test_a_chunk_that_keeps_crashing_its_worker_is_closed_after_the_maximum_attempts(
    scene, period, settings
):
    run = runs.start_run(period, trigger=SCHEDULE, queue=False)
    chunk = run.chunks.get()
    requeued = []
    for _ in range(settings.DIGEST_MAX_ATTEMPTS):
        DigestChunk.objects.filter(pk=chunk.pk).update(started_at=ago(hours=1))  # then died
        requeued.append(bool(runs.reconcile(queue=False).requeued_chunks))

    assert requeued == [True] * (settings.DIGEST_MAX_ATTEMPTS - 1) + [False]
    chunk.refresh_from_db()
    assert chunk.finished_at is not None
    # Its members have no delivery for the period, so the next run considers them again.
    assert runs.due_members(period).count() == 3


class RefusingBackend:
    """A mail backend whose server refuses everything, as an SMTP server may for a while."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server refused the connection")

    def close(self):
        pass


def test_a_refused_digest_is_recorded_failed_then_retried_with_the_same_message_id(
    scene, period, django_capture_on_commit_callbacks
):
    run = runs.start_run(period, trigger=SCHEDULE, queue=False)
    with override_settings(DIGEST_EMAIL_BACKEND=f"{__name__}.RefusingBackend"):
        outcome = runs.process_chunk(run.chunks.get().pk)
    assert outcome.failed == 2 and not mail.outbox
    failed = DigestDelivery.objects.filter(status=DeliveryStatus.FAILED)
    assert failed.count() == 2
    assert "refused" in failed.first().error

    assert runs.reconcile().retried_members == 0  # not before the retry delay
    failed.update(claimed_at=ago(hours=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert runs.reconcile().retried_members == 2

    assert recipients() == sorted(member.email for member in scene["readers"])
    for message in mail.outbox:
        member_id = DigestDelivery.objects.get(member__email=message.to[0]).member_id
        assert message.extra_headers["Message-ID"] == message_id_for(member_id, period.key)


def test_failures_stop_after_the_maximum_attempts(
    scene, period, settings, django_capture_on_commit_callbacks
):
    run = runs.start_run(period, trigger=SCHEDULE, queue=False)
    with override_settings(DIGEST_EMAIL_BACKEND=f"{__name__}.RefusingBackend"):
        runs.process_chunk(run.chunks.get().pk)
        for _ in range(settings.DIGEST_MAX_ATTEMPTS + 1):
            DigestDelivery.objects.update(claimed_at=ago(hours=1))
            with django_capture_on_commit_callbacks(execute=True):
                runs.reconcile()
    assert not mail.outbox
    assert set(DigestDelivery.objects.filter(status=DeliveryStatus.FAILED).values_list(
        "attempts", flat=True)) == {settings.DIGEST_MAX_ATTEMPTS}  # fmt: skip


def test_a_member_who_unsubscribes_after_the_run_started_gets_nothing(scene, period):
    run = runs.start_run(period, trigger=SCHEDULE, queue=False)
    Preferences.objects.filter(user=scene["readers"][0]).update(
        digest_frequency=DigestFrequency.OFF
    )
    runs.process_chunk(run.chunks.get().pk)
    assert recipients() == [scene["readers"][1].email]


def test_weekly_members_are_due_from_their_chosen_day(make_member, period):
    monday, friday = make_member(), make_member()
    Preferences.objects.filter(user=friday).update(digest_day=4)
    week = period

    def due(day):
        return set(runs.due_members(week, today=week.first_day + datetime.timedelta(days=day)))

    assert due(0) == {monday}
    assert due(3) == {monday}
    assert due(4) == {monday, friday}
    assert set(runs.due_members(week, today=week.last_day + datetime.timedelta(days=9))) == {
        monday,
        friday,
    }
    assert not runs.due_members(week, today=week.first_day - datetime.timedelta(days=1))


def test_daily_members_have_their_own_period(make_member, period):
    weekly, daily = make_member(), make_member()
    Preferences.objects.filter(user=daily).update(digest_frequency=DigestFrequency.DAILY)
    today = daily_period(timezone.localdate())

    assert set(runs.due_members(today)) == {daily}
    assert set(runs.due_members(period)) == {weekly}


def test_members_without_a_verified_address_are_not_due(make_member, period):
    unverified = make_member(verified=False)
    assert unverified not in runs.due_members(period)


def test_a_run_for_a_future_period_is_refused(period):
    from digests.periods import weekly_period

    later = weekly_period(period.first_day + datetime.timedelta(days=14))
    with pytest.raises(runs.PeriodNotStarted):
        runs.start_run(later, trigger=SCHEDULE)


def test_beat_starts_this_weeks_and_todays_runs(scene, django_capture_on_commit_callbacks):
    from digests.tasks import start_scheduled_digest_runs

    with django_capture_on_commit_callbacks(execute=True):
        run_ids = start_scheduled_digest_runs.delay().get()

    periods = list(DigestRun.objects.filter(pk__in=run_ids).values_list("period", flat=True))
    today = timezone.localdate()
    assert sorted(periods) == sorted([today.isoformat(), f"{today:%G-W%V}"])
    assert len(mail.outbox) == 2


ACCEPTED_BY_THE_SERVER = set()


def acceptance_check(delivery):
    """Stands in for a mail provider's look-up by Message-ID."""
    return delivery.message_id in ACCEPTED_BY_THE_SERVER


@pytest.mark.parametrize("accepted", [True, False])
def test_an_interrupted_send_is_reconciled_by_asking_the_mail_system(
    scene, period, settings, accepted, django_capture_on_commit_callbacks
):
    settings.DIGEST_ACCEPTANCE_CHECK = f"{__name__}.acceptance_check"
    ACCEPTED_BY_THE_SERVER.clear()
    run = runs.start_run(period, trigger=SCHEDULE, queue=False)
    reader = scene["readers"][0]
    message_id = message_id_for(reader.pk, period.key)
    DigestDelivery.objects.create(
        member=reader, period=period.key, status=DeliveryStatus.SENDING, run=run,
        claim_token=uuid.uuid4(), claimed_at=ago(hours=1), sending_at=ago(hours=1),
        message_id=message_id, attempts=1,
    )  # fmt: skip
    runs.process_chunk(run.chunks.get().pk)
    if accepted:
        ACCEPTED_BY_THE_SERVER.add(message_id)

    with django_capture_on_commit_callbacks(execute=True):
        result = runs.reconcile()

    delivery = DigestDelivery.objects.get(member=reader)
    assert delivery.status == DeliveryStatus.SENT
    assert (result.confirmed, result.not_accepted, result.unknown) == (
        (1, 0, 0) if accepted else (0, 1, 0)
    )
    # Sent by us only when the server had not accepted it: one digest either way.
    assert (reader.email in recipients()) is not accepted


def test_the_outbox_folder_shows_which_digests_went_out(scene, period, settings, tmp_path):
    """The acceptance check of `make run` (settings/dev.py): the file-based backend writes the
    digests to the outbox folder, where the check finds them by Message-ID."""
    settings.DIGEST_EMAIL_BACKEND = FILE_BACKEND
    settings.EMAIL_FILE_PATH = tmp_path
    run = runs.start_run(period, trigger=SCHEDULE, queue=False)
    runs.process_chunk(run.chunks.get().pk)

    sent = list(DigestDelivery.objects.filter(status=DeliveryStatus.SENT))
    assert len(sent) == 2
    assert [in_outbox_folder(delivery) for delivery in sent] == [True, True]
    skipped = DigestDelivery.objects.get(status=DeliveryStatus.SKIPPED)
    assert in_outbox_folder(skipped) is False  # nothing was sent to that member
    # Digests sent through another backend can't be looked up there: never resent.
    settings.DIGEST_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert in_outbox_folder(sent[0]) is None
