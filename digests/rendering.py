"""A digest as an email: subject, HTML and plain-text parts, and the headers mail clients use."""

from typing import NamedTuple

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.safestring import mark_safe
from django.utils.text import get_text_list

from members.emails import absolute_url, build_email
from members.models import Weekday

from .selection import Community, Digest, Item, Section
from .unsubscribe import one_click_unsubscribe_url, unsubscribe_url

TEMPLATE = "emails/digests/digest"
ITEM_TEMPLATE = "emails/digests/item"
SECTION_TEMPLATE = "emails/digests/section"
COMMUNITY_TEMPLATE = "emails/digests/community"

# (kind, singular, plural) in the order the subject lists them.
SUBJECT_WORDS = [
    ("threads", "new discussion", "new discussions"),
    ("active", "active discussion", "active discussions"),
    ("replies", "watched discussion with replies", "watched discussions with replies"),
    ("events", "upcoming event", "upcoming events"),
    ("case_studies", "new case study", "new case studies"),
]


def message_id_for(member_id: int, period_key: str) -> str:
    """The digest's Message-ID: the same for every attempt at one member's digest for one
    period, and unguessable, so a duplicate is recognisable as the same message."""
    domain = settings.WAGTAILADMIN_BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":")[0]
    digest = salted_hmac("digests.message-id", f"{member_id}:{period_key}").hexdigest()[:16]
    return f"<digest.{period_key}.{member_id}.{digest}@{domain or 'localhost'}>"


def digest_subject(digest: Digest) -> str:
    """Says what's inside: "Your weekly digest: 2 new threads and 1 upcoming event in Data"."""
    counts = [
        f"{count} {singular if count == 1 else plural}"
        for kind, singular, plural in SUBJECT_WORDS
        if (count := digest.total(kind))
    ]
    groups = digest.communities
    where = groups[0].community.title if len(groups) == 1 else f"{len(groups)} communities"
    frequency = "weekly" if digest.period.is_weekly else "daily"
    return f"Your {frequency} digest: {get_text_list(counts, 'and')} in {where}"


def schedule_sentence(digest: Digest, digest_day: int | None) -> str:
    if not digest.period.is_weekly:
        return "You get this digest every day there is something new."
    if digest_day is None:
        return "You get this digest once a week when there is something new."
    return f"You get this digest on {Weekday(digest_day).label}s when there is something new."


class Fragment(NamedTuple):
    html: str
    text: str


def _render_fragment(template: str, context: dict) -> Fragment:
    return Fragment(
        # Our own template's output, escaped as it rendered: safe to place as it is.
        html=mark_safe(render_to_string(f"{template}.html", context)),  # noqa: S308
        text=render_to_string(f"{template}.txt", context),
    )


class DigestRenderer:
    """Renders the digests of one chunk. Items (a discussion, an event, a case study), often
    whole sections, and community headings are the same in many members' digests, so each
    distinct one is rendered once (emails/digests/item, section and community templates) and
    reused: a digest is then mostly joined strings, which keeps a chunk fast
    (bench/digests.py)."""

    def __init__(self):
        self._items: dict[Item, Fragment] = {}
        self._sections: dict[tuple, Fragment] = {}
        self._communities: dict[Community, Fragment] = {}
        self._preview_url = absolute_url(reverse("digests:preview"))

    def item(self, item: Item) -> Fragment:
        if item not in self._items:
            self._items[item] = _render_fragment(ITEM_TEMPLATE, {"item": item})
        return self._items[item]

    def section(self, section: Section) -> Fragment:
        key = (section.heading, tuple(section.items), section.more_count, section.more_url)
        if key not in self._sections:
            context = {"section": section, "items": [self.item(item) for item in section.items]}
            self._sections[key] = _render_fragment(SECTION_TEMPLATE, context)
        return self._sections[key]

    def community(self, community: Community) -> Fragment:
        if community not in self._communities:
            self._communities[community] = _render_fragment(
                COMMUNITY_TEMPLATE, {"community": community}
            )
        return self._communities[community]

    def body(self, digest: Digest) -> Fragment:
        """The digest's communities and their sections: fragments joined, nothing rendered
        that another member's digest in the chunk has already needed."""
        parts = [
            fragment
            for group in digest.communities
            for fragment in [
                self.community(group.community),
                *(self.section(section) for section in group.sections),
            ]
        ]
        return Fragment(
            html=mark_safe("".join(part.html for part in parts)),  # noqa: S308 (fragments)
            text="".join(part.text for part in parts),
        )

    def email(
        self, digest: Digest, *, message_id: str, digest_day: int | None = None
    ) -> EmailMultiAlternatives:
        member = digest.member
        context = {
            "digest": digest,
            "body": self.body(digest),
            "greeting_name": member.get_short_name(),
            "unsubscribe_url": unsubscribe_url(member.pk),
            "preview_url": self._preview_url,
            "schedule_sentence": schedule_sentence(digest, digest_day),
        }
        headers = {
            "Message-ID": message_id,
            # RFC 2369 and RFC 8058: clients offer an unsubscribe button that POSTs
            # "List-Unsubscribe=One-Click" to this address, with no sign-in and no page to visit.
            "List-Unsubscribe": f"<{one_click_unsubscribe_url(member.pk)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
            "Precedence": "bulk",
        }
        return build_email(
            member.email,
            subject=digest_subject(digest),
            template=TEMPLATE,
            context=context,
            headers=headers,
        )
