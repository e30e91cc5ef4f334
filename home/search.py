"""Site search: one search across case studies, communities, events, standard pages and the
discussions the searcher may read, through Wagtail's search backend (the database backend by
default; OpenSearch or Elasticsearch by configuration, see WAGTAILSEARCH_BACKENDS).

Pages and threads are two searches (a thread is not a page), merged by relevance. Who may read
which thread is part of the thread search's query, never a filter applied to its results, so a
members-only thread can neither be shown to an outsider nor counted for them.
"""

import copy
import difflib
import html
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from taggit.models import Tag
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from communities.forum.models import Post, Thread
from communities.library.models import CaseStudyPage
from communities.membership.models import CommunityPage, DiscussionVisibility
from communities.membership.selectors import readable_community_ids
from events.models import EventPage
from members.profiles import author_name

from .models import StandardPage

MAX_QUERY_LENGTH = 200  # characters searched (and shown) of what was typed
MAX_QUERY_TERMS = 12
MAX_TERM_LENGTH = 40  # longer "words" are not words anyone searches for
RESULTS_PER_PAGE = 20
# The most results that can be paged through: each search's best this many are merged (see
# _SiteSearch.ranked_hits), so this bounds the work a search does however common its words.
MAX_RESULTS = 300
EXCERPT_LENGTH = 220  # characters


# -- result types ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultType:
    slug: str  # in the URL: ?type=case-study
    label: str  # on each result
    plural: str  # in the filter
    page_model: type[Page] | None = None  # None: discussions


CASE_STUDY = ResultType("case-study", "Case study", "Case studies", CaseStudyPage)
COMMUNITY = ResultType("community", "Community", "Communities", CommunityPage)
EVENT = ResultType("event", "Event", "Events", EventPage)
DISCUSSION = ResultType("discussion", "Discussion", "Discussions")
PAGE = ResultType("page", "Page", "Pages", StandardPage)
RESULT_TYPES = (CASE_STUDY, COMMUNITY, EVENT, DISCUSSION, PAGE)
PAGE_TYPES = tuple(result_type for result_type in RESULT_TYPES if result_type.page_model)


def result_types_from(slugs: list[str]) -> tuple[ResultType, ...]:
    """The result types named in the URL (?type=event&type=discussion); unknown names are
    ignored. None named means every type."""
    wanted = set(slugs)
    return tuple(result_type for result_type in RESULT_TYPES if result_type.slug in wanted)


# -- what was typed --------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+")  # letters and digits; everything else separates words
_OPERATOR_WORDS = {"AND", "OR", "NOT", "NEAR"}
_SYNTAX = re.compile(r"[\"“”()\[\]{}*+~^:|&!]|(?:^|\s)-\S")


@dataclass(frozen=True)
class SearchQuery:
    """What a visitor typed, reduced to the words the search backends are given.

    Every backend builds its own query syntax from plain words, so quotes, brackets and
    operators are dropped rather than passed on (SQLite's FTS5 would fail on some of them).
    Results contain all the words.
    """

    text: str  # for the search box and the page: control characters removed, shortened
    terms: tuple[str, ...]
    shortened: bool = False  # words or characters beyond the limits were left out
    syntax_ignored: bool = False  # quotes, brackets, operators or -exclusions were typed

    @property
    def terms_text(self) -> str:
        return " ".join(self.terms)


def parse_query(raw: str) -> SearchQuery:
    raw = raw[: MAX_QUERY_LENGTH * 4]  # enough to know whether it was too long
    text = "".join(
        " " if unicodedata.category(character) == "Cc" else character for character in raw
    )
    text = " ".join(text.split())
    shortened = len(text) > MAX_QUERY_LENGTH
    if shortened:
        # Cut between words, so that no half word is searched for.
        text = text[: MAX_QUERY_LENGTH + 1]
        text = text[: text.rfind(" ")] if " " in text else text[:MAX_QUERY_LENGTH]
    syntax_ignored = bool(_SYNTAX.search(text))
    terms, seen = [], set()
    for word in _WORD.findall(text):
        if word in _OPERATOR_WORDS:
            syntax_ignored = True
            continue
        if len(word) > MAX_TERM_LENGTH or word.casefold() in seen:
            continue
        if len(terms) == MAX_QUERY_TERMS:
            shortened = True
            break
        seen.add(word.casefold())
        terms.append(word)
    return SearchQuery(
        text=text, terms=tuple(terms), shortened=shortened, syntax_ignored=syntax_ignored
    )


