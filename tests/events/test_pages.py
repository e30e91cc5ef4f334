import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events.models import AttendanceMode, EventKind
from tests.factories import CommunityPageFactory, EventPageFactory
from tests.querycounts import assert_queries_constant

LONDON = datetime.timezone(datetime.timedelta(0))


@pytest.fixture
def data_community(site_tree):
    return CommunityPageFactory(parent=site_tree["communities"], title="Data", slug="data")


def test_event_index_lists_upcoming_events_soonest_first_and_hides_past_ones(client, site_tree):
    now = timezone.now()
    EventPageFactory(
        parent=site_tree["events"],
        title="Later workshop",
        starts_at=now + datetime.timedelta(days=40),
    )
    EventPageFactory(
        parent=site_tree["events"],
        title="Sooner webinar",
        starts_at=now + datetime.timedelta(days=5),
    )
    EventPageFactory(
        parent=site_tree["events"],
        title="Last year's consultation",
        starts_at=now - datetime.timedelta(days=300),
    )

    content = client.get("/events/").content.decode()

    assert content.index("Sooner webinar") < content.index("Later workshop")
    assert "Last year&#x27;s consultation" not in content


def test_event_index_past_view_shows_past_events_most_recent_first(client, site_tree):
    now = timezone.now()
    EventPageFactory(
        parent=site_tree["events"],
        title="Older meetup",
        starts_at=now - datetime.timedelta(days=300),
    )
    EventPageFactory(
        parent=site_tree["events"],
        title="Recent consultation",
        starts_at=now - datetime.timedelta(days=30),
    )
    EventPageFactory(parent=site_tree["events"], title="Future workshop")

    content = client.get("/events/", {"when": "past"}).content.decode()

    assert content.index("Recent consultation") < content.index("Older meetup")
    assert "Future workshop" not in content


def test_event_index_filters_by_community_and_kind(client, site_tree, data_community):
    EventPageFactory(parent=site_tree["events"], title="Data workshop", community=data_community)
    EventPageFactory(
        parent=site_tree["events"],
        title="Data webinar",
        community=data_community,
        kind=EventKind.WEBINAR,
        attendance_mode=AttendanceMode.ONLINE,
        venue_name="",
    )
    EventPageFactory(parent=site_tree["events"], title="Unrelated workshop")

    by_community = client.get("/events/", {"community": "data"}).content.decode()
    by_both = client.get("/events/", {"community": "data", "kind": "webinar"}).content.decode()

    assert "Data workshop" in by_community and "Unrelated workshop" not in by_community
    assert "Data webinar" in by_both and "Data workshop" not in by_both


def error_summary(content: str) -> str:
    assert 'class="govuk-error-summary"' in content, "no error summary"
    return content.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]


@pytest.mark.parametrize(
    ("query", "message", "shown", "not_shown"),
    [
        (
            {"when": "2026-13-45", "community": "data", "kind": "webinar"},
            "Choose upcoming or past events",
            ["Data webinar"],  # upcoming, as when nothing is chosen
            ["Data workshop", "Unrelated webinar", "Past data webinar"],
        ),
        (
            {"when": "past", "community": "nope", "kind": "webinar"},
            "Choose a community from the list",
            ["Past data webinar"],
            ["Data webinar", "Data workshop"],
        ),
        (
            {"community": "da\x00ta", "kind": "webinar"},
            "Choose a community from the list",
            ["Data webinar", "Unrelated webinar"],
            ["Data workshop", "Past data webinar"],
        ),
        (
            {"community": "data", "kind": "<b>party</b>"},
            "Choose a kind of event from the list",
            ["Data workshop", "Data webinar"],
            ["Unrelated webinar", "Past data webinar"],
        ),
    ],
)
def test_event_index_explains_a_value_it_cannot_filter_by_and_applies_the_other_filters(
    client, site_tree, data_community, query, message, shown, not_shown
):
    EventPageFactory(parent=site_tree["events"], title="Data workshop", community=data_community)
    for title, community, starts_at in [
        ("Data webinar", data_community, timezone.now() + datetime.timedelta(days=10)),
        ("Unrelated webinar", None, timezone.now() + datetime.timedelta(days=10)),
        ("Past data webinar", data_community, timezone.now() - datetime.timedelta(days=10)),
    ]:
        EventPageFactory(
            parent=site_tree["events"],
            title=title,
            community=community,
            starts_at=starts_at,
            kind=EventKind.WEBINAR,
            attendance_mode=AttendanceMode.ONLINE,
            venue_name="",
        )

    response = client.get("/events/", query)

    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: Events" in content
    summary = error_summary(content)
    assert "There is a problem" in summary and message in summary
    for raw in ["Select a valid choice", "Null characters", "<b>party</b>"]:
        assert raw not in content
    (target,) = re.findall(r'href="#([^"]+)"', summary)  # the error leads to its filter
    assert content.count(f'id="{target}"') == 1
    for title in shown:
        assert title in content
    for title in not_shown:
        assert title not in content


