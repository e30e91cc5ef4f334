"""Accounts whose address was never confirmed are deleted after the retention period."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from members.models import User
from members.tasks import delete_unconfirmed_accounts
from tests.factories import UserFactory


def joined(days_ago, **kwargs):
    user = UserFactory(**kwargs)
    User.objects.filter(pk=user.pk).update(
        date_joined=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return user


@pytest.mark.django_db
def test_only_old_never_confirmed_accounts_are_deleted():
    stale = joined(31, verified=False)
    recent = joined(5, verified=False)
    confirmed = joined(400)
    staff = joined(400, verified=False, is_staff=True)

    assert delete_unconfirmed_accounts.delay().get() == 1

    remaining = set(User.objects.values_list("pk", flat=True))
    assert stale.pk not in remaining
    assert {recent.pk, confirmed.pk, staff.pk} <= remaining


@pytest.mark.django_db
def test_deleting_stale_accounts_clears_the_sessions_that_hold_their_addresses():
    first = joined(31, email="first.stale@example.org", verified=False)
    second = joined(40, email="second.stale@example.org", verified=False)
    unrelated = SessionStore()
    unrelated["note"] = "someone.else@example.org"
    unrelated.create()
    for member in (first, second):
        # An anonymous session that still holds the address, as allauth's can mid-sign-up.
        anonymous = SessionStore()
        anonymous["pending"] = {"email": member.email}
        anonymous.create()

    assert delete_unconfirmed_accounts.delay().get() == 2

    remaining = [session.get_decoded() for session in Session.objects.all()]
    assert remaining == [{"note": "someone.else@example.org"}]
