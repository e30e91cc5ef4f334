"""What each member's digest holds: their communities' news, nothing they may not see."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digests.models import DeliveryStatus, DigestDelivery
from digests.selection import ITEMS_PER_SECTION, select_digests
from members.models import User
from tests.factories import RegistrationFactory

from .conftest import ago, reply, start_thread, watch

pytestmark = pytest.mark.django_db


def sections(digest) -> dict[str, dict[str, list[str]]]:
    """{community title: {section kind: [item titles]}}: what the member would read."""
    return {
        group.community.title: {
            section.kind: [item.title for item in section.items] for section in group.sections
        }
        for group in digest.communities
    }


def test_new_threads_come_from_the_members_communities_only(period, make_community, make_member):
    health, data = make_community("Health and wellbeing"), make_community("Data")
    reader, author = make_member(health), make_member(health, data)
    start_thread(
        health, author, "Falls sensors in care homes", "We trialled **sensors** in 12 homes."
    )
    start_thread(data, author, "Open data standards", "Which schema do you use?")

    digest = select_digests([reader.pk], period=period)[reader.pk]

    assert sections(digest) == {
        "Health and wellbeing": {"threads": ["Falls sensors in care homes"]}
    }
    item = digest.communities[0].sections[0].items[0]
    assert item.excerpt == "We trialled sensors in 12 homes."  # the text, not the markup
    assert item.url.startswith("http://testserver/communities/health-and-wellbeing/discussions/")
    assert item.detail.startswith("Started by ") and item.detail.endswith(". No replies yet")


def test_members_only_discussions_reach_members_and_nobody_else(
    period, make_community, make_member
):
    closed = make_community("Community resilience", members_only=True)
    insider, author = make_member(closed), make_member(closed)
    outsider = make_member(interests=["community-resilience"])
    thread = start_thread(closed, author, "Flood plan drafts", "Our draft plan for the river.")
    reply(thread, insider, "Looks good.")
    # Watching a thread or the community does not let an outsider read it either.
    watch(outsider, thread=thread)
    watch(outsider, community=closed)

    digests = select_digests([insider.pk, outsider.pk], period=period)

    assert "threads" in sections(digests[insider.pk])["Community resilience"]
    assert sections(digests[outsider.pk]) == {}
    assert digests[outsider.pk].is_empty


def test_a_community_page_under_view_restriction_shows_nothing(
    period, make_community, make_member, make_case_study
):
    from wagtail.models import PageViewRestriction

    private = make_community("Data")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    member = make_member(private)
    start_thread(private, make_member(private), "Hidden away", "Not for the digest.")
    make_case_study("A private library entry", private)

    assert select_digests([member.pk], period=period)[member.pk].is_empty


def test_hidden_held_and_own_threads_are_left_out(period, make_community, make_member):
    health = make_community("Health and wellbeing")
    reader, author = make_member(health), make_member(health)
    start_thread(health, author, "Hidden by a facilitator", "Spam.", is_hidden=True)
    start_thread(health, author, "Awaiting approval", "New member's first post.", is_held=True)
    start_thread(health, reader, "My own question", "I asked this myself.")
    start_thread(health, author, "Visible", "Everyone can read this.")

    digest = select_digests([reader.pk], period=period)[reader.pk]

    assert sections(digest) == {"Health and wellbeing": {"threads": ["Visible"]}}


def test_watched_threads_report_new_replies_from_others(period, make_community, make_member):
    travel = make_community("Travel and mobility")
    reader, other = make_member(), make_member(travel)
    thread = start_thread(travel, other, "Bus lane data", "Who publishes theirs?", at=ago(days=20))
    watch(reader, thread=thread)
    reply(thread, reader, "We do, weekly.", at=ago(hours=5))
    reply(thread, other, "Thanks! Is there an API for the live feed?", at=ago(hours=2))

    digest = select_digests([reader.pk], period=period)[reader.pk]

    assert sections(digest) == {"Travel and mobility": {"replies": ["Bus lane data"]}}
    item = digest.communities[0].sections[0].items[0]
    assert item.excerpt == "Thanks! Is there an API for the live feed?"
    assert item.detail == "1 new reply, 2 replies in all"  # the member's own reply not counted


def test_most_active_threads_rank_by_new_replies(period, make_community, make_member):
    data = make_community("Data")
    reader, other = make_member(data), make_member(data)
    quiet = start_thread(data, other, "Quiet one", "Hello.", at=ago(days=20))
    busy = start_thread(data, other, "Busy one", "Hello.", at=ago(days=20))
    stale = start_thread(data, other, "Old news", "Hello.", at=ago(days=20))
    reply(quiet, other, "One.", at=ago(hours=3))
    for hours in (4, 3, 2):
        reply(busy, other, f"Reply {hours}.", at=ago(hours=hours))
    reply(stale, other, "Before the window.", at=ago(days=15))

    digest = select_digests([reader.pk], period=period)[reader.pk]

    assert sections(digest) == {"Data": {"active": ["Busy one", "Quiet one"]}}


def test_events_with_places_left_in_followed_communities(
    period, make_community, make_member, make_event
):
    energy = make_community("Energy and environment")
    member = make_member(interests=["energy-and-environment"])
    make_event("Heat networks workshop", energy, capacity=20)
    full = make_event("Full retrofit clinic", energy, capacity=1)
    RegistrationFactory(event=full)
    make_event("Cancelled meetup", energy, is_cancelled=True)
    make_event("Announced long ago, months away", energy, published=ago(days=60))
    make_event("Announced long ago, this week", energy, published=ago(days=60),
               starts_in=datetime.timedelta(days=3))  # fmt: skip

    digest = select_digests([member.pk], period=period)[member.pk]

    events = sections(digest)["Energy and environment"]["events"]
    assert events == ["Announced long ago, this week", "Heat networks workshop"]  # soonest first
    workshop = digest.communities[0].sections[0].items[1]
    assert workshop.detail.endswith("20 places left")
    assert workshop.excerpt == "A practical session for people doing the work."


def test_new_case_studies_once_each_and_related_ones_beside_discussions(
    period, make_community, make_member, make_case_study
):
    health, data = make_community("Health and wellbeing"), make_community("Data")
    member = make_member(health, data)
    make_case_study("Shared care record", health, data)
    make_case_study("Old but relevant", data, published=ago(days=200))
    make_case_study("Older and relevant", data, published=ago(days=300),
                    published_date=datetime.date(2020, 1, 1))  # fmt: skip
    make_case_study("Old elsewhere", health, published=ago(days=200))
    start_thread(data, make_member(data), "Data sharing agreements", "Templates, anyone?")

    digest = select_digests([member.pk], period=period)[member.pk]

    assert sections(digest) == {
        # Listed once, under the first of its components; related ones are other than new.
        "Health and wellbeing": {"case_studies": ["Shared care record"]},
        "Data": {
            "threads": ["Data sharing agreements"],
            "related": ["Old but relevant", "Older and relevant"],
        },
    }


def test_each_community_with_discussions_gets_its_own_related_case_studies(
    period, make_community, make_member, make_case_study
):
    """A community with many recent case studies does not crowd out another's older ones."""
    health, data = make_community("Health and wellbeing"), make_community("Data")
    member, author = make_member(health, data), make_member(health, data)
    for number in range(20):
        make_case_study(f"Recent health work {number}", health, published=ago(days=100),
                        published_date=datetime.date(2025, 1, 1 + number))  # fmt: skip
    make_case_study("Older data work", data, published=ago(days=300),
                    published_date=datetime.date(2020, 1, 1))  # fmt: skip
    start_thread(health, author, "Virtual wards", "Any frameworks?")
    start_thread(data, author, "Data sharing agreements", "Templates, anyone?")

    related = {
        title: kinds["related"]
        for title, kinds in sections(select_digests([member.pk], period=period)[member.pk]).items()
    }

    assert related == {
        "Health and wellbeing": ["Recent health work 19", "Recent health work 18"],
        "Data": ["Older data work"],
    }