def test_event_index_queries_do_not_grow_with_events(client, site_tree, data_community):
    def grow():
        for _ in range(15):
            EventPageFactory(parent=site_tree["events"], community=data_community)

    EventPageFactory(parent=site_tree["events"], community=data_community)
    assert_queries_constant(client, "/events/", grow, max_queries=15)
    assert_queries_constant(client, "/events/?community=data&kind=workshop", grow, max_queries=16)


def test_event_page_shows_times_in_the_events_time_zone(client, site_tree):
    # 09:30 UTC in June is 10:30 in London (BST); in January it is 09:30 (GMT).
    EventPageFactory(
        parent=site_tree["events"],
        slug="summer",
        time_zone="Europe/London",
        starts_at=datetime.datetime(2030, 6, 18, 9, 30, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 6, 18, 15, 0, tzinfo=datetime.UTC),
    )
    EventPageFactory(
        parent=site_tree["events"],
        slug="winter",
        time_zone="Europe/London",
        starts_at=datetime.datetime(2030, 1, 15, 9, 30, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 1, 15, 15, 0, tzinfo=datetime.UTC),
    )

    summer = client.get("/events/summer/").content.decode()
    winter = client.get("/events/winter/").content.decode()

    assert "Tuesday 18 June 2030, 10:30 a.m." in summer
    assert "Tuesday 15 January 2030, 9:30 a.m." in winter


def test_past_consultation_shows_its_report_and_calls_to_action(client, site_tree):
    consultation = EventPageFactory(
        parent=site_tree["events"],
        slug="consultation",
        kind=EventKind.CONSULTATION,
        starts_at=datetime.datetime(2024, 3, 18, 9, 30, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2024, 3, 19, 16, 0, tzinfo=datetime.UTC),
    )
    consultation.calls_to_action.create(text="Establish common data standards", sort_order=0)
    consultation.calls_to_action.create(text="Share what works", sort_order=1)
    consultation.save()

    content = client.get("/events/consultation/").content.decode()

    assert "(took place)" in content
    assert content.index("Establish common data standards") < content.index("Share what works")


def test_event_page_query_count_is_bounded(
    client, site_tree, data_community, django_assert_max_num_queries
):
    EventPageFactory(parent=site_tree["events"], slug="workshop", community=data_community)

    with django_assert_max_num_queries(15):
        assert client.get("/events/workshop/").status_code == 200


def test_event_that_ends_before_it_starts_is_refused(site_tree):
    event = EventPageFactory.build(
        starts_at=timezone.now(), ends_at=timezone.now() - datetime.timedelta(hours=1)
    )

    with pytest.raises(ValidationError) as error:
        event.clean()

    assert "ends_at" in error.value.message_dict


def test_in_person_event_needs_a_venue(site_tree):
    event = EventPageFactory.build(attendance_mode=AttendanceMode.IN_PERSON, venue_name="")

    with pytest.raises(ValidationError) as error:
        event.clean()

    assert "venue_name" in error.value.message_dict
