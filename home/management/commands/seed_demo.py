import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.seeding import (
    DEFAULT_DEMO_PASSWORD,
    DEMO_PASSWORD_ENV,
    SeedError,
    seed_demo_content,
)


class Command(BaseCommand):
    help = (
        "Create the demo content: the page tree, the eight communities, case studies, events "
        "and fictional members. Safe to run again: only what is missing is created, and "
        "existing pages and accounts are left as they are. New demo accounts get the password "
        f"in ${DEMO_PASSWORD_ENV} (default '{DEFAULT_DEMO_PASSWORD}')."
    )

    def handle(self, *args, **options):
        password_from_env = bool(os.environ.get(DEMO_PASSWORD_ENV))
        if settings.DEMO_PASSWORD_REQUIRED and not password_from_env:
            raise CommandError(
                f"Refusing to create demo accounts with the default password under production "
                f"settings: set {DEMO_PASSWORD_ENV} first."
            )
        verbose = options["verbosity"] >= 2
        try:
            summary = seed_demo_content(stdout=self.stdout.write if verbose else None)
        except SeedError as error:
            raise CommandError(str(error)) from error

        for line in summary.lines():
            self.stdout.write(line)
        if summary.editor_created:
            source = (
                f"from ${DEMO_PASSWORD_ENV}"
                if password_from_env
                else f"the default '{DEFAULT_DEMO_PASSWORD}' (set ${DEMO_PASSWORD_ENV} to choose "
                "another)"
            )
            how = f"password {source}"
        else:
            how = "existing account, password unchanged"
        self.stdout.write(
            self.style.SUCCESS(f"Editor: {summary.editor_email} ({how}); sign in at /admin/")
        )
