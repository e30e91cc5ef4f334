"""Beside the discussions a digest features, the case studies most related to them: of the same
component, or sharing a theme tag with one of those discussions (the rule the case-study page
uses, communities.library.selectors.relatedness)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from digests.selection import select_digests

from .conftest import ago, start_thread, watch

pytestmark = pytest.mark.django_db


def related(digest) -> dict[str, list[str]]:
    return {
        group.community.title: [item.title for item in section.items]
        for group in digest.communities
        for section in group.sections
        if section.kind == "related"
    }


def tagged(case_study, *tags):
    case_study.tags.add(*tags)
    case_study.save()
    return case_study


def test_a_case_study_sharing_only_a_tag_with_a_featured_discussion_is_related(
    period, make_community, make_member, make_case_study
):
    data, travel = make_community("Data"), make_community("Travel and mobility")
    member = make_member(data)
    buses = make_case_study("Bus timetables as open data", travel, published=ago(days=200))
    tagged(buses, "open data")
    tagged(make_case_study("Congestion sensors", travel, published=ago(days=200)), "sensors")
    thread = start_thread(data, make_member(data), "Publishing datasets", "Where do we start?")
    thread.tags.set(["open data", "licences"])

    digest = select_digests([member.pk], period=period)[member.pk]

    assert related(digest) == {"Data": ["Bus timetables as open data"]}


def test_sharing_a_component_and_tags_ranks_above_sharing_one_of_them(
    period, make_community, make_member, make_case_study
):
    data = make_community("Data")
    member = make_member(data)

    def written(title, year, *tags):
        case_study = make_case_study(
            title, data, published=ago(days=100), published_date=datetime.date(year, 1, 1)
        )
        return tagged(case_study, *tags)

    written("Newest, same component only", 2025)
    written("Older, component and theme", 2021, "uprn")
    written("Oldest, component and two themes", 2020, "uprn", "addresses")
    thread = start_thread(data, make_member(data), "Matching UPRNs", "Which approach worked?")
    thread.tags.set(["uprn", "addresses"])

    digest = select_digests([member.pk], period=period)[member.pk]

    assert related(digest) == {
        "Data": ["Oldest, component and two themes", "Older, component and theme"]
    }


def test_tags_of_discussions_a_member_is_not_shown_do_not_choose_their_case_studies(
    period, make_community, make_member, make_case_study
):
    data, closed = make_community("Data"), make_community("Resilience", members_only=True)
    member = make_member(data)
    tagged(make_case_study("Flood maps", closed, published=ago(days=200)), "flooding")
    secret = start_thread(closed, make_member(closed), "Private flood plans", "Drafts.")
    secret.tags.set(["flooding"])
    watch(member, thread=secret)  # watching does not let an outsider read it
    start_thread(data, make_member(data), "Data sharing", "Templates?")

    digest = select_digests([member.pk], period=period)[member.pk]

    assert "Flood maps" not in str(related(digest))


def test_tags_keep_selection_queries_constant_per_chunk(
    period, make_community, make_member, make_case_study
):
    data, travel = make_community("Data"), make_community("Travel and mobility")
    author = make_member(data)
    for number in range(3):
        tagged(make_case_study(f"Tagged {number}", travel, published=ago(days=50)), f"t{number}")
        thread = start_thread(data, author, f"Thread {number}", "Body.")
        thread.tags.set([f"t{number}", "shared"])

    def count(size):
        ids = [make_member(data).pk for _ in range(size)]
        with CaptureQueriesContext(connection) as queries:
            digests = select_digests(ids, period=period)
        assert all(related(digest) for digest in digests.values())
        return len(queries)

    count(2)  # warm per-process caches
    assert count(3) == count(40) <= 20
