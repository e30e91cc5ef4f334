"""`manage.py seed_scale`: data at scale for the benchmarks, inserted in bulk, that the site
serves as if members had made it through the services (counters, page tree, search).

The tests that need an empty database come first; the rest share one seeded database (the
module-scoped `seeded` fixture, rolled back when the module ends), as in test_seed_demo.py.
"""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Max, Q
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from communities.forum.models import Post, Thread
from communities.library.models import CaseStudyPage
from events.models import SEATED_STATES, EventLedger, EventPage, Registration, RegistrationState
from home.scale_seeding import (
    BIG_EVENT_SLUG,
    BIG_THREAD_TITLE,
    LOAD_EVENTS,
    bench_email,
    benchmark_targets,
)
from members.models import User
from tests.factories import CommunityPageFactory

PASSWORD = "scale-password-for-tests"  # noqa: S105
SIZES = {
    "members": 40,
    "threads": 12,
    "posts": 150,
    "events": 16,
    "case_studies": 9,
    "registrations": 60,
    "accounts": 6,
    "big_thread_replies": 45,
    "big_event_registrations": 20,
}


def seed_scale(**options):
    out = io.StringIO()
    call_command(
        "seed_scale",
        password=PASSWORD,
        stdout=out,
        stderr=io.StringIO(),
        **{**SIZES, **options},
    )
    return out.getvalue()


def build_demo_site():
    from tests.factories import build_site_tree

    tree = build_site_tree()
    for title, slug, policy in [
        ("Health and wellbeing", "health-and-wellbeing", "open"),
        ("Travel and mobility", "travel-and-mobility", "open"),
        ("Data", "data", "request"),
    ]:
        CommunityPageFactory(parent=tree["communities"], title=title, slug=slug, join_policy=policy)
    return tree


@pytest.fixture
def demo_site(db):
    return build_demo_site()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        build_demo_site()
        yield seed_scale()
        transaction.set_rollback(True)
    Site.clear_site_root_paths_cache()


@pytest.fixture(autouse=True)
def _forget_site_root_paths():
    yield
    Site.clear_site_root_paths_cache()


# -- on an empty database --------------------------------------------------------------------


def test_refused_without_the_demo_site(db):
    with pytest.raises(CommandError, match="run `manage.py seed_demo` first"):
        seed_scale()
    assert not User.objects.exists()


def test_refused_under_production_settings_without_force(demo_site, settings):
    settings.DEMO_PASSWORD_REQUIRED = True
    with pytest.raises(CommandError, match="--force"):
        seed_scale()
    assert not User.objects.exists()
    seed_scale(force=True)
    assert User.objects.count() == 40


def test_sizes_that_cannot_work_are_refused(demo_site):
    with pytest.raises(CommandError, match="--posts must be at least"):
        seed_scale(posts=20)


def test_the_same_seed_gives_the_same_content(demo_site):
    def content():
        return (
            list(Thread.objects.order_by("pk").values_list("title", "reply_count")),
            list(Post.objects.order_by("pk").values_list("body_markdown", flat=True)),
            list(EventPage.objects.order_by("pk").values_list("title", "capacity")),
        )

    class RolledBack(Exception):
        pass

    try:
        with transaction.atomic():
            seed_scale(seed=5)
            first = content()
            raise RolledBack
    except RolledBack:
        pass
    seed_scale(seed=5)
    assert content() == first


# -- on the shared seeded database ----------------------------------------------------------


def test_seed_scale_creates_what_was_asked_for(seeded, db):
    bench_members = User.objects.filter(email__endswith="@bench.example.org")
    assert bench_members.count() == 40
    assert Thread.objects.count() == 12
    assert Post.objects.count() == 150
    assert EventPage.objects.count() == 16
    assert CaseStudyPage.objects.live().count() == 9
    # Every member can sign in: a verified primary address, preferences, a profile.
    assert (
        bench_members.filter(
            emailaddress__verified=True, emailaddress__primary=True, preferences__isnull=False
        ).count()
        == 40
    )
    assert not bench_members.filter(Q(display_name="") | Q(handle__isnull=True)).exists()
    assert "rows per second" in seeded


