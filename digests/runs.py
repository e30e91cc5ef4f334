"""Runs: who is due a digest for a period, fanning them out in chunks, and picking up after
crashes.

start_run() records a run, splits the members due into chunks of DIGEST_CHUNK_SIZE ids and
queues one task per chunk once the transaction commits. A run can be started any number of
times for a period: it only considers members without a delivery for it, and the claims in
digests/sending.py stop two runs sending to the same member.

reconcile() (run by beat every few minutes) is what makes a crash cost nothing but time:
- a chunk started but unfinished after DIGEST_CLAIM_TIMEOUT (its worker died) is queued
  again, up to DIGEST_MAX_ATTEMPTS times, and one queued that long ago but never started (its
  message lost, or still waiting) is queued again too: a duplicate costs nothing;
- a claim older than that whose worker never started sending, or a failure with attempts
  left, is queued again in a new chunk of its run (sending it then is safe: nothing went out);
- a delivery stuck in "sending" that long had its worker die while handing the message to
  the mail server, which may have accepted it: it is checked with DIGEST_ACCEPTANCE_CHECK
  where the mail system can answer, and otherwise marked "unknown" and never resent.
"""

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.module_loading import import_string

from core.tasks import queue_on_commit
from members.models import User

from .models import DeliveryStatus, DigestChunk, DigestDelivery, DigestRun
from .periods import InvalidPeriod, Period, current_periods, local_today, parse_period
from .sending import ChunkOutcome, send_chunk

logger = logging.getLogger(__name__)


class PeriodNotStarted(InvalidPeriod):
    """A run was asked for a period that lies in the future."""


