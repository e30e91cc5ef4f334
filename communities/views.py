"""The community page's routes (see CommunityPage in models/pages.py).

Each view reads like a paragraph: work out who is asking (CommunityAccess), find the thing in
this community or answer 404, call a service, render or redirect. Anything a person may not
read answers 404; actions they may not take answer 404 too, so a URL tells nobody what exists.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from members.emails import absolute_url
from members.views import directory_context

from .access import CommunityAccess
from .case_studies import case_study_for_discussion, discussion_prefill
from .filters import ThreadFilterSet
from .forms import (
    EditPostForm,
    FlagForm,
    InvitationForm,
    JoinRequestForm,
    MoveThreadForm,
    ReplyForm,
    ThreadForm,
)
from .models import CommunityPage, Flag, JoinPolicy, Membership, Post, Role, Thread
from .post_fragments import PostFragments
from .rate_limits import RateLimited
from .rendering import author_name, excerpt, render_post
from .selectors import (
    case_study_list,
    community_members,
    facilitator_list,
    held_posts,
    helpful_post_ids,
    invitation_list,
    is_watching_community,
    join_requests,
    latest_threads,
    mark_unread,
    member_count,
    membership_list,
    moderated_communities,
    newest_threads_for_feed,
    open_flags,
    post_in_community,
    post_revisions,
    read_marker,
    thread_in_community,
    thread_posts,
    unread_thread_count,
)
from .selectors import (
    thread_list as select_thread_list,
)
from .services.discussions import (
    PostingRefused,
    answer_toggle,
    community_watch_set,
    post_delete,
    post_edit,
    post_publish_held,
    post_reject_held,
    post_reply,
    post_url,
    reaction_toggle,
    read_marker_advance,
    thread_start,
    thread_watch_set,
)
from .services.membership import (
    MembershipError,
    invitation_for_token,
    invitation_refusal,
    invitation_send,
    membership_approve,
    membership_decline,
    membership_join,
    membership_leave,
    membership_remove,
    membership_set_role,
)
from .services.membership import (
    invitation_accept as accept_invitation,
)
from .services.moderation import (
    flag_post,
    flag_resolve,
    post_set_hidden,
    thread_set_hidden,
    thread_set_locked,
    thread_set_pinned,
)
from .services.moderation import (
    thread_move as move_thread,
)

THREADS_PER_PAGE = settings.COMMUNITY_THREADS_PER_PAGE
POSTS_PER_PAGE = settings.COMMUNITY_POSTS_PER_PAGE


# -- helpers ---------------------------------------------------------------------------------


def _render(request, community: CommunityPage, template: str, context: dict):
    """A page under the community; one about a thread (`thread` in the context) gets its
    address as `thread_url` too."""
    access = CommunityAccess.for_request(request, community)
    context = {"page": community, "self": community, "access": access, **context}
    if "thread" in context:
        context["thread_url"] = context["thread"].get_absolute_url()
    return TemplateResponse(request, template, context)


def _readable(request, community: CommunityPage) -> CommunityAccess:
    access = CommunityAccess.for_request(request, community)
    if not access.can_read:
        raise Http404("No such discussion")
    return access


def _thread_or_404(
    request, community, thread_id, *, with_reader_state=False
) -> tuple[CommunityAccess, Thread]:
    access = _readable(request, community)
    reader = request.user if with_reader_state else None
    thread = thread_in_community(community, thread_id, reader=reader)
    if thread is None or not access.can_read_thread(thread):
        raise Http404("No such discussion")
    return access, thread


def _post_or_404(request, community, post_id) -> tuple[CommunityAccess, Post]:
    access = _readable(request, community)
    post = post_in_community(community, post_id)
    if post is None or not access.can_read_thread(post.thread):
        raise Http404("No such post")
    if post.is_held and not (access.can_moderate or access.is_author_of(post)):
        raise Http404("No such post")
    return access, post


def _location_in_thread(thread: Thread, number: int) -> str:
    """The page of the thread that post `number` is on, with the post's anchor."""
    page = (number - 1) // POSTS_PER_PAGE + 1
    query = f"?page={page}" if page > 1 else ""
    return f"{thread.get_absolute_url()}{query}#post-{number}"