def test_seeded_member_signs_in_with_the_shared_password(seeded, db, client):
    assert client.login(email=bench_email(1), password=PASSWORD)
    assert not client.login(email=bench_email(2), password="not-the-password")


def test_thread_counters_match_their_posts(seeded, db):
    threads = Thread.objects.annotate(
        posts_count=Count("posts"), highest=Max("posts__number"), latest=Max("posts__created_at")
    )
    for thread in threads:
        last_post = thread.posts.order_by("-number").first()
        assert thread.reply_count == thread.posts_count - 1
        assert thread.highest == thread.reply_count + 1
        assert thread.last_activity_at == thread.latest == last_post.created_at
        assert thread.last_poster_id == last_post.author_id
        assert thread.author_id == thread.posts.get(number=1).author_id
    assert Thread.objects.get(title=BIG_THREAD_TITLE).reply_count == 45


def test_pages_are_in_a_valid_tree_and_served(seeded, db, client):
    assert Page.find_problems() == ([], [], [], [], [])
    for parent in Page.objects.filter(numchild__gt=0):
        assert parent.get_children().count() == parent.numchild
    case_study = CaseStudyPage.objects.live().order_by("pk").last()
    response = client.get(case_study.url)
    assert response.status_code == 200
    assert case_study.organisation in response.content.decode()
    targets = benchmark_targets()
    for path in [targets["event"], targets["thread"], targets["thread_last_page"]]:
        assert client.get(path).status_code == 200
    library = client.get(targets["case_studies"] + targets["case_study_filters"][0])
    assert library.status_code == 200


def test_seeded_pages_and_discussions_can_be_found_by_search(seeded, db):
    case_study = CaseStudyPage.objects.live().order_by("pk").first()
    assert case_study in list(CaseStudyPage.objects.live().search(case_study.title))
    event = EventPage.objects.live().order_by("pk").last()
    assert event in list(EventPage.objects.live().search(event.title))
    thread = Thread.objects.order_by("pk").last()
    assert thread in list(get_search_backend().search(thread.title, Thread))


def test_no_event_has_more_people_seated_than_places(seeded, db):
    events = EventPage.objects.annotate(
        seated=Count("registrations", filter=Q(registrations__state__in=SEATED_STATES)),
        waiting=Count("registrations", filter=Q(registrations__state=RegistrationState.WAITLISTED)),
    )
    for event in events.filter(capacity__isnull=False):
        assert event.seated <= event.capacity
        if event.waiting:
            assert event.seated == event.capacity  # nobody waits while a place is free
    big = events.get(slug=BIG_EVENT_SLUG)
    assert big.seated == 15 and big.waiting == 5
    # New waiting-list tickets come after every seeded one.
    for ledger in EventLedger.objects.all():
        highest = ledger.event.registrations.aggregate(Max("waitlist_ticket"))
        assert (highest["waitlist_ticket__max"] or 0) <= ledger.seat_changes
    assert EventLedger.objects.count() == 16
    assert EventPage.objects.filter(slug__startswith="benchmark-workshop-").count() == LOAD_EVENTS
    assert Registration.objects.filter(event__slug__startswith="benchmark-workshop-").count() == 0


def test_benchmark_targets_name_accounts_that_belong_everywhere(seeded, db):
    targets = benchmark_targets()
    assert targets["accounts"][:6] == [bench_email(n) for n in range(1, 7)]
    for email in targets["accounts"]:
        member = User.objects.get(email=email)
        assert member.community_memberships.filter(status="active").count() == 3
    assert targets["thread_last_page"].endswith("?page=3")  # 46 posts, 20 a page
    assert len(targets["load_events"]) == LOAD_EVENTS
    assert len(targets["reply_threads"]) == 11


def test_second_run_is_refused_and_changes_nothing(seeded, db):
    posts = Post.objects.count()
    with pytest.raises(CommandError, match="already seeded at scale"):
        seed_scale()
    assert Post.objects.count() == posts
