"""What goes into each member's digest, chosen for a whole chunk of members at once.

select_digests() runs a fixed number of queries however many members the chunk holds: each
kind of content is fetched once for the union of the chunk's communities and the earliest
window start, then each member's share is picked out in Python. Other apps are only read.

Per member, since their last digest, grouped by community (in the order editors arrange
communities), newest first, each item with a short excerpt of its actual text:
- new discussions in the communities they belong to or watch, with their reply counts;
- the most active older discussions there (most new replies first);
- new replies in discussions they watch, wherever those are;
- upcoming events in their communities that they can still register for (places left or no
  limit): newly published ones, and those starting before their next digest is due;
- new case studies in their communities and, beside the discussions featured, the case
  studies most related to them: of the same component or sharing a theme tag with one of
  those discussions (communities.library.selectors.relatedness).

"Their communities" are those they belong to, those they watch, and for events and case
studies (public content) the components they listed as interests. Privacy: only live, public
community pages count; discussions come only from communities whose discussions the member
may read (public ones, or members-only ones they belong to), and never hidden or held ones;
a member's own posts never count as news to them.
"""

import datetime
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, Max, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page

from communities.forum.models import Post, Thread, ThreadTag, Watch
from communities.library.models import CaseStudyIndexPage, CaseStudyPage, CaseStudyTag
from communities.library.selectors import case_study_list, relatedness
from communities.membership.models import DiscussionVisibility, Membership
from communities.membership.selectors import community_list
from events.models import EventIndexPage, RegistrationMode
from events.selectors import event_list
from members.emails import absolute_url
from members.models import User

from .models import DeliveryStatus, DigestDelivery
from .periods import Period

ITEMS_PER_SECTION = 5
RELATED_CASE_STUDIES = 2
EXCERPT_WORDS = 35
# Deliveries whose window counts as covered: the member got (or may have got) a digest for it,
# or there was nothing to send. A failed delivery covered nothing.
COVERING_STATUSES = [
    DeliveryStatus.SENT,
    DeliveryStatus.SKIPPED,
    DeliveryStatus.SENDING,
    DeliveryStatus.UNKNOWN,
]
# Section kinds, in the order they appear within a community, with their headings.
SECTION_HEADINGS = {
    "threads": "New discussions",
    "active": "Most active discussions",
    "replies": "New replies in discussions you watch",
    "events": "Upcoming events",
    "case_studies": "New case studies",
    "related": "Case studies on this theme",
}
# Kinds that make a digest worth sending; related case studies only accompany discussions.
NEWS_KINDS = ["threads", "active", "replies", "events", "case_studies"]


@dataclass(frozen=True)
class Community:
    id: int
    slug: str
    title: str
    url: str
    path: str  # page-tree position
    discussions_are_public: bool


@dataclass(frozen=True)
class Item:
    title: str
    url: str
    excerpt: str
    when: datetime.datetime  # what the section sorts by
    detail: str = ""  # one line under the title: who and where, when, how many replies


@dataclass
class Section:
    kind: str
    heading: str
    items: list[Item]
    total: int
    more_url: str = ""

    @property
    def more_count(self) -> int:
        return self.total - len(self.items)


@dataclass
class CommunityDigest:
    community: Community
    sections: list[Section] = field(default_factory=list)


@dataclass
class Digest:
    member: User
    period: Period
    since: datetime.datetime
    until: datetime.datetime
    communities: list[CommunityDigest]

    def total(self, kind: str) -> int:
        return sum(
            section.total
            for group in self.communities
            for section in group.sections
            if section.kind == kind
        )

    @property
    def item_count(self) -> int:
        return sum(self.total(kind) for kind in NEWS_KINDS)

    @property
    def is_empty(self) -> bool:
        return self.item_count == 0


