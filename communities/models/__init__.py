"""The communities app's models: pages (communities and case studies), membership, and the
discussions served through each community page."""

from .discussions import (
    Flag,
    FlagReason,
    FlagResolution,
    PendingReplyEmail,
    Post,
    PostRevision,
    Reaction,
    ReactionKind,
    ReadMarker,
    ReplyEmailState,
    Thread,
    ThreadTag,
    Watch,
)
from .membership import Invitation, Membership, MembershipStatus, Role
from .pages import (
    CaseStudyIndexPage,
    CaseStudyLink,
    CaseStudyPage,
    CommunityIndexPage,
    CommunityPage,
    DiscussionVisibility,
    JoinPolicy,
    PlaceType,
)

__all__ = [
    "CaseStudyIndexPage",
    "CaseStudyLink",
    "CaseStudyPage",
    "CommunityIndexPage",
    "CommunityPage",
    "DiscussionVisibility",
    "Flag",
    "FlagReason",
    "FlagResolution",
    "Invitation",
    "JoinPolicy",
    "Membership",
    "MembershipStatus",
    "PendingReplyEmail",
    "PlaceType",
    "Post",
    "PostRevision",
    "Reaction",
    "ReactionKind",
    "ReadMarker",
    "ReplyEmailState",
    "Role",
    "Thread",
    "ThreadTag",
    "Watch",
]
