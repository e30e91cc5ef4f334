"""A digest run end to end through a real Redis broker and real `celery worker` processes,
including one killed with SIGKILL in the middle of the run.

The workers send through tests/digests/mailbox.py: a mail "server" that takes a moment to
answer and writes down every Message-ID it accepts, so the test can count what members really
received, whichever process sent it. Like tests/test_celery_redis.py (whose helpers this
uses), nothing is skipped: without Redis the test fails.
"""

import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import timedelta

import pytest
import redis
from django.conf import settings

from communities.models import Membership
from digests import runs
from digests.models import DeliveryStatus, DigestChunk, DigestDelivery, DigestRun
from digests.periods import local_today, weekly_period
from digests.rendering import message_id_for
from members.models import DigestFrequency, Preferences
from tests.factories import CommunityPageFactory, UserFactory
from tests.test_celery_redis import REDIS_URL, database_url, queue, redis_app, tail  # noqa: F401

from .conftest import start_thread
from .mailbox import accepted_message_ids

pytestmark = [
    pytest.mark.redis,
    # The worker needs committed data: a transactional test. serialized_rollback puts back
    # what the migrations made (Wagtail's root page among them), which an earlier
    # transactional test in the session may have emptied.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
TIMEOUT = 60  # seconds for the whole run to settle
CLAIM_TIMEOUT = 2  # seconds: how soon a dead worker's claims and chunks are picked up
ELIGIBLE = 24


@pytest.fixture
def mailbox(tmp_path, monkeypatch):
    path = tmp_path / "accepted.txt"
    monkeypatch.setenv("DIGEST_TEST_MAILBOX", str(path))
    return path


@pytest.fixture
def start_worker(transactional_db, queue, mailbox, tmp_path):  # noqa: F811
    """Starts real `celery worker` processes on the queue; stops any left at the end."""
    processes = []

    def start():
        log = tmp_path / f"worker-{len(processes)}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "connected_places.settings.test",
            "CELERY_BROKER_URL": REDIS_URL,
            "CELERY_RESULT_BACKEND": REDIS_URL,
            "DATABASE_URL": database_url(),
            "PYTHONUNBUFFERED": "1",
            "DIGEST_EMAIL_BACKEND": "tests.digests.mailbox.RecordingBackend",
            "DIGEST_TEST_MAILBOX": str(mailbox),
            "DIGEST_TEST_SEND_SECONDS": "0.1",
            "DIGEST_CLAIM_TIMEOUT_SECONDS": str(CLAIM_TIMEOUT),
        }
        command = [
            sys.executable, "-m", "celery", "-A", "connected_places", "worker",
            "--pool=solo", "--concurrency=1", "--loglevel=info", "--queues", queue,
            "--hostname", f"{queue}-{len(processes)}@%h",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ]  # fmt: skip
        with log.open("wb") as output:
            process = subprocess.Popen(  # noqa: S603 (our own command line)
                command, env=env, cwd=settings.BASE_DIR, stdout=output, stderr=subprocess.STDOUT
            )
        process.log = log
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
    _forget_unacked(queue)


def _forget_unacked(queue_name):
    """Drops the killed worker's unacknowledged message for this test's queue from Redis (it
    would otherwise be restored to the queue an hour later), leaving other queues' alone."""
    client = redis.Redis.from_url(REDIS_URL)
    for tag, payload in client.hgetall("unacked").items():
        try:
            routing_key = json.loads(payload)[2]
        except (ValueError, IndexError):
            continue
        if routing_key == queue_name:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)
    client.close()


@pytest.fixture
def eligible(transactional_db, site_tree):
    """ELIGIBLE members with news in their community, one member with none, one who
    turned digests off."""
    community = CommunityPageFactory(parent=site_tree["communities"], title="Data")
    members = [UserFactory() for _ in range(ELIGIBLE)]
    Membership.objects.bulk_create(
        Membership(community=community, member=member) for member in members
    )
    author = UserFactory()
    Preferences.objects.filter(user=author).update(digest_frequency=DigestFrequency.OFF)
    UserFactory()  # follows nothing: skipped, no email
    start_thread(community, author, "Bin collection schemas", "Which standard do you use?")
    return members


def wait_until(condition, workers, what):
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        for worker in workers:
            if worker.poll() is not None and worker.returncode != -signal.SIGKILL:
                pytest.fail(f"a worker exited with {worker.returncode}:\n{tail(worker.log)}")
        if time.monotonic() > deadline:
            logs = "\n".join(tail(worker.log, 30) for worker in workers)
            pytest.fail(f"timed out waiting for {what}; worker logs:\n{logs}")
        time.sleep(0.1)


def settled(period) -> bool:
    open_chunks = DigestChunk.objects.filter(finished_at__isnull=True).exists()
    unfinished = DigestDelivery.objects.filter(
        period=period.key, status__in=[DeliveryStatus.CLAIMED, DeliveryStatus.SENDING]
    ).exists()
    return not open_chunks and not unfinished


@pytest.mark.usefixtures("redis_app")  # our Celery configuration, pointed at Redis
def test_a_run_through_redis_survives_a_killed_worker_and_sends_each_digest_once(
    eligible, start_worker, settings
):
    settings.DIGEST_CHUNK_SIZE = 4
    settings.DIGEST_CLAIM_TIMEOUT = timedelta(seconds=CLAIM_TIMEOUT)
    settings.DIGEST_ACCEPTANCE_CHECK = "tests.digests.mailbox.was_accepted"
    period = weekly_period(local_today())
    expected = {message_id_for(member.pk, period.key) for member in eligible}

    first = start_worker()
    run = runs.start_run(period, trigger=DigestRun.Trigger.SCHEDULE)  # chunks go to Redis
    assert run.considered == ELIGIBLE + 1

    # Mid-run: some digests accepted by the mail server, most not yet sent.
    wait_until(lambda: len(accepted_message_ids()) >= 6, [first], "the first digests")
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    assert len(accepted_message_ids()) < ELIGIBLE, "the run finished before the kill"

    second = start_worker()

    # What beat does every few minutes: pick up the dead worker's chunk and claims once stale.
    def reconciled():
        time.sleep(CLAIM_TIMEOUT)
        runs.reconcile()
        return settled(period)

    wait_until(reconciled, [second], "the run to finish after the kill")

    received = Counter(accepted_message_ids())
    assert set(received) == expected  # every eligible member, nobody else...
    assert set(received.values()) == {1}  # ...exactly once
    statuses = Counter(
        DigestDelivery.objects.filter(period=period.key).values_list("status", flat=True)
    )
    assert statuses == {DeliveryStatus.SENT: ELIGIBLE, DeliveryStatus.SKIPPED: 1}
    assert "send_digest_chunk[" in second.log.read_text()  # the restarted worker took over

    # The same run started again sends none.
    again = runs.start_run(period, trigger=DigestRun.Trigger.SCHEDULE)
    assert again.considered == 0
    time.sleep(1)
    assert Counter(accepted_message_ids()) == received
