"""Claim, send, record: one chunk of members' digests, each sent at most once per period.

For each member of a chunk:

1. claim: insert the (member, period) delivery row with this execution's claim token. The
   unique constraint means only one insert can ever succeed; an existing row is left alone,
   unless it is a claim that has gone stale (its worker died before sending) or a failure
   that may be retried, which this execution takes over by writing its own token.
2. choose content for all claimed members at once (digests/selection.py);
3. nothing new: record "skipped"; otherwise move the row from "claimed" to "sending" *only if
   it still carries this token* (compare-and-set), hand the message to the mail backend, and
   record "sent" (or "failed" if the backend raised).

A claim taken over by another execution fails step 3's compare-and-set, so two executions can
never both send. A worker that dies between "sending" and "sent" leaves the one ambiguous
window, one digest wide: the reconciler asks the mail system about it where it can
(DIGEST_ACCEPTANCE_CHECK) and otherwise marks it "unknown", never resending it (runs.py,
README "Digests").
"""

import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from members.models import User

from . import transitions
from .models import DeliveryStatus, DigestDelivery, DigestRun
from .periods import Period
from .rendering import DigestRenderer, message_id_for
from .selection import select_digests

logger = logging.getLogger(__name__)


@dataclass
class ChunkOutcome:
    claimed: int = 0
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    lost: int = 0  # claims another execution took over while this one was working

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def still_due(member_ids: list[int], period: Period) -> dict[int, int]:
    """{member id: digest day} of those who still want this period's digest (one query): a
    member who unsubscribed or changed frequency since the run started is left out."""
    return dict(
        User.objects.filter(
            pk__in=member_ids,
            is_active=True,
            preferences__digest_frequency=period.frequency,
        ).values_list("pk", "preferences__digest_day")
    )


def claim(
    member_ids: list[int], *, period: Period, run: DigestRun, token: uuid.UUID
) -> dict[int, str]:
    """Claims the members' deliveries for the period; returns {member id: Message-ID} of
    those this token now holds.

    Three queries whatever the number of members.
    """
    now = timezone.now()
    DigestDelivery.objects.bulk_create(
        [
            DigestDelivery(
                member_id=member_id,
                period=period.key,
                status=DeliveryStatus.CLAIMED,
                run=run,
                claim_token=token,
                claimed_at=now,
                message_id=message_id_for(member_id, period.key),
                attempts=1,
            )
            for member_id in member_ids
        ],
        ignore_conflicts=True,
    )
    stale = now - settings.DIGEST_CLAIM_TIMEOUT
    DigestDelivery.objects.filter(
        Q(status=DeliveryStatus.CLAIMED) | Q(status=DeliveryStatus.FAILED),
        member_id__in=member_ids,
        period=period.key,
        claimed_at__lt=stale,
        attempts__lt=settings.DIGEST_MAX_ATTEMPTS,
    ).update(
        status=DeliveryStatus.CLAIMED,
        claim_token=token,
        claimed_at=now,
        run=run,
        attempts=F("attempts") + 1,
    )
    return dict(
        DigestDelivery.objects.filter(
            member_id__in=member_ids,
            period=period.key,
            status=DeliveryStatus.CLAIMED,
            claim_token=token,
        )
        .order_by("member_id")
        .values_list("member_id", "message_id")
    )


def send_chunk(member_ids: list[int], *, period: Period, run: DigestRun) -> ChunkOutcome:
    """Sends (or skips) each member's digest for the period, at most once. Safe to call again
    with the same members, at the same time or later: whoever holds a claim does the work."""
    outcome = ChunkOutcome()
    token = uuid.uuid4()
    digest_days = still_due(member_ids, period)
    message_ids = claim(sorted(digest_days), period=period, run=run, token=token)
    mine = list(message_ids)
    outcome.claimed = len(mine)
    if not mine:
        return outcome
    now = timezone.now()
    digests = select_digests(mine, period=period, now=now)

    empty = [member_id for member_id in mine if digests.get(member_id) is None]
    empty += [member_id for member_id, digest in digests.items() if digest.is_empty]
    if empty:
        outcome.skipped = DigestDelivery.objects.filter(
            member_id__in=empty,
            period=period.key,
            claim_token=token,
            status=DeliveryStatus.CLAIMED,
        ).update(status=DeliveryStatus.SKIPPED, content_until=now, item_count=0)
        outcome.lost += len(empty) - outcome.skipped

    renderer = DigestRenderer()
    sender = Sender(period=period, token=token)
    try:
        for member_id in mine:
            digest = digests.get(member_id)
            if digest is None or digest.is_empty:
                continue
            result = sender.send(
                digest,
                build=lambda digest=digest, member_id=member_id: renderer.email(
                    digest,
                    message_id=message_ids[member_id],
                    digest_day=digest_days.get(member_id),
                ),
            )
            setattr(outcome, result, getattr(outcome, result) + 1)
    finally:
        sender.close()
    return outcome


class Sender:
    """Hands digests to the mail backend one at a time, each between two recorded states.

    A digest moves "claimed" -> "sending" before it is handed over and "sending" -> "sent"
    after. To keep to one commit per digest, the "sent" of one digest is written in the same
    transaction as the "sending" of the next (and the last on close). So at any moment at most
    one digest of the chunk is in "sending" without having been handed over yet: the only one
    a crash can leave in doubt.
    """

    def __init__(self, *, period: Period, token: uuid.UUID):
        self.period, self.token = period, token
        self.connection = get_connection(settings.DIGEST_EMAIL_BACKEND)
        self.handed_over = None  # the digest accepted by the mail backend, not yet recorded

    def _owned(self, member_id: int, *statuses: str):
        return DigestDelivery.objects.filter(
            member_id=member_id, period=self.period.key, claim_token=self.token, status__in=statuses
        )

    def _record_handed_over(self) -> None:
        digest, self.handed_over = self.handed_over, None
        if digest is not None:
            transitions.mark_sent(digest, period=self.period, token=self.token)

    def _record_failure(self, member_id: int, error, from_status: str) -> str:
        self._owned(member_id, from_status).update(
            status=DeliveryStatus.FAILED, error=str(error)[:2000]
        )
        return "failed"

    def send(self, digest, *, build) -> str:
        """Sends one digest; returns "sent", "failed" or "lost" (another execution has it)."""
        member_id = digest.member.pk
        try:
            message = build()
        except Exception as error:
            logger.exception(
                "Digest for member %s, %s could not be rendered", member_id, self.period
            )
            return self._record_failure(member_id, error, DeliveryStatus.CLAIMED)

        with transaction.atomic():
            self._record_handed_over()
            owned = transitions.mark_sending(member_id, period=self.period, token=self.token)
        if not owned:
            return "lost"
        try:
            delivered = self.connection.send_messages([message])
        except Exception as error:
            logger.warning(
                "Digest for member %s, %s was refused: %s", member_id, self.period, error
            )
            self.connection.close()  # reopened by the next send
            return self._record_failure(member_id, error, DeliveryStatus.SENDING)
        if not delivered:
            return self._record_failure(
                member_id, "the mail backend sent nothing", DeliveryStatus.SENDING
            )
        self.handed_over = digest
        return "sent"

    def close(self) -> None:
        try:
            self._record_handed_over()
        finally:
            self.connection.close()
