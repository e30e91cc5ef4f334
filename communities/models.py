"""Django loads an app's models from ``<app>.models``; this app keeps them in its rooms:
``membership`` (community pages, members, invitations), ``forum`` (threads, posts, moderation)
and ``library`` (case studies). Import them from their rooms; this module only registers them."""

from communities.forum.models import (  # noqa: F401
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
from communities.library.models import (  # noqa: F401
    CaseStudyDocument,
    CaseStudyIndexPage,
    CaseStudyLink,
    CaseStudyPage,
    CaseStudyTag,
    OrganisationType,
    PlaceType,
)
from communities.membership.models import (  # noqa: F401
    CommunityIndexPage,
    CommunityPage,
    DiscussionVisibility,
    Invitation,
    JoinPolicy,
    Membership,
    MembershipStatus,
    Role,
)
