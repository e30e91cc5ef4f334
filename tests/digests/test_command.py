"""`manage.py send_digests`: the operators' way to send (or check) a period's digests."""

import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from digests.models import DigestDelivery, DigestRun

from .conftest import start_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def news(make_community, make_member):
    data = make_community("Data")
    readers = [make_member(data) for _ in range(3)]
    make_member()  # nothing relevant
    start_thread(data, readers[0], "Bin collection schemas", "Which standard?")
    return readers


def send_digests(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("send_digests", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_dry_run_counts_and_changes_nothing(news, period):
    out, _ = send_digests("--period", period.key, "--dry-run")

    assert out.strip() == (
        f"Dry run for {period.key}: 4 members due; 2 would get a digest, 2 would be skipped "
        "(nothing new). Nothing was sent or recorded."
    )
    assert not mail.outbox
    assert not DigestDelivery.objects.exists() and not DigestRun.objects.exists()


def test_sending_reports_the_outcome_and_a_second_run_sends_nothing(news, period, capsys):
    out, _ = send_digests("--period", period.key, "--chunk-size", "2")

    run = DigestRun.objects.get()
    assert out.strip() == (
        f"Run {run.pk} for {period.key}: 4 members due; 2 sent, 2 skipped (nothing new), 0 failed."
    )
    assert run.trigger == DigestRun.Trigger.COMMAND and run.finished_at is not None
    assert len(mail.outbox) == 2
    assert f"Sending {period.key}: 4/4 members" in capsys.readouterr().err  # the progress

    out, _ = send_digests("--period", period.key)
    assert "0 members due; 0 sent" in out
    assert len(mail.outbox) == 2


@pytest.mark.parametrize(
    ("period_key", "message"),
    [
        ("2026-W99", "'2026-W99': 2026 has no ISO week 99"),
        ("2026-02-30", "'2026-02-30' is not a date in the calendar"),
        ("next week", "'next week' is not a period: use an ISO week such as 2026-W47"),
        ("2999-W01", "2999-W01 has not started yet"),
    ],
)
def test_a_bad_period_fails_with_one_line(period_key, message):
    with pytest.raises(CommandError) as error:
        send_digests("--period", period_key)
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert error.value.returncode == 1  # manage.py exits non-zero
    assert not DigestRun.objects.exists()