# -- highlighting ----------------------------------------------------------------------------

_SUFFIXES = ("ies", "es", "ing", "ed", "s")


def _stem(word: str) -> str:
    """A crude English stem, only for finding the words to highlight: the PostgreSQL backend
    matches "flooding" for "floods", so the highlight should show it too."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def highlight_pattern(terms) -> re.Pattern | None:
    """A pattern matching the words that the terms match: the word itself or, for longer
    words, any word with the same stem."""
    alternatives = set()
    for term in terms:
        word = term.casefold()
        stem = _stem(word)
        if len(stem) >= 4:
            alternatives.add(re.escape(stem) + r"\w*")
        else:
            alternatives.add(re.escape(word) + r"(?:s|es)?\b")
    if not alternatives:
        return None
    # Longest first, so that the longest alternative wins where two could match.
    ordered = sorted(alternatives, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(ordered) + ")", re.IGNORECASE)


def highlight(text: str, pattern: re.Pattern | None) -> SafeString:
    """The text, HTML-escaped, with each match of the pattern wrapped in <mark>."""
    if pattern is None:
        return escape(text)
    parts, end = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[end : match.start()]))
        parts.append(format_html("<mark>{}</mark>", match.group()))
        end = match.end()
    parts.append(escape(text[end:]))
    # Safe: every part was escaped above; the only markup added is <mark>.
    return mark_safe("".join(parts))  # noqa: S308


def excerpt(texts, pattern: re.Pattern | None, *, length: int = EXCERPT_LENGTH) -> SafeString:
    """A short, highlighted passage around the first match in the first text that has one, or
    the start of the first text when none does."""
    texts = [" ".join(text.split()) for text in texts if text]
    texts = [text for text in texts if text]
    if not texts:
        return SafeString("")
    chosen, start = texts[0], 0
    if pattern is not None:
        for text in texts:
            match = pattern.search(text)
            if match:
                chosen = text
                start = max(0, match.start() - length // 3)
                break
    if start > 0:
        # Start at a word, and end where the text does if the passage would fall short.
        start = max(0, min(start, len(chosen) - length))
        if start > 0:
            space = chosen.find(" ", start)
            start = space + 1 if space != -1 else start
    end = start + length
    if end < len(chosen):
        space = chosen.rfind(" ", start, end)
        end = space if space > start else end
    passage = highlight(chosen[start:end], pattern)
    before = "… " if start > 0 else ""
    after = " …" if end < len(chosen) else ""
    return format_html("{}{}{}", before, passage, after)


def _plain(rich_text: str) -> str:
    """Rich text (editors' HTML) as plain text."""
    return html.unescape(re.sub(r"<[^>]+>", " ", rich_text or ""))


def _stream_text(stream_value) -> str:
    """The words of a StreamField, from its stored JSON: no block is turned into Python, so no
    image or page chooser costs a query."""
    skipped = {"id", "type", "url", "level", "image", "alt_text"}

    def strings(value):
        if isinstance(value, str):
            yield _plain(value)
        elif isinstance(value, dict):
            if "type" in value and "value" in value:  # a block within a stream or list
                yield from strings(value["value"])
            else:
                for key, item in value.items():
                    if key not in skipped:
                        yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)

    return " ".join(text for block in stream_value.raw_data for text in strings(block["value"]))


# -- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchResult:
    type: ResultType
    title: SafeString  # highlighted
    url: str
    excerpt: SafeString  # highlighted
    details: tuple[str, ...] = ()


