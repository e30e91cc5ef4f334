"""The record that makes digests exactly-once: runs, their chunks, and one delivery per member
and period.

A DigestDelivery row is inserted (claimed) before anything is sent, under a unique constraint
on (member, period), so a second attempt for the same member and period finds the row and
stops. The row then moves through its statuses with compare-and-set updates (see
digests/sending.py); README "Digests" explains the one window no queue can close.
"""

from django.conf import settings
from django.db import models


class DigestRun(models.Model):
    """One start of the digest machinery for a period: by beat, an editor or an operator."""

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", "Schedule"
        EDITOR = "editor", "Editor"
        COMMAND = "command", "Command"

    period = models.CharField(max_length=16, db_index=True)
    trigger = models.CharField(max_length=10, choices=Trigger.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Members due and without a delivery for the period when the run started. The outcome of
    # each is counted from the deliveries themselves (runs.run_outcomes), so retried or
    # duplicated chunks can never count a member twice.
    considered = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self):
        return f"Digest run {self.pk} for {self.period}"


class DigestChunk(models.Model):
    """A slice of a run's members, handed to one worker task by id."""

    run = models.ForeignKey(DigestRun, on_delete=models.CASCADE, related_name="chunks")
    member_ids = models.JSONField()
    queued_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Times the chunk was started again after its worker stopped mid-way.
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["finished_at", "queued_at"], name="digestchunk_open_idx")]

    def __str__(self):
        return f"Chunk {self.pk} of run {self.run_id} ({len(self.member_ids)} members)"


class DeliveryStatus(models.TextChoices):
    CLAIMED = "claimed", "Claimed"  # a worker owns it; nothing has been handed to the mail server
    SENDING = "sending", "Sending"  # being handed to the mail server now
    SENT = "sent", "Sent"
    SKIPPED = "skipped", "Skipped: nothing new"
    FAILED = "failed", "Failed"  # the mail backend raised; retried up to DIGEST_MAX_ATTEMPTS
    # A worker died while handing the message over: it may or may not have gone out. Never
    # resent automatically (README "Digests").
    UNKNOWN = "unknown", "Unknown: the worker stopped while sending"


class DigestDelivery(models.Model):
    """The one digest a member gets (or is skipped) for a period."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_deliveries"
    )
    period = models.CharField(max_length=16)
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices)
    run = models.ForeignKey(
        DigestRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="deliveries"
    )
    # Which task execution owns the claim: every status change after the claim names it, so a
    # claim taken over from a stalled worker can't be sent by both.
    claim_token = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField()
    sending_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # Deterministic per (member, period): a resend after a failure carries the same id, so a
    # mail server or client that sees it twice can tell it is one message.
    message_id = models.CharField(max_length=255)
    # The window of activity the digest covered; the next digest starts where this one ended.
    content_since = models.DateTimeField(null=True, blank=True)
    content_until = models.DateTimeField(null=True, blank=True)
    item_count = models.PositiveIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "digest deliveries"
        constraints = [
            models.UniqueConstraint(fields=["member", "period"], name="digest_once_per_period")
        ]
        indexes = [
            models.Index(fields=["status", "claimed_at"], name="digestdelivery_status_idx"),
            models.Index(fields=["member", "-content_until"], name="digestdelivery_member_idx"),
        ]

    def __str__(self):
        return f"Digest for member {self.member_id}, {self.period}: {self.status}"
