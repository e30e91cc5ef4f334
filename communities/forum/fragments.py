"""Posts on a thread page, rendered once per version of what they show and then cached.

Building a post's HTML from its template is most of what a thread page costs. The cache key
is a digest of everything the template reads: the post, its author, the post it replies to,
the case studies it links to, the thread's answer and lock, the addresses it links to, what
the reader may do with it, and the template's own source. Any change to any of them is a new
key, so nothing needs invalidating and a stale post can never be shown; old versions simply
expire.

The one per-request value inside a fragment is the form token of the reader's buttons
(Helpful, Hide, ...): fragments are rendered with a placeholder in its place, and the
reader's token is put in when the page is built.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.functional import cached_property
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import get_current_timezone_name

from communities.forum.access import DiscussionAccess
from communities.forum.models import Post, Thread
from communities.membership.models import CommunityPage
from members.profiles import author_name

TEMPLATE_NAME = "communities/includes/post.html"
# The post template and those it includes: a change to any of them is a new release's look.
TEMPLATE_SOURCES = (TEMPLATE_NAME, "communities/case_studies/post_cards.html")
TOKEN_PLACEHOLDER = "cp-form-token-placeholder"  # noqa: S105 - not a secret
KEY_PREFIX = "post-html:"


@dataclass(frozen=True)
class PostFragments:
    """What the posts of one thread page have in common for one reader."""

    request: HttpRequest
    community: CommunityPage
    thread: Thread
    thread_url: str
    access: DiscussionAccess
    helpful_ids: frozenset[int]

    @cached_property
    def _template(self):
        return get_template(TEMPLATE_NAME)

    @cached_property
    def _template_digest(self) -> str:
        sources = "\0".join(get_template(name).template.source for name in TEMPLATE_SOURCES)
        return hashlib.blake2b(sources.encode(), digest_size=8).hexdigest()

    def render(self, posts: list[Post]) -> list[tuple[Post, SafeString]]:
        """Each post with its HTML: cached fragments where the key matches, the rest rendered
        and stored (one cache round trip each way)."""
        keys = [KEY_PREFIX + self._fingerprint(post) for post in posts]
        found = cache.get_many(keys)
        missing = {}
        fragments = []
        for post, key in zip(posts, keys, strict=True):
            html = found.get(key)
            if html is None:
                html = missing[key] = self._render_one(post)
            fragments.append(html)
        if missing:
            cache.set_many(missing, timeout=settings.COMMUNITY_POST_FRAGMENT_SECONDS)
        token = None
        result = []
        for post, html in zip(posts, fragments, strict=True):
            if TOKEN_PLACEHOLDER in html:
                token = token or get_token(self.request)
                html = html.replace(TOKEN_PLACEHOLDER, token)
            result.append((post, mark_safe(html)))  # noqa: S308 - rendered by our template
        return result

    def _render_one(self, post: Post) -> str:
        return self._template.render(
            {
                "post": post,
                "thread": self.thread,
                "thread_url": self.thread_url,
                "page": self.community,
                "access": self.access,
                "helpful_ids": self.helpful_ids,
                "request": self.request,
                "csrf_token": TOKEN_PLACEHOLDER,
            }
        )

    def _fingerprint(self, post: Post) -> str:
        reader = self.request.user
        access = self.access
        parts = (
            self._template_digest,
            get_current_timezone_name(),
            self.thread_url,
            self.community.url,
            self.thread.accepted_answer_id,
            self.thread.is_locked,
            access.is_signed_in,
            access.is_member,
            access.can_post,
            access.can_moderate,
            post.author_id is not None and post.author_id == reader.pk,
            post.pk in self.helpful_ids,
            _post_parts(post),
            _quoted_parts(post.reply_to) if post.reply_to_id else None,
            [_case_study_parts(case_study) for case_study in post.case_studies.all()],
        )
        return hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()


def _author_parts(post: Post) -> tuple:
    author = post.author
    return (
        post.author_id,
        author_name(author),
        author.handle if author else None,
        author.listed_in_directory if author else None,
    )


def _post_parts(post: Post) -> tuple:
    """What the template shows of the post itself (its stored HTML, not the Markdown it came
    from)."""
    return (
        post.pk,
        post.number,
        post.created_at,
        post.edited_at,
        post.is_deleted,
        post.is_hidden,
        post.helpful_count,
        post.body_html,
        *_author_parts(post),
    )


def _quoted_parts(post: Post) -> tuple:
    """What the quote shows of the post replied to: an excerpt of its Markdown."""
    return (
        post.pk,
        post.number,
        post.is_deleted,
        post.is_hidden,
        post.body_markdown,
        *_author_parts(post),
    )


def _case_study_parts(case_study) -> tuple:
    return (
        case_study.pk,
        case_study.title,
        case_study.url_path,
        case_study.organisation,
        case_study.place,
        case_study.summary,
    )
