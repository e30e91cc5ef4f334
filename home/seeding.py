"""Create the demo content: the page tree, the eight communities, case studies, events and
fictional members.

Idempotent and respectful of editors: pages are identified by slug under their parent and
users by email address. Anything missing is created (and published); anything that already
exists is left exactly as it is, so a second run changes nothing and an editor's changes to
a seeded page survive.
"""

import datetime
import os
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from communities.forum.models import Post, ReadMarker, Thread, Watch
from communities.forum.services import thread_slug
from communities.library.models import CaseStudyIndexPage, CaseStudyLink, CaseStudyPage
from communities.library.selectors import post_case_studies_update
from communities.library.submissions import case_study_workflow_assign
from communities.membership.models import (
    CommunityIndexPage,
    CommunityPage,
    Membership,
    MembershipStatus,
    Role,
)
from events.models import (
    CallToAction,
    EventIndexPage,
    EventPage,
    Registration,
    RegistrationQuestion,
    RegistrationState,
    RelatedCaseStudy,
    WorkingGroup,
)
from events.services import (
    Answers,
    RegistrationRefused,
    registration_check_in,
    registration_create,
)
from home import demo_content as content
from home.models import HomePage, StandardPage
from members.models import User
from members.notifications import silence

# Profile fields a demo member's data may set, beyond their name.
PROFILE_FIELDS = ["handle", "organisation", "job_title", "sector", "place", "bio", "interests"]

DEFAULT_DEMO_PASSWORD = "connected-places-demo"  # noqa: S105 - documented demo password
DEMO_PASSWORD_ENV = "DEMO_PASSWORD"  # noqa: S105 - the name of a variable, not a password

SECTION_MODELS = {
    "community_index": CommunityIndexPage,
    "case_study_index": CaseStudyIndexPage,
    "event_index": EventIndexPage,
}


class SeedError(Exception):
    """The database is in a state the seed will not change on its own."""


@dataclass
class Tally:
    created: int = 0
    found: int = 0


@dataclass
class SeedSummary:
    pages: Tally = field(default_factory=Tally)
    communities: Tally = field(default_factory=Tally)
    case_studies: Tally = field(default_factory=Tally)
    events: Tally = field(default_factory=Tally)
    members: Tally = field(default_factory=Tally)
    discussions: Tally = field(default_factory=Tally)
    site_updated: bool = False
    editor_email: str = content.DEMO_EDITOR["email"]
    editor_created: bool = False

    def lines(self) -> list[str]:
        kinds = [
            ("Pages", self.pages),
            ("Communities", self.communities),
            ("Case studies", self.case_studies),
            ("Events", self.events),
            ("Members", self.members),
            ("Discussions", self.discussions),
        ]
        lines = [f"{label}: {t.created} created, {t.found} already present" for label, t in kinds]
        lines.append(
            "Site: default site pointed at the home page"
            if self.site_updated
            else "Site: default site already points at the home page"
        )
        return lines


def demo_password() -> str:
    """The password for new demo accounts: $DEMO_PASSWORD, or the documented default."""
    return os.environ.get(DEMO_PASSWORD_ENV) or DEFAULT_DEMO_PASSWORD


def seed_demo_content(
    *,
    password: str | None = None,
    now: datetime.datetime | None = None,
    stdout: Callable[[str], None] | None = None,
) -> SeedSummary:
    """Create whatever demo content is missing, in one transaction, and say what was done.

    `password` is used only for accounts created now (default: `demo_password()`); `now`
    anchors the upcoming events (default: the current time); `stdout`, if given, is called
    with one line per page or account created.
    """
    seeder = _Seeder(
        password=password or demo_password(),
        now=now or timezone.now(),
        log=stdout or (lambda message: None),
    )
    # The demo members are not told about what the seed has them do.
    with silence(), transaction.atomic():
        seeder.run()
    return seeder.summary


