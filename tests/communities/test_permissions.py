"""Who may do what, for each role, in a public open community and a members-only one.

Outcomes: "ok" (the page or the action's redirect), "login" (sent to sign in), "join" (sent to
join the community or back to it while a request is pending), and 404 (which is also what a
person gets for something they may not see, so a URL gives nothing away).
"""

import pytest
from django.db import transaction

from communities.forum.models import Post
from communities.membership.models import Membership
from tests.communities.conftest import ROLES
from tests.factories import ThreadFactory, UserFactory, reply_to_thread

pytestmark = pytest.mark.django_db


def scene(community):
    """A thread by a third member with one reply, in `community`."""
    from tests.factories import MembershipFactory

    author = UserFactory(display_name="Thea Author", handle="thea-author")
    MembershipFactory(community=community, member=author)
    thread = ThreadFactory(community=community, author=author, title="Ward data")
    reply = reply_to_thread(thread, author, body="More detail")
    base = f"/communities/{community.slug}/"
    return {
        "base": base,
        "thread": f"{base}discussions/{thread.pk}-{thread.slug}/",
        "opening": thread.posts.get(number=1),
        "reply": reply,
        "membership": Membership.objects.get(member=author, community=community),
    }


# action: (method, path built from the scene, data)
ACTIONS = {
    "community page": ("get", lambda s: s["base"], None),
    "list threads": ("get", lambda s: s["base"] + "discussions/", None),
    "read thread": ("get", lambda s: s["thread"], None),
    "post permalink": ("get", lambda s: f"{s['base']}posts/{s['reply'].pk}/", None),
    "feed": ("get", lambda s: s["base"] + "feed/", None),
    "members list": ("get", lambda s: s["base"] + "members/", None),
    "start thread form": ("get", lambda s: s["base"] + "discussions/new/", None),
    "start thread": (
        "post",
        lambda s: s["base"] + "discussions/new/",
        {"title": "A question", "body": "Body", "tags": ""},
    ),
    "reply": ("post", lambda s: s["thread"] + "reply/", {"body": "A reply"}),
    "watch thread": ("post", lambda s: s["thread"] + "watch/", {"watch": "on"}),
    "watch community": (
        "post",
        lambda s: s["base"] + "watch/",
        lambda s: {"watch": "on", "next": s["base"] + "discussions/"},
    ),
    "helpful": ("post", lambda s: f"{s['base']}posts/{s['reply'].pk}/helpful/", {}),
    "flag form": ("get", lambda s: f"{s['base']}posts/{s['reply'].pk}/flag/", None),
    "edit another's post": ("get", lambda s: f"{s['base']}posts/{s['reply'].pk}/edit/", None),
    "delete another's post": ("post", lambda s: f"{s['base']}posts/{s['reply'].pk}/delete/", {}),
    "post history": ("get", lambda s: f"{s['base']}posts/{s['reply'].pk}/history/", None),
    "mark answer": ("post", lambda s: f"{s['base']}posts/{s['reply'].pk}/answer/", {}),
    "hide post": ("post", lambda s: f"{s['base']}posts/{s['reply'].pk}/hide/", {}),
    "pin": ("post", lambda s: s["thread"] + "moderate/", {"action": "pin"}),
    "lock": ("post", lambda s: s["thread"] + "moderate/", {"action": "lock"}),
    "hide thread": ("post", lambda s: s["thread"] + "moderate/", {"action": "hide"}),
    "move form": ("get", lambda s: s["thread"] + "move/", None),
    "moderation queue": ("get", lambda s: s["base"] + "moderation/", None),
    "invite form": ("get", lambda s: s["base"] + "invitations/", None),
    "make facilitator": (
        "post",
        lambda s: f"{s['base']}members/{s['membership'].pk}/",
        {"action": "facilitator"},
    ),
}

# fmt: off
# Expected outcome per role:  anonymous, outsider, pending, member, facilitator, editor
PUBLIC = {
    "community page":         ["ok", "ok", "ok", "ok", "ok", "ok"],
    "list threads":           ["ok", "ok", "ok", "ok", "ok", "ok"],
    "read thread":            ["ok", "ok", "ok", "ok", "ok", "ok"],
    "post permalink":         ["ok", "ok", "ok", "ok", "ok", "ok"],
    "feed":                   ["ok", "ok", "ok", "ok", "ok", "ok"],
    "members list":           ["login", "ok", "ok", "ok", "ok", "ok"],
    "start thread form":      ["login", "join", "join", "ok", "ok", "join"],
    "start thread":           ["login", "join", "join", "ok", "ok", "join"],
    "reply":                  ["login", "join", "join", "ok", "ok", "join"],
    "watch thread":           ["login", "ok", "ok", "ok", "ok", "ok"],
    "watch community":        ["login", "ok", "ok", "ok", "ok", "ok"],
    "helpful":                ["login", 404, 404, "ok", "ok", 404],
    "flag form":              ["login", 404, 404, "ok", "ok", 404],
    "edit another's post":    ["login", 404, 404, 404, 404, 404],
    "delete another's post":  ["login", 404, 404, 404, 404, 404],
    "post history":           ["login", 404, 404, 404, "ok", "ok"],
    "mark answer":            ["login", 404, 404, 404, "ok", "ok"],
    "hide post":              ["login", 404, 404, 404, "ok", "ok"],
    "pin":                    [404, 404, 404, 404, "ok", "ok"],
    "lock":                   [404, 404, 404, 404, "ok", "ok"],
    "hide thread":            [404, 404, 404, 404, "ok", "ok"],
    "move form":              [404, 404, 404, 404, "ok", "ok"],
    "moderation queue":       [404, 404, 404, 404, "ok", "ok"],
    "invite form":            [404, 404, 404, 404, "ok", "ok"],
    "make facilitator":       [404, 404, 404, 404, "ok", "ok"],
}

