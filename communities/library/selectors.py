"""The case-study library: finding case studies, relating them to one another and to the
discussions that link to them, and recognising those links in posts.

The library's filters and sorts, the case-study page's "related case studies", "discussed in"
and "start a discussion about this", and the cards under posts (Post.case_studies, kept here
when a post is written) read through this module; the digests relate case studies to
discussions by its `relatedness` rule.

Only live case studies outside view-restricted sections are ever shown. Wagtail's `.public()`
asks the database for the restrictions each time it is called; a page that needs several such
queries asks once (`outside_restricted_sections`) and passes the answer on as `public`.
"""

import re
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, ExtractYear
from taggit.models import Tag
from wagtail.models import Page, Site

from communities.forum.models import TAG_MAX_LENGTH, TAGS_MAX, Post, Thread
from communities.library.models import CaseStudyDocument, CaseStudyLink, CaseStudyPage, CaseStudyTag
from communities.membership.access import CommunityAccess
from communities.membership.models import CommunityPage, Membership
from communities.membership.selectors import readable_community_ids
from members.emails import absolute_url

SORT_NEWEST = "newest"
SORT_MOST_DISCUSSED = "discussed"
SORTS = [(SORT_NEWEST, "Newest first"), (SORT_MOST_DISCUSSED, "Most discussed")]
RELATED_LIMIT = 4
DISCUSSED_IN_LIMIT = 20
# A post's links are looked up in one query; more than this many in one post are not cards.
LINKS_PER_POST = 50

ComponentLink = CaseStudyPage.components.through
PostLink = Post.case_studies.through
# What a case study's card shows, wherever it is (library results and feed, related).
CARD_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "organisation",
    "organisation_type",
    "place",
    "place_type",
    "summary",
    "published_date",
    "first_published_at",
    "last_published_at",
)


# -- relatedness -------------------------------------------------------------------------------


def relatedness(*, shared_components, shared_tags):
    """How closely a case study relates to something with components and theme tags (another
    case study, or a discussion in a community): one point for each component and each tag
    they share, so anything that shares one is related.

    Works alike on numbers (digests score in Python) and on query expressions (the case-study
    page scores in the database), so both follow the one rule.
    """
    return shared_components + shared_tags


def related_case_studies(
    case_study: CaseStudyPage, *, limit: int = RELATED_LIMIT, public: Q | None = None
) -> list[CaseStudyPage]:
    """The case studies most related to this one (never itself): most shared components and
    tags first, then the newest. One query, however many case studies there are."""
    components = ComponentLink.objects.filter(
        casestudypage_id=case_study.pk, communitypage__live=True
    ).values("communitypage_id")
    tags = CaseStudyTag.objects.filter(content_object_id=case_study.pk).values("tag_id")
    sharing = Q(
        pk__in=ComponentLink.objects.filter(communitypage_id__in=components).values(
            "casestudypage_id"
        )
    ) | Q(pk__in=CaseStudyTag.objects.filter(tag_id__in=tags).values("content_object_id"))
    shared_components = _count(
        ComponentLink.objects.filter(
            casestudypage_id=OuterRef("pk"), communitypage_id__in=components
        ),
        "casestudypage_id",
    )
    shared_tags = _count(
        CaseStudyTag.objects.filter(content_object_id=OuterRef("pk"), tag_id__in=tags),
        "content_object_id",
    )
    return list(
        public_case_studies(public)
        .filter(sharing)
        .exclude(pk=case_study.pk)
        .annotate(shared_components=shared_components, shared_tags=shared_tags)
        .annotate(
            relatedness=relatedness(
                shared_components=F("shared_components"), shared_tags=F("shared_tags")
            )
        )
        .only(*CARD_FIELDS)
        .order_by("-relatedness", "-published_date", "-id")[:limit]
    )


def _count(rows: QuerySet, group_by: str):
    """The number of `rows` (correlated to the outer query by OuterRef) as an expression."""
    counted = rows.order_by().values(group_by).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


# -- which case studies may be shown -----------------------------------------------------------


def outside_restricted_sections() -> Q:
    """A condition on pages: not in a view-restricted section (one query, as `.public()`)."""
    return ~Page.objects.private_q()


def public_case_studies(public: Q | None = None) -> QuerySet[CaseStudyPage]:
    """Live case studies anyone may read."""
    return CaseStudyPage.objects.live().filter(
        outside_restricted_sections() if public is None else public
    )


def case_study_for_discussion(case_study_id) -> CaseStudyPage | None:
    """The live, public case study with this id (as given in a URL), or None."""
    if not str(case_study_id).isdigit():
        return None
    return public_case_studies().filter(pk=int(case_study_id)).first()


# -- the library -------------------------------------------------------------------------------