@dataclass
class Following:
    """One member's standing in the communities, worked out from the chunk's rows."""

    member_of: set[int] = field(default_factory=set)
    watched_communities: set[int] = field(default_factory=set)
    interests: set[int] = field(default_factory=set)
    watched_threads: set[int] = field(default_factory=set)

    def may_read(self, community: Community) -> bool:
        return community.discussions_are_public or community.id in self.member_of

    def discussion_communities(self, communities: dict[int, Community]) -> set[int]:
        return {
            community_id
            for community_id in self.member_of | self.watched_communities
            if community_id in communities and self.may_read(communities[community_id])
        }

    def content_communities(self, communities: dict[int, Community]) -> set[int]:
        chosen = self.member_of | self.watched_communities | self.interests
        return {community_id for community_id in chosen if community_id in communities}


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """A short plain-text excerpt of the actual text, for both the HTML and the text part."""
    return Truncator(" ".join(strip_tags(text or "").split())).words(words, truncate="…")


def page_url(page) -> str:
    """The page's absolute URL, or "" when it is not routable (then it is left out)."""
    parts = page.get_url_parts()
    return absolute_url(parts[2]) if parts else ""


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


# -- the chunk's members and communities --------------------------------------------------------


def content_windows(
    member_ids: Iterable[int], *, period: Period, now: datetime.datetime
) -> dict[int, datetime.datetime]:
    """Where each member's digest starts: where their last digest ended (one query).

    A first digest looks back one period; none looks back further than
    DIGEST_MAX_LOOKBACK_DAYS, however long ago the member's last digest was.
    """
    earliest = now - datetime.timedelta(days=settings.DIGEST_MAX_LOOKBACK_DAYS)
    first = max(now - period.length, earliest)
    covered = dict(
        DigestDelivery.objects.filter(member_id__in=member_ids, status__in=COVERING_STATUSES)
        .exclude(period=period.key)
        .values("member_id")
        .annotate(until=Max("content_until"))
        .values_list("member_id", "until")
    )
    return {
        member_id: max(covered[member_id], earliest) if covered.get(member_id) else first
        for member_id in member_ids
    }


def visible_communities() -> dict[int, Community]:
    """Live public community pages, in page-tree order (one query)."""
    pages = community_list().only(
        "id", "slug", "title", "url_path", "path", "discussion_visibility"
    )
    return {
        page.id: Community(
            id=page.id,
            slug=page.slug,
            title=page.title,
            url=page_url(page),
            path=page.path,
            discussions_are_public=page.discussion_visibility == DiscussionVisibility.PUBLIC,
        )
        for page in pages
    }


def followings(members: list[User], communities: dict[int, Community]) -> dict[int, Following]:
    """Each member's memberships, watches and interests (two queries)."""
    result = {member.pk: Following() for member in members}
    by_slug = {community.slug: community.id for community in communities.values()}
    for member in members:
        result[member.pk].interests = {
            by_slug[slug] for slug in member.interests or [] if slug in by_slug
        }
    for member_id, community_id in (
        Membership.objects.active()
        .filter(member_id__in=result)
        .values_list("member_id", "community_id")
    ):
        result[member_id].member_of.add(community_id)
    for member_id, thread_id, community_id in Watch.objects.filter(
        member_id__in=result
    ).values_list("member_id", "thread_id", "community_id"):
        if thread_id:
            result[member_id].watched_threads.add(thread_id)
        else:
            result[member_id].watched_communities.add(community_id)
    return result


# -- content, fetched once per chunk ------------------------------------------------------------


@dataclass
class ThreadFacts:
    thread: Thread
    community: Community
    url: str
    opening: str
    latest_reply: str
    tag_ids: set[int] = field(default_factory=set)
    # When each published reply since the chunk's earliest window was written, oldest first,
    # in all and by author, so that each member's count is two bisections.
    reply_times: list[datetime.datetime] = field(default_factory=list)
    reply_times_by_author: dict[int | None, list] = field(default_factory=lambda: defaultdict(list))

    def add_reply(self, created_at: datetime.datetime, author_id: int | None) -> None:
        self.reply_times.append(created_at)
        self.reply_times_by_author[author_id].append(created_at)

    def replies_since(self, since: datetime.datetime, *, excluding: int) -> int:
        def count(times):
            return len(times) - bisect_left(times, since)

        own = self.reply_times_by_author.get(excluding)
        return count(self.reply_times) - (count(own) if own else 0)


