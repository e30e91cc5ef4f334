"""Cancel → promotion → email through a real Redis broker and a real Celery worker process.

Every other events test runs tasks eagerly; this one sends the promotion email task through
Redis to a `celery worker` (the fixtures of tests/test_celery_redis.py), which reads the test
database, sends the email and reports the address it went to.
"""

import time

import pytest

from events import services
from events.models import Registration
from tests.factories import EventPageFactory, UserFactory
from tests.test_celery_redis import TIMEOUT, queue, redis_app, tail, worker  # noqa: F401

pytestmark = [
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def wait_for_log(worker, text):  # noqa: F811 - the fixture's value
    deadline = time.monotonic() + TIMEOUT
    while text not in worker.log.read_text():
        if worker.poll() is not None:
            pytest.fail(f"the worker exited with status {worker.returncode}:\n{tail(worker.log)}")
        if time.monotonic() > deadline:
            pytest.fail(f"the worker never logged {text!r}; its log:\n{tail(worker.log)}")
        time.sleep(0.1)


def test_a_cancelled_place_promotes_the_first_waiting_member_emailed_by_a_real_worker(
    worker,  # noqa: F811
    redis_app,  # noqa: F811
    site_tree,
):
    event = EventPageFactory(parent=site_tree["events"], capacity=1)
    holder = UserFactory(email="holder@example.org")
    waiting = UserFactory(email="waiting@example.org")
    seat = Registration.objects.create(event=event, user=holder, state="confirmed")
    Registration.objects.create(event=event, user=waiting, state="waitlisted", waitlist_ticket=1)

    services.registration_cancel(registration=seat)

    # The worker ran the task queued after commit, and the email went to the promoted member.
    wait_for_log(worker, "events.tasks.send_registration_email[")
    wait_for_log(worker, "succeeded")
    log = worker.log.read_text()
    assert "['waiting@example.org']" in log, tail(worker.log)
    assert Registration.objects.get(user=waiting).state == "confirmed"