@dataclass
class LibraryFacets:
    """The values the library's filters offer: only those some live case study has."""

    components: list[CommunityPage] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    tags: list[Tag] = field(default_factory=list)


def library_facets(*, public: Q) -> LibraryFacets:
    """The filters' choices (three queries): communities in tree order, organisations A to Z,
    years newest first, theme tags A to Z."""
    case_studies = public_case_studies(public)
    components = list(
        CommunityPage.objects.live()
        .filter(public)
        .order_by("path")
        .only("id", "slug", "title", "path", "url_path")
    )
    organisations, years = set(), set()
    for organisation, year in (
        case_studies.order_by()
        .values_list("organisation", ExtractYear("published_date"))
        .distinct()
    ):
        organisations.add(organisation)
        years.add(year)
    tags = list(
        Tag.objects.filter(
            Exists(
                CaseStudyTag.objects.filter(
                    tag_id=OuterRef("pk"), content_object__in=case_studies.values("pk")
                )
            )
        ).order_by("name")
    )
    return LibraryFacets(
        components=components,
        organisations=sorted(organisations, key=str.casefold),
        years=sorted(years, reverse=True),
        tags=tags,
    )


def library_case_studies(*, public: Q | None = None) -> QuerySet[CaseStudyPage]:
    """Live case studies for the library, newest first, with their components and tags
    prefetched for the results (two more queries per page). communities.library.filters.
    CaseStudyFilterSet narrows them and sorts them by the `sort` chosen."""
    return (
        public_case_studies(public)
        .only(*CARD_FIELDS)
        .prefetch_related(_components_for_cards(public), "tags")
        .order_by("-published_date", "-id")
    )


def most_discussed_first(
    case_studies: QuerySet[CaseStudyPage], *, readable_ids: list[int]
) -> QuerySet[CaseStudyPage]:
    """The case studies ordered by how many discussions the reader may read (`readable_ids`:
    their communities) have a visible post linking to each, counted as `discussion_count`."""
    return case_studies.annotate(discussion_count=discussion_count(readable_ids)).order_by(
        "-discussion_count", "-published_date", "-id"
    )


def _components_for_cards(public: Q | None) -> Prefetch:
    communities = CommunityPage.objects.live()
    if public is not None:
        communities = communities.filter(public)
    return Prefetch(
        "components",
        queryset=communities.order_by("path").only("id", "title", "slug", "url_path", "path"),
    )


# -- discussions that link to case studies -----------------------------------------------------


def visible_links() -> QuerySet:
    """Links from posts to case studies that count as discussion: published, neither deleted
    nor hidden, in a thread that is neither hidden nor awaiting approval."""
    return PostLink.objects.filter(
        post__number__isnull=False,
        post__is_deleted=False,
        post__is_hidden=False,
        post__is_held=False,
        post__thread__is_hidden=False,
        post__thread__is_held=False,
    )


def discussion_count(readable_ids: list[int]):
    """For a case-study query: how many discussions in those communities link to each."""
    links = (
        visible_links()
        .filter(casestudypage_id=OuterRef("pk"), post__thread__community_id__in=readable_ids)
        .order_by()
        .values("casestudypage_id")
        .annotate(n=Count("post__thread_id", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(links, output_field=IntegerField()), 0)


def discussed_in(case_study: CaseStudyPage, *, user, limit: int = DISCUSSED_IN_LIMIT) -> list:
    """The discussions the user may read with a visible post linking to the case study,
    latest activity first, each with its community (three queries)."""
    linking_threads = (
        visible_links().filter(casestudypage_id=case_study.pk).values("post__thread_id")
    )
    return list(
        Thread.objects.published()
        .filter(community_id__in=readable_community_ids(user), pk__in=linking_threads)
        .select_related("community")
        .order_by("-last_activity_at", "-id")[:limit]
    )


@dataclass
class CaseStudyContents:
    """Which of a case study's optional parts have anything in them."""

    has_tags: bool
    has_links: bool
    has_documents: bool
    is_discussed: bool


def case_study_contents(case_study: CaseStudyPage) -> CaseStudyContents:
    """One query, so that the page asks for tags, links, documents and discussions only when
    there are some."""
    pk = OuterRef("pk")
    flags = (
        CaseStudyPage.objects.filter(pk=case_study.pk)
        .annotate(
            has_tags=Exists(CaseStudyTag.objects.filter(content_object_id=pk)),
            has_links=Exists(CaseStudyLink.objects.filter(page_id=pk)),
            has_documents=Exists(CaseStudyDocument.objects.filter(page_id=pk)),
            is_discussed=Exists(visible_links().filter(casestudypage_id=pk)),
        )
        .values("has_tags", "has_links", "has_documents", "is_discussed")
        .first()
    )
    return CaseStudyContents(**(flags or dict.fromkeys(CaseStudyContents.__annotations__, False)))


def case_study_documents(case_study: CaseStudyPage) -> list:
    """The case study's documents in order, each with its Wagtail document (one query)."""
    return list(case_study.documents.select_related("document").order_by("sort_order", "id"))


def discussion_communities(
    user, communities: list[CommunityPage]
) -> tuple[list[CommunityPage], list[CommunityPage]]:
    """Of a case study's communities: those where the user may start a discussion, and the
    others (at most one query)."""
    if not (user.is_authenticated and communities):
        return [], list(communities)
    memberships = {
        membership.community_id: membership
        for membership in Membership.objects.active().filter(
            member=user, community_id__in=[community.pk for community in communities]
        )
    }
    can_post, others = [], []
    for community in communities:
        membership = memberships.get(community.pk)
        access = CommunityAccess(user, community, membership) if membership else None
        (can_post if access and access.can_post else others).append(community)
    return can_post, others


def discussion_prefill(case_study: CaseStudyPage, *, request=None) -> dict:
    """A new discussion's title, opening line (a link to the case study, so that the thread
    shows its card and the case study lists the thread) and tags (its themes)."""
    url = case_study.get_url(request)
    named = f"[{case_study.title}]({absolute_url(url)})" if url else case_study.title
    tags = [tag.name for tag in case_study.tags.all() if len(tag.name) <= TAG_MAX_LENGTH]
    return {
        "title": case_study.title[:150],
        "body": f"About the case study {named}:\n\n",
        "tags": ", ".join(sorted(tags, key=str.casefold)[:TAGS_MAX]),
    }


# -- links in posts ----------------------------------------------------------------------------

_HREF = re.compile(r'href="([^"]*)"')
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]{}\"'`]+")