# Members only: nobody outside sees anything of the discussions, not even that they exist.
MEMBERS_ONLY = {
    **PUBLIC,
    "list threads":           [404, 404, 404, "ok", "ok", "ok"],
    "read thread":            [404, 404, 404, "ok", "ok", "ok"],
    "post permalink":         [404, 404, 404, "ok", "ok", "ok"],
    "feed":                   [404, 404, 404, 404, 404, 404],
    "members list":           [404, 404, 404, "ok", "ok", "ok"],
    "start thread form":      [404, 404, 404, "ok", "ok", "join"],
    "start thread":           [404, 404, 404, "ok", "ok", "join"],
    "reply":                  [404, 404, 404, "ok", "ok", "join"],
    "watch thread":           [404, 404, 404, "ok", "ok", "ok"],
    "watch community":        [404, 404, 404, "ok", "ok", "ok"],
    "helpful":                [404, 404, 404, "ok", "ok", 404],
    "flag form":              [404, 404, 404, "ok", "ok", 404],
    "edit another's post":    [404, 404, 404, 404, 404, 404],
    "delete another's post":  [404, 404, 404, 404, 404, 404],
    "post history":           [404, 404, 404, 404, "ok", "ok"],
    "mark answer":            [404, 404, 404, 404, "ok", "ok"],
    "hide post":              [404, 404, 404, 404, "ok", "ok"],
}
# fmt: on


def outcome(response, community_slug):
    if response.status_code == 404:
        return 404
    if response.status_code not in (200, 302):
        return response.status_code
    location = response.get("Location", "")
    if location.startswith("/accounts/login/"):
        return "login"
    if location in (f"/communities/{community_slug}/join/", f"/communities/{community_slug}/"):
        return "join"
    return "ok"


def check_every_action(as_role, community, role, table):
    """Runs each action as `role`, each in a savepoint rolled back afterwards, so that one
    action's effect (a hidden thread, say) does not change the next one's answer."""
    the_scene = scene(community)
    client = as_role(role)
    expected_by_action = {action: row[ROLES.index(role)] for action, row in table.items()}
    wrong = []
    for action, expected in expected_by_action.items():
        method, path, data = ACTIONS[action]
        data = data(the_scene) if callable(data) else data
        with transaction.atomic():
            response = getattr(client, method)(path(the_scene), data or {})
            transaction.set_rollback(True)
        got = outcome(response, community.slug)
        if got != expected:
            wrong.append(f"{action}: expected {expected}, got {got} {response.get('Location', '')}")
    assert not wrong, f"{role} in {community.slug}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_in_a_public_open_community(as_role, forum, private_forum, role):
    check_every_action(as_role, forum, role, PUBLIC)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_in_a_members_only_community(as_role, forum, private_forum, role):
    check_every_action(as_role, private_forum, role, MEMBERS_ONLY)


# -- URL tampering ---------------------------------------------------------------------------------


def test_thread_of_another_community_answers_404(client, forum, private_forum, member):
    thread = ThreadFactory(community=private_forum, author=member)
    client.force_login(member)

    assert (
        client.get(f"/communities/health/discussions/{thread.pk}-{thread.slug}/").status_code == 200
    )
    for path in ["", "reply/", "unread/", "move/"]:
        url = f"/communities/data/discussions/{thread.pk}-{thread.slug}/{path}"
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            f"/communities/data/discussions/{thread.pk}-{thread.slug}/reply/", {"body": "sneaky"}
        ).status_code
        == 404
    )
    assert thread.posts.count() == 1


def test_post_of_another_community_answers_404(client, forum, private_forum, facilitator, member):
    thread = ThreadFactory(community=private_forum, author=member)
    post = thread.posts.get()
    client.force_login(facilitator)

    for action in ["", "edit/", "history/", "flag/"]:
        assert client.get(f"/communities/data/posts/{post.pk}/{action}").status_code == 404
    assert client.post(f"/communities/data/posts/{post.pk}/hide/").status_code == 404
    post.refresh_from_db()
    assert not post.is_hidden


def test_membership_of_another_community_answers_404(
    site_tree, client, forum, private_forum, outsider
):
    from tests.factories import MembershipFactory

    facilitator_of_data_only = UserFactory()
    MembershipFactory(community=forum, member=facilitator_of_data_only, role="facilitator")
    request = MembershipFactory(community=private_forum, member=outsider, status="pending")
    client.force_login(facilitator_of_data_only)

    response = client.post(f"/communities/data/members/{request.pk}/", {"action": "approve"})

    assert response.status_code == 404
    request.refresh_from_db()
    assert request.is_pending
    assert client.get("/communities/health/moderation/").status_code == 404


def test_hidden_thread_answers_404_to_members_but_not_facilitators(
    client, forum, member, facilitator
):
    thread = ThreadFactory(community=forum, is_hidden=True, title="Hidden away")
    url = f"/communities/data/discussions/{thread.pk}-{thread.slug}/"

    client.force_login(member)
    assert client.get(url).status_code == 404
    assert "Hidden away" not in client.get("/communities/data/discussions/").content.decode()
    client.force_login(facilitator)
    assert client.get(url).status_code == 200
    assert "Hidden away" in client.get("/communities/data/discussions/").content.decode()


def test_author_can_edit_and_delete_only_their_own_post(client, forum, member):
    thread = ThreadFactory(community=forum, author=member)
    own = thread.posts.get()
    client.force_login(member)

    assert client.get(f"/communities/data/posts/{own.pk}/edit/").status_code == 200
    assert client.post(f"/communities/data/posts/{own.pk}/delete/").status_code == 302
    assert Post.objects.get(pk=own.pk).is_deleted