def _post_location(post: Post) -> str:
    """Where a post is shown: its place in the thread, or the thread while it is held."""
    if post.number is None:
        return post.thread.get_absolute_url()
    return _location_in_thread(post.thread, post.number)


def _thank_for_held_post(request, what: str) -> None:
    messages.success(
        request,
        f"Thank you. As your account is new, a facilitator will approve your {what} before "
        "others can see it.",
    )


def _needs_sign_in(request):
    return redirect_to_login(request.get_full_path())


def _ask_to_join(request, community: CommunityPage, access: CommunityAccess, doing: str):
    if access.is_pending:
        messages.info(
            request,
            f"A facilitator has still to approve your request to join, then you can {doing}.",
        )
        return redirect(community.url)
    messages.info(request, f"Join {community.title} to {doing}.")
    return redirect(f"{community.url}join/")


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _preview(request, form) -> str | None:
    """The rendered Markdown when the member pressed "Preview" and the text is valid."""
    if "preview" in request.POST and form.is_valid():
        return render_post(form.cleaned_data["body"]).html
    return None


# -- the community page ------------------------------------------------------------------------


def community_page_context(request, community: CommunityPage) -> dict:
    """What the community page shows beyond its own fields: the framing is the page's."""
    access = CommunityAccess.for_request(request, community)
    context = {
        "access": access,
        "latest_case_studies": case_study_list(component=community)[:6],
        "member_count": member_count(community),
    }
    if access.can_read:
        threads = latest_threads(community, limit=5)
        if access.is_member:
            since = access.membership.since
            mark_unread(threads, member=request.user, since=since)
            context["unread_threads"] = unread_thread_count(
                community, member=request.user, since=since
            )
        context["latest_threads"] = threads
        context["watching_community"] = is_watching_community(request.user, community)
    return context


# -- threads -------------------------------------------------------------------------------------


