"""`manage.py seed_demo`: the demo content, created once, and never clobbering editors.

Seeding takes a few seconds, so the module seeds once (the `seeded` fixture) inside a
transaction that is rolled back when the module ends. Each test still runs in its own
savepoint through the `db` fixture, so tests may change the seeded content freely.
"""

import datetime
import io
import zoneinfo
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Revision, Site

from communities.library.models import CaseStudyIndexPage, CaseStudyLink, CaseStudyPage
from communities.membership.models import CommunityIndexPage, CommunityPage
from events.models import CallToAction, EventIndexPage, EventPage, Registration
from home import demo_content
from home.models import HomePage, StandardPage
from home.seeding import event_slot, seed_demo_content
from members.models import Notification, User
from tests.factories import UserFactory, build_site_tree

LONDON = zoneinfo.ZoneInfo("Europe/London")
WELCOME = "Welcome to your new Wagtail site!"
TEST_DEMO_PASSWORD = "password-from-the-environment"

COMMUNITY_SLUGS = [
    "health-and-wellbeing",
    "community-resilience",
    "energy-and-environment",
    "democratic-engagement",
    "travel-and-mobility",
    "economy-and-business",
    "education-skills-and-jobs",
    "data",
]


def seed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def snapshot():
    """Counts of everything the seed creates, to compare before and after another run."""
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": User.objects.count(),
        "email addresses": EmailAddress.objects.count(),
        "case study links": CaseStudyLink.objects.count(),
        "calls to action": CallToAction.objects.count(),
        "sites": Site.objects.count(),
    }


@dataclass
class Seeded:
    output: str
    default_site_pk: int
    had_welcome_page: bool


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        default_site = Site.objects.get(is_default_site=True)
        had_welcome_page = Page.objects.filter(depth=2, title=WELCOME).exists()
        with pytest.MonkeyPatch.context() as monkeypatch:
            monkeypatch.setenv("DEMO_PASSWORD", TEST_DEMO_PASSWORD)
            output = seed()
        yield Seeded(output, default_site.pk, had_welcome_page)
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()


@pytest.fixture(autouse=True)
def _forget_site_root_paths():
    """A test that replaces the site would otherwise leave its paths cached for the next."""
    yield
    Site.clear_site_root_paths_cache()


def test_seed_creates_the_eight_communities_in_order_with_their_join_policies(seeded, db):
    communities = list(CommunityPage.objects.live().order_by("path"))

    assert [c.slug for c in communities] == COMMUNITY_SLUGS
    assert communities[2].title == "Energy and environmental sustainability"
    assert communities[6].title == "Education, skills and jobs"
    policies = {c.slug: c.join_policy for c in communities}
    assert policies.pop("data") == "request"
    assert policies.pop("democratic-engagement") == "invitation"
    assert set(policies.values()) == {"open"}
    for community in communities:
        assert community.summary
        assert any(block.block_type == "paragraph" for block in community.policy_framing)


def test_seed_creates_22_live_case_studies_each_in_at_least_one_community(seeded, db):
    case_studies = CaseStudyPage.objects.live()

    assert case_studies.count() == 22
    for case_study in case_studies:
        assert case_study.components.exists(), case_study.title
        assert case_study.published_date.year == 2024
        assert case_study.summary and case_study.body and case_study.outcomes

    def components(slug):
        return set(CaseStudyPage.objects.get(slug=slug).components.values_list("slug", flat=True))

    assert "data" in components("barnsley-uprns-vulnerability-index")
    assert "energy-and-environment" in components("derbyshire-air-quality-sensors")
    assert components("sunderland-community-digital-health-hubs") == {
        "education-skills-and-jobs",
        "health-and-wellbeing",
    }
    assert components("leeds-loop-resource-data-collaboration") == {
        "data",
        "energy-and-environment",
    }
    assert components("nhs-england-virtual-wards") == {"health-and-wellbeing"}
    lincolnshire = CaseStudyPage.objects.get(slug="lincolnshire-geospatial-emergency-planning")
    assert (lincolnshire.place_type, lincolnshire.links.count()) == ("county", 0)
    assert CaseStudyPage.objects.get(slug="nhs-england-virtual-wards").place_type == "national"


def test_every_community_has_case_studies(seeded, db):
    for community in CommunityPage.objects.all():
        assert community.case_studies.live().count() >= 2, community.title


def test_consultation_is_past_with_its_report_and_five_calls_to_action(seeded, db):
    consultation = EventPage.objects.get(slug="towards-connected-places-2024")

    assert consultation.live
    assert consultation.kind == "consultation"
    assert consultation.community is None
    assert consultation.is_past
    assert consultation.starts_at == datetime.datetime(2024, 3, 18, 9, 30, tzinfo=LONDON)
    assert consultation.ends_at == datetime.datetime(2024, 3, 19, 16, 0, tzinfo=LONDON)
    assert consultation.venue_name == "St George's House"
    assert "SL4 1NJ" in consultation.venue_address
    assert len(consultation.report) > 0
    assert consultation.calls_to_action.count() == 5
    assert "data standards" in consultation.calls_to_action.first().text


