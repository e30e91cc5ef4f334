"""Helpers for the digest tests: communities with members, discussions, events, case studies.

Discussions are made through the communities app's models (as its services store them), so
that these tests read them exactly as the digest does.
"""

import datetime

import pytest
from django.utils import timezone

from communities.forum.models import Post, Thread
from communities.forum.models import Watch as WatchModel
from communities.membership.models import DiscussionVisibility, Membership, MembershipStatus
from digests.periods import local_today, weekly_period
from tests.factories import (
    CaseStudyPageFactory,
    CommunityPageFactory,
    EventPageFactory,
    UserFactory,
)


def ago(**kwargs) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**kwargs)


@pytest.fixture
def period():
    """This week: every member the factories make (weekly, on Mondays) is due now."""
    return weekly_period(local_today())


@pytest.fixture
def make_community(site_tree):
    def make(title, *, members_only=False, **kwargs):
        visibility = DiscussionVisibility.MEMBERS if members_only else DiscussionVisibility.PUBLIC
        return CommunityPageFactory(
            parent=site_tree["communities"],
            title=title,
            discussion_visibility=visibility,
            **kwargs,
        )

    return make


@pytest.fixture
def make_member(db):
    def make(*communities, **kwargs):
        member = UserFactory(**kwargs)
        for community in communities:
            Membership.objects.create(
                community=community,
                member=member,
                status=MembershipStatus.ACTIVE,
                joined_at=timezone.now(),
            )
        return member

    return make


def start_thread(community, author, title, body, *, at=None, **fields):
    at = at or ago(hours=1)
    thread = Thread.objects.create(
        community=community,
        title=title,
        slug=title.lower().replace(" ", "-")[:80],
        author=author,
        created_at=at,
        last_activity_at=at,
        last_poster=author,
        **fields,
    )
    Post.objects.create(thread=thread, author=author, number=1, body_markdown=body, created_at=at)
    return thread


def reply(thread, author, body, *, at=None, **fields):
    at = at or ago(minutes=30)
    thread.reply_count += 1
    thread.last_activity_at = max(thread.last_activity_at, at)
    thread.save(update_fields=["reply_count", "last_activity_at"])
    return Post.objects.create(
        thread=thread,
        author=author,
        number=thread.reply_count + 1,
        body_markdown=body,
        created_at=at,
        **fields,
    )


def watch(member, *, thread=None, community=None):
    return WatchModel.objects.create(member=member, thread=thread, community=community)


@pytest.fixture
def make_case_study(site_tree):
    def make(title, *components, published=None, **kwargs):
        return CaseStudyPageFactory(
            parent=site_tree["case_studies"],
            title=title,
            components=list(components),
            first_published_at=published or ago(days=1),
            **kwargs,
        )

    return make


@pytest.fixture
def make_event(site_tree):
    def make(title, community, *, published=None, starts_in=None, **kwargs):
        starts = timezone.now() + (starts_in or datetime.timedelta(days=21))
        return EventPageFactory(
            parent=site_tree["events"],
            title=title,
            community=community,
            first_published_at=published or ago(days=1),
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            **kwargs,
        )

    return make
