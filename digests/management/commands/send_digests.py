import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from digests.models import DigestRun
from digests.periods import InvalidPeriod, parse_period
from digests.runs import batched, check_started, due_members, process_chunk, start_run
from digests.selection import select_digests


class ProgressBar:
    """A one-line textual progress bar on a terminal; a line per tenth otherwise (logs)."""

    WIDTH = 30

    def __init__(self, stream, total: int, label: str):
        self.stream, self.total, self.label = stream, total, label
        self.interactive = hasattr(stream, "isatty") and stream.isatty()
        self.last_tenth = -1

    def update(self, done: int) -> None:
        fraction = done / self.total if self.total else 1
        if self.interactive:
            filled = round(fraction * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r{self.label} [{bar}] {done}/{self.total}")
            if done >= self.total:
                self.stream.write("\n")
            self.stream.flush()
        elif int(fraction * 10) > self.last_tenth:
            self.last_tenth = int(fraction * 10)
            self.stream.write(f"{self.label}: {done}/{self.total} members\n")


class Command(BaseCommand):
    help = (
        "Send the digest for a period (an ISO week such as 2026-W47, or a date such as "
        "2026-11-23 for daily digests) to every member due one who has not had it, in this "
        "process. Safe to run again, and beside running workers: nobody gets two digests for "
        "one period."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", required=True, help="2026-W47 or 2026-11-23")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Count who would get a digest and who would be skipped; send and record nothing.",
        )
        parser.add_argument("--chunk-size", type=int, default=None, help="Members per chunk.")

    def handle(self, *args, **options):
        try:
            period = parse_period(options["period"])
            check_started(period)
        except InvalidPeriod as error:
            raise CommandError(str(error)) from None
        chunk_size = options["chunk_size"]
        if chunk_size is not None and chunk_size < 1:
            raise CommandError("--chunk-size must be at least 1")
        if options["dry_run"]:
            self.dry_run(period, chunk_size or settings.DIGEST_CHUNK_SIZE)
        else:
            self.send(period, chunk_size)

    def dry_run(self, period, chunk_size):
        member_ids = list(due_members(period).values_list("pk", flat=True))
        progress = ProgressBar(sys.stderr, len(member_ids), f"Checking {period}")
        would_send = would_skip = done = 0
        for ids in batched(member_ids, chunk_size):
            for digest in select_digests(ids, period=period).values():
                if digest.is_empty:
                    would_skip += 1
                else:
                    would_send += 1
            done += len(ids)
            progress.update(done)
        self.stdout.write(
            f"Dry run for {period}: {len(member_ids)} members due; {would_send} would get a "
            f"digest, {would_skip} would be skipped (nothing new). Nothing was sent or recorded."
        )

    def send(self, period, chunk_size):
        run = start_run(
            period, trigger=DigestRun.Trigger.COMMAND, chunk_size=chunk_size, queue=False
        )
        progress = ProgressBar(sys.stderr, run.considered, f"Sending {period}")
        totals = {"sent": 0, "skipped": 0, "failed": 0, "lost": 0}
        done = 0
        for chunk in run.chunks.order_by("pk"):
            outcome = process_chunk(chunk.pk)
            for key in totals:
                totals[key] += getattr(outcome, key)
            done += len(chunk.member_ids)
            progress.update(done)
        elsewhere = run.considered - totals["sent"] - totals["skipped"] - totals["failed"]
        summary = (
            f"Run {run.pk} for {period}: {run.considered} members due; {totals['sent']} sent, "
            f"{totals['skipped']} skipped (nothing new), {totals['failed']} failed"
        )
        if elsewhere:
            summary += f", {elsewhere} handled by another run or no longer due"
        self.stdout.write(summary + ".")
        if totals["failed"]:
            self.stderr.write(
                "Failed digests are retried by the reconciler (a Celery beat task) up to "
                "DIGEST_MAX_ATTEMPTS times."
            )