def _visible_post(**filters) -> Q:
    return Q(is_deleted=False, is_hidden=False, is_held=False, number__isnull=False, **filters)


def _threads(community_ids, watched_ids, communities, since) -> dict[int, ThreadFacts]:
    """Published threads with activity since `since`, in the communities or among the watched
    threads, with their opening post, latest reply and tags (three queries)."""
    if not community_ids and not watched_ids:
        return {}
    posts = Post.objects.filter(thread=OuterRef("pk"))
    threads = (
        Thread.objects.published()
        .filter(Q(community_id__in=community_ids) | Q(pk__in=watched_ids))
        .filter(community_id__in=list(communities), last_activity_at__gte=since)
        .select_related("author")
        .only(
            "id",
            "title",
            "slug",
            "community_id",
            "created_at",
            "last_activity_at",
            "reply_count",
            "author_id",
            "author__display_name",
            "author__first_name",
            "author__last_name",
            "author__email",
        )
        .annotate(
            opening_html=Subquery(posts.filter(_visible_post(number=1)).values("body_html")[:1]),
            latest_reply_html=Subquery(
                posts.filter(_visible_post(number__gt=1))
                .order_by("-number")
                .values("body_html")[:1]
            ),
        )
    )
    facts = {}
    for thread in threads:
        community = communities[thread.community_id]
        facts[thread.pk] = ThreadFacts(
            thread=thread,
            community=community,
            url=f"{community.url}{thread.path}",
            opening=excerpt(thread.opening_html),
            latest_reply=excerpt(thread.latest_reply_html),
        )
    if facts:
        for thread_id, created_at, author_id in (
            Post.objects.filter(
                _visible_post(number__gt=1), thread_id__in=list(facts), created_at__gte=since
            )
            .order_by("created_at", "id")
            .values_list("thread_id", "created_at", "author_id")
        ):
            facts[thread_id].add_reply(created_at, author_id)
        for thread_id, tag_id in ThreadTag.objects.filter(
            content_object_id__in=list(facts)
        ).values_list("content_object_id", "tag_id"):
            facts[thread_id].tag_ids.add(tag_id)
    return facts


@dataclass
class CaseStudyFacts:
    component_ids: list[int]
    published: datetime.datetime | None
    item: Item
    id: int = 0
    published_date: datetime.date | None = None
    tag_ids: set[int] = field(default_factory=set)


def _case_studies(case_studies) -> list[CaseStudyFacts]:
    found = []
    for case_study in case_studies:
        url = page_url(case_study)
        if url:
            item = Item(
                title=case_study.title,
                url=url,
                excerpt=excerpt(case_study.summary),
                when=case_study.first_published_at,
                detail=f"{case_study.organisation}, {case_study.place}",
            )
            components = [component.id for component in case_study.components.all()]
            found.append(
                CaseStudyFacts(
                    components,
                    case_study.first_published_at,
                    item,
                    id=case_study.pk,
                    published_date=case_study.published_date,
                )
            )
    return found


def _new_case_studies(community_ids, since) -> list[CaseStudyFacts]:
    """Case studies first published since `since` in any of the communities (two queries)."""
    return _case_studies(
        case_study_list()
        .filter(components__in=community_ids, first_published_at__gte=since)
        .distinct()
        .order_by("-first_published_at", "-id")
    )


