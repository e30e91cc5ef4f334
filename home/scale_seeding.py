"""Seed a database at the size a national community reaches, fast: for benchmarks and load tests.

`seed_scale()` adds, beside the demo content (which must be there first), tens of thousands of
fictional members, their memberships, discussions with hundreds of thousands of posts, case
studies, events and registrations. Everything is inserted with bulk inserts in batches (COPY on
PostgreSQL for the biggest tables: posts, watches, read markers), in one transaction, then
indexed for search a batch at a time. Nothing goes through the services (no emails,
notifications or Celery tasks), so the denormalised columns the services keep (a thread's
reply_count, last_activity_at and last_poster, an event's has_outputs and ledger, a page's
tree path and its parent's numchild) are computed here and written with the rows.

Pages (case studies, events) are Wagtail pages: their treebeard paths are worked out here, after
the parent's last child, and each batch is inserted into wagtailcore_page and then the page
model's own table, as Django does for one page but a batch at a time. They are published
(live, with first and last published dates), without revisions.

Post bodies are Markdown from a pool of a few hundred distinct texts, each rendered once by
communities.forum.rendering (the code that renders a member's post when it is saved).

The same seed gives the same content (names, texts, who posted what, which event is full);
dates are relative to the time of seeding, so that upcoming events stay upcoming.

Every seeded member signs in with one shared password (bench-00001@bench.example.org, ...);
the first `accounts` of them belong to every community, for the load test's signed-in users.
"""

import datetime
import math
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from urllib.parse import urlencode

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backends

from communities.forum.models import Post, ReadMarker, Thread, ThreadTag, Watch
from communities.forum.rendering import render_post
from communities.forum.services import thread_slug
from communities.library.models import (
    CaseStudyIndexPage,
    CaseStudyLink,
    CaseStudyPage,
    CaseStudyTag,
    OrganisationType,
    PlaceType,
)
from communities.membership.models import (
    CommunityIndexPage,
    CommunityPage,
    Membership,
    MembershipStatus,
    Role,
)
from events.models import (
    AttendanceMode,
    EventIndexPage,
    EventKind,
    EventLedger,
    EventPage,
    Registration,
    RegistrationMode,
    RegistrationState,
)
from events.services import schedule_of
from home.models import HomePage
from home.seeding import paragraphs, stream
from members.models import DigestFrequency, Preferences, Sector, User

BENCH_EMAIL_DOMAIN = "bench.example.org"
DEFAULT_BENCH_PASSWORD = "connected-places-bench"  # noqa: S105 - documented bench password
BENCH_PASSWORD_ENV = "BENCH_PASSWORD"  # noqa: S105 - the name of a variable, not a password
# The benchmark's big discussion and event, found again by benchmark_targets().
BIG_THREAD_TITLE = "Benchmark: what should a shared care-data standard for a region cover?"
BIG_EVENT_SLUG = "benchmark-regional-data-summit"
LOAD_EVENT_SLUG_PREFIX = "benchmark-workshop-"
# The load test's registrants compete for these: small, open, with a waiting list.
LOAD_EVENTS = 10
LOAD_EVENT_CAPACITY = 20
# The community the big discussion lives in, if it exists (else the first community).
BIG_THREAD_COMMUNITY = "data"

ProgressCallback = Callable[[str, int, int], None]


def bench_email(number: int) -> str:
    return f"bench-{number:05d}@{BENCH_EMAIL_DOMAIN}"


def bench_handle(number: int) -> str:
    return f"bench-{number:05d}"


class ScaleSeedRefused(Exception):
    """The database is not in a state to seed at scale; the message says what to do."""


@dataclass(frozen=True)
class ScaleSizes:
    members: int = 20_000
    threads: int = 20_000
    posts: int = 400_000  # every post, opening posts and the big thread's included
    events: int = 2_000  # every event page, the benchmark's big event and workshops included
    case_studies: int = 5_000
    registrations: int = 40_000  # across ordinary events, beside the big event's
    accounts: int = 500  # members who belong to every community (signed-in load-test users)
    big_thread_replies: int = 500
    big_event_registrations: int = 2_000

    def problems(self) -> list[str]:
        """What is wrong with these sizes, in words for the command line."""
        problems = []
        for name in ("members", "threads", "posts", "events", "case_studies", "registrations"):
            if getattr(self, name) < 0:
                problems.append(f"--{name.replace('_', '-')} cannot be negative")
        if self.members < 10:
            problems.append("--members must be at least 10")
        if self.threads and self.posts < self.threads + self.big_thread_replies:
            problems.append(
                f"--posts must be at least --threads plus the big discussion's "
                f"{self.big_thread_replies} replies ({self.threads + self.big_thread_replies})"
            )
        return problems


@dataclass
class ScaleSeedSummary:
    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # per stage
    indexing_seconds: dict[str, float] = field(default_factory=dict)  # part of their stage

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())

    def lines(self) -> list[str]:
        lines = []
        for stage, seconds in self.seconds.items():
            indexing = self.indexing_seconds.get(stage)
            of_which = f" (search index {indexing:.1f} s)" if indexing else ""
            lines.append(f"{stage}: {seconds:.1f} s{of_which}")
        lines.append(", ".join(f"{count} {name}" for name, count in self.rows.items()))
        rate = self.total_rows / self.total_seconds if self.total_seconds else 0
        lines.append(
            f"{self.total_rows} rows in {self.total_seconds:.1f} s ({rate:,.0f} rows per second)"
        )
        return lines


