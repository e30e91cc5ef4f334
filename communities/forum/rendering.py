"""Members write Markdown; we store HTML that is safe to show, rendered once when a post is saved.

Two layers keep it safe. Markdown runs with raw HTML switched off, so whatever a member types
in angle brackets is shown as text. Then nh3 (the ammonia sanitiser) keeps only an allow-list
of tags, attributes and URL schemes from what Markdown produced, and marks every link
rel="nofollow ugc noopener". Images are not allowed at all.

@mentions of existing handles become links to the member's profile.
"""

import html
import re
import threading
import xml.etree.ElementTree as etree  # noqa: S405 - builds elements; parses nothing
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from members.models import HANDLE_PATTERN, User

# An @ that starts a word (not an email address's) and a handle's shape.
MENTION_PATTERN = rf"(?<![\w@.\-/])@({HANDLE_PATTERN})(?![\w-])"

ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_CLASSES = {"a": {"cp-mention"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "nofollow ugc noopener"


def profile_path(handle: str) -> str:
    return f"/members/{handle}/"


class _MentionProcessor(InlineProcessor):
    """Links @handle when the handle is known; records every handle-shaped mention it sees.

    `known` and `seen` are set for each document (see _markdown_to_html)."""

    def __init__(self, pattern, md):
        super().__init__(pattern, md)
        self.known: set[str] = set()
        self.seen: set[str] = set()

    def handleMatch(self, match, data):  # noqa: N802 - Markdown's API
        handle = match.group(1).lower()
        self.seen.add(handle)
        if handle not in self.known:
            return None, None, None
        link = etree.Element("a", {"href": profile_path(handle), "class": "cp-mention"})
        link.text = f"@{handle}"
        return link, match.start(0), match.end(0)


class _ShiftHeadingsAndLinkImages(Treeprocessor):
    """A post sits under the page's h1 and the post's own h2, so its headings start at h3.

    Images are not shown in posts (they could track readers or shift the page); an image
    becomes a link to it, named by its alt text.
    """

    def run(self, root):
        for element in root.iter():
            if re.fullmatch(r"h[1-6]", element.tag):
                element.tag = f"h{min(int(element.tag[1]) + 2, 6)}"
            elif element.tag == "img":
                source, alt = element.get("src", ""), element.get("alt", "")
                element.attrib.clear()
                element.tag = "a"
                element.set("href", source)
                element.text = alt or source


class _PostExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API
        # No raw HTML: angle brackets the member typed are escaped as text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.register(
            _MentionProcessor(MENTION_PATTERN, md),
            "mention",
            # After code spans and escapes (so `@name` in code stays code), before emphasis.
            175,
        )
        md.treeprocessors.register(_ShiftHeadingsAndLinkImages(md), "shift_headings", 5)


_per_thread = threading.local()


def _converter() -> markdown.Markdown:
    """This thread's Markdown converter. Building one (its extensions, patterns and regular
    expressions) takes twice as long as converting a post with it, and one converter must not
    convert two documents at once, so each thread keeps its own and resets it between
    documents."""
    converter = getattr(_per_thread, "converter", None)
    if converter is None:
        converter = _per_thread.converter = markdown.Markdown(
            extensions=["fenced_code", "tables", "sane_lists", "nl2br", _PostExtension()],
            output_format="html",
        )
    return converter


def _markdown_to_html(text: str, *, known: set[str], seen: set[str]) -> str:
    converter = _converter()
    mentions = converter.inlinePatterns["mention"]
    mentions.known, mentions.seen = known, seen
    return converter.reset().convert(text)


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=LINK_REL,
        strip_comments=True,
    )


@dataclass
class RenderedPost:
    html: str
    mentioned: set[str] = field(default_factory=set)
    unknown_mentions: set[str] = field(default_factory=set)


def mentioned_handles(text: str) -> set[str]:
    """Every handle-shaped @mention in the text, outside code."""
    if "@" not in text:
        return set()
    seen: set[str] = set()
    _markdown_to_html(text, known=set(), seen=seen)
    return seen


def render_post(text: str) -> RenderedPost:
    """Safe HTML for a post, which handles it mentions, and which mentions match nobody."""
    candidates = mentioned_handles(text)
    known = (
        set(
            User.objects.filter(handle__in=candidates, is_active=True).values_list(
                "handle", flat=True
            )
        )
        if candidates
        else set()
    )
    safe_html = sanitise(_markdown_to_html(text, known=known, seen=set()))
    return RenderedPost(html=safe_html, mentioned=known, unknown_mentions=candidates - known)


def excerpt(text: str, *, length: int = 200) -> str:
    """The start of a post's Markdown as plain text, for quotes and emails."""
    plain = html.unescape(nh3.clean(markdown.markdown(text), tags=set()))
    plain = re.sub(r"\s+", " ", plain).strip()
    return plain if len(plain) <= length else plain[: length - 1].rstrip() + "…"
