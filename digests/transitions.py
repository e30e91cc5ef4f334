"""The two status changes every digest goes through, as plain SQL.

They run once per digest sent, so they are written out once here: building them with the ORM
each time cost more CPU than anything but rendering (bench/digests.py). Both are
compare-and-set updates: they change the row only if it still carries the claim token of the
execution doing the work, and in the status expected, and say whether they did.
"""

import uuid

from django.db import connection
from django.utils import timezone

from .models import DeliveryStatus, DigestDelivery
from .periods import Period

MARK_SENDING = (
    "UPDATE digests_digestdelivery SET status = %s, sending_at = %s"
    " WHERE member_id = %s AND period = %s AND claim_token = %s AND status = %s"
)
MARK_SENT = (
    "UPDATE digests_digestdelivery SET status = %s, sent_at = %s, content_since = %s,"
    " content_until = %s, item_count = %s, error = ''"
    " WHERE member_id = %s AND period = %s AND claim_token = %s AND status IN (%s, %s)"
)


def _datetime(value):
    return connection.ops.adapt_datetimefield_value(value)


def _token(token: uuid.UUID):
    return DigestDelivery._meta.get_field("claim_token").get_db_prep_value(token, connection)


def _execute(sql: str, params: list) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def mark_sending(member_id: int, *, period: Period, token: uuid.UUID) -> bool:
    """claimed -> sending, just before the digest is handed to the mail server. The
    compare-and-set that makes sending exclusive: only the claim's holder moves it."""
    params = [DeliveryStatus.SENDING, _datetime(timezone.now())]
    params += [member_id, period.key, _token(token), DeliveryStatus.CLAIMED]
    return _execute(MARK_SENDING, params) == 1


def mark_sent(digest, *, period: Period, token: uuid.UUID) -> bool:
    """sending -> sent, once the mail server accepted it. From "unknown" too: if the reconciler
    gave up on this send while it was merely slow, the worker that finished it knows better."""
    params = [
        DeliveryStatus.SENT,
        _datetime(timezone.now()),
        _datetime(digest.since),
        _datetime(digest.until),
        digest.item_count,
        digest.member.pk,
        period.key,
        _token(token),
        DeliveryStatus.SENDING,
        DeliveryStatus.UNKNOWN,
    ]
    return _execute(MARK_SENT, params) == 1
