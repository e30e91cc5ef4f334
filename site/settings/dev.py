"""The embedded default used by `make run`: SQLite, a file-system broker, an outbox folder."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-secret-key-not-for-production-use")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
# Digests go to the outbox folder here (base.py), which the reconciler can search for a digest
# whose worker died while sending it (digests/acceptance.py, README "Digests").
DIGEST_ACCEPTANCE_CHECK = env(
    "DIGEST_ACCEPTANCE_CHECK", default="digests.acceptance.in_outbox_folder"
)
# Images under /media/ are served by the development server itself (documents never are).
SERVE_MEDIA = env.bool("DJANGO_SERVE_MEDIA", default=True)