def _page_result(page, pattern, request) -> SearchResult:
    if isinstance(page, CaseStudyPage):
        result_type = CASE_STUDY
        texts = [
            page.summary,
            _plain(page.challenge),
            _stream_text(page.body),
            _plain(page.outcomes),
            _plain(page.lessons),
        ]
        details = (f"{page.organisation}, {page.place}",)
    elif isinstance(page, CommunityPage):
        result_type, details = COMMUNITY, ()
        texts = [page.summary, _stream_text(page.policy_framing)]
    elif isinstance(page, EventPage):
        result_type = EVENT
        texts = [page.summary, _stream_text(page.body), _stream_text(page.report)]
        details = (
            page.get_kind_display(),
            format_date(page.local_starts_at, "j F Y"),
            "Online" if page.is_online else page.venue_name,
            "Cancelled" if page.is_cancelled else "",
        )
    else:
        result_type, details = PAGE, ()
        texts = [page.search_description, page.intro, _stream_text(page.body)]
    return SearchResult(
        type=result_type,
        title=highlight(page.title, pattern),
        url=page.get_url(request=request),
        excerpt=excerpt(texts, pattern),
        details=tuple(detail for detail in details if detail),
    )


def _thread_result(thread, pattern) -> SearchResult:
    replies = f"{thread.reply_count} repl{'y' if thread.reply_count == 1 else 'ies'}"
    return SearchResult(
        type=DISCUSSION,
        title=highlight(thread.title, pattern),
        url=thread.get_absolute_url(),
        excerpt=excerpt([thread.opening_post_text()], pattern),
        details=(
            f"In {thread.community.title}",
            f"Started by {author_name(thread.author)}",
            replies,
        ),
    )


# -- searching -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    title_match: bool  # the title holds every word searched for
    relevance: float  # higher is better, whatever the backend
    kind: str  # "page" or "thread"
    pk: int
    content_type_id: int | None = None


def _lower_scores_rank_higher(backend) -> bool:
    # SQLite's FTS5 bm25() scores better matches lower (more negative); PostgreSQL's ts_rank and
    # OpenSearch/Elasticsearch score them higher.
    return type(backend).__name__ == "SQLiteSearchBackend"