def test_related_case_studies_alone_do_not_make_a_digest(
    period, make_community, make_member, make_case_study
):
    data = make_community("Data")
    member = make_member(data)
    make_case_study("Old but relevant", data, published=ago(days=200))

    assert select_digests([member.pk], period=period)[member.pk].is_empty


def test_content_starts_where_the_last_digest_ended(period, make_community, make_member):
    data = make_community("Data")
    member, author = make_member(data), make_member(data)
    start_thread(data, author, "Before the last digest", "Already sent.", at=ago(days=3))
    start_thread(data, author, "After it", "New since.", at=ago(hours=1))
    DigestDelivery.objects.create(
        member=member,
        period="2000-W01",
        status=DeliveryStatus.SENT,
        claimed_at=ago(days=2),
        content_until=ago(days=2),
        message_id="<x@example.org>",
    )

    digest = select_digests([member.pk], period=period)[member.pk]

    assert sections(digest) == {"Data": {"threads": ["After it"]}}


def test_more_than_fits_is_counted(period, make_community, make_member):
    data = make_community("Data")
    reader, author = make_member(data), make_member(data)
    for number in range(ITEMS_PER_SECTION + 3):
        start_thread(data, author, f"Thread {number}", "Body.", at=ago(hours=number + 1))

    section = select_digests([reader.pk], period=period)[reader.pk].communities[0].sections[0]

    assert [item.title for item in section.items] == [f"Thread {n}" for n in range(5)]
    assert section.more_count == 3
    assert section.more_url == "http://testserver/communities/data/discussions/"


