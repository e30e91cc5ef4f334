"""A community (one connected-place component, a Wagtail page) and who belongs to it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import StoryBlock
from core.routing import RoutedPage


class Role(models.TextChoices):
    MEMBER = "member", "Member"
    FACILITATOR = "facilitator", "Facilitator"


class MembershipStatus(models.TextChoices):
    PENDING = "pending", "Asked to join"
    ACTIVE = "active", "Member"


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=MembershipStatus.ACTIVE)

    def pending(self):
        return self.filter(status=MembershipStatus.PENDING)

    def facilitators(self):
        return self.active().filter(role=Role.FACILITATOR)


class Membership(models.Model):
    """A member's place in a community: asked to join (pending) or in it, as member or
    facilitator. Declining a request or leaving deletes the row."""

    community = models.ForeignKey(
        "communities.CommunityPage", on_delete=models.CASCADE, related_name="memberships"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE
    )
    request_message = models.TextField(
        "why they want to join",
        max_length=1000,
        blank=True,
        help_text="What the member wrote when asking to join.",
    )
    requested_at = models.DateTimeField(default=timezone.now)
    joined_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The facilitator or editor who let them in, if anyone had to.",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["community", "member"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "member"], name="membership_one_per_community"
            )
        ]
        indexes = [
            models.Index(fields=["community", "status", "role"], name="membership_community_idx"),
            models.Index(fields=["member", "status"], name="membership_member_idx"),
        ]
        permissions = [
            ("moderate_all_communities", "Can moderate the discussions of every community"),
        ]

    def __str__(self):
        return f"{self.member} in {self.community}"

    def save(self, *args, **kwargs):
        # However a membership becomes active (joining, approval, the admin), it has a date:
        # unread counts start from it.
        if self.status == MembershipStatus.ACTIVE and self.joined_at is None:
            self.joined_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "joined_at"}
        super().save(*args, **kwargs)

    @property
    def since(self):
        """When the member's unread counts start: when they joined (or asked to)."""
        return self.joined_at or self.requested_at

    @property
    def is_active(self) -> bool:
        return self.status == MembershipStatus.ACTIVE

    @property
    def is_pending(self) -> bool:
        return self.status == MembershipStatus.PENDING

    @property
    def is_facilitator(self) -> bool:
        return self.is_active and self.role == Role.FACILITATOR


class Invitation(models.Model):
    """An invitation to one email address to join a community: single use, and it expires.

    Only a hash of the token is stored; the token itself travels only in the email.
    """

    community = models.ForeignKey(
        "communities.CommunityPage", on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["community", "email"], name="invitation_email_idx")]

    def __str__(self):
        return f"Invitation for {self.email} to {self.community}"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()


class JoinPolicy(models.TextChoices):
    OPEN = "open", "Open: anyone signed in can join"
    ON_REQUEST = "request", "On request: a facilitator approves each member"
    INVITATION = "invitation", "Invitation only"


class DiscussionVisibility(models.TextChoices):
    PUBLIC = "public", "Public: anyone can read the discussions"
    MEMBERS = "members", "Members only: only the community's members can read them"


class CommunityIndexPage(RoutedPage, Page):
    """/communities/: the eight connected-place components, each a community."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["communities.CommunityPage"]
    max_count = 1
    routes = "communities.routes.community_index_urls"

    def route(self, request, path_components):
        """Finds the community in one query rather than Wagtail's two (the page, then its
        specific type). Below a community's own page (its discussions, members, ...) its
        policy framing isn't shown, so it isn't read."""
        if not path_components:
            return super().route(request, path_components)
        slug, rest = path_components[0], path_components[1:]
        communities = CommunityPage.objects.child_of(self)
        if rest:
            communities = communities.defer_streamfields()
        community = communities.filter(slug=slug).first()
        if community is None:
            return super().route(request, path_components)
        community._cached_parent_obj = self
        return community.route(request, rest)


class CommunityPage(RoutedPage, Page):
    """One themed community: a component of a connected place, its policy framing, its practice
    and its discussions.

    Discussions are ordinary models served through this page's routes (communities/routes.py),
    so every thread's address sits under its community.
    """

    summary = models.TextField(
        max_length=400, help_text="One or two sentences shown on cards and in search results."
    )
    policy_framing = StreamField(
        StoryBlock(), blank=True, help_text="What this component means for a place, in plain words."
    )
    join_policy = models.CharField(
        max_length=20, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    discussion_visibility = models.CharField(
        "who can read the discussions",
        max_length=20,
        choices=DiscussionVisibility.choices,
        default=DiscussionVisibility.PUBLIC,
        help_text="Members-only discussions, their feed and the member list are hidden "
        "from everyone else.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("policy_framing"),
    ]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel(
            [FieldPanel("join_policy"), FieldPanel("discussion_visibility")],
            heading="Membership and discussions",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("policy_framing"),
    ]
    parent_page_types = ["communities.CommunityIndexPage"]
    subpage_types = []
    routes = "communities.routes.community_page_urls"

    @property
    def discussions_are_public(self) -> bool:
        return self.discussion_visibility == DiscussionVisibility.PUBLIC