def batched(items: list, size: int):
    """Consecutive slices of at most `size` items (itertools.batched arrives in Python 3.12)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def due_members(period: Period, *, today=None) -> QuerySet[User]:
    """Active members with a verified address who want this period's digest, whose digest
    day has come, and who have no delivery for the period yet."""
    today = today or local_today()
    weekdays = period.due_weekdays(today)
    if weekdays == []:
        return User.objects.none()
    members = User.objects.filter(
        Exists(EmailAddress.objects.filter(user=OuterRef("pk"), primary=True, verified=True)),
        is_active=True,
        preferences__digest_frequency=period.frequency,
    ).exclude(Exists(DigestDelivery.objects.filter(member=OuterRef("pk"), period=period.key)))
    if weekdays is not None:
        members = members.filter(preferences__digest_day__in=weekdays)
    return members.order_by("pk")


def check_started(period: Period, *, today=None) -> None:
    today = today or local_today()
    if period.first_day > today:
        raise PeriodNotStarted(f"{period.key} has not started yet (today is {today.isoformat()})")


def start_run(
    period: Period | str,
    *,
    trigger: str,
    started_by: User | None = None,
    chunk_size: int | None = None,
    queue: bool = True,
) -> DigestRun:
    """Records a run for the members due now and, with `queue`, hands each chunk of them to a
    worker once the transaction commits. Without `queue` the caller processes the chunks
    (the send_digests command does, to show progress)."""
    if isinstance(period, str):
        period = parse_period(period)
    check_started(period)
    chunk_size = chunk_size or settings.DIGEST_CHUNK_SIZE
    with transaction.atomic():
        member_ids = list(due_members(period).values_list("pk", flat=True))
        now = timezone.now()
        run = DigestRun.objects.create(
            period=period.key,
            trigger=trigger,
            started_by=started_by,
            considered=len(member_ids),
            finished_at=None if member_ids else now,
        )
        chunks = DigestChunk.objects.bulk_create(
            DigestChunk(run=run, member_ids=list(ids), queued_at=now)
            for ids in batched(member_ids, chunk_size)
        )
        if queue:
            chunk_ids = [chunk.pk for chunk in chunks]
            _queue(chunk_ids)
    logger.info("Digest run %s for %s: %s members due", run.pk, period, len(member_ids))
    return run


def _queue(chunk_ids) -> None:
    for chunk_id in chunk_ids:
        queue_on_commit("digests.tasks.send_digest_chunk", chunk_id)


def process_chunk(chunk_id: int) -> ChunkOutcome:
    """Does one chunk's work, once: a chunk already finished (a redelivered task, a duplicate)
    does nothing. Finishes the run when its last chunk finishes."""
    chunk = DigestChunk.objects.select_related("run").filter(pk=chunk_id).first()
    if chunk is None or chunk.finished_at is not None:
        return ChunkOutcome()
    run = chunk.run
    DigestChunk.objects.filter(pk=chunk.pk).update(started_at=timezone.now())
    outcome = send_chunk(chunk.member_ids, period=parse_period(run.period), run=run)
    now = timezone.now()
    DigestChunk.objects.filter(pk=chunk.pk, finished_at__isnull=True).update(finished_at=now)
    if not DigestChunk.objects.filter(run=run, finished_at__isnull=True).exists():
        DigestRun.objects.filter(pk=run.pk, finished_at__isnull=True).update(finished_at=now)
    return outcome


@dataclass
class Reconciliation:
    unknown: int = 0
    confirmed: int = 0  # interrupted sends the acceptance check found the server had accepted
    not_accepted: int = 0  # ... and those it found it had not: retried like failures
    requeued_chunks: list[int] = field(default_factory=list)
    retried_members: int = 0
    abandoned: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _reconcile_interrupted_sends(stale, result: Reconciliation) -> None:
    """Deliveries whose worker stopped while handing the message to the mail server.

    Whether the server accepted it is knowable only where the mail system can be asked: with
    DIGEST_ACCEPTANCE_CHECK set (a function taking the delivery, answering True, False or None
    for "can't tell") those it confirms are recorded sent and those it denies are retried.
    The rest are marked unknown and never resent: a missed digest is better than two.
    """
    check = (
        import_string(settings.DIGEST_ACCEPTANCE_CHECK)
        if settings.DIGEST_ACCEPTANCE_CHECK
        else None
    )
    interrupted = DigestDelivery.objects.filter(status=DeliveryStatus.SENDING, sending_at__lt=stale)
    for delivery in interrupted.only("id", "member_id", "period", "message_id", "sending_at"):
        accepted = check(delivery) if check else None
        still_sending = DigestDelivery.objects.filter(pk=delivery.pk, status=DeliveryStatus.SENDING)
        if accepted is True:
            result.confirmed += still_sending.update(
                status=DeliveryStatus.SENT,
                sent_at=delivery.sending_at,
                content_until=delivery.sending_at,
                error="The worker stopped while sending; the mail server had accepted it.",
            )
        elif accepted is False:
            result.not_accepted += still_sending.update(
                status=DeliveryStatus.FAILED,
                error="The worker stopped while sending; the mail server never accepted it.",
            )
        else:
            result.unknown += still_sending.update(
                status=DeliveryStatus.UNKNOWN, error="The worker stopped while sending."
            )
    if result.unknown:
        logger.warning(
            "%s digests were being sent when their worker stopped; marked unknown, not resent",
            result.unknown,
        )


def reconcile(*, queue: bool = True) -> Reconciliation:
    """Picks up what crashed workers left behind (see the module's docstring)."""
    result = Reconciliation()
    now = timezone.now()
    stale = now - settings.DIGEST_CLAIM_TIMEOUT
    max_attempts = settings.DIGEST_MAX_ATTEMPTS

    _reconcile_interrupted_sends(stale, result)
    # Claims that can never be taken over again: give up on them, loudly.
    result.abandoned = DigestDelivery.objects.filter(
        status=DeliveryStatus.CLAIMED, claimed_at__lt=stale, attempts__gte=max_attempts
    ).update(status=DeliveryStatus.FAILED, error=f"Gave up after {max_attempts} attempts.")

    with transaction.atomic():
        stale_chunks = list(
            DigestChunk.objects.select_for_update(skip_locked=True).filter(
                Q(started_at__isnull=True, queued_at__lt=stale) | Q(started_at__lt=stale),
                finished_at__isnull=True,
            )
        )
        # Never started: its message waits behind others, or was lost. Queue it again; a
        # duplicate costs nothing (whichever copy runs second finds the chunk finished).
        waiting = [chunk.pk for chunk in stale_chunks if chunk.started_at is None]
        DigestChunk.objects.filter(pk__in=waiting).update(queued_at=now)
        # Started and never finished: its worker died (or is very slow). Queue it again, a
        # few times; a chunk that keeps failing is closed, its claims retried one by one below,
        # and members it never claimed are due again at the next run.
        crashed = [chunk for chunk in stale_chunks if chunk.started_at is not None]
        again = [chunk.pk for chunk in crashed if chunk.attempts + 1 < max_attempts]
        DigestChunk.objects.filter(pk__in=again).update(
            queued_at=now, started_at=None, attempts=F("attempts") + 1
        )
        given_up = DigestChunk.objects.filter(
            pk__in=[chunk.pk for chunk in crashed if chunk.pk not in again]
        ).update(finished_at=now)
        if given_up:
            logger.error("Closed %s digest chunks that failed %s times", given_up, max_attempts)
        requeue = waiting + again
        in_requeued = {
            member_id
            for chunk in stale_chunks
            if chunk.pk in requeue
            for member_id in chunk.member_ids
        }

        retry = defaultdict(list)
        for run_id, member_id in DigestDelivery.objects.filter(
            Q(status=DeliveryStatus.CLAIMED) | Q(status=DeliveryStatus.FAILED),
            claimed_at__lt=stale,
            attempts__lt=max_attempts,
        ).values_list("run_id", "member_id"):
            if member_id not in in_requeued and run_id is not None:
                retry[run_id].append(member_id)
        new_chunks = DigestChunk.objects.bulk_create(
            DigestChunk(run_id=run_id, member_ids=list(ids), queued_at=now)
            for run_id, member_ids in retry.items()
            for ids in batched(member_ids, settings.DIGEST_CHUNK_SIZE)
        )
        if new_chunks:
            DigestRun.objects.filter(pk__in=retry).update(finished_at=None)
        result.retried_members = sum(len(ids) for ids in retry.values())
        result.requeued_chunks = requeue + [chunk.pk for chunk in new_chunks]
        if queue and result.requeued_chunks:
            chunk_ids = list(result.requeued_chunks)
            _queue(chunk_ids)
    return result


def run_outcomes(runs) -> dict[int, dict[str, int]]:
    """{run id: {"sent": n, "skipped": n, "failed": n, "unknown": n, "in_progress": n}} for
    the runs, counted from their deliveries in one query."""
    counts = defaultdict(lambda: defaultdict(int))
    for run_id, status, number in (
        DigestDelivery.objects.filter(run__in=runs)
        .values_list("run_id", "status")
        .annotate(number=Count("pk"))
        .values_list("run_id", "status", "number")
    ):
        in_progress = status in (DeliveryStatus.CLAIMED, DeliveryStatus.SENDING)
        counts[run_id]["in_progress" if in_progress else status] += number
    return {run_id: dict(outcome) for run_id, outcome in counts.items()}


def start_scheduled_runs() -> list[DigestRun]:
    """What beat starts every morning: this week's run (members whose digest day has come)
    and today's run for members who chose daily digests."""
    return [start_run(period, trigger=DigestRun.Trigger.SCHEDULE) for period in current_periods()]
