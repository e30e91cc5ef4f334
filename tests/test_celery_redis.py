"""A real round trip through a real Redis broker, executed by a real Celery worker process.

Every other test runs tasks eagerly in-process (settings/test.py). Here the task is sent
through Redis to a `celery worker` subprocess that uses the test database too, and its result
comes back through Redis. Nothing is skipped: without Redis the test fails.
"""

import os
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from urllib.parse import quote

import pytest
import redis
from celery import Celery, _state
from celery.result import allow_join_result
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from members.tasks import clear_expired_sessions

# Database 13 of the Redis server that scripts/ensure-services.sh starts: a number of its
# own, so that the test never sees (or leaves) keys among anyone else's.
REDIS_URL = os.environ.get("TEST_CELERY_REDIS_URL", "redis://127.0.0.1:6379/13")
TIMEOUT = 30  # seconds

pytestmark = [
    pytest.mark.redis,
    # The worker is another process, so the test's data must be committed. serialized_rollback
    # leaves the database as the migrations made it for whichever transactional test follows.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def database_url() -> str:
    """The URL of the test database this process is using, for the worker to use too."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    if connection.vendor == "postgresql":
        credentials = quote(db["USER"], safe="")
        if db["PASSWORD"]:
            credentials += ":" + quote(db["PASSWORD"], safe="")
        return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    pytest.fail(f"the worker cannot share a {connection.vendor} test database", pytrace=False)


def tail(path, lines=60) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture
def queue():
    """A queue of this run's own, so that two runs sharing the Redis server never mix."""
    name = f"test-{uuid.uuid4().hex[:12]}"
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3)
    try:
        client.ping()
    except redis.RedisError as error:
        message = f"Redis does not answer at {REDIS_URL} ({error}): run scripts/ensure-services.sh"
        pytest.fail(message, pytrace=False)
    yield name
    for key in client.scan_iter(match=f"*{name}*"):  # the queue and its bindings
        client.delete(key)
    client.close()


def start_worker_process(queue, log, *, hostname=None, env=None) -> subprocess.Popen:
    """A real `celery worker` process on the Redis broker and this test's database, taking
    tasks from `queue` only; its output goes to `log` (kept as `process.log`)."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "connected_places.settings.test",
        "CELERY_BROKER_URL": REDIS_URL,
        "CELERY_RESULT_BACKEND": REDIS_URL,
        "DATABASE_URL": database_url(),
        "PYTHONUNBUFFERED": "1",
        **(env or {}),
    }
    command = [
        sys.executable, "-m", "celery", "-A", "connected_places", "worker",
        "--pool=solo", "--concurrency=1", "--loglevel=info", "--queues", queue,
        "--hostname", f"{hostname or queue}@%h",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]  # fmt: skip
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 (our own command line)
            command, env=environment, cwd=settings.BASE_DIR, stdout=output, stderr=subprocess.STDOUT
        )
    process.log = log
    return process


def stop_worker_process(process: subprocess.Popen) -> None:
    """A warm shutdown, killed if it takes too long; nothing if the process has exited."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@pytest.fixture
def worker(transactional_db, queue, tmp_path):
    process = start_worker_process(queue, tmp_path / "worker.log")
    yield process
    stop_worker_process(process)


@pytest.fixture
def redis_app(queue):
    """The project's Celery configuration, pointed at Redis and not eager, made current.

    A separate app rather than the project's own, so that no other test can be left with a
    Redis broker in place of the eager one.
    """
    app = Celery("connected_places", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(
        broker_url=REDIS_URL,
        result_backend=REDIS_URL,
        task_always_eager=False,
        task_default_queue=queue,
    )
    previous = _state.get_current_app()
    app.set_current()
    yield app
    previous.set_current()
    app.close()


def wait_for(result, worker):
    deadline = time.monotonic() + TIMEOUT
    while not result.ready():
        if worker.poll() is not None:
            pytest.fail(f"the worker exited with status {worker.returncode}:\n{tail(worker.log)}")
        if time.monotonic() > deadline:
            pytest.fail(f"no result from the worker in {TIMEOUT} s; its log:\n{tail(worker.log)}")
        time.sleep(0.1)
    # Eager tasks run from several threads at once (the events concurrency tests) can leave
    # Celery's process-wide "joining would block" flag set; this wait is no join inside a task.
    with allow_join_result():
        value = result.get(timeout=5)
    result.forget()
    return value


def test_clear_expired_sessions_runs_in_a_real_worker_through_redis(worker, redis_app):
    now = timezone.now()
    for age in (timedelta(seconds=1), timedelta(days=1), timedelta(days=400)):
        Session.objects.create(
            session_key=f"expired{age.total_seconds():.0f}", session_data="", expire_date=now - age
        )
    for ahead in (timedelta(hours=1), timedelta(days=14)):
        Session.objects.create(
            session_key=f"live{ahead.total_seconds():.0f}", session_data="", expire_date=now + ahead
        )

    result = clear_expired_sessions.delay()

    assert wait_for(result, worker) == 3
    assert f"[{result.id}] succeeded" in worker.log.read_text()  # the worker ran it, not we
    assert sorted(Session.objects.values_list("session_key", flat=True)) == [
        "live1209600",
        "live3600",
    ]