class _Seeder:
    def __init__(self, *, password, now, log):
        self.password = password
        self.now = now
        self.log = log
        self.summary = SeedSummary()
        self._password_hash = None

    def run(self):
        home = self.home_page()
        self.default_site(home)
        library_existed = CaseStudyIndexPage.objects.exists()
        sections = {
            section["kind"]: self.section_page(home, section) for section in content.SECTION_PAGES
        }
        if not library_existed:
            # Case studies members submit to a new library go to the editors' review workflow.
            case_study_workflow_assign(sections["case_study_index"])
        for page in content.STANDARD_PAGES:
            self.standard_page(home, page)
        communities = {
            data["slug"]: self.community(sections["community_index"], data)
            for data in content.COMMUNITIES
        }
        for data in content.CASE_STUDIES:
            self.case_study(sections["case_study_index"], data, communities)
        # Members before events: demo members organise some of them.
        for data in content.DEMO_MEMBERS:
            self.member(data)
        self.editor(content.DEMO_EDITOR)
        self.consultation(sections["event_index"], content.CONSULTATION)
        for data in content.RELATIVE_EVENTS:
            self.relative_event(sections["event_index"], data, communities)
        self.demo_registrations(sections["event_index"])
        self.demo_discussions(communities)

    # -- pages -----------------------------------------------------------------------------

    def ensure_child(self, parent, model, slug, tally, build):
        """The `model` page with `slug` under `parent`; if there is none, `build()` one and
        publish it. Existing pages are returned untouched, whatever their content or status."""
        existing = parent.get_children().filter(slug=slug).specific().first()
        if existing is not None:
            if not isinstance(existing, model):
                raise SeedError(
                    f"{existing.url_path} is a {type(existing).__name__} where the seed "
                    f"expects a {model.__name__}; move or rename it, then run the seed again."
                )
            tally.found += 1
            return existing
        page = build()
        page.slug = slug
        parent.add_child(instance=page)
        page.save_revision().publish()
        tally.created += 1
        self.log(f"Created {page._meta.verbose_name} {page.url or page.url_path}")
        return page

    def home_page(self):
        """The one HomePage, replacing Wagtail's "Welcome" page if that is still there."""
        existing = HomePage.objects.first()
        if existing is not None:
            self.summary.pages.found += 1
            return existing

        root = Page.get_first_root_node()
        welcome_page = root.get_children().filter(slug=content.HOME["slug"]).first()
        if welcome_page is not None:
            if welcome_page.specific_class is not Page or not welcome_page.is_leaf():
                raise SeedError(
                    f"A {welcome_page.specific_class.__name__} with the slug "
                    f"'{content.HOME['slug']}' is in the way of the home page; move or rename "
                    "it, then run the seed again."
                )
            # Sites cascade-delete with their root page: park them on the tree root while the
            # welcome page goes, and point them at the new home page below.
            parked = list(Site.objects.filter(root_page=welcome_page))
            for site in parked:
                site.root_page = root
                site.save()
            welcome_page.delete()
            root.refresh_from_db()
        else:
            parked = []

        home = root.add_child(
            instance=HomePage(
                title=content.HOME["title"],
                slug=content.HOME["slug"],
                intro=content.HOME["intro"],
                body=stream(content.HOME["body"]),
            )
        )
        home.save_revision().publish()
        self.summary.pages.created += 1
        self.log("Created the home page")
        for site in parked:
            site.root_page = home
            site.save()
        return home

    def default_site(self, home):
        """Point the default site at the home page, keeping its hostname and port."""
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.filter(hostname="localhost", port=80).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                is_default_site=True,
                root_page=home,
                site_name=content.SITE_NAME,
            )
            self.summary.site_updated = True
        else:
            changed = False
            if site.root_page_id != home.pk:
                site.root_page = home
                site.site_name = content.SITE_NAME
                changed = True
            elif not site.site_name:
                # Already rooted here: only name it if unnamed, so an editor's name stays.
                site.site_name = content.SITE_NAME
                changed = True
            if not site.is_default_site:
                site.is_default_site = True
                changed = True
            if changed:
                site.save()
                self.summary.site_updated = True
        if self.summary.site_updated:
            self.log("Pointed the default site at the home page")

    def section_page(self, home, data):
        model = SECTION_MODELS[data["kind"]]
        return self.ensure_child(
            home,
            model,
            data["slug"],
            self.summary.pages,
            lambda: model(
                title=data["title"], intro=data["intro"], show_in_menus=data["show_in_menus"]
            ),
        )

    def standard_page(self, home, data):
        return self.ensure_child(
            home,
            StandardPage,
            data["slug"],
            self.summary.pages,
            lambda: StandardPage(
                title=data["title"],
                intro=data["intro"],
                body=stream(data["body"]),
                show_in_menus=data["show_in_menus"],
            ),
        )

    def community(self, index, data):
        return self.ensure_child(
            index,
            CommunityPage,
            data["slug"],
            self.summary.communities,
            lambda: CommunityPage(
                title=data["title"],
                summary=data["summary"],
                policy_framing=stream(data["policy_framing"]),
                join_policy=data["join_policy"],
            ),
        )

    def case_study(self, index, data, communities):
        details = content.CASE_STUDY_DETAILS[data["slug"]]

        def build():
            page = CaseStudyPage(
                title=data["title"],
                organisation=data["organisation"],
                organisation_type=details["organisation_type"],
                place=data["place"],
                place_type=data["place_type"],
                summary=data["summary"],
                challenge=paragraphs(details["challenge"]),
                body=stream(data["body"]),
                outcomes=paragraphs(data["outcomes"]),
                lessons=paragraphs(details["lessons"]),
                published_date=data["published_date"],
            )
            page.components = [communities[slug] for slug in data["components"]]
            page.tags.set(details["tags"])
            page.links = [CaseStudyLink(title=title, url=url) for title, url in data["links"]]
            return page

        return self.ensure_child(
            index, CaseStudyPage, data["slug"], self.summary.case_studies, build
        )

    def consultation(self, index, data):
        tz = zoneinfo.ZoneInfo(data["time_zone"])

        def build():
            page = EventPage(
                title=data["title"],
                kind=data["kind"],
                community=None,
                summary=data["summary"],
                starts_at=datetime.datetime(*data["starts"], tzinfo=tz),
                ends_at=datetime.datetime(*data["ends"], tzinfo=tz),
                time_zone=data["time_zone"],
                attendance_mode=data["attendance_mode"],
                venue_name=data["venue_name"],
                venue_address=data["venue_address"],
                body=stream(data["body"]),
                report=stream(data["report"]),
            )
            site = Site.objects.get(is_default_site=True)
            links = {
                target.slug: target.relative_url(site)
                for target in Page.objects.filter(
                    slug__in={slug for slug, _ in content.CONSULTATION_CALL_LINKS}, depth__lte=4
                )
            }
            page.calls_to_action = [
                CallToAction(
                    text=text,
                    link_url=links.get(slug, ""),
                    link_text=link_text if slug in links else "",
                )
                for text, (slug, link_text) in zip(
                    data["calls_to_action"], content.CONSULTATION_CALL_LINKS, strict=True
                )
            ]
            case_studies = {
                case_study.slug: case_study
                for case_study in CaseStudyPage.objects.filter(
                    slug__in=content.CONSULTATION_CASE_STUDIES
                )
            }
            page.related_case_studies = [
                RelatedCaseStudy(case_study=case_studies[slug])
                for slug in content.CONSULTATION_CASE_STUDIES
                if slug in case_studies
            ]
            self.registration_settings(page, data["slug"])
            return page

        return self.ensure_child(index, EventPage, data["slug"], self.summary.events, build)

    def relative_event(self, index, data, communities):
        tz = zoneinfo.ZoneInfo("Europe/London")

        def build():
            starts_at = event_slot(
                self.now,
                tz,
                weeks=data.get("weeks_ahead", 0) - data.get("weeks_ago", 0),
                weekday=data["weekday"],
                start=data["start"],
            )
            page = EventPage(
                title=data["title"],
                kind=data["kind"],
                community=communities[data["community"]] if data["community"] else None,
                summary=data["summary"],
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(minutes=data["duration_minutes"]),
                time_zone="Europe/London",
                attendance_mode=data["attendance_mode"],
                venue_name=data["venue_name"],
                venue_address=data["venue_address"],
                body=stream(data["body"]),
            )
            self.registration_settings(page, data["slug"])
            return page

        return self.ensure_child(index, EventPage, data["slug"], self.summary.events, build)

    def registration_settings(self, page, slug):
        """A new event's registration settings, questions, working groups and organiser."""
        settings = dict(content.EVENT_REGISTRATION.get(slug, {}))
        groups = settings.pop("working_groups", [])
        questions = settings.pop("questions", [])
        organiser = settings.pop("organiser", None)
        for name, value in settings.items():
            setattr(page, name, value)
        page.working_groups = [WorkingGroup(name=name) for name in groups]
        page.questions = [RegistrationQuestion(**question) for question in questions]
        if organiser:
            page.organiser = User.objects.filter(email__iexact=organiser).first()

    def demo_registrations(self, index):
        """The demo registrations that are missing (one per member and event), made in order
        through the registration service, as members would: the event's settings decide who
        gets a place, who waits (and in which order) and who waits for approval. A past
        event's registrations are made a week before it and checked in when it starts."""
        events = {event.slug: event for event in EventPage.objects.child_of(index)}
        members = {user.email: user for user in User.objects.filter(email__endswith="@example.org")}
        for slug, email, state, answers in content.DEMO_REGISTRATIONS:
            event, user = events.get(slug), members.get(email)
            if event is None or user is None:
                continue
            if Registration.objects.filter(event=event, user=user).exists():
                continue
            registered_at = min(self.now, event.starts_at - datetime.timedelta(days=7))
            try:
                registration = registration_create(
                    event=event,
                    user=user,
                    answers=Answers(organisation=user.organisation, **answers),
                    now=registered_at,
                )
            except RegistrationRefused as refusal:
                # An editor changed the event (closed it, made it smaller): keep their change.
                self.log(f"Did not register {email} for {event.url_path}: {refusal}")
                continue
            if state == RegistrationState.ATTENDED:
                registration_check_in(registration=registration, attended=True, now=event.starts_at)

    # -- discussions -----------------------------------------------------------------------

    def demo_discussions(self, communities):
        """Memberships (facilitators first) and the demo discussions that are missing.

        A membership is found by community and member, a discussion by community and title;
        what exists is left alone, so a second run adds nothing and changes nothing.
        """
        members = {user.email: user for user in User.objects.filter(email__endswith="@example.org")}
        joined_at = self.now - datetime.timedelta(days=60)
        for slug, people in content.DEMO_COMMUNITY_MEMBERS.items():
            community = communities.get(slug)
            if community is None:
                continue
            roles = [(email, Role.FACILITATOR) for email in people.get("facilitators", [])]
            roles += [(email, Role.MEMBER) for email in people.get("members", [])]
            for email, role in roles:
                if email in members:
                    Membership.objects.get_or_create(
                        community=community,
                        member=members[email],
                        defaults={
                            "role": role,
                            "status": MembershipStatus.ACTIVE,
                            "requested_at": joined_at,
                            "joined_at": joined_at,
                        },
                    )
            for email, message in people.get("requests", []):
                if email in members:
                    Membership.objects.get_or_create(
                        community=community,
                        member=members[email],
                        defaults={"status": MembershipStatus.PENDING, "request_message": message},
                    )
        for data in content.DEMO_DISCUSSIONS:
            community = communities.get(data["community"])
            if community is None:
                continue
            if Thread.objects.filter(community=community, title=data["title"]).exists():
                self.summary.discussions.found += 1
                continue
            self.discussion(community, data, members)
            self.summary.discussions.created += 1
            self.log(f"Created discussion “{data['title']}”")

    def discussion(self, community, data, members):
        started = self.now - datetime.timedelta(days=data["days_ago"])
        author = members.get(data["author"])
        thread = Thread.objects.create(
            community=community,
            title=data["title"],
            slug=thread_slug(data["title"]),
            author=author,
            is_pinned=data.get("pinned", False),
            created_at=started,
            last_activity_at=started,
            last_poster=author,
        )
        thread.tags.set(data.get("tags", []))
        posts = [
            Post.objects.create(
                thread=thread,
                author=author,
                number=1,
                body_markdown=data["body"],
                created_at=started,
            )
        ]
        for number, reply in enumerate(data["replies"], start=2):
            reply_to = posts[reply["reply_to"] - 1] if reply.get("reply_to") else None
            posts.append(
                Post.objects.create(
                    thread=thread,
                    author=members.get(reply["author"]),
                    number=number,
                    body_markdown=reply["body"],
                    reply_to=reply_to,
                    created_at=started + datetime.timedelta(hours=reply["hours_later"]),
                )
            )
        for post in posts:
            # Links to case studies become cards under the post, as when a member posts.
            post_case_studies_update(post=post, created=True)
        last = posts[-1]
        thread.reply_count = len(posts) - 1
        thread.last_activity_at = last.created_at
        thread.last_poster = last.author
        if data.get("answer"):
            thread.accepted_answer = posts[data["answer"] - 1]
        thread.save()
        for participant in {post.author for post in posts if post.author}:
            Watch.objects.get_or_create(member=participant, thread=thread)
            last_own = max(post.number for post in posts if post.author == participant)
            ReadMarker.objects.get_or_create(
                member=participant, thread=thread, defaults={"last_read_number": last_own}
            )

    # -- members ---------------------------------------------------------------------------

    def member(self, data, **flags):
        """Get or create the user by email; a new one gets a verified primary address."""
        email = data["email"]
        user = User.objects.filter(email__iexact=email).first()
        created = user is None
        if created:
            if self._password_hash is None:
                # One hash for every demo account: hashing is deliberately slow.
                self._password_hash = make_password(self.password)
            user = User.objects.create(
                email=email,
                password=self._password_hash,
                first_name=data["first_name"],
                last_name=data["last_name"],
                display_name=data.get("display_name")
                or f"{data['first_name']} {data['last_name']}",
                **{field: data[field] for field in PROFILE_FIELDS if field in data},
                **flags,
            )
            self.summary.members.created += 1
            self.log(f"Created member {email}")
        else:
            self.summary.members.found += 1
        if not EmailAddress.objects.filter(user=user).exists():
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        return user, created

    def editor(self, data):
        user, created = self.member(data, is_staff=True, is_superuser=True)
        self.summary.editor_email = user.email
        self.summary.editor_created = created
        if created:
            group = Group.objects.filter(name=content.EDITORS_GROUP).first()
            if group is not None:
                user.groups.add(group)
        return user


