"""The editors' view across every community, in the Wagtail admin."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from communities.forum.selectors import held_posts, open_flags
from communities.membership.access import is_editor
from communities.membership.selectors import join_requests


def site_moderation_queue(request):
    """Reported posts, posts awaiting approval and requests to join, in every community.

    Editors act on them in each community's own moderation page, where they have every
    facilitator's rights.
    """
    if not is_editor(request.user):
        raise PermissionDenied
    return render(
        request,
        "communities/admin/moderation.html",
        {
            "flags": list(open_flags()[:200]),
            "held_posts": list(held_posts()[:200]),
            "join_requests": list(join_requests()[:200]),
        },
    )