def test_selection_queries_do_not_grow_with_the_chunk(
    period, make_community, make_member, make_case_study, make_event
):
    health, data = make_community("Health and wellbeing"), make_community("Data")
    make_case_study("Shared care record", health, data)
    make_event("Heat networks workshop", data, capacity=20)
    author = make_member(health, data)
    thread = start_thread(data, author, "Data sharing", "Templates?")

    def chunk(size):
        members = [make_member(health, data) for _ in range(size)]
        for member in members:
            watch(member, thread=thread)
            reply(thread, author, f"Reply for {member.pk}")
        return [member.pk for member in members]

    small, large = chunk(2), chunk(20)

    def count(ids):
        with CaptureQueriesContext(connection) as queries:
            digests = select_digests(ids, period=period)
        assert all(not digest.is_empty for digest in digests.values())
        return len(queries)

    count(small)  # warm per-process caches (site root paths)
    assert count(small) == count(large) <= 20


def test_selection_query_ceiling(django_assert_max_num_queries, period, make_community,
                                 make_member, make_case_study):  # fmt: skip
    data = make_community("Data")
    make_case_study("Shared care record", data)
    for size in (3, 30):
        ids = [make_member(data).pk for _ in range(size)]
        with django_assert_max_num_queries(20):
            assert len(select_digests(ids, period=period)) == size


def test_inactive_members_get_no_digest(period, make_community, make_member):
    data = make_community("Data")
    member = make_member(data)
    User.objects.filter(pk=member.pk).update(is_active=False)
    assert select_digests([member.pk], period=period) == {}


def test_replies_to_a_members_own_new_thread_come_as_replies(period, make_community, make_member):
    health = make_community("Health and wellbeing")
    asker, helper = make_member(health), make_member(health)
    thread = start_thread(health, asker, "How do you evaluate virtual wards?", "Any frameworks?")
    watch(asker, thread=thread)  # starting a thread watches it
    reply(thread, helper, "We used the NHS England one.")

    digest = select_digests([asker.pk], period=period)[asker.pk]

    assert sections(digest) == {
        "Health and wellbeing": {"replies": ["How do you evaluate virtual wards?"]}
    }