def _related_case_studies(community_ids, tag_ids) -> list[CaseStudyFacts]:
    """Case studies to accompany discussions: per community and per tag of the discussions,
    the most recent, enough for RELATED_CASE_STUDIES beside those listed as new; with their
    tags when the discussions have any (two or three queries). Each member's are chosen from
    these by relatedness to the discussions featured (_related_items)."""
    per_group = RELATED_CASE_STUDIES + ITEMS_PER_SECTION
    by_community = (
        CaseStudyPage.components.through.objects.filter(
            communitypage_id__in=community_ids,
            casestudypage__live=True,
            casestudypage__first_published_at__isnull=False,
        )
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=F("communitypage_id"),
                order_by=[F("casestudypage__published_date").desc(), F("casestudypage_id").desc()],
            )
        )
        .filter(rank__lte=per_group)
        .values("casestudypage_id")
    )
    chosen = Q(pk__in=by_community)
    if tag_ids:
        by_tag = (
            CaseStudyTag.objects.filter(
                tag_id__in=tag_ids,
                content_object__live=True,
                content_object__first_published_at__isnull=False,
            )
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("tag_id"),
                    order_by=[
                        F("content_object__published_date").desc(),
                        F("content_object_id").desc(),
                    ],
                )
            )
            .filter(rank__lte=per_group)
            .values("content_object_id")
        )
        chosen |= Q(pk__in=by_tag)
    found = _case_studies(case_study_list().filter(chosen).order_by("-published_date", "-id"))
    if tag_ids and found:
        by_id = {facts.id: facts for facts in found}
        for case_study_id, tag_id in CaseStudyTag.objects.filter(
            content_object_id__in=list(by_id)
        ).values_list("content_object_id", "tag_id"):
            by_id[case_study_id].tag_ids.add(tag_id)
    return found


def _related_items(related, *, community_id, tag_ids, leaving_out) -> list[Item]:
    """The case studies most related to a community's featured discussions (`tag_ids`: their
    tags), most related first, then the newest; none listed as new (`leaving_out`)."""
    scored = []
    for facts in related:
        if facts.item.url in leaving_out:
            continue
        score = relatedness(
            shared_components=int(community_id in facts.component_ids),
            shared_tags=len(facts.tag_ids & tag_ids),
        )
        if score:
            scored.append((score, facts.published_date, facts.id, facts.item))
    scored.sort(key=lambda entry: entry[:3], reverse=True)
    return [item for *_, item in scored]


def _event_detail(event, places_left: int | None) -> str:
    starts = event.local_starts_at
    when = f"{starts:%A} {starts.day} {starts:%B %Y}, {starts:%H:%M} ({event.time_zone})"
    where = "online" if event.is_online else event.venue_name
    detail = f"{event.get_kind_display()}: {when}, {where}"
    if places_left is not None:
        detail += f". {plural(places_left, 'place')} left"
    return detail


def _events(community_ids, since, soon, now) -> list[tuple[int, datetime.datetime | None, Item]]:
    """Upcoming events in the communities that members can still register for:
    [(community id, first published, Item)], Item.when being the start (one query).

    Kept per member: those published since the member's window started, and those starting
    before `soon` (when the member's next digest is due), new or not.
    """
    events = (
        event_list()
        .filter(
            Q(first_published_at__gte=since) | Q(starts_at__lt=soon),
            community_id__in=community_ids,
            starts_at__gt=now,
            is_cancelled=False,
            registration_mode__in=[RegistrationMode.OPEN, RegistrationMode.APPROVAL],
        )
        .exclude(registration_closes_at__lte=now)
    )
    found = []
    for event in events:
        places_left = None if event.capacity is None else event.capacity - event.seats_taken
        url = page_url(event)
        if url and (places_left is None or places_left > 0):
            item = Item(
                title=event.title,
                url=url,
                excerpt=excerpt(event.summary),
                when=event.starts_at,
                detail=_event_detail(event, places_left),
            )
            found.append((event.community_id, event.first_published_at, item))
    return found


def _index_urls() -> dict[str, str]:
    """The case-study library's and the events list's addresses, for "more" links (one query)."""
    pages = (
        Page.objects.live()
        .type(CaseStudyIndexPage, EventIndexPage)
        .select_related("content_type")
        .only("id", "path", "url_path", "content_type__app_label", "content_type__model")
    )
    return {page.content_type.model: page_url(page) for page in pages}


