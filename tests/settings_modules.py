"""Run a little code under one of the settings modules, as a fresh checkout would.

The suite itself runs under settings/test.py; what `make run` (dev) and a deployment
(production) do is read here in a new Python process, with the environment a fresh checkout
has: none of the project's variables unless a test gives them.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
MODULES = ("dev", "test", "production")
# What docker-compose's .env gives production, at the least.
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "settings-check-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
    "DJANGO_ALLOWED_HOSTS": "connectedplaces.example.org",
    "DATABASE_URL": "postgres://connected_places:unused@db:5432/connected_places",
    "REDIS_URL": "redis://redis:6379/0",
    "WAGTAILADMIN_BASE_URL": "https://connectedplaces.example.org",
}
_OURS = ("DJANGO_", "WAGTAIL", "DATABASE_URL", "REDIS_URL", "CELERY_", "SITE_URL")

_RUNNER = """
import json, sys
import django
django.setup()
from django.conf import settings
namespace = {"settings": settings}
exec(sys.argv[1], namespace)
print(json.dumps(namespace["result"], default=str))
"""


def run_under(module: str, code: str, *, env: dict | None = None):
    """Executes `code` (which sets `result`) with connected_places.settings.<module> and
    returns the result, through JSON."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(_OURS)}
    if module == "production":
        environment.update(PRODUCTION_ENV)
    environment.update(env or {})
    environment["DJANGO_SETTINGS_MODULE"] = f"connected_places.settings.{module}"
    environment["PYTHONPATH"] = os.pathsep.join(path for path in sys.path if path)
    finished = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", _RUNNER, code],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout.strip().splitlines()[-1])