def seed_scale(
    *,
    sizes: ScaleSizes,
    password: str,
    seed: int = 47,
    now: datetime.datetime | None = None,
    progress: ProgressCallback | None = None,
) -> ScaleSeedSummary:
    """Seeds the database at scale, in one transaction; refuses (ScaleSeedRefused) when the
    demo site is missing or the database was already seeded at scale."""
    problems = sizes.problems()
    if problems:
        raise ScaleSeedRefused("; ".join(problems))
    sections = demo_sections()
    if User.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}").exists():
        raise ScaleSeedRefused(
            f"This database is already seeded at scale (members @{BENCH_EMAIL_DOMAIN} exist): "
            "seed a fresh database instead."
        )
    seeder = _ScaleSeeder(
        sections=sections,
        sizes=sizes,
        rng=random.Random(seed),  # noqa: S311 - made-up content, not secrets
        password=password,
        now=now or timezone.now(),
        progress=progress or (lambda stage, done, total: None),
    )
    with transaction.atomic():
        seeder.run()
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor == "postgresql":
        # A million new rows: plan the next queries with statistics that know about them,
        # rather than wait for autovacuum to notice.
        with connection.cursor() as cursor:
            for table in connection.introspection.django_table_names(only_existing=True):
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    return seeder.summary


@dataclass
class DemoSections:
    home: HomePage
    community_index: CommunityIndexPage
    case_study_index: CaseStudyIndexPage
    event_index: EventIndexPage
    communities: list[CommunityPage]


def demo_sections() -> DemoSections:
    """The demo site's home page, section pages and communities; ScaleSeedRefused if missing."""
    missing = "The demo site is not seeded ({}): run `manage.py seed_demo` first."
    home = HomePage.objects.first()
    if home is None:
        raise ScaleSeedRefused(missing.format("no home page"))
    found = {}
    for name, model in [
        ("community_index", CommunityIndexPage),
        ("case_study_index", CaseStudyIndexPage),
        ("event_index", EventIndexPage),
    ]:
        found[name] = model.objects.child_of(home).first()
        if found[name] is None:
            raise ScaleSeedRefused(missing.format(f"no {model._meta.verbose_name}"))
    communities = list(
        CommunityPage.objects.child_of(found["community_index"]).live().order_by("path")
    )
    if not communities:
        raise ScaleSeedRefused(missing.format("no communities"))
    return DemoSections(home=home, communities=communities, **found)


# -- made-up words ---------------------------------------------------------------------------

FIRST_NAMES = [
    "Alex",
    "Amara",
    "Ben",
    "Bethan",
    "Callum",
    "Chloe",
    "Dev",
    "Dina",
    "Eilidh",
    "Emeka",
    "Farah",
    "Finn",
    "Gareth",
    "Grace",
    "Hamza",
    "Hannah",
    "Imran",
    "Isla",
    "Jack",
    "Jaspreet",
    "Kai",
    "Kemi",
    "Leah",
    "Liam",
    "Maya",
    "Mohammed",
    "Nia",
    "Noah",
    "Olu",
    "Orla",
    "Priya",
    "Rhys",
    "Rosa",
    "Sam",
    "Sana",
    "Tom",
    "Una",
    "Viktor",
    "Wen",
    "Yusuf",
    "Zara",
]
LAST_NAMES = [
    "Abbott",
    "Achebe",
    "Begum",
    "Bell",
    "Campbell",
    "Chen",
    "Davies",
    "Evans",
    "Fraser",
    "Garcia",
    "Hughes",
    "Iqbal",
    "Jones",
    "Kaur",
    "Khan",
    "Lewis",
    "Li",
    "Morgan",
    "Murphy",
    "Nowak",
    "Okafor",
    "Owen",
    "Patel",
    "Price",
    "Quinn",
    "Reid",
    "Roberts",
    "Shah",
    "Singh",
    "Taylor",
    "Thomas",
    "Walsh",
    "Watson",
    "Williams",
    "Wright",
    "Young",
]
PLACE_STARTS = [
    "North",
    "South",
    "East",
    "West",
    "Ash",
    "Oak",
    "Elm",
    "Brook",
    "Kings",
    "Castle",
    "River",
    "Stone",
    "Green",
    "Fair",
    "Mill",
    "Bridge",
    "Marsh",
    "High",
    "Long",
    "Thorn",
]
PLACE_ENDS = [
    "vale",
    "field",
    "ford",
    "ton",
    "bury",
    "ham",
    "wick",
    "mouth",
    "by",
    "stead",
    "borough",
    "minster",
]
ORGANISATION_FORMS = [
    ("{} City Council", OrganisationType.LOCAL_AUTHORITY),
    ("{} Borough Council", OrganisationType.LOCAL_AUTHORITY),
    ("{} County Council", OrganisationType.LOCAL_AUTHORITY),
    ("{} Combined Authority", OrganisationType.COMBINED_AUTHORITY),
    ("{} Integrated Care Board", OrganisationType.HEALTH_AND_CARE),
    ("{} Housing Association", OrganisationType.HOUSING),
    ("University of {}", OrganisationType.EDUCATION),
    ("{} Community Trust", OrganisationType.VOLUNTARY),
    ("{} Digital Partnership", OrganisationType.PARTNERSHIP),
    ("{} Data Services Ltd", OrganisationType.SUPPLIER),
]
JOB_TITLES = [
    "Head of digital",
    "Data analyst",
    "Chief information officer",
    "Service designer",
    "Programme manager",
    "Smart places lead",
    "Policy officer",
    "Community development worker",
    "Researcher",
    "Product manager",
    "Energy officer",
    "Transport planner",
]
TOPICS = [
    "care home sensor networks",
    "bus data feeds",
    "heat pump retrofit",
    "flood warning sensors",
    "digital inclusion hubs",
    "open data portals",
    "air quality monitoring",
    "social prescribing referrals",
    "school transport routing",
    "electric vehicle charge points",
    "participatory budgeting",
    "library digital skills",
    "local energy networks",
    "shared care records",
    "smart street lighting",
    "citizen panels",
    "business rates data",
    "apprenticeship matching",
    "virtual wards",
    "waste collection routing",
    "community wifi",
    "asset mapping",
    "damp and mould sensors",
    "winter resilience planning",
    "footfall counting",
    "adult social care data",
    "parking sensors",
    "youth employment support",
    "net zero reporting",
    "cyber resilience",
]
TITLE_FORMS = [
    "How are others handling {topic}?",
    "Lessons from {topic} in {place}",
    "Looking for examples of {topic}",
    "{Topic}: what worked for you?",
    "Procurement advice for {topic}",
    "Has anyone evaluated {topic}?",
    "Sharing our approach to {topic}",
    "Data standards for {topic}",
    "Funding {topic} in {place}",
    "Getting started with {topic}",
    "Who owns the data from {topic}?",
    "Scaling {topic} beyond a pilot",
]
SENTENCE_FORMS = [
    "We started {topic} in {place} with {n} households and grew it over two years.",
    "The hardest part of {topic} was agreeing who owns the data.",
    "Our {role} found that {topic} saved about {n} hours a month.",
    "Has anyone shared a data-sharing agreement for {topic}?",
    "In {place} we paired {topic} with {topic2}, which helped with funding.",
    "Residents told us that {topic} only works if people trust how the data is used.",
    "The procurement took {n} weeks; next time we would use a framework.",
    "We publish the figures from {topic} as open data every month.",
    "Start small, measure what changes, and bring the frontline staff in early.",
    "The business case for {topic} rested on avoided costs rather than savings.",
    "Our supplier's platform did not talk to our records system, so we built a bridge.",
    "Would anyone be up for a call about {topic} next month?",
]
TAGS = [
    "sensors",
    "open data",
    "procurement",
    "funding",
    "standards",
    "social care",
    "net zero",
    "inclusion",
    "transport",
    "evaluation",
    "ethics",
    "skills",
    "housing",
    "resilience",
    "engagement",
]
EVENT_FORMS = [
    "{Topic} workshop",
    "Webinar: {topic} in practice",
    "{Place} meetup: {topic}",
    "Show and tell: {topic}",
    "Consultation on {topic}",
]
VENUES = ["Civic Centre", "Central Library", "Town Hall", "Innovation Hub", "Community Centre"]
SEATED = {RegistrationState.CONFIRMED, RegistrationState.ATTENDED}


def batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _apportion(total: int, weights: list[float]) -> list[int]:
    """`total` split in proportion to `weights`, in whole numbers that add up to `total`."""
    weight_sum = sum(weights)
    if not weights or weight_sum <= 0:
        return [0] * len(weights)
    shares = [total * weight / weight_sum for weight in weights]
    counts = [int(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])
    for index in by_remainder[: total - sum(counts)]:
        counts[index] += 1
    return counts


# -- bulk insertion --------------------------------------------------------------------------


def bulk_insert(model, rows: list[dict], *, batch_size: int = 5000) -> None:
    """Inserts new rows, each a dict of field attribute names (author_id, not author) to
    values, whose ids nobody needs back. Fields a row leaves out take their default.

    On PostgreSQL the rows go in with COPY, several times faster than bulk_create for the
    biggest tables (posts, watches, read markers), and without building a model instance per
    row; elsewhere through bulk_create. Only for plain values (numbers, text, dates, booleans).
    """
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and not f.generated]
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        model.objects.bulk_create((model(**row) for row in rows), batch_size=batch_size)
        return
    defaults = {f.attname: f.get_default() for f in fields}
    names = list(defaults)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    statement = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([row.get(name, defaults[name]) for name in names])


def bulk_create_child_pages(parent: Page, pages: list[Page], *, batch_size: int = 500) -> None:
    """Inserts new pages (instances of one specific page model) as published children of
    `parent`, a batch at a time, without Page.add_child's per-page queries and saves.

    Treebeard's materialised paths continue after the parent's last child; each batch goes
    into wagtailcore_page (returning the ids) and then the model's own table, as Django's
    save() does for one multi-table-inherited object. The parent's numchild is updated once.
    Sets each page's pk. Revisions are not made and signals are not sent.
    """
    if not pages:
        return
    model = type(pages[0])
    last_path = parent.get_children().order_by("-path").values_list("path", flat=True).first()
    step = Page._str2int(last_path[-Page.steplen :]) if last_path else 0
    depth = parent.depth + 1
    content_type = ContentType.objects.get_for_model(model)
    for page in pages:
        step += 1
        page.path = Page._get_path(parent.path, depth, step)
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
    page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    own_fields = model._meta.local_concrete_fields
    for batch in batched(pages, batch_size):
        rows = Page._base_manager._insert(
            batch, fields=page_fields, returning_fields=[Page._meta.pk], using=DEFAULT_DB_ALIAS
        )
        for page, (pk,) in zip(batch, rows, strict=True):
            page.id = page.page_ptr_id = pk
        model._base_manager._insert(batch, fields=own_fields, using=DEFAULT_DB_ALIAS)
        for page in batch:
            page._state.adding = False
            page._state.db = DEFAULT_DB_ALIAS
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))