# -- assembling each member's digest ------------------------------------------------------------


def _section(kind: str, items: list[Item], more_url: str = "", *, limit=ITEMS_PER_SECTION):
    return Section(
        kind=kind,
        heading=SECTION_HEADINGS[kind],
        items=items[:limit],
        total=len(items),
        more_url=more_url if len(items) > limit else "",
    )


def _newest_first(items: list[Item]) -> list[Item]:
    return sorted(items, key=lambda item: item.when, reverse=True)


def _thread_item(facts: ThreadFacts, *, detail: str, excerpt_text: str, when) -> Item:
    return Item(
        title=facts.thread.title, url=facts.url, excerpt=excerpt_text, when=when, detail=detail
    )


def _discussion_sections(member_id, since, following, communities, threads, by_community):
    """{community id: {kind: [Item]}} of the member's discussion news. `by_community` holds
    the chunk's threads by community id, so only the member's are looked at."""
    readable = following.discussion_communities(communities)
    mine = [facts for community_id in readable for facts in by_community.get(community_id, ())]
    mine += [
        threads[thread_id]
        for thread_id in following.watched_threads
        if thread_id in threads and threads[thread_id].community.id not in readable
    ]
    found = defaultdict(lambda: defaultdict(list))
    active = defaultdict(list)
    for facts in mine:
        thread, community = facts.thread, facts.community
        if not following.may_read(community):
            continue
        is_new = thread.created_at >= since
        watched = thread.pk in following.watched_threads
        if is_new and community.id in readable and thread.author_id != member_id:
            author = thread.author.get_full_name() if thread.author else "a former member"
            replies = (
                plural(thread.reply_count, "reply", "replies")
                if thread.reply_count
                else "No replies yet"
            )
            detail = f"Started by {author}. {replies}"
            found[community.id]["threads"].append(
                _thread_item(
                    facts, detail=detail, excerpt_text=facts.opening, when=thread.created_at
                )
            )
            continue
        # Older discussions, and new ones the member started or watches from outside.
        new_replies = facts.replies_since(since, excluding=member_id)
        if not new_replies:
            continue
        detail = (
            f"{plural(new_replies, 'new reply', 'new replies')}, "
            f"{plural(thread.reply_count, 'reply', 'replies')} in all"
        )
        item = _thread_item(
            facts, detail=detail, excerpt_text=facts.latest_reply, when=thread.last_activity_at
        )
        if watched:
            found[community.id]["replies"].append(item)
        elif community.id in readable and not is_new:
            active[community.id].append((new_replies, item))
    for community_id, ranked in active.items():
        ranked.sort(key=lambda pair: (pair[0], pair[1].when), reverse=True)
        found[community_id]["active"] = [item for _, item in ranked]
    return found