def thread_list(request, community: CommunityPage):
    access = _readable(request, community)
    filters = ThreadFilterSet(
        request.GET,
        select_thread_list(community, include_hidden=access.can_moderate),
        request=request,
    )
    page = Paginator(filters.qs, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    if access.is_member:
        mark_unread(page.object_list, member=request.user, since=access.membership.since)
    return _render(
        request,
        community,
        "communities/discussions/thread_list.html",
        {
            "threads_page": page,
            "filter_form": filters.form,
            "tag": filters.chosen_tag,
            "watching_community": is_watching_community(request.user, community),
        },
    )


def thread_create(request, community: CommunityPage):
    access = _readable(request, community)
    if not access.is_signed_in:
        return _needs_sign_in(request)
    if not access.can_post:
        return _ask_to_join(request, community, access, "start a discussion")
    initial = {}
    if request.method != "POST":
        # "Start a discussion about this" on a case study: a title and a first line linking to
        # it, so the new thread shows its card and is listed on the case study.
        case_study = case_study_for_discussion(request.GET.get("case_study", ""))
        if case_study is not None:
            initial = discussion_prefill(case_study, request=request)
    form = ThreadForm(request.POST if request.method == "POST" else None, initial=initial)
    preview = None
    status = 200
    if request.method == "POST":
        preview = _preview(request, form)
        if preview is None and form.is_valid():
            try:
                thread = thread_start(
                    community=community,
                    author=request.user,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    tags=form.cleaned_data["tags"],
                    moderator=access.can_moderate,
                )
            except RateLimited as refusal:
                form.add_error(None, str(refusal))
                status = 429
            else:
                if thread.is_held:
                    _thank_for_held_post(request, "discussion")
                    return redirect(f"{community.url}discussions/")
                return redirect(thread.get_absolute_url())
    response = _render(
        request,
        community,
        "communities/discussions/thread_form.html",
        {"form": form, "preview": preview},
    )
    response.status_code = status
    return response


def thread_detail(request, community: CommunityPage, thread_id: int, slug: str):
    access, thread = _thread_or_404(request, community, thread_id, with_reader_state=True)
    if slug != thread.slug:
        return HttpResponseRedirect(thread.get_absolute_url() + _query(request))
    posts = thread_posts(thread)
    paginator = Paginator(posts, POSTS_PER_PAGE)
    # Published posts are numbered 1, 2, 3, ... and never removed (a deleted one keeps its
    # place), so the thread knows how many there are without counting them.
    paginator.count = thread.last_post_number
    requested = request.GET.get("page")
    page = paginator.get_page(paginator.num_pages if requested == "last" else requested)
    page_posts = list(page.object_list)
    marker = thread.reader_marker if access.is_member else None
    first_unread = None
    if access.is_member:
        read_up_to = marker.last_read_number if marker else 0
        if read_up_to < thread.last_post_number:
            first_unread = read_up_to + 1
        if page_posts:
            read_marker_advance(
                member=request.user, thread=thread, number=page_posts[-1].number, marker=marker
            )
    fragments = PostFragments(
        request=request,
        community=community,
        thread=thread,
        thread_url=thread.get_absolute_url(),
        access=access,
        helpful_ids=frozenset(helpful_post_ids(request.user, page_posts)),
    )
    context = {
        "thread": thread,
        "posts_page": page,
        "page_posts": page_posts,
        "rendered_posts": fragments.render(page_posts),
        "first_unread": first_unread,
        "first_unread_on_this_page": bool(
            first_unread
            and page_posts
            and page_posts[0].number <= first_unread <= page_posts[-1].number
        ),
        "tags": list(thread.tags.all()),
        "watching": access.is_signed_in and thread.reader_watching,
    }
    if access.can_reply(thread):
        context["reply_form"] = ReplyForm()
    return _render(request, community, "communities/discussions/thread.html", context)


def _query(request) -> str:
    return f"?{request.GET.urlencode()}" if request.GET else ""


def thread_first_unread(request, community: CommunityPage, thread_id: int):
    access, thread = _thread_or_404(request, community, thread_id)
    marker = read_marker(request.user, thread) if access.is_member else None
    number = min((marker.last_read_number if marker else 0) + 1, thread.last_post_number)
    return redirect(_location_in_thread(thread, number))


def thread_reply(request, community: CommunityPage, thread_id: int):
    access, thread = _thread_or_404(request, community, thread_id)
    if not access.is_signed_in:
        return _needs_sign_in(request)
    if not access.can_post:
        return _ask_to_join(request, community, access, "reply")
    reply_to_id = request.POST.get("reply_to") or request.GET.get("to")
    reply_to = None
    if reply_to_id and str(reply_to_id).isdigit():
        reply_to = (
            thread_posts(thread)
            .filter(pk=int(reply_to_id), is_deleted=False, is_hidden=False)
            .first()
        )
    preview = None
    status = 200
    if request.method == "POST":
        form = ReplyForm(request.POST)
    else:
        form = ReplyForm(initial={"reply_to": reply_to.pk if reply_to else None})
    if not access.can_reply(thread):
        # Locked: the page says replies are closed; a reply written before it was locked is
        # given back with the reason.
        if form.is_bound:
            form.add_error(None, "This discussion is locked, so nobody can reply to it.")
        status = 403
    elif form.is_bound:
        preview = _preview(request, form)
        if preview is None and form.is_valid():
            try:
                post = post_reply(
                    thread=thread,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    reply_to=reply_to,
                    moderator=access.can_moderate,
                )
            except RateLimited as refusal:
                form.add_error(None, str(refusal))
                status = 429
            except PostingRefused as refusal:
                form.add_error(None, str(refusal))
                status = 403
            else:
                if post.is_held:
                    _thank_for_held_post(request, "reply")
                return redirect(_post_location(post))
    response = _render(
        request,
        community,
        "communities/discussions/reply.html",
        {
            "thread": thread,
            "form": form,
            "reply_to": reply_to,
            "preview": preview,
            "replies_closed": not access.can_reply(thread),
        },
    )
    response.status_code = status
    return response


@require_POST
def thread_watch(request, community: CommunityPage, thread_id: int):
    access, thread = _thread_or_404(request, community, thread_id)
    if not access.is_signed_in:
        return _needs_sign_in(request)
    watching = request.POST.get("watch") == "on"
    thread_watch_set(member=request.user, thread=thread, watching=watching)
    messages.success(
        request,
        "You are watching this discussion: we will tell you about new replies."
        if watching
        else "You have stopped watching this discussion.",
    )
    return redirect(thread.get_absolute_url())


MODERATION_ACTIONS = {
    "pin": (thread_set_pinned, "pinned", True, "Discussion pinned to the top of the list."),
    "unpin": (thread_set_pinned, "pinned", False, "Discussion unpinned."),
    "lock": (thread_set_locked, "locked", True, "Discussion locked: nobody can reply now."),
    "unlock": (thread_set_locked, "locked", False, "Discussion unlocked."),
    "hide": (
        thread_set_hidden,
        "hidden",
        True,
        "Discussion hidden from everyone but facilitators.",
    ),
    "unhide": (thread_set_hidden, "hidden", False, "Discussion visible again."),
}


@require_POST
def thread_moderate(request, community: CommunityPage, thread_id: int):
    access, thread = _thread_or_404(request, community, thread_id)
    action = MODERATION_ACTIONS.get(request.POST.get("action", ""))
    if not access.can_moderate or action is None:
        raise Http404("No such action")
    service, argument, value, done = action
    service(thread=thread, by=request.user, **{argument: value})
    messages.success(request, done)
    return redirect(thread.get_absolute_url())


def thread_move(request, community: CommunityPage, thread_id: int):
    access, thread = _thread_or_404(request, community, thread_id)
    if not access.can_moderate:
        raise Http404("No such action")
    destinations = moderated_communities(request.user).exclude(pk=community.pk)
    form = MoveThreadForm(
        request.POST if request.method == "POST" else None, communities=destinations
    )
    if request.method == "POST" and form.is_valid():
        destination = form.cleaned_data["community"].specific
        move_thread(thread=thread, to=destination, by=request.user)
        messages.success(request, f"Discussion moved to {destination.title}.")
        return redirect(thread.get_absolute_url())
    return _render(
        request,
        community,
        "communities/discussions/thread_move.html",
        {"thread": thread, "form": form},
    )


def thread_feed(request, community: CommunityPage):
    """Atom: the newest threads of a community whose discussions are public."""
    if not community.discussions_are_public:
        raise Http404("No such feed")
    community_url = absolute_url(community.url)
    feed = Atom1Feed(
        title=f"{community.title}: new discussions",
        link=f"{community_url}discussions/",
        description=community.summary,
        language="en-gb",
        feed_url=absolute_url(f"{community.url}feed/"),
    )
    for thread in newest_threads_for_feed(community):
        opening = thread.opening_posts[0] if thread.opening_posts else None
        feed.add_item(
            title=thread.title,
            link=f"{community_url}{thread.path}",
            description=excerpt(opening.body_markdown, length=500)
            if opening and not opening.is_deleted
            else "",
            author_name=author_name(thread.author),
            pubdate=thread.created_at,
            updateddate=thread.last_activity_at,
            unique_id=f"{community_url}{thread.path}",
            categories=[],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


# -- posts ---------------------------------------------------------------------------------------


def post_permalink(request, community: CommunityPage, post_id: int):
    access, post = _post_or_404(request, community, post_id)
    if post.number is None and access.can_moderate:
        return redirect(f"{community.url}moderation/#held-posts")
    return redirect(_post_location(post))


def post_action(request, community: CommunityPage, post_id: int, action: str):
    handler = POST_ACTIONS.get(action)
    if handler is None:
        raise Http404("No such action")
    access, post = _post_or_404(request, community, post_id)
    if not access.is_signed_in:
        return _needs_sign_in(request)
    return handler(request, community, access, post)


def _post_edit(request, community, access, post):
    if not access.can_edit(post):
        raise Http404("No such action")
    form = EditPostForm(
        request.POST if request.method == "POST" else None,
        initial={"body": post.body_markdown},
    )
    preview = None
    if request.method == "POST":
        preview = _preview(request, form)
        if preview is None and form.is_valid():
            post_edit(post=post, editor=request.user, body=form.cleaned_data["body"])
            messages.success(request, "Your post has been updated.")
            return redirect(_post_location(post))
    return _render(
        request,
        community,
        "communities/discussions/post_edit.html",
        {
            "post": post,
            "thread": post.thread,
            "form": form,
            "preview": preview,
            "post_url": post_url(post, community),
        },
    )


def _post_delete(request, community, access, post):
    if not access.can_delete(post):
        raise Http404("No such action")
    if request.method == "POST":
        post_delete(post=post, by=request.user)
        messages.success(request, "Your post has been deleted.")
        return redirect(_post_location(post))
    return _render(
        request,
        community,
        "communities/discussions/post_delete.html",
        {"post": post, "thread": post.thread},
    )


def _post_helpful(request, community, access, post):
    if request.method != "POST" or not access.can_react(post):
        raise Http404("No such action")
    reaction_toggle(post=post, member=request.user)
    return redirect(_post_location(post))


def _post_answer(request, community, access, post):
    if request.method != "POST" or not access.can_mark_answer(post.thread):
        raise Http404("No such action")
    try:
        marked = answer_toggle(thread=post.thread, post=post, by=request.user)
    except PostingRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, "Marked as the answer." if marked else "No longer marked as the answer."
        )
    return redirect(_post_location(post))


def _post_flag(request, community, access, post):
    if not access.can_flag(post):
        raise Http404("No such action")
    form = FlagForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            flag_post(
                post=post,
                reporter=request.user,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
        except PostingRefused as refusal:
            messages.info(request, str(refusal))
        else:
            messages.success(
                request, "Thank you for your report. A facilitator will look at the post."
            )
        return redirect(_post_location(post))
    return _render(
        request,
        community,
        "communities/discussions/post_flag.html",
        {"post": post, "thread": post.thread, "form": form},
    )


def _post_history(request, community, access, post):
    if not access.can_moderate:
        raise Http404("No such action")
    return _render(
        request,
        community,
        "communities/discussions/post_history.html",
        {
            "post": post,
            "thread": post.thread,
            "revisions": list(post_revisions(post)),
        },
    )


def _post_moderate(request, community, access, post, action):
    if request.method != "POST" or not access.can_moderate:
        raise Http404("No such action")
    next_url = _safe_next(request, f"{community.url}moderation/")
    if action == "approve":
        post_publish_held(post=post, by=request.user)
        messages.success(request, "Post approved and published.")
    elif action == "reject":
        post_reject_held(post=post, by=request.user)
        messages.success(request, "Post removed.")
    else:
        post_set_hidden(post=post, hidden=action == "hide", by=request.user)
        messages.success(request, "Post hidden." if action == "hide" else "Post visible again.")
        if post.number:
            next_url = _safe_next(request, _post_location(post))
    return redirect(next_url)


POST_ACTIONS = {
    "edit": _post_edit,
    "delete": _post_delete,
    "helpful": _post_helpful,
    "answer": _post_answer,
    "flag": _post_flag,
    "history": _post_history,
    "approve": lambda *args: _post_moderate(*args, "approve"),
    "reject": lambda *args: _post_moderate(*args, "reject"),
    "hide": lambda *args: _post_moderate(*args, "hide"),
    "unhide": lambda *args: _post_moderate(*args, "unhide"),
}


# -- membership ----------------------------------------------------------------------------------


def member_list(request, community: CommunityPage):
    access = _readable(request, community)
    if not access.is_signed_in:
        return _needs_sign_in(request)
    return _render(
        request,
        community,
        "communities/membership/members.html",
        {
            **directory_context(request, members=community_members(community)),
            "facilitators": facilitator_list(community),
            "member_count": member_count(community),
        },
    )


@require_POST
def member_manage(request, community: CommunityPage, membership_id: int):
    access = CommunityAccess.for_request(request, community)
    if not access.can_moderate:
        raise Http404("No such page")
    membership = (
        Membership.objects.select_related("member")
        .filter(pk=membership_id, community=community)
        .first()
    )
    if membership is None:
        raise Http404("No such member")
    membership.community = community
    action = request.POST.get("action")
    name = membership.member.get_full_name() or membership.member.email
    try:
        if action == "approve":
            membership_approve(membership=membership, by=request.user)
            messages.success(request, f"{name} is now a member.")
        elif action == "decline":
            membership_decline(membership=membership, by=request.user)
            messages.success(request, f"You declined {name}'s request to join.")
        elif action in (Role.FACILITATOR, Role.MEMBER):
            membership_set_role(membership=membership, role=action, by=request.user)
            messages.success(
                request,
                f"{name} is now a facilitator."
                if action == Role.FACILITATOR
                else f"{name} is now a member without facilitator rights.",
            )
        elif action == "remove":
            membership_remove(membership=membership, by=request.user)
            messages.success(request, f"{name} has been removed from the community.")
        else:
            raise Http404("No such action")
    except MembershipError as error:
        messages.error(request, str(error))
    return redirect(_safe_next(request, f"{community.url}moderation/"))


def join(request, community: CommunityPage):
    access = CommunityAccess.for_request(request, community)
    if not access.is_signed_in:
        return _needs_sign_in(request)
    if access.is_member:
        messages.info(request, f"You are already a member of {community.title}.")
        return redirect(community.url)
    form = JoinRequestForm(request.POST if request.method == "POST" else None)
    if (
        request.method == "POST"
        and community.join_policy != JoinPolicy.INVITATION
        and form.is_valid()
    ):
        try:
            membership = membership_join(
                community=community, member=request.user, message=form.cleaned_data["message"]
            )
        except MembershipError as error:
            messages.error(request, str(error))
            return redirect(community.url)
        if membership.is_active:
            messages.success(
                request, f"Welcome to {community.title}. You can now start discussions and reply."
            )
        else:
            messages.success(
                request,
                f"Your request to join {community.title} has been sent. "
                "We will tell you when a facilitator has decided.",
            )
        return redirect(community.url)
    return _render(request, community, "communities/membership/join.html", {"form": form})


def leave(request, community: CommunityPage):
    access = CommunityAccess.for_request(request, community)
    if not access.is_signed_in:
        return _needs_sign_in(request)
    if access.membership is None:
        return redirect(community.url)
    if request.method == "POST":
        was_pending = access.is_pending
        membership_leave(community=community, member=request.user)
        messages.success(
            request,
            "You have withdrawn your request to join."
            if was_pending
            else f"You have left {community.title}.",
        )
        return redirect(community.url)
    return _render(request, community, "communities/membership/leave.html", {})


@require_POST
def community_watch(request, community: CommunityPage):
    access = _readable(request, community)
    if not access.is_signed_in:
        return _needs_sign_in(request)
    watching = request.POST.get("watch") == "on"
    community_watch_set(member=request.user, community=community, watching=watching)
    messages.success(
        request,
        f"You are watching {community.title}: we will tell you about every new post."
        if watching
        else f"You have stopped watching {community.title}.",
    )
    return redirect(_safe_next(request, community.url))


def invite(request, community: CommunityPage):
    access = CommunityAccess.for_request(request, community)
    if not access.can_moderate:
        raise Http404("No such page")
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_send(
                community=community, email=form.cleaned_data["email"], invited_by=request.user
            )
        except MembershipError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect(f"{community.url}invitations/")
    return _render(
        request,
        community,
        "communities/membership/invite.html",
        {"form": form, "invitations": invitation_list(community)},
    )


def invitation_accept(request, community: CommunityPage, token: str):
    if not request.user.is_authenticated:
        return _needs_sign_in(request)
    invitation = invitation_for_token(community=community, token=token)
    error = None
    if request.method == "POST":
        try:
            accept_invitation(community=community, token=token, member=request.user)
        except MembershipError as refusal:
            error = str(refusal)
        else:
            messages.success(
                request, f"Welcome to {community.title}. You can now start discussions and reply."
            )
            return redirect(community.url)
    else:
        error = invitation_refusal(invitation)
    return _render(
        request,
        community,
        "communities/membership/invitation.html",
        {"invitation": invitation, "error": error},
    )


# -- moderation ----------------------------------------------------------------------------------


def moderation_queue(request, community: CommunityPage):
    access = CommunityAccess.for_request(request, community)
    if not access.can_moderate:
        raise Http404("No such page")
    if request.method == "POST":
        flag = (
            Flag.objects.open()
            .filter(pk=request.POST.get("flag") or 0, post__thread__community=community)
            .select_related("post", "post__thread")
            .first()
        )
        if flag is None:
            messages.info(request, "That report has already been dealt with.")
        else:
            try:
                flag_resolve(
                    flag=flag, resolution=request.POST.get("resolution", ""), by=request.user
                )
            except PostingRefused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, "Report resolved.")
        return redirect(f"{community.url}moderation/")
    memberships = Paginator(membership_list(community), 50).get_page(request.GET.get("page"))
    return _render(
        request,
        community,
        "communities/moderation/queue.html",
        {
            "join_requests": list(join_requests(community)),
            "flags": list(open_flags(community)),
            "held_posts": list(held_posts(community)),
            "memberships_page": memberships,
            "roles": Role,
        },
    )