class _SiteSearch:
    """The two searches (pages, threads) behind one query, for one searcher."""

    def __init__(self, query: SearchQuery, *, user, types: tuple[ResultType, ...]):
        self.backend = get_search_backend()
        self.query = query
        self.types = types or RESULT_TYPES
        content_types = ContentType.objects.get_for_models(
            *(result_type.page_model for result_type in PAGE_TYPES)
        )
        self.type_by_content_type = {
            content_types[result_type.page_model].pk: result_type for result_type in PAGE_TYPES
        }
        self.live_pages = Page.objects.live().public()
        readable = readable_community_ids(user)
        # Privacy: only threads in communities whose discussions the searcher may read, never a
        # hidden thread or one whose opening post awaits approval.
        self.readable_threads = (
            Thread.objects.published().filter(community_id__in=readable) if readable else None
        )
        self._ranked = None

    def for_query(self, query: SearchQuery) -> "_SiteSearch":
        """The same search (searcher, types) for other words."""
        other = copy.copy(self)
        other.query = query
        other._ranked = None
        return other

    def _search(self, queryset):
        return self.backend.search(self.query.terms_text, queryset, operator="and")

    def _pages(self, result_types, *, fields=None):
        content_type_ids = [
            pk
            for pk, result_type in self.type_by_content_type.items()
            if result_type in result_types
        ]
        pages = self.live_pages.filter(content_type_id__in=content_type_ids)
        return self._search(pages.only(*fields) if fields else pages)

    def _threads(self):
        return self._search(self.readable_threads)

    def counts(self) -> dict[ResultType, int]:
        """How many results each type has (whatever types are selected)."""
        counts = dict.fromkeys(RESULT_TYPES, 0)
        pages = self._pages(PAGE_TYPES)
        if pages.supports_facet:
            for content_type_id, count in pages.facet("content_type_id").items():
                result_type = self.type_by_content_type.get(int(content_type_id))
                if result_type is not None:
                    counts[result_type] += count
        else:
            for result_type in PAGE_TYPES:
                counts[result_type] = self._pages([result_type]).count()
        if self.readable_threads is not None:
            counts[DISCUSSION] = self._threads().count()
        return counts

    def has_results(self) -> bool:
        page_types = [result_type for result_type in self.types if result_type.page_model]
        if page_types and self._pages(page_types)[:1].count():
            return True
        return bool(
            DISCUSSION in self.types
            and self.readable_threads is not None
            and self._threads()[:1].count()
        )

    def ranked_hits(self, counts: dict[ResultType, int]) -> list[_Hit]:
        """Up to MAX_RESULTS hits of the selected types, most relevant first: the best of each
        search (pages, threads), merged by score.

        Hits whose title holds every word searched for come first. People expect them first,
        and the backends disagree: PostgreSQL and OpenSearch weigh a word in a title above one
        in the body, but the SQLite backend scales each whole score by how short the title is,
        matched or not, which puts short titles ("Data") above better matches. The window is
        the same for every results page, so paging never skips or repeats a result.
        """
        if self._ranked is not None:
            return self._ranked
        sign = -1 if _lower_scores_rank_higher(self.backend) else 1
        title_patterns = [highlight_pattern([term]) for term in self.query.terms]

        def hit(obj, kind, content_type_id=None):
            title_match = all(pattern.search(obj.title) for pattern in title_patterns)
            return _Hit(title_match, sign * (obj._score or 0), kind, obj.pk, content_type_id)

        hits = []
        page_types = [t for t in self.types if t.page_model and counts[t]]
        if page_types:
            pages = self._pages(page_types, fields=["id", "content_type_id", "title"])
            for page in pages.annotate_score("_score")[:MAX_RESULTS]:
                hits.append(hit(page, "page", page.content_type_id))
        if DISCUSSION in self.types and counts[DISCUSSION]:
            threads = self._search(self.readable_threads.only("id", "title"))
            for thread in threads.annotate_score("_score")[:MAX_RESULTS]:
                hits.append(hit(thread, "thread"))
        # A stable sort: on a tie, pages before threads, each in the backend's order.
        hits.sort(key=lambda hit: (not hit.title_match, -hit.relevance))
        self._ranked = hits[:MAX_RESULTS]
        return self._ranked

    def results(self, hits: list[_Hit], request) -> list[SearchResult]:
        """Each hit as a result, loaded in one query per page type and two for threads."""
        pattern = highlight_pattern(self.query.terms)
        page_ids_by_type = {}
        for hit in hits:
            if hit.kind == "page":
                page_ids_by_type.setdefault(hit.content_type_id, []).append(hit.pk)
        pages = {}
        for content_type_id, ids in page_ids_by_type.items():
            model = self.type_by_content_type[content_type_id].page_model
            pages.update((page.pk, page) for page in model.objects.filter(pk__in=ids))
        thread_ids = [hit.pk for hit in hits if hit.kind == "thread"]
        threads = {}
        if thread_ids:
            threads = {
                thread.pk: thread
                for thread in Thread.objects.filter(pk__in=thread_ids)
                .select_related("community", "author")
                .prefetch_related(
                    Prefetch(
                        "posts",
                        queryset=Post.objects.filter(number=1),
                        to_attr="indexed_opening_posts",
                    )
                )
            }
            # One instance per community, so that each community's URL is worked out once.
            communities = {}
            for thread in threads.values():
                thread.community = communities.setdefault(thread.community_id, thread.community)
        results = []
        for hit in hits:
            # Something unpublished or deleted since the search ran is left out.
            if hit.kind == "page" and hit.pk in pages:
                results.append(_page_result(pages[hit.pk], pattern, request))
            elif hit.kind == "thread" and hit.pk in threads:
                results.append(_thread_result(threads[hit.pk], pattern))
        return results


class _RankedResults:
    """The merged results as a sequence for Django's Paginator: its length is the number of
    results that can be paged through, and a slice runs the searches for that page only."""

    def __init__(self, search: _SiteSearch, counts, total: int, request):
        self.search = search
        self.counts = counts
        self.total = total
        self.request = request

    def __len__(self):
        return min(self.total, MAX_RESULTS)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("search results are only ever sliced")
        hits = self.search.ranked_hits(self.counts)[index.start : index.stop]
        return self.search.results(hits, self.request)


@dataclass(frozen=True)
class TypeOption:
    type: ResultType
    count: int
    selected: bool


@dataclass
class SearchOutcome:
    query: SearchQuery
    page: PaginatorPage
    total: int  # results of the selected types
    type_options: list[TypeOption]
    selected_types: tuple[ResultType, ...]
    suggestion: str = ""  # "did you mean", only offered when it finds something
    suggestion_url: str = ""

    @property
    def is_capped(self) -> bool:
        return self.total > MAX_RESULTS


