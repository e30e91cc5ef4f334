"""The embedded default used by `make run`: SQLite, a file-system broker, an outbox folder."""

from .base import *  # noqa: F403
from .base import env

# Off, so that a wrong address shows the site's own 404 and 500 pages, as in production;
# DJANGO_DEBUG=true brings back Django's debug pages and tracebacks. WhiteNoise serves the
# static files either way, from their source folders (base.py).
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-secret-key-not-for-production-use")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
# Digests go to the outbox folder here (base.py), which the reconciler can search for a digest
# whose worker died while sending it (digests/acceptance.py, README "Digests").
DIGEST_ACCEPTANCE_CHECK = env(
    "DIGEST_ACCEPTANCE_CHECK", default="digests.acceptance.in_outbox_folder"
)
# Images under /media/ are served by the development server itself (documents never are).
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=True)
# The address `make run` serves (its ADDR), which the Makefile passes in as well: every
# absolute link in emails and feeds is built on it (members.emails.absolute_url).
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
