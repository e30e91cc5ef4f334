import os
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.scale_seeding import (
    BENCH_EMAIL_DOMAIN,
    BENCH_PASSWORD_ENV,
    DEFAULT_BENCH_PASSWORD,
    ScaleSeedRefused,
    ScaleSizes,
    bench_email,
    seed_scale,
)


class ProgressBar:
    """A one-line textual progress bar per stage on a terminal; a line per tenth otherwise."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.interactive = hasattr(stream, "isatty") and stream.isatty()
        self.stage = None
        self.last_tenth = -1

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.stage, self.last_tenth = stage, -1
        fraction = done / total if total else 1
        if self.interactive:
            filled = round(fraction * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r{stage:<14} [{bar}] {done}/{total}")
            if done >= total:
                self.stream.write("\n")
            self.stream.flush()
        elif int(fraction * 10) > self.last_tenth:
            self.last_tenth = int(fraction * 10)
            self.stream.write(f"{stage}: {done}/{total}\n")


class Command(BaseCommand):
    help = (
        "Add fictional members, discussions, case studies, events and registrations at the "
        "size a national community reaches, for benchmarks and load tests. Needs the demo "
        "content (seed_demo) first; refuses a database already seeded at scale. Every member "
        f"it makes signs in as {bench_email(1)}, {bench_email(2)}, ... with the password in "
        f"${BENCH_PASSWORD_ENV} (default '{DEFAULT_BENCH_PASSWORD}')."
    )

    def add_arguments(self, parser):
        defaults = ScaleSizes()
        sizes = [
            ("members", "members (accounts with verified addresses and profiles)"),
            ("threads", "discussions, one of them the benchmark's big one"),
            ("posts", "posts in all, opening posts and the big discussion's replies included"),
            ("events", "event pages, the benchmark's big event and 10 small workshops included"),
            ("case-studies", "case studies in the library"),
            ("registrations", "registrations across ordinary events"),
            ("accounts", "members who belong to every community (the load test's members)"),
            ("big-thread-replies", "replies in the benchmark's big discussion"),
            ("big-event-registrations", "registrations for the benchmark's big event"),
        ]
        for name, help_text in sizes:
            default = getattr(defaults, name.replace("-", "_"))
            parser.add_argument(
                f"--{name}", type=int, default=default, help=f"{help_text} ({default})"
            )
        parser.add_argument("--seed", type=int, default=47, help="random seed (47)")
        parser.add_argument(
            "--password",
            default=None,
            help=f"the members' password (${BENCH_PASSWORD_ENV}, or '{DEFAULT_BENCH_PASSWORD}')",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="seed even under production settings (a throwaway benchmark database only)",
        )

    def handle(self, *args, **options):
        if settings.DEMO_PASSWORD_REQUIRED and not options["force"]:
            raise CommandError(
                "Refusing to add made-up members with a known password under production "
                "settings: pass --force if this database is a throwaway benchmark database."
            )
        sizes = ScaleSizes(
            **{
                name: options[name]
                for name in ScaleSizes.__dataclass_fields__
                if options.get(name) is not None
            }
        )
        password = (
            options["password"] or os.environ.get(BENCH_PASSWORD_ENV) or DEFAULT_BENCH_PASSWORD
        )
        progress = ProgressBar(sys.stderr) if options["verbosity"] >= 1 else None
        try:
            summary = seed_scale(
                sizes=sizes, password=password, seed=options["seed"], progress=progress
            )
        except ScaleSeedRefused as refusal:
            raise CommandError(str(refusal)) from None
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                f"Members sign in as bench-NNNNN@{BENCH_EMAIL_DOMAIN} (1 to {sizes.members}); "
                f"the first {min(sizes.accounts, sizes.members)} belong to every community."
            )
        )