def site_search(
    query: SearchQuery,
    *,
    user,
    types: tuple[ResultType, ...] = (),
    page_number=None,
    request=None,
) -> SearchOutcome:
    """Searches everything the user may see for the query's terms (which must not be empty).

    `types` narrows the results (none: every type); `page_number` is the results page as
    given in the URL; `request`, when given, is used to work out page URLs for its site.
    """
    search = _SiteSearch(query, user=user, types=types)
    counts = search.counts()
    total = sum(counts[result_type] for result_type in search.types)
    paginator = Paginator(_RankedResults(search, counts, total, request), RESULTS_PER_PAGE)
    outcome = SearchOutcome(
        query=query,
        page=paginator.get_page(page_number),
        total=total,
        type_options=[
            TypeOption(result_type, counts[result_type], result_type in types)
            for result_type in RESULT_TYPES
        ],
        selected_types=types,
    )
    if total == 0:
        suggestion = suggest(query.terms)
        if suggestion and search.for_query(parse_query(suggestion)).has_results():
            outcome.suggestion = suggestion
            outcome.suggestion_url = search_url(suggestion, types)
    return outcome


def search_url(text: str, types: tuple[ResultType, ...] = ()) -> str:
    parameters = [("q", text)] + [("type", result_type.slug) for result_type in types]
    return f"{reverse('search')}?{urlencode(parameters)}"


# -- did you mean ----------------------------------------------------------------------------
#
# The database backends have no suggester, so suggestions come from a vocabulary of the words
# in what everyone may see (live page titles, which include community names, and case-study
# and public discussion tags), matched with difflib. Better is possible elsewhere:
# OpenSearch/Elasticsearch have term and phrase suggesters and fuzzy queries, and PostgreSQL
# with the pg_trgm extension can find similar words (and run Wagtail's Fuzzy queries) in the
# database. Nothing from a members-only community goes into the vocabulary, which is shared by
# every searcher.

VOCABULARY_CACHE_KEY = "home.search.vocabulary"
VOCABULARY_TIMEOUT = 60 * 10  # seconds
VOCABULARY_SOURCE_LIMIT = 5_000  # titles, and tags, read to build it
VOCABULARY_LIMIT = 20_000  # words kept
SUGGESTION_CUTOFF = 0.75  # difflib similarity, 0 to 1


def _vocabulary_sources() -> list[str]:
    titles = list(
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .order_by("-last_published_at")
        .values_list("title", flat=True)[:VOCABULARY_SOURCE_LIMIT]
    )
    case_study_tags = Tag.objects.filter(communities_casestudytag_items__content_object__live=True)
    thread_tags = Tag.objects.filter(
        communities_threadtag_items__content_object__in=Thread.objects.published().filter(
            community__live=True,
            community__discussion_visibility=DiscussionVisibility.PUBLIC,
        )
    )
    tags = [
        name
        for tagged in (case_study_tags, thread_tags)
        for name in tagged.values_list("name", flat=True)
        .distinct()
        .order_by("name")[:VOCABULARY_SOURCE_LIMIT]
    ]
    return titles + tags


def vocabulary() -> dict[int, list[str]]:
    """The words suggestions are made from, lower case, grouped by length (cached)."""

    def build():
        words = set()
        for text in _vocabulary_sources():
            words.update(word.casefold() for word in _WORD.findall(text) if len(word) >= 3)
        by_length = {}
        for word in sorted(words)[:VOCABULARY_LIMIT]:
            by_length.setdefault(len(word), []).append(word)
        return by_length

    return cache.get_or_set(VOCABULARY_CACHE_KEY, build, VOCABULARY_TIMEOUT)


def suggest(terms) -> str:
    """The terms with each unknown word replaced by the closest known one, or "" when nothing
    would change."""
    words = vocabulary()
    known = {word for group in words.values() for word in group}
    suggested, changed = [], False
    for term in terms:
        word = term.casefold()
        if word in known or len(word) < 3 or word.isdigit():
            suggested.append(term)
            continue
        candidates = [
            candidate
            for length in range(len(word) - 2, len(word) + 3)
            for candidate in words.get(length, [])
        ]
        close = difflib.get_close_matches(word, candidates, n=1, cutoff=SUGGESTION_CUTOFF)
        if close:
            suggested.append(close[0])
            changed = True
        else:
            suggested.append(term)
    return " ".join(suggested) if changed else ""