def index_for_search(
    model, pks: list[int], *, prefetch: tuple[str, ...] = (), batch_size: int = 500
) -> None:
    """Adds the objects to every search backend's index, a batch per statement: what the
    search signal handlers do for each object saved, which bulk inserts do not send."""
    backends = list(get_search_backends())
    objects = model.get_indexed_objects().prefetch_related(*prefetch)
    for batch in batched(pks, batch_size):
        found = list(objects.filter(pk__in=batch))
        for backend in backends:
            backend.add_bulk(model, found)


# -- the seeder ------------------------------------------------------------------------------


@dataclass
class _PostPlan:
    author_id: int
    created_at: datetime.datetime
    body: int  # index in the body pool


class _ScaleSeeder:
    POST_BATCH = 5000
    THREAD_BATCH = 500

    def __init__(self, *, sections, sizes, rng, password, now, progress):
        self.sections = sections
        self.sizes = sizes
        self.rng = rng
        self.password = password
        self.now = now
        self.progress = progress
        self.summary = ScaleSeedSummary()
        self.communities = sections.communities
        self.places = [start + end for start in PLACE_STARTS for end in PLACE_ENDS]
        rng.shuffle(self.places)
        self.organisations: list[tuple[str, str, str]] = []
        self.user_ids: list[int] = []
        self.users_joined: dict[int, datetime.datetime] = {}
        self.accounts: list[int] = []
        self.members_of: dict[int, list[int]] = {}
        self.events: list[EventPage] = []
        self.thread_ids: list[int] = []

    def run(self):
        for stage, step in [
            ("Members", self.seed_members),
            ("Memberships", self.seed_memberships),
            ("Discussions", self.seed_discussions),
            ("Case studies", self.seed_case_studies),
            ("Events", self.seed_events),
            ("Registrations", self.seed_registrations),
        ]:
            started = time.perf_counter()
            step()
            self.summary.seconds[stage] = time.perf_counter() - started

    def count(self, name: str, rows: int) -> None:
        self.summary.rows[name] = self.summary.rows.get(name, 0) + rows

    def topic(self) -> str:
        return self.rng.choice(TOPICS)

    def fill(self, form: str) -> str:
        topic = self.topic()
        return form.format(
            topic=topic,
            Topic=topic[0].upper() + topic[1:],
            topic2=self.topic(),
            place=self.rng.choice(self.places),
            Place=self.rng.choice(self.places),
            role=self.rng.choice(JOB_TITLES).lower(),
            n=self.rng.randint(3, 400),
        )

    def sentences(self, count: int) -> str:
        return " ".join(self.fill(self.rng.choice(SENTENCE_FORMS)) for _ in range(count))

    def ago(self, *, days_min: float, days_max: float) -> datetime.datetime:
        return self.now - datetime.timedelta(days=self.rng.uniform(days_min, days_max))

    # -- members -----------------------------------------------------------------------------

    def seed_members(self):
        sizes, rng = self.sizes, self.rng
        password_hash = make_password(self.password)  # one hash: hashing is deliberately slow
        slugs = [community.slug for community in self.communities]
        sectors = [choice for choice, _ in Sector.choices]
        # (name, type, place): a few hundred organisations, so the library's filter is real.
        self.organisations = [
            (form.format(place), kind, place)
            for place in self.places[:80]
            for form, kind in rng.sample(ORGANISATION_FORMS, 4)
        ]
        for numbers in batched(range(1, sizes.members + 1), 2000):
            users = []
            for number in numbers:
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                users.append(
                    User(
                        email=bench_email(number),
                        password=password_hash,
                        first_name=first,
                        last_name=last,
                        display_name=f"{first} {last}",
                        handle=bench_handle(number),
                        organisation=rng.choice(self.organisations)[0],
                        job_title=rng.choice(JOB_TITLES),
                        sector=rng.choice(sectors),
                        place=rng.choice(self.places),
                        bio=self.sentences(1),
                        interests=rng.sample(slugs, rng.randint(0, min(3, len(slugs)))),
                        listed_in_directory=rng.random() < 0.9,
                        # Old enough that no first post is held for a facilitator.
                        date_joined=self.ago(days_min=30, days_max=4 * 365),
                    )
                )
            User.objects.bulk_create(users)
            frequencies = [DigestFrequency.WEEKLY] * 7 + [DigestFrequency.DAILY, *["off"] * 2]
            Preferences.objects.bulk_create(
                Preferences(
                    user=user,
                    digest_frequency=rng.choice(frequencies),
                    digest_day=rng.randint(0, 6),
                )
                for user in users
            )
            EmailAddress.objects.bulk_create(
                EmailAddress(user=user, email=user.email, verified=True, primary=True)
                for user in users
            )
            self.user_ids.extend(user.pk for user in users)
            self.users_joined.update((user.pk, user.date_joined) for user in users)
            self.count("members", len(users))
            self.count("preferences", len(users))
            self.count("email addresses", len(users))
            self.progress("Members", len(self.user_ids), sizes.members)
        self.accounts = self.user_ids[: min(sizes.accounts, len(self.user_ids))]

    def seed_memberships(self):
        rng = self.rng
        accounts = set(self.accounts)
        others = [pk for pk in self.user_ids if pk not in accounts]
        self.members_of = {community.pk: [] for community in self.communities}
        memberships = []
        for community in self.communities:
            for pk in rng.sample(others, min(2, len(others))):
                memberships.append((community, pk, Role.FACILITATOR, MembershipStatus.ACTIVE))
        taken = {(community.pk, pk) for community, pk, _, _ in memberships}
        for pk in self.user_ids:
            chosen = (
                self.communities
                if pk in accounts
                else rng.sample(self.communities, rng.randint(1, min(3, len(self.communities))))
            )
            for community in chosen:
                if (community.pk, pk) in taken:
                    continue
                pending = pk not in accounts and community.join_policy == "request"
                status = (
                    MembershipStatus.PENDING
                    if pending and rng.random() < 0.02
                    else MembershipStatus.ACTIVE
                )
                memberships.append((community, pk, Role.MEMBER, status))
        rows = []
        for community, pk, role, status in memberships:
            joined = self.users_joined[pk] + datetime.timedelta(days=rng.uniform(0, 20))
            active = status == MembershipStatus.ACTIVE
            rows.append(
                Membership(
                    community=community,
                    member_id=pk,
                    role=role,
                    status=status,
                    requested_at=joined,
                    joined_at=joined if active else None,
                )
            )
            if active:
                self.members_of[community.pk].append(pk)
        for done, batch in enumerate(batched(rows, self.POST_BATCH), start=1):
            Membership.objects.bulk_create(batch)
            self.progress("Memberships", min(done * self.POST_BATCH, len(rows)), len(rows))
        self.count("memberships", len(rows))

    # -- discussions -------------------------------------------------------------------------

    def post_bodies(self) -> list[tuple[str, str]]:
        """A pool of distinct Markdown bodies with their HTML, each rendered once."""
        rng, bodies = self.rng, []
        mentionable = min(50, len(self.user_ids))
        for _ in range(min(400, max(20, self.sizes.posts // 20))):
            parts = [self.sentences(rng.randint(1, 4)) for _ in range(rng.randint(1, 3))]
            if rng.random() < 0.2:
                parts.append("\n".join(f"- {self.fill('{Topic}')}" for _ in range(3)))
            if rng.random() < 0.15:
                parts.append(
                    f"We wrote it up: [our report](https://example.org/{slugify(self.topic())})."
                )
            if rng.random() < 0.1:
                number = rng.randint(1, mentionable)
                parts.append(f"@{bench_handle(number)} might know more about this.")
            if rng.random() < 0.2:
                parts[0] = f"**{self.fill('{Topic}')}** — " + parts[0]
            markdown = "\n\n".join(parts)
            bodies.append((markdown, render_post(markdown).html))
        return bodies

    def seed_discussions(self):
        sizes, rng = self.sizes, self.rng
        if not sizes.threads:
            return
        self.bodies = self.post_bodies()
        self.tags = self.tag_ids(TAGS)
        communities = [c for c in self.communities if self.members_of[c.pk]]
        big_community = next(
            (c for c in communities if c.slug == BIG_THREAD_COMMUNITY), communities[0]
        )
        weights = [rng.uniform(0.5, 2.0) for _ in communities]
        ordinary = sizes.threads - 1
        replies = _apportion(
            sizes.posts - sizes.threads - sizes.big_thread_replies,
            [min(rng.paretovariate(1.5), 40.0) for _ in range(ordinary)],
        )
        plans = [(big_community, sizes.big_thread_replies, True)]
        plans += [(rng.choices(communities, weights)[0], count, False) for count in replies]
        done = 0
        for batch in batched(plans, self.THREAD_BATCH):
            done += self.seed_thread_batch(batch)
            self.progress("Posts", done, sizes.posts)
        started = time.perf_counter()
        for indexed, batch in enumerate(batched(self.thread_ids, 2000), start=1):
            index_for_search(Thread, batch, prefetch=("tags",))
            self.progress("Search index", min(indexed * 2000, len(self.thread_ids)), sizes.threads)
        self.summary.indexing_seconds["Discussions"] = time.perf_counter() - started
        self.count("search entries", len(self.thread_ids))

    def tag_ids(self, names: list[str]) -> list[int]:
        existing = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
        Tag.objects.bulk_create(
            Tag(name=name, slug=slugify(name)) for name in names if name not in existing
        )
        return list(Tag.objects.filter(name__in=names).values_list("pk", flat=True))

    def plan_posts(self, community, replies: int, big: bool) -> tuple[dict, list[_PostPlan]]:
        rng = self.rng
        members = self.members_of[community.pk]
        if big:
            created = self.now - datetime.timedelta(days=90)
            span = datetime.timedelta(days=89)
            title = BIG_THREAD_TITLE
        else:
            created = self.ago(days_min=1, days_max=3 * 365)
            span = min(self.now - created, datetime.timedelta(days=rng.uniform(0.05, 60)))
            title = self.fill(rng.choice(TITLE_FORMS))
        opener = rng.choice(members)
        times = sorted(created + span * rng.random() for _ in range(replies))
        posts = [_PostPlan(opener, created, rng.randrange(len(self.bodies)))]
        participants = [opener]
        for at in times:
            if rng.random() < 0.35:
                author = rng.choice(participants)
            else:
                author = rng.choice(members)
                participants.append(author)
            posts.append(_PostPlan(author, at, rng.randrange(len(self.bodies))))
        thread = {
            "community_id": community.pk,
            "title": title,
            "slug": thread_slug(title),
            "author_id": opener,
            "created_at": created,
            "last_activity_at": posts[-1].created_at,
            "last_poster_id": posts[-1].author_id,
            "reply_count": replies,
            "is_pinned": not big and rng.random() < 0.002,
        }
        return thread, posts

    def seed_thread_batch(self, batch) -> int:
        planned = [self.plan_posts(community, replies, big) for community, replies, big in batch]
        threads = Thread.objects.bulk_create(Thread(**thread) for thread, _ in planned)
        self.thread_ids.extend(thread.pk for thread in threads)
        self.count("threads", len(threads))
        posts, watches, markers, tags = [], [], [], []
        for thread, (_, plan) in zip(threads, planned, strict=True):
            last_own = {}
            for number, post in enumerate(plan, start=1):
                markdown, html = self.bodies[post.body]
                posts.append(
                    {
                        "thread_id": thread.pk,
                        "author_id": post.author_id,
                        "number": number,
                        "body_markdown": markdown,
                        "body_html": html,
                        "created_at": post.created_at,
                    }
                )
                if post.author_id not in last_own:
                    watches.append(
                        {
                            "member_id": post.author_id,
                            "thread_id": thread.pk,
                            "created_at": post.created_at,
                        }
                    )
                last_own[post.author_id] = (number, post.created_at)
            # As the services leave them: each participant read up to their own last post.
            markers.extend(
                {"member_id": pk, "thread_id": thread.pk, "last_read_number": n, "updated_at": at}
                for pk, (n, at) in last_own.items()
            )
            if self.rng.random() < 0.3:
                tags.extend(
                    {"tag_id": tag, "content_object_id": thread.pk}
                    for tag in self.rng.sample(self.tags, self.rng.randint(1, 2))
                )
        for model, rows, name in [
            (Post, posts, "posts"),
            (Watch, watches, "watches"),
            (ReadMarker, markers, "read markers"),
            (ThreadTag, tags, "thread tags"),
        ]:
            bulk_insert(model, rows, batch_size=self.POST_BATCH)
            self.count(name, len(rows))
        return len(posts)

    # -- case studies ------------------------------------------------------------------------

    def seed_case_studies(self):
        sizes, rng = self.sizes, self.rng
        if not sizes.case_studies:
            return
        index = self.sections.case_study_index
        existing_slugs = set(index.get_children().values_list("slug", flat=True))
        place_types = [choice for choice, _ in PlaceType.choices]
        pages, components = [], []
        for number in range(1, sizes.case_studies + 1):
            organisation, organisation_type, place = rng.choice(self.organisations)
            title = self.fill(rng.choice(["{Topic} in {place}", "{Place}: {topic}"]))
            slug = f"{slugify(title)[:60]}-{number}"
            if slug in existing_slugs:
                slug += "-scale"
            published = (self.now - datetime.timedelta(days=rng.uniform(0, 5 * 365))).date()
            published_at = datetime.datetime.combine(
                published, datetime.time(10), tzinfo=datetime.UTC
            )
            pages.append(
                CaseStudyPage(
                    title=title,
                    slug=slug,
                    organisation=organisation,
                    organisation_type=organisation_type,
                    place=place,
                    place_type=rng.choice(place_types),
                    summary=self.sentences(2)[:600],
                    challenge=paragraphs(self.sentences(2)),
                    body=stream([self.sentences(3) for _ in range(rng.randint(2, 4))]),
                    outcomes=paragraphs(self.sentences(2)),
                    lessons=paragraphs(self.sentences(2)),
                    contact=f"{rng.choice(JOB_TITLES)}, {organisation}",
                    published_date=published,
                    first_published_at=published_at,
                    last_published_at=published_at,
                )
            )
            components.append(rng.sample(self.communities, rng.randint(1, 3)))
        for done, batch in enumerate(batched(range(len(pages)), 500), start=1):
            bulk_create_child_pages(index, [pages[i] for i in batch])
            self.progress("Case studies", min(done * 500, len(pages)), len(pages))
        self.count("case studies", len(pages))
        through = CaseStudyPage.components.through
        component_rows = [
            through(casestudypage_id=page.pk, communitypage_id=community.pk)
            for page, chosen in zip(pages, components, strict=True)
            for community in chosen
        ]
        through.objects.bulk_create(component_rows, batch_size=self.POST_BATCH)
        tag_ids = self.tag_ids(TAGS)
        tag_rows = [
            CaseStudyTag(tag_id=tag, content_object_id=page.pk)
            for page in pages
            for tag in rng.sample(tag_ids, rng.randint(0, 3))
        ]
        CaseStudyTag.objects.bulk_create(tag_rows, batch_size=self.POST_BATCH)
        link_rows = [
            CaseStudyLink(
                page_id=page.pk,
                sort_order=order,
                title=f"{page.organisation}: the full write-up",
                url=f"https://example.org/case-studies/{page.slug}/{order}",
            )
            for page in pages
            for order in range(rng.randint(0, 2))
        ]
        CaseStudyLink.objects.bulk_create(link_rows, batch_size=self.POST_BATCH)
        self.count("case-study components", len(component_rows))
        self.count("case-study tags", len(tag_rows))
        self.count("case-study links", len(link_rows))
        started = time.perf_counter()
        pks = [page.pk for page in pages]
        index_for_search(CaseStudyPage, pks, prefetch=("tags",))
        self.summary.indexing_seconds["Case studies"] = time.perf_counter() - started
        self.count("search entries", len(pks))

    # -- events ------------------------------------------------------------------------------

    def seed_events(self):
        sizes, rng = self.sizes, self.rng
        if not sizes.events:
            return
        index = self.sections.event_index
        existing_slugs = set(index.get_children().values_list("slug", flat=True))
        kinds = [choice for choice, _ in EventKind.choices]
        modes = [
            RegistrationMode.OPEN,
            RegistrationMode.APPROVAL,
            RegistrationMode.INVITATION,
            RegistrationMode.NONE,
        ]
        pages = [self.big_event()]
        pages += [self.load_event(n) for n in range(1, min(LOAD_EVENTS, sizes.events - 1) + 1)]
        for number in range(1, sizes.events - len(pages) + 1):
            title = self.fill(rng.choice(EVENT_FORMS))
            slug = f"{slugify(title)[:60]}-{number}"
            if slug in existing_slugs:
                slug += "-scale"
            past = rng.random() < 0.55
            starts = (
                self.ago(days_min=1, days_max=3 * 365)
                if past
                else self.now + datetime.timedelta(days=rng.uniform(1, 365))
            )
            starts = starts.replace(minute=0, second=0, microsecond=0)
            attendance = rng.choice([c for c, _ in AttendanceMode.choices])
            report = stream([self.sentences(3)]) if past and rng.random() < 0.2 else []
            published = starts - datetime.timedelta(days=rng.uniform(14, 90))
            pages.append(
                EventPage(
                    title=title,
                    slug=slug,
                    kind=rng.choice(kinds),
                    community=rng.choice(self.communities) if rng.random() < 0.85 else None,
                    summary=self.sentences(2)[:600],
                    starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=rng.randint(1, 8)),
                    attendance_mode=attendance,
                    venue_name=""
                    if attendance == AttendanceMode.ONLINE
                    else f"{rng.choice(self.places)} {rng.choice(VENUES)}",
                    venue_address=""
                    if attendance == AttendanceMode.ONLINE
                    else f"1 High Street\n{rng.choice(self.places)}",
                    body=stream([self.sentences(3) for _ in range(rng.randint(1, 3))]),
                    report=report,
                    has_outputs=bool(report),
                    registration_mode=rng.choices(modes, [75, 12, 5, 8])[0],
                    capacity=rng.choice([None, 20, 30, 50, 80, 120, 200, 500]),
                    waitlist_enabled=rng.random() < 0.85,
                    first_published_at=published,
                    last_published_at=published,
                )
            )
        for done, batch in enumerate(batched(range(len(pages)), 500), start=1):
            bulk_create_child_pages(index, [pages[i] for i in batch])
            self.progress("Events", min(done * 500, len(pages)), len(pages))
        self.events = pages
        self.count("events", len(pages))
        started = time.perf_counter()
        index_for_search(EventPage, [page.pk for page in pages])
        self.summary.indexing_seconds["Events"] = time.perf_counter() - started
        self.count("search entries", len(pages))

    def upcoming_event(self, *, title, slug, days, capacity, summary) -> EventPage:
        starts = (self.now + datetime.timedelta(days=days)).replace(
            hour=9, minute=30, second=0, microsecond=0
        )
        return EventPage(
            title=title,
            slug=slug,
            kind=EventKind.WORKSHOP,
            community=self.communities[0],
            summary=summary,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=7),
            attendance_mode=AttendanceMode.HYBRID,
            venue_name="Civic Centre",
            venue_address="1 High Street\nNorthvale",
            body=stream([self.sentences(3), self.sentences(3)]),
            registration_mode=RegistrationMode.OPEN,
            capacity=capacity,
            waitlist_enabled=True,
            first_published_at=self.now - datetime.timedelta(days=30),
            last_published_at=self.now - datetime.timedelta(days=30),
        )

    def big_event(self) -> EventPage:
        # A quarter of its registrations wait for a place, whatever the number of members.
        capacity = max(1, self.big_event_registrations() * 3 // 4)
        return self.upcoming_event(
            title="Benchmark: regional data summit",
            slug=BIG_EVENT_SLUG,
            days=21,
            capacity=capacity,
            summary="A day on sharing data across a region's services. The benchmark's event "
            "with many registrations and a waiting list.",
        )

    def registrants(self) -> list[int]:
        """Members who register for seeded events: not the load test's accounts, so that
        their registrations are the load test's own."""
        accounts = set(self.accounts)
        return [pk for pk in self.user_ids if pk not in accounts] or self.user_ids

    def big_event_registrations(self) -> int:
        return min(self.sizes.big_event_registrations, len(self.registrants()))

    def load_event(self, number: int) -> EventPage:
        return self.upcoming_event(
            title=f"Benchmark workshop {number}",
            slug=f"{LOAD_EVENT_SLUG_PREFIX}{number:02d}",
            days=28 + number,
            capacity=LOAD_EVENT_CAPACITY,
            summary="A small workshop the load test's simulated members register for.",
        )

    def seed_registrations(self):
        sizes, rng = self.sizes, self.rng
        if not self.events:
            return
        ledgers = [
            EventLedger(event_id=event.pk, announced_schedule=schedule_of(event))
            for event in self.events
        ]
        registrants = self.registrants()
        big, *others = self.events
        ordinary = [
            event
            for event in others
            if not event.slug.startswith(LOAD_EVENT_SLUG_PREFIX)
            and event.registration_mode != RegistrationMode.NONE
        ]
        wanted = _apportion(sizes.registrations, [rng.uniform(0.2, 2.0) for _ in ordinary])
        plans = [(big, self.big_event_registrations())]
        plans += list(zip(ordinary, wanted, strict=True))
        total = sum(count for _, count in plans)
        done = 0
        seat_changes = {}
        for batch in batched(plans, 200):
            rows = []
            for event, count in batch:
                people = rng.sample(registrants, min(count, len(registrants)))
                event_rows = self.registrations_for(event, people)
                # Waiting-list tickets come from this counter: the next is above every one.
                seat_changes[event.pk] = len(people)
                rows.extend(event_rows)
            Registration.objects.bulk_create(rows, batch_size=self.POST_BATCH)
            self.count("registrations", len(rows))
            done += sum(count for _, count in batch)
            self.progress("Registrations", done, total)
        for ledger in ledgers:
            ledger.seat_changes = seat_changes.get(ledger.event_id, 0)
        EventLedger.objects.bulk_create(ledgers, batch_size=self.POST_BATCH)
        self.count("event ledgers", len(ledgers))

    def registrations_for(self, event: EventPage, people: list[int]) -> list[Registration]:
        """Registrations as the services would have left them: never more seated than the
        capacity, the waiting list numbered in order, past events with attendance."""
        rng = self.rng
        past = event.starts_at < self.now
        rows, seated = [], 0
        for ticket, pk in enumerate(people, start=1):
            at = min(
                event.starts_at - datetime.timedelta(days=rng.uniform(0.5, 40)),
                self.now - datetime.timedelta(minutes=5),
            )
            has_place = event.capacity is None or seated < event.capacity
            if event is not self.events[0] and rng.random() < 0.04:
                state = RegistrationState.CANCELLED
            elif event.registration_mode == RegistrationMode.APPROVAL and not past:
                state = rng.choice(
                    [RegistrationState.PENDING, RegistrationState.DECLINED]
                    + ([RegistrationState.CONFIRMED] * 2 if has_place else [])
                )
            elif has_place:
                state = (
                    RegistrationState.ATTENDED
                    if past and rng.random() < 0.8
                    else RegistrationState.CONFIRMED
                )
            elif event.waitlist_enabled and not past:
                state = RegistrationState.WAITLISTED
            else:
                continue
            seated += state in SEATED
            rows.append(
                Registration(
                    event_id=event.pk,
                    user_id=pk,
                    state=state,
                    created_at=at,
                    state_changed_at=at,
                    waitlist_ticket=ticket if state == RegistrationState.WAITLISTED else None,
                    organisation=rng.choice(self.organisations)[0],
                    checked_in_at=event.starts_at if state == RegistrationState.ATTENDED else None,
                )
            )
        return rows


# -- what the benchmarks request -------------------------------------------------------------


def benchmark_targets(*, reply_threads: int = 200) -> dict:
    """Addresses and values the page benchmarks and the load test use, from a database seeded
    at scale: the big discussion and event, threads to reply to, events to register for, the
    library's filters and search words."""
    site = Site.objects.get(is_default_site=True)
    sections = demo_sections()

    def url(page) -> str:
        return page.relative_url(site)

    thread = Thread.objects.select_related("community").get(title=BIG_THREAD_TITLE)
    community = thread.community
    thread_url = f"{url(community)}{thread.path}"
    last_page = math.ceil(thread.last_post_number / settings.COMMUNITY_POSTS_PER_PAGE)
    community_urls = {c.pk: url(c) for c in sections.communities}
    # Replies go where people reply: the most recently active discussions.
    threads = (
        Thread.objects.published()
        .filter(community_id__in=community_urls, is_locked=False)
        .exclude(pk=thread.pk)
        .order_by("-last_activity_at", "-id")
        .values_list("pk", "slug", "community_id")[:reply_threads]
    )
    case_study = CaseStudyPage.objects.live().order_by("-published_date", "-id").first()
    organisation_filter = {"organisation": case_study.organisation} if case_study else {}
    members_of_every_community = (
        User.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}", is_active=True)
        .annotate(
            joined=Count(
                "community_memberships",
                filter=Q(community_memberships__status=MembershipStatus.ACTIVE),
            )
        )
        .filter(joined=len(community_urls))
        .order_by("email")
        .values_list("email", flat=True)
    )
    load_events = EventPage.objects.live().filter(slug__startswith=LOAD_EVENT_SLUG_PREFIX)
    return {
        "health": "/healthz",
        "home": url(sections.home),
        "community": url(community),
        "thread": thread_url,
        "thread_replies": thread.reply_count,
        "thread_last_page": f"{thread_url}?page={last_page}",
        "case_studies": url(sections.case_study_index),
        "case_study_filters": [
            "?" + urlencode({"component": community.slug}),
            "?" + urlencode({"component": community.slug, "place_type": PlaceType.CITY}),
            "?" + urlencode({"place_type": PlaceType.COUNTY, **organisation_filter}),
        ],
        "events": url(sections.event_index),
        "event": url(EventPage.objects.get(slug=BIG_EVENT_SLUG)),
        "search_terms": ["heat pump", "virtual wards", "open data", "air quality sensors"],
        "reply_threads": [
            f"{community_urls[community_id]}discussions/{pk}-{slug}/"
            for pk, slug, community_id in threads
        ],
        "load_events": [url(event) for event in load_events.order_by("slug")],
        "load_event_capacity": LOAD_EVENT_CAPACITY,
        "accounts": list(members_of_every_community),
    }
