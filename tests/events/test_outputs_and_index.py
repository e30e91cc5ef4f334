"""The event index's registration badges, and the outputs of past events: on the event page and,
through the event_outputs tag, on community pages."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone

from communities.membership.models import CommunityPage
from events.models import (
    CallToAction,
    EventPage,
    Registration,
    RegistrationMode,
    RelatedCaseStudy,
    validate_link,
)
from home.seeding import seed_demo_content
from tests.events.helpers import add_events
from tests.factories import (
    CaseStudyPageFactory,
    CommunityPageFactory,
    EventPageFactory,
    RegistrationFactory,
)
from tests.querycounts import assert_queries_constant, count_queries

PAST = timezone.now() - datetime.timedelta(days=30)


def text_of(response) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_event_index_badges_say_whether_registration_is_open_and_how_many_places_are_left(
    client, site_tree
):
    events = site_tree["events"]
    roomy = EventPageFactory(parent=events, title="Roomy", capacity=10)
    RegistrationFactory.create_batch(3, event=roomy)
    full = EventPageFactory(parent=events, title="Packed", capacity=1)
    RegistrationFactory(event=full)
    EventPageFactory(parent=events, title="Unlimited", capacity=None)
    EventPageFactory(parent=events, title="Invited", registration_mode=RegistrationMode.INVITATION)
    EventPageFactory(
        parent=events,
        title="Not yet",
        registration_opens_at=timezone.now() + datetime.timedelta(days=3),
    )

    text = text_of(client.get("/events/"))

    assert "Roomy Workshop Registration open: 7 places left" in text
    assert "Packed Workshop Full – join the waiting list" in text
    assert "Unlimited Workshop Registration open" in text
    assert "Invited Workshop By invitation" in text
    assert re.search(r"Not yet Workshop \w+day \d+", text)  # no badge before it opens


def test_event_index_queries_stay_constant_with_more_events_and_registrations(client, site_tree):
    def grow():
        for _ in range(12):
            event = EventPageFactory(parent=site_tree["events"], capacity=5)
            RegistrationFactory.create_batch(3, event=event)
            RegistrationFactory(event=event, state="waitlisted", waitlist_ticket=1)

    event = EventPageFactory(parent=site_tree["events"], capacity=5)
    RegistrationFactory(event=event)
    assert_queries_constant(client, "/events/", grow, max_queries=15)


def test_event_index_with_1000_events_renders_in_a_bounded_number_of_queries(client, site_tree):
    EventPageFactory(parent=site_tree["events"], title="The first event", capacity=5)

    def grow():
        events = add_events(site_tree["events"], 999)
        Registration.objects.bulk_create(
            Registration(event=event, state="confirmed") for event in events[::2]
        )
        Registration.objects.bulk_create(
            Registration(event=event, state="waitlisted", waitlist_ticket=1)
            for event in events[::3]
        )

    assert_queries_constant(client, "/events/", grow, max_queries=15)
    last_page = client.get("/events/", {"page": 50})
    assert EventPage.objects.live().count() == 1000
    assert "Bulk event 998" in last_page.content.decode()
    assert count_queries(client, "/events/?page=50") == count_queries(client, "/events/")


def test_event_page_queries_do_not_grow_with_calls_to_action_and_related_case_studies(
    client, site_tree
):
    event = EventPageFactory(parent=site_tree["events"], starts_at=PAST)

    def grow():
        for number in range(5):
            event.calls_to_action.add(CallToAction(text=f"Call {number}", link_url="/"))
            case_study = CaseStudyPageFactory(parent=site_tree["case_studies"])
            event.related_case_studies.add(RelatedCaseStudy(case_study=case_study))
        event.save()

    assert_queries_constant(client, event.url, grow, max_queries=15)
    assert "Call 4" in client.get(event.url).content.decode()


@pytest.fixture
def consultation(site_tree):
    data = CommunityPageFactory(parent=site_tree["communities"], title="Data", slug="data")
    case_study = CaseStudyPageFactory(
        parent=site_tree["case_studies"], title="Barnsley's vulnerability index"
    )
    event = EventPageFactory(
        parent=site_tree["events"],
        slug="consultation",
        title="Data consultation",
        community=data,
        starts_at=PAST,
        report=[{"type": "paragraph", "value": "<p>What we learned.</p>"}],
    )
    event.calls_to_action = [
        CallToAction(text="Agree common data standards", link_url="/communities/data/"),
        CallToAction(
            text="Share what works",
            link_url="https://example.org/discussions/12/",
            link_text="Join the discussion",
        ),
    ]
    event.related_case_studies.create(case_study=case_study)
    event.save()
    return event


def test_past_event_page_shows_report_calls_to_action_and_related_case_studies(
    client, consultation
):
    content = client.get(consultation.url).content.decode()

    assert "What came out of it" in content and "What we learned." in content
    assert '<a class="govuk-link" href="/communities/data/">Agree common data standards</a>' in (
        content
    )
    assert 'href="https://example.org/discussions/12/">Join the discussion</a>' in content
    assert "Barnsley&#x27;s vulnerability index" in content


def render_outputs(community) -> str:
    return Template("{% load events_tags %}{% event_outputs community=community %}").render(
        Context({"community": community})
    )


def test_community_page_tag_lists_outputs_of_its_own_and_network_wide_past_events(
    consultation, site_tree, django_assert_max_num_queries
):
    other = CommunityPageFactory(parent=site_tree["communities"], title="Travel")
    network_wide = EventPageFactory(
        parent=site_tree["events"], title="Network consultation", starts_at=PAST
    )
    network_wide.calls_to_action = [CallToAction(text="Support communities of practice")]
    network_wide.save()
    elsewhere = EventPageFactory(
        parent=site_tree["events"], title="Travel consultation", community=other, starts_at=PAST
    )
    elsewhere.calls_to_action = [CallToAction(text="Not for data")]
    elsewhere.save()
    upcoming = EventPageFactory(parent=site_tree["events"], title="Upcoming", community=None)
    upcoming.calls_to_action = [CallToAction(text="Too soon")]
    upcoming.save()

    with django_assert_max_num_queries(4):
        html = render_outputs(consultation.community)

    assert "Data consultation" in html and "Agree common data standards" in html
    assert "Network consultation" in html and "Support communities of practice" in html
    assert "Travel consultation" not in html and "Upcoming" not in html


def test_a_call_to_action_link_must_be_a_web_address_or_a_path_on_this_site():
    validate_link("/communities/data/discussions/12-standards/")
    validate_link("https://example.org/")
    for bad in ("javascript:alert(1)", "//evil.example.org/", "not a link"):
        with pytest.raises(ValidationError):
            validate_link(bad)


def test_the_seeded_2024_consultation_shows_its_outputs_and_a_community_page_links_them(client, db):
    seed_demo_content(password="demo-password-for-tests")

    page = client.get("/events/towards-connected-places-2024/").content.decode()
    outputs = render_outputs(CommunityPage.objects.get(slug="data"))

    assert page.count('class="govuk-link" href="/communities/data/"') == 2
    assert "Related case studies" in page
    assert "Barnsley" in page
    assert "Towards Connected Places: insights into actions" in outputs
    assert "Establish common data standards" in outputs


def test_an_event_not_yet_created_can_be_previewed_with_its_outputs(rf, site_tree):
    from django.contrib.auth.models import AnonymousUser

    draft = EventPageFactory.build(title="Draft consultation")
    draft.calls_to_action = [CallToAction(text="A call from the draft")]
    request = rf.get("/")
    request.user = AnonymousUser()

    response = draft.serve_preview(request, draft.default_preview_mode)
    page = response.render().content.decode()

    assert response.status_code == 200
    assert "A call from the draft" in page
    # Nothing to register for until the event exists.
    assert "register/" not in page
