"""The community page's routes (see CommunityPage in models/pages.py).

Each view reads like a paragraph: work out who is asking (DiscussionAccess), find the thing in
this community or answer 404, call a service, render or redirect. Anything a person may not
read answers 404; actions they may not take answer 404 too, so a URL tells nobody what exists.
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from communities.forum.access import DiscussionAccess
from communities.forum.filters import ThreadFilterSet
from communities.forum.forms import EditPostForm, FlagForm, MoveThreadForm, ReplyForm, ThreadForm
from communities.forum.fragments import PostFragments
from communities.forum.models import Flag, Post, Thread
from communities.forum.moderation import (
    flag_post,
    flag_resolve,
    post_set_hidden,
    thread_set_hidden,
    thread_set_locked,
    thread_set_pinned,
)
from communities.forum.moderation import thread_move as move_thread
from communities.forum.rendering import render_post
from communities.forum.selectors import (
    held_posts,
    helpful_post_ids,
    is_watching_community,
    mark_unread,
    open_flags,
    post_in_community,
    post_revisions,
    post_url,
    read_marker,
    thread_in_community,
    thread_posts,
)
from communities.forum.selectors import thread_list as select_thread_list
from communities.forum.services import (
    PostingRefused,
    answer_toggle,
    community_watch_set,
    post_delete,
    post_edit,
    post_publish_held,
    post_reject_held,
    post_reply,
    reaction_toggle,
    read_marker_advance,
    thread_start,
    thread_watch_set,
)
from communities.library.selectors import (
    case_study_for_discussion,
    discussion_prefill,
)
from communities.membership.models import CommunityPage, Role
from communities.membership.responses import (
    ask_to_join,
    community_render,
    readable,
    safe_next,
    sign_in_redirect,
)
from communities.membership.selectors import (
    join_requests,
    membership_list,
    moderated_communities,
)
from core.rate_limits import RateLimited

THREADS_PER_PAGE = settings.COMMUNITY_THREADS_PER_PAGE
POSTS_PER_PAGE = settings.COMMUNITY_POSTS_PER_PAGE


# -- helpers ---------------------------------------------------------------------------------


def _render(request, community: CommunityPage, template: str, context: dict, *, status=200):
    """A page of the community's discussions; one about a thread (`thread` in the context)
    gets its address as `thread_url` too."""
    context = {"access": DiscussionAccess.for_request(request, community), **context}
    if "thread" in context:
        context["thread_url"] = context["thread"].get_absolute_url()
    return community_render(request, community, template, context, status=status)


def _readable(request, community: CommunityPage) -> DiscussionAccess:
    return readable(request, community, access_class=DiscussionAccess)


def _thread_or_404(
    request, community, thread_id, *, with_reader_state=False
) -> tuple[DiscussionAccess, Thread]:
    access = _readable(request, community)
    reader = request.user if with_reader_state else None
    thread = thread_in_community(community, thread_id, reader=reader)
    if thread is None or not access.can_read_thread(thread):
        raise Http404("No such discussion")
    return access, thread


def _post_or_404(request, community, post_id) -> tuple[DiscussionAccess, Post]:
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


def _preview(request, form) -> str | None:
    """The rendered Markdown when the member pressed "Preview" and the text is valid."""
    if "preview" in request.POST and form.is_valid():
        return render_post(form.cleaned_data["body"]).html
    return None


# -- the community page ------------------------------------------------------------------------


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
        return sign_in_redirect(request)
    if not access.can_post:
        return ask_to_join(request, community, access, "start a discussion")
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
    return _render(
        request,
        community,
        "communities/discussions/thread_form.html",
        {"form": form, "preview": preview},
        status=status,
    )


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
        return sign_in_redirect(request)
    if not access.can_post:
        return ask_to_join(request, community, access, "reply")
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
    replies_closed = not access.can_reply(thread)
    if replies_closed:
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
    return _render(
        request,
        community,
        "communities/discussions/reply.html",
        {
            "thread": thread,
            "form": form,
            "reply_to": reply_to,
            "preview": preview,
            "replies_closed": replies_closed,
        },
        status=status,
    )


@require_POST
def thread_watch(request, community: CommunityPage, thread_id: int):
    access, thread = _thread_or_404(request, community, thread_id)
    if not access.is_signed_in:
        return sign_in_redirect(request)
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
        return sign_in_redirect(request)
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
    next_url = safe_next(request, f"{community.url}moderation/")
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
            next_url = safe_next(request, _post_location(post))
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


# -- moderation ----------------------------------------------------------------------------------


def moderation_queue(request, community: CommunityPage):
    access = DiscussionAccess.for_request(request, community)
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


@require_POST
def community_watch(request, community: CommunityPage):
    access = _readable(request, community)
    if not access.is_signed_in:
        return sign_in_redirect(request)
    watching = request.POST.get("watch") == "on"
    community_watch_set(member=request.user, community=community, watching=watching)
    messages.success(
        request,
        f"You are watching {community.title}: we will tell you about every new post."
        if watching
        else f"You have stopped watching {community.title}.",
    )
    return redirect(safe_next(request, community.url))