# -- helpers ---------------------------------------------------------------------------------


def event_slot(now, tz, *, weeks, weekday, start):
    """A local start time `weeks` from `now` (negative: ago), on `weekday` at `start`.

    Nobody runs a workshop between Christmas and New Year: a slot that lands there moves
    out of it, later for an upcoming event and earlier for a past one.
    """
    day = timezone.localtime(now, tz).date() + datetime.timedelta(weeks=weeks)
    day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
    if (day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 3):
        if weeks >= 0:
            day = datetime.date(day.year + 1 if day.month == 12 else day.year, 1, 4)
            day += datetime.timedelta(days=(weekday - day.weekday()) % 7)
        else:
            day = datetime.date(day.year - 1 if day.month == 1 else day.year, 12, 19)
            day -= datetime.timedelta(days=(day.weekday() - weekday) % 7)
    hour, minute = start
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=tz)


def paragraphs(text: str) -> str:
    return f"<p>{text}</p>"


def stream(items: list) -> list[dict]:
    """StoryBlock data from the compact form described in `home.demo_content`."""
    blocks = []
    for item in items:
        if isinstance(item, list):
            bullets = "".join(f"<li>{entry}</li>" for entry in item)
            blocks.append({"type": "paragraph", "value": f"<ul>{bullets}</ul>"})
        elif item.startswith("### "):
            blocks.append({"type": "heading", "value": {"text": item[4:], "level": "h3"}})
        elif item.startswith("## "):
            blocks.append({"type": "heading", "value": {"text": item[3:], "level": "h2"}})
        else:
            blocks.append({"type": "paragraph", "value": paragraphs(item)})
    return blocks