def select_digests(
    member_ids: Iterable[int], *, period: Period, now: datetime.datetime | None = None
) -> dict[int, Digest]:
    """Each active member's digest for the period, by member id, in a constant number of
    queries. A digest with nothing in it (is_empty) means: send nothing, record a skip."""
    now = now or timezone.now()
    members = list(
        User.objects.filter(pk__in=list(member_ids), is_active=True).only(
            "id", "email", "display_name", "first_name", "last_name", "interests"
        )
    )
    if not members:
        return {}
    windows = content_windows([member.pk for member in members], period=period, now=now)
    earliest = min(windows.values())
    soon = now + period.length
    communities = visible_communities()
    following = followings(members, communities)

    discussion_ids, content_ids, watched_ids = set(), set(), set()
    for standing in following.values():
        discussion_ids |= standing.discussion_communities(communities)
        content_ids |= standing.content_communities(communities)
        watched_ids |= standing.watched_threads
    threads = _threads(sorted(discussion_ids), sorted(watched_ids), communities, earliest)
    content_ids = sorted(content_ids)
    new_case_studies = _new_case_studies(content_ids, earliest) if content_ids else []
    threads_by_community = defaultdict(list)
    for facts in threads.values():
        threads_by_community[facts.community.id].append(facts)
    thread_community_ids = sorted(threads_by_community)
    thread_tags = {facts.url: facts.tag_ids for facts in threads.values() if facts.tag_ids}
    related = (
        _related_case_studies(thread_community_ids, sorted(set().union(*thread_tags.values())))
        if thread_community_ids
        else []
    )
    events = _events(content_ids, earliest, soon, now) if content_ids else []
    index_urls = _index_urls() if new_case_studies or events else {}
    library_url = index_urls.get("casestudyindexpage", "")
    events_url = index_urls.get("eventindexpage", "")

    digests = {}
    for member in members:
        since, standing = windows[member.pk], following[member.pk]
        groups = _member_groups(
            member.pk,
            since=since,
            soon=soon,
            standing=standing,
            communities=communities,
            threads=threads,
            threads_by_community=threads_by_community,
            new_case_studies=new_case_studies,
            related=related,
            thread_tags=thread_tags,
            events=events,
            library_url=library_url,
            events_url=events_url,
        )
        digests[member.pk] = Digest(
            member=member, period=period, since=since, until=now, communities=groups
        )
    return digests


def _member_groups(
    member_id, *, since, soon, standing, communities, threads, threads_by_community,
    new_case_studies, related, thread_tags, events, library_url, events_url,
) -> list[CommunityDigest]:  # fmt: skip
    """One member's share of the chunk's content, grouped by community in tree order."""
    discussions = _discussion_sections(
        member_id, since, standing, communities, threads, threads_by_community
    )
    followed = standing.content_communities(communities)
    first_listed = _first_component(followed, communities)
    new_by_community = defaultdict(list)
    for facts in new_case_studies:
        home = first_listed(facts.component_ids)
        if home is not None and facts.published >= since:
            new_by_community[home].append(facts.item)
    listed_as_new = {item.url for items in new_by_community.values() for item in items}

    groups = []
    for community in sorted(
        (communities[i] for i in followed | set(discussions)), key=lambda c: c.path
    ):
        group = CommunityDigest(community=community)
        news = discussions.get(community.id, {})
        discussions_url = f"{community.url}discussions/"
        if items := news.get("threads"):
            group.sections.append(_section("threads", _newest_first(items), discussions_url))
        if items := news.get("active"):
            group.sections.append(_section("active", items, discussions_url))
        if items := news.get("replies"):
            group.sections.append(_section("replies", _newest_first(items)))
        if community.id in followed:
            upcoming = [
                item
                for community_id, published, item in events
                if community_id == community.id
                and ((published is not None and published >= since) or item.when < soon)
            ]
            if upcoming:
                more = f"{events_url}?community={community.slug}" if events_url else ""
                group.sections.append(_section("events", upcoming, more))
        if items := new_by_community.get(community.id):
            more = f"{library_url}?component={community.slug}" if library_url else ""
            group.sections.append(_section("case_studies", _newest_first(items), more))
        if news:
            featured_tags = set().union(
                *(thread_tags.get(item.url, ()) for items in news.values() for item in items)
            )
            related_here = _related_items(
                related,
                community_id=community.id,
                tag_ids=featured_tags,
                leaving_out=listed_as_new,
            )
            if related_here:
                group.sections.append(_section("related", related_here, limit=RELATED_CASE_STUDIES))
        if group.sections:
            groups.append(group)
    return groups


def _first_component(followed_ids: set[int], communities: dict[int, Community]):
    """A function giving the first (in tree order) of the member's communities a case study
    belongs to, so that a case study of several components is listed once."""
    order = sorted(followed_ids, key=lambda community_id: communities[community_id].path)

    def first(component_ids: list[int]) -> int | None:
        return next((community_id for community_id in order if community_id in component_ids), None)

    return first