def _our_hostnames() -> set[str]:
    """Host names this site answers to (the sites' root URLs are cached by Wagtail)."""
    hosts = {
        (urlsplit(site.root_url).hostname or "").lower() for site in Site.get_site_root_paths()
    }
    hosts.add((urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "").lower())
    hosts.update(
        host.lower()
        for host in settings.ALLOWED_HOSTS
        if host and "*" not in host and not host.startswith(".")
    )
    hosts.discard("")
    return hosts


def linked_page_paths(*texts: str) -> set[str]:
    """The paths of this site's pages that the texts link to: links in HTML (href) and bare
    absolute URLs in Markdown, either absolute on one of our host names or relative."""
    hosts = None
    paths = set()
    for text in texts:
        for url in [unescape(href) for href in _HREF.findall(text or "")] + _BARE_URL.findall(
            text or ""
        ):
            parts = urlsplit(url.rstrip(".,;:!?"))
            if parts.scheme not in ("", "http", "https") or not parts.path.startswith("/"):
                continue
            if parts.netloc:
                hosts = _our_hostnames() if hosts is None else hosts
                if (parts.hostname or "").lower() not in hosts:
                    continue
            path = unquote(parts.path)
            paths.add(path if path.endswith("/") else f"{path}/")
            if len(paths) >= LINKS_PER_POST:
                return paths
    return paths


def linked_case_studies(*texts: str) -> QuerySet[CaseStudyPage]:
    """The live, public case studies the texts link to (one query, when there are links)."""
    paths = linked_page_paths(*texts)
    if not paths:
        return CaseStudyPage.objects.none()
    url_paths = {
        f"{root.root_path}{path.lstrip('/')}"
        for root in Site.get_site_root_paths()
        for path in paths
    }
    return public_case_studies().filter(url_path__in=url_paths)


def post_case_studies_update(*, post: Post, created: bool = False) -> None:
    """Records which case studies the post links to, from its saved text: each becomes a card
    under the post, and the post's discussion is listed on the case study."""
    case_studies = list(linked_case_studies(post.body_html, post.body_markdown))
    if created and not case_studies:
        return
    post.case_studies.set(case_studies)


def case_study_list(
    *,
    component: CommunityPage | None = None,
    place_type: str | None = None,
    organisation: str | None = None,
) -> QuerySet[CaseStudyPage]:
    """Live case studies, newest first, with their components prefetched for cards: for the
    home and community pages and the digests. The library's own filters, sorts and related
    case studies are in communities/case_studies.py."""
    case_studies = (
        CaseStudyPage.objects.live()
        .public()
        .prefetch_related(
            Prefetch(
                "components",
                queryset=CommunityPage.objects.live()
                .order_by("path")
                .only("id", "title", "url_path", "path"),
            )
        )
        .order_by("-published_date", "-id")
    )
    if component is not None:
        case_studies = case_studies.filter(components=component)
    if place_type:
        case_studies = case_studies.filter(place_type=place_type)
    if organisation:
        case_studies = case_studies.filter(organisation=organisation)
    return case_studies