def test_upcoming_events_are_in_the_future_and_belong_to_communities(seeded, db):
    now = timezone.now()
    slugs = [event["slug"] for event in demo_content.RELATIVE_EVENTS if "weeks_ahead" in event]

    upcoming = EventPage.objects.live().filter(slug__in=slugs)

    assert 4 <= upcoming.count() == len(slugs) <= 6
    assert {event.kind for event in upcoming} == {"workshop", "webinar", "meetup", "consultation"}
    for event in upcoming:
        assert event.starts_at > now
        assert event.ends_at > event.starts_at
        assert event.community is not None
        assert event.is_online == (not event.venue_name)
        event.full_clean()
    past = EventPage.objects.get(slug="connected-places-in-practice-webinar")
    assert past.is_past
    # Its registrations were made before it, and checked in when it started.
    attended = past.registrations.filter(state="attended")
    assert attended.count() == 2
    for registration in attended:
        assert registration.created_at < past.starts_at == registration.checked_in_at


def test_the_seeded_waiting_list_keeps_its_order_for_newcomers_and_promotions(
    seeded, db, client, django_capture_on_commit_callbacks
):
    meetup = EventPage.objects.get(slug="resilience-meetup-planning-with-shared-maps")
    waiting = User.objects.get(email="daniel.brennan@example.org")
    newcomer = UserFactory()

    def page_for(user):
        client.force_login(user)
        return client.get(meetup.url).content.decode()

    assert "You are number 1 on the waiting list" in page_for(waiting)
    client.force_login(newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{meetup.url}register/", {})

    assert "You are number 2 on the waiting list" in page_for(newcomer)
    assert "You are number 1 on the waiting list" in page_for(waiting)

    client.force_login(User.objects.get(email="tom.okafor@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"{meetup.url}registration/cancel/")

    states = dict(Registration.objects.filter(event=meetup).values_list("user__email", "state"))
    assert states["daniel.brennan@example.org"] == "confirmed"
    assert states[newcomer.email] == "waitlisted"
    assert "You are number 1 on the waiting list" in page_for(newcomer)


def test_a_missing_registration_is_made_again_without_telling_anyone(
    seeded, db, django_capture_on_commit_callbacks
):
    webinar = EventPage.objects.get(slug="keeping-tenants-well-sensors-damp-and-mould")
    webinar.registrations.all().delete()
    notifications = Notification.objects.count()

    with django_capture_on_commit_callbacks() as queued:
        seed_demo_content()

    registration = webinar.registrations.get()
    assert (registration.user.email, registration.state) == ("priya.shah@example.org", "confirmed")
    assert queued == []  # no email waits for the commit
    assert Notification.objects.count() == notifications


def test_event_slots_avoid_the_christmas_break():
    christmas_eve = datetime.datetime(2026, 12, 24, 12, tzinfo=LONDON)

    upcoming = event_slot(christmas_eve, LONDON, weeks=1, weekday=1, start=(10, 0))
    past = event_slot(christmas_eve, LONDON, weeks=-1, weekday=1, start=(10, 0))

    assert upcoming == datetime.datetime(2027, 1, 5, 10, 0, tzinfo=LONDON)
    assert past == datetime.datetime(2026, 12, 15, 10, 0, tzinfo=LONDON)


def test_home_page_replaces_the_welcome_page_and_is_the_default_sites_root(seeded, db, client):
    site = Site.objects.get(is_default_site=True)
    home = HomePage.objects.get()

    assert seeded.had_welcome_page
    assert not Page.objects.filter(title=WELCOME).exists()
    assert site.pk == seeded.default_site_pk
    assert (site.hostname, site.root_page_id, site.site_name) == (
        "localhost",
        home.pk,
        "Connected Places",
    )
    assert (home.depth, home.slug, home.title) == (2, "home", "Connected Places")
    children = {page.slug: page for page in home.get_children().specific()}
    assert isinstance(children["communities"], CommunityIndexPage)
    assert isinstance(children["case-studies"], CaseStudyIndexPage)
    assert isinstance(children["events"], EventIndexPage)
    for slug in ("about", "privacy", "accessibility", "code-of-conduct"):
        assert isinstance(children[slug], StandardPage)
    menu = [page.slug for page in home.get_children().in_menu()]
    assert menu == ["communities", "case-studies", "events", "about"]

    response = client.get("/")

    assert response.status_code == 200
    assert "Health and wellbeing" in response.content.decode()


def test_every_seeded_page_is_published_from_a_revision_and_valid(seeded, db):
    pages = Page.objects.filter(depth__gte=2).specific()

    assert len(pages) == 1 + 3 + 4 + 8 + 22 + 1 + len(demo_content.RELATIVE_EVENTS)
    for page in pages:
        assert page.live and page.live_revision_id, page.title
        assert not page.has_unpublished_changes, page.title
        page.full_clean()


def test_every_seeded_page_renders(seeded, db, client):
    for page in Page.objects.filter(depth__gte=2).specific():
        assert client.get(page.url).status_code == 200, page.url


def test_seeding_twice_changes_nothing(seeded, db):
    before = snapshot()

    output = seed()

    assert snapshot() == before
    assert "Case studies: 22 created, 0 already present" in seeded.output
    assert "Case studies: 0 created, 22 already present" in output
    assert "Communities: 0 created, 8 already present" in output
    assert "Events: 0 created, 8 already present" in output
    assert "Members: 0 created, 9 already present" in output


def test_an_editors_changes_survive_another_run(seeded, db):
    community = CommunityPage.objects.get(slug="data")
    community.summary = "Edited by an editor."
    community.save_revision().publish()
    about = StandardPage.objects.get(slug="about")
    about.title = "About us"
    about.save_revision().publish()

    seed()

    assert CommunityPage.objects.get(slug="data").summary == "Edited by an editor."
    assert StandardPage.objects.get(slug="about").title == "About us"


def test_a_deleted_page_is_recreated_and_nothing_else(seeded, db):
    CaseStudyPage.objects.get(slug="barcelona-open-city-data").delete()

    summary = seed_demo_content()

    assert (summary.case_studies.created, summary.case_studies.found) == (1, 21)
    assert summary.pages.created == summary.communities.created == summary.events.created == 0
    recreated = CaseStudyPage.objects.get(slug="barcelona-open-city-data")
    assert list(recreated.components.values_list("slug", flat=True)) == ["data"]


def test_seed_adopts_an_existing_home_page_and_index_pages(db):
    tree = build_site_tree()  # replaces any home page, seeded or not

    summary = seed_demo_content()

    assert HomePage.objects.get().pk == tree["home"].pk
    assert CommunityIndexPage.objects.get().pk == tree["communities"].pk
    assert (summary.pages.found, summary.pages.created) == (4, 4)
    assert CommunityPage.objects.child_of(tree["communities"]).count() == 8
    assert Site.objects.get(is_default_site=True).root_page_id == tree["home"].pk


def test_seed_refuses_to_replace_a_real_page_holding_the_home_slug(db):
    Page.objects.filter(depth=2).delete()
    root = Page.get_first_root_node()
    root.add_child(instance=StandardPage(title="Someone's page", slug="home", body=[]))

    with pytest.raises(CommandError, match="in the way of the home page"):
        seed()

    assert not HomePage.objects.exists()


def test_seed_refuses_to_build_under_a_page_of_the_wrong_type(seeded, db):
    home = HomePage.objects.get()
    EventIndexPage.objects.get().delete()
    home.refresh_from_db()
    home.add_child(instance=StandardPage(title="Events", slug="events", body=[]))

    with pytest.raises(
        CommandError, match="is a StandardPage where the seed expects a EventIndexPage"
    ):
        seed()


def test_demo_members_have_verified_primary_emails_and_the_demo_password(seeded, db):
    members = User.objects.filter(email__endswith="@example.org")

    assert members.count() == len(demo_content.DEMO_MEMBERS) + 1
    for user in members:
        address = EmailAddress.objects.get(user=user)
        assert (address.email, address.verified, address.primary) == (user.email, True, True)
        assert user.display_name
        assert user.check_password(TEST_DEMO_PASSWORD)
    editor = User.objects.get(email="editor@example.org")
    assert editor.is_staff and editor.is_superuser
    assert editor.groups.filter(name="Editors").exists()
    assert not members.exclude(email="editor@example.org").filter(is_staff=True).exists()


def test_existing_passwords_are_never_reset(seeded, db, monkeypatch):
    editor = User.objects.get(email="editor@example.org")
    editor.set_password("chosen-by-the-editor")
    editor.save()
    User.objects.filter(email="tom.okafor@example.org").delete()
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)

    output = seed()

    assert User.objects.get(email="editor@example.org").check_password("chosen-by-the-editor")
    assert "Editor: editor@example.org (existing account, password unchanged)" in output
    recreated = User.objects.get(email="tom.okafor@example.org")
    assert recreated.check_password("connected-places-demo")
    assert EmailAddress.objects.filter(user=recreated, verified=True, primary=True).exists()


def test_the_command_says_where_the_editor_password_comes_from(seeded, db):
    assert "Editor: editor@example.org (password from $DEMO_PASSWORD)" in seeded.output


def test_the_command_will_not_use_the_default_password_in_production(db, settings, monkeypatch):
    settings.DEMO_PASSWORD_REQUIRED = True
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)

    with pytest.raises(CommandError, match="DEMO_PASSWORD"):
        seed()


def test_demo_content_is_consistent():
    case_studies = demo_content.CASE_STUDIES
    community_slugs = {community["slug"] for community in demo_content.COMMUNITIES}

    assert [community["slug"] for community in demo_content.COMMUNITIES] == COMMUNITY_SLUGS
    assert len({case_study["slug"] for case_study in case_studies}) == len(case_studies) == 22
    assert len({case_study["title"] for case_study in case_studies}) == 22
    for case_study in case_studies:
        assert set(case_study["components"]) <= community_slugs, case_study["slug"]
        assert len(case_study["summary"]) <= 600
        for _title, url in case_study["links"]:
            assert url.startswith("https://")
    assert all(len(text) <= 300 for text in demo_content.CONSULTATION["calls_to_action"])
