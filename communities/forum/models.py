import html

import nh3
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.search import index

from communities.forum.rendering import render_post

# A thread's tags: how many, and how long each may be.
TAGS_MAX = 5
TAG_MAX_LENGTH = 30


class ThreadTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "communities.Thread", on_delete=models.CASCADE, related_name="tagged_items"
    )


class ThreadQuerySet(models.QuerySet):
    def published(self):
        """Threads anyone who may read the community sees: not hidden, not awaiting approval."""
        return self.filter(is_hidden=False, is_held=False)


class Thread(index.Indexed, models.Model):
    """A discussion in a community. Its opening post is post number 1."""

    community = models.ForeignKey(
        "communities.CommunityPage", on_delete=models.CASCADE, related_name="threads"
    )
    title = models.CharField(max_length=150)
    slug = models.SlugField(max_length=80, allow_unicode=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="threads",
    )
    tags = TaggableManager(through=ThreadTag, blank=True)
    is_pinned = models.BooleanField("pinned", default=False)
    is_locked = models.BooleanField("locked", default=False)
    is_hidden = models.BooleanField("hidden", default=False)
    is_held = models.BooleanField(
        "awaiting approval",
        default=False,
        help_text="The opening post is held for a facilitator's approval.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    last_activity_at = models.DateTimeField(default=timezone.now)
    last_poster = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Published replies; post numbers run 1 (the opening post) to reply_count + 1, so unread
    # counts are a subtraction rather than a count.
    reply_count = models.PositiveIntegerField(default=0)
    accepted_answer = models.ForeignKey(
        "communities.Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ThreadQuerySet.as_manager()

    # Site search (home/search.py) finds threads through the Wagtail search index. Every thread
    # is indexed, hidden and held ones too: who may see what is decided in the search query by
    # filtering on the FilterFields, so that a thread that is hidden, held or moved to a
    # members-only community drops out of results at once, whatever the backend. The index is
    # updated when a thread is saved (Wagtail's signal handlers) and by the discussion services
    # when its opening post changes.
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("opening_post_text"),
        # A method rather than RelatedFields("community", [SearchField("title")]): the database
        # backend would count the community's title as the thread's own title.
        index.SearchField("community_title"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("community"),
        index.FilterField("is_hidden"),
        index.FilterField("is_held"),
        index.FilterField("last_activity_at"),
    ]
    SEARCH_TEXT_LIMIT = 20_000  # characters of the opening post kept in the index

    class Meta:
        ordering = ["-is_pinned", "-last_activity_at", "-id"]
        indexes = [
            models.Index(
                fields=["community", "-is_pinned", "-last_activity_at", "-id"],
                name="thread_list_idx",
            ),
            models.Index(fields=["community", "-created_at"], name="thread_newest_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self) -> str:
        return f"{self.community.url}{self.path}"

    @property
    def last_post_number(self) -> int:
        return self.reply_count + 1

    @property
    def path(self) -> str:
        """The thread's address relative to its community page."""
        return f"discussions/{self.pk}-{self.slug}/"

    # -- search index ------------------------------------------------------------------------

    @classmethod
    def get_indexed_objects(cls):
        """Every thread, with what its search fields read, for `manage.py update_index`."""
        return (
            super()
            .get_indexed_objects()
            .select_related("community")
            .prefetch_related(
                models.Prefetch(
                    "posts", queryset=Post.objects.filter(number=1), to_attr="indexed_opening_posts"
                )
            )
        )

    def opening_post_text(self) -> str:
        """The opening post as plain text; empty while it is held, hidden or deleted."""
        opening_posts = getattr(self, "indexed_opening_posts", None)
        if opening_posts is None:
            opening_posts = list(self.posts.filter(number=1))
        if not opening_posts or not opening_posts[0].is_visible_to_all:
            return ""
        text = html.unescape(nh3.clean(opening_posts[0].body_html, tags=set()))
        return " ".join(text.split())[: self.SEARCH_TEXT_LIMIT]

    def community_title(self) -> str:
        return self.community.title


class PostQuerySet(models.QuerySet):
    def published(self):
        """Posts in the thread's numbered sequence: everything but held posts (deleted and
        hidden posts keep their place and show as a placeholder)."""
        return self.filter(number__isnull=False)


class Post(models.Model):
    """One message in a thread. Markdown in, sanitised HTML stored; rendered once, on save."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
        help_text="Empty once the author deletes their account: shown as a former member.",
    )
    # Position in the thread, given when the post is published (at once, or on approval).
    number = models.PositiveIntegerField(null=True, blank=True)
    body_markdown = models.TextField()
    body_html = models.TextField(editable=False)
    reply_to = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_deleted = models.BooleanField("deleted", default=False)
    deleted_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField("hidden", default=False)
    is_held = models.BooleanField("awaiting approval", default=False)
    helpful_count = models.PositiveIntegerField(default=0)
    # Case studies the post links to, found in its body when it is saved: shown as cards
    # under the post, and on each case study as "discussed in".
    case_studies = models.ManyToManyField(
        "communities.CaseStudyPage", blank=True, related_name="linking_posts", editable=False
    )

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["thread", "number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "number"],
                condition=Q(number__isnull=False),
                name="post_number_unique_in_thread",
            )
        ]
        indexes = [
            models.Index(fields=["thread", "number"], name="post_thread_number_idx"),
            models.Index(fields=["author", "-created_at"], name="post_author_recent_idx"),
        ]

    def __str__(self):
        return f"Post {self.number or 'awaiting approval'} in {self.thread_id}"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body_markdown" in update_fields:
            rendered = render_post(self.body_markdown)
            self.body_html = rendered.html
            # The members this version mentions, for the services that notify them.
            self.mentioned_handles = rendered.mentioned
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "body_html"}
        super().save(*args, **kwargs)

    @property
    def is_visible_to_all(self) -> bool:
        return not (self.is_deleted or self.is_hidden or self.is_held)

    @property
    def anchor(self) -> str:
        return f"post-{self.number}" if self.number else f"held-post-{self.pk}"


class PostRevision(models.Model):
    """A version of a post before an edit, kept so facilitators can see what was changed."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body_markdown = models.TextField()
    body_html = models.TextField()
    written_at = models.DateTimeField(help_text="When this version was written.")
    replaced_at = models.DateTimeField(default=timezone.now)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["post", "-replaced_at", "-id"]

    def __str__(self):
        return f"Version of post {self.post_id} replaced {self.replaced_at:%Y-%m-%d %H:%M}"


class ReadMarker(models.Model):
    """How far a member has read a thread: the highest post number they have seen."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="read_markers"
    )
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_markers")
    last_read_number = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "thread"], name="read_marker_unique")
        ]

    def __str__(self):
        return f"{self.member_id} read {self.thread_id} to {self.last_read_number}"


class Watch(models.Model):
    """A member following a thread, or every thread of a community."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watches"
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="watches"
    )
    community = models.ForeignKey(
        "communities.CommunityPage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="watches",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(thread__isnull=False) & Q(community__isnull=True))
                | (Q(thread__isnull=True) & Q(community__isnull=False)),
                name="watch_thread_or_community",
            ),
            models.UniqueConstraint(
                fields=["member", "thread"],
                condition=Q(thread__isnull=False),
                name="watch_thread_once",
            ),
            models.UniqueConstraint(
                fields=["member", "community"],
                condition=Q(community__isnull=False),
                name="watch_community_once",
            ),
        ]

    def __str__(self):
        return f"{self.member_id} watches {self.thread_id or self.community_id}"


class ReactionKind(models.TextChoices):
    HELPFUL = "helpful", "Helpful"


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(max_length=20, choices=ReactionKind.choices, default="helpful")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "member", "kind"], name="reaction_once")
        ]
        indexes = [models.Index(fields=["member", "post"], name="reaction_member_idx")]

    def __str__(self):
        return f"{self.member_id} found {self.post_id} {self.kind}"


