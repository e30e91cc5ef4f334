"""A digest run end to end through a real Redis broker and real `celery worker` processes,
including one killed with SIGKILL in the middle of the run.

The workers send through tests/digests/mailbox.py: a mail "server" that takes a moment to
answer and writes down every Message-ID it accepts, so the test can count what members really
received, whichever process sent it. Like tests/test_celery_redis.py (whose helpers this
uses), nothing is skipped: without Redis the test fails.
"""

import json
import signal
import time
from collections import Counter
from datetime import timedelta

import pytest
import redis
from django.db import OperationalError

from communities.membership.models import Membership
from digests import runs
from digests.models import DeliveryStatus, DigestChunk, DigestDelivery, DigestRun
from digests.periods import local_today, weekly_period
from digests.rendering import message_id_for
from members.models import DigestFrequency, Preferences
from tests.factories import CommunityPageFactory, UserFactory
from tests.test_celery_redis import (  # noqa: F401 (queue and redis_app are fixtures)
    REDIS_URL,
    queue,
    redis_app,
    start_worker_process,
    stop_worker_process,
    tail,
)

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
        number = len(processes)
        process = start_worker_process(
            queue,
            tmp_path / f"worker-{number}.log",
            hostname=f"{queue}-{number}",
            env={
                "DIGEST_EMAIL_BACKEND": "tests.digests.mailbox.RecordingBackend",
                "DIGEST_TEST_MAILBOX": str(mailbox),
                "DIGEST_TEST_SEND_SECONDS": "0.1",
                "DIGEST_CLAIM_TIMEOUT_SECONDS": str(CLAIM_TIMEOUT),
            },
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        stop_worker_process(process)
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
        try:
            runs.reconcile()
        except OperationalError as error:
            # SQLite allows one writer: this process (standing in for beat) can find the file
            # locked by the worker. Beat would simply run the reconciler again; so do we.
            if "database is locked" not in str(error):
                raise
            return False
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
