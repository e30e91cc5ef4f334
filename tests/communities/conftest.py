"""People in every role around two communities, for the discussion tests.

`forum` is a public, open community; `private_forum` keeps its discussions to its members and
admits them on request. Each role fixture is a member in `forum` (and the same standing in
`private_forum`, so either community can be used).
"""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from communities.membership.models import DiscussionVisibility, JoinPolicy
from tests.factories import CommunityPageFactory, MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Posting limits are counted in the cache, which outlives each test's transaction."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rate_limits(settings):
    """Changes rates in ACCOUNT_RATE_LIMITS for one test, e.g. community_post="2/5m/user"."""

    def change(**rates):
        settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, **rates}

    return change


@pytest.fixture
def forum(site_tree):
    return CommunityPageFactory(
        parent=site_tree["communities"],
        title="Data",
        slug="data",
        summary="Better decisions from shared data.",
        join_policy=JoinPolicy.OPEN,
    )


@pytest.fixture
def private_forum(site_tree):
    return CommunityPageFactory(
        parent=site_tree["communities"],
        title="Health and wellbeing",
        slug="health",
        join_policy=JoinPolicy.ON_REQUEST,
        discussion_visibility=DiscussionVisibility.MEMBERS,
    )


def _in_both(forum, private_forum, user, **membership):
    MembershipFactory(community=forum, member=user, **membership)
    MembershipFactory(community=private_forum, member=user, **membership)
    return user


@pytest.fixture
def outsider(db):
    return UserFactory(display_name="Olu Outsider", handle="olu-outsider")


@pytest.fixture
def pending(forum, private_forum):
    return _in_both(forum, private_forum, UserFactory(), status="pending", joined_at=None)


@pytest.fixture
def member(forum, private_forum):
    return _in_both(
        forum, private_forum, UserFactory(display_name="Mia Member", handle="mia-member")
    )


@pytest.fixture
def other_member(forum, private_forum):
    return _in_both(
        forum, private_forum, UserFactory(display_name="Omar Other", handle="omar-other")
    )


@pytest.fixture
def facilitator(forum, private_forum):
    user = UserFactory(display_name="Fay Facilitator", handle="fay-facilitator")
    return _in_both(forum, private_forum, user, role="facilitator")


@pytest.fixture
def editor(db):
    """A member of Wagtail's Editors group (not a superuser, and in no community)."""
    user = UserFactory(display_name="Eddie Editor", handle="eddie-editor")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


ROLES = ["anonymous", "outsider", "pending", "member", "facilitator", "editor"]


@pytest.fixture
def as_role(request, client):
    """Returns a function that signs the client in as the named role (or not at all)."""

    def sign_in(role):
        if role != "anonymous":
            client.force_login(request.getfixturevalue(role))
        return client

    return sign_in
