"""Settings for the test suite: SQLite unless DATABASE_URL names another database."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, env

SECRET_KEY = "test-only-secret-key-with-enough-length-to-be-realistic-0123456789"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'test.sqlite3'}"),
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media"
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private-media"
# As under `make run`: the site serves images under /media/ (never documents).
SERVE_MEDIA = True
CELERY_TASK_EAGER_PROPAGATES = True
WAGTAILADMIN_BASE_URL = "http://testserver"

# Additions for tests/test_celery_redis.py, whose real Celery worker is a second process:
# - The SQLite test database is a file rather than Django's default in-memory database, so
#   that the worker can open it too; the name carries the process id so that two test runs
#   in one working tree never share (or delete) each other's database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
# - The worker (and only it) is given CELERY_BROKER_URL and CELERY_RESULT_BACKEND (read in
#   base.py) pointing at Redis; without them, as in every other test, tasks run eagerly.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
CELERY_BROKER_TRANSPORT_OPTIONS = {}
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