class FlagReason(models.TextChoices):
    SPAM = "spam", "Spam or advertising"
    ABUSE = "abuse", "Abusive, harassing or hateful"
    PERSONAL_DATA = "personal-data", "Shares someone's personal information"
    OFF_TOPIC = "off-topic", "Off topic for this community"
    OTHER = "other", "Something else"


class FlagResolution(models.TextChoices):
    HIDDEN = "hidden", "Post hidden"
    DISMISSED = "dismissed", "No action needed"


class FlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)


class Flag(models.Model):
    """A member's report that a post breaks the code of conduct, for facilitators to resolve."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="flags"
    )
    reason = models.CharField(max_length=20, choices=FlagReason.choices)
    details = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=20, choices=FlagResolution.choices, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(resolved_at__isnull=True),
                name="flag_open_once_per_reporter",
            )
        ]
        indexes = [models.Index(fields=["resolved_at", "created_at"], name="flag_open_idx")]

    def __str__(self):
        return f"Flag on post {self.post_id}: {self.get_reason_display()}"


class PendingReplyEmail(models.Model):
    """A new post a watcher is to hear about by email, waiting for the next batch."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "post"], name="pending_reply_email_once")
        ]

    def __str__(self):
        return f"Tell {self.recipient_id} about post {self.post_id}"


class ReplyEmailState(models.Model):
    """When a member was last sent a reply email: at most one per batching window."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    last_sent_at = models.DateTimeField()

    def __str__(self):
        return f"{self.member_id} last emailed {self.last_sent_at}"
