"""The case-study library's routes for members' submissions (see CaseStudyIndexPage):
submitting a case study, changing one that editors sent back, and following their own.

Only signed-in members with a verified email address may submit: anyone else is sent to sign
in, and a member whose address is not verified is told how to verify it (nothing is stored).
"""

from allauth.account.utils import has_verified_email
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from communities.library.filters import CaseStudyFilterSet
from communities.library.forms import CaseStudySubmissionForm
from communities.library.models import CaseStudyIndexPage, CaseStudyPage
from communities.library.selectors import (
    SORT_NEWEST,
    case_study_contents,
    case_study_documents,
    discussed_in,
    discussion_communities,
    library_case_studies,
    library_facets,
    outside_restricted_sections,
    related_case_studies,
)
from communities.library.submissions import (
    MAX_DOCUMENTS,
    SubmissionRefused,
    case_study_resubmit,
    case_study_submissions_of,
    case_study_submit,
    submission_documents,
    submission_for_resubmission,
    submission_initial,
    submission_status,
    your_case_studies_path,
)
from core.rate_limits import RateLimited

FORM_TEMPLATE = "communities/case_study_submission/form.html"


def library_render(request, library: CaseStudyIndexPage, template: str, context: dict, status=200):
    context = {"page": library, "self": library, **context}
    return TemplateResponse(request, template, context, status=status)


def _refusal(request, library: CaseStudyIndexPage):
    """Sign in first; verify the email address first. None when the member may go on."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_verified_email(request.user):
        return library_render(
            request,
            library,
            "communities/case_study_submission/verify_email.html",
            {},
            status=403,
        )
    return None


def submission_create(request, library: CaseStudyIndexPage):
    if (refusal := _refusal(request, library)) is not None:
        return refusal
    status = 200
    if request.method == "POST":
        form = CaseStudySubmissionForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                page = case_study_submit(
                    library=library, member=request.user, submission=form.submission()
                )
            except RateLimited as refusal:
                form.add_error(None, str(refusal))
                form.ask_for_files_again()
                status = 429
            else:
                messages.success(
                    request,
                    f"Thank you: “{page.title}” has gone to the editors. We will tell you "
                    "when it is published, or if they ask for changes.",
                )
                return redirect(your_case_studies_path(library))
    else:
        form = CaseStudySubmissionForm()
    return library_render(
        request,
        library,
        FORM_TEMPLATE,
        {"form": form, "max_documents": MAX_DOCUMENTS},
        status=status,
    )


def submission_change(request, library: CaseStudyIndexPage, page_id: int):
    """A case study editors sent back, changed by the member who submitted it and sent to the
    editors again. Anyone else, and any other case study, answers 404."""
    if (refusal := _refusal(request, library)) is not None:
        return refusal
    page = submission_for_resubmission(request.user, page_id)
    if page is None:
        raise Http404("No case study of yours is waiting for changes here")
    status = submission_status(page)
    documents = submission_documents(page)
    if request.method == "POST":
        removed = {
            document.pk
            for document in documents
            if str(document.pk) in request.POST.getlist("remove_documents")
        }
        form = CaseStudySubmissionForm(
            request.POST, request.FILES, existing_documents=len(documents) - len(removed)
        )
        if form.is_valid():
            try:
                case_study_resubmit(
                    page=page,
                    member=request.user,
                    submission=form.submission(),
                    remove_documents=removed,
                )
            except SubmissionRefused as refusal:
                form.add_error(None, str(refusal))
                form.ask_for_files_again()
            else:
                messages.success(
                    request,
                    f"Thank you: your changes to “{form.cleaned_data['title']}” have gone to "
                    "the editors.",
                )
                return redirect(your_case_studies_path(library))
    else:
        removed = set()
        form = CaseStudySubmissionForm(
            initial=submission_initial(page), existing_documents=len(documents)
        )
    return library_render(
        request,
        library,
        FORM_TEMPLATE,
        {
            "form": form,
            "case_study": page,
            "status": status,
            "documents": documents,
            "removed_documents": removed,
            "max_documents": MAX_DOCUMENTS,
        },
    )


def your_case_studies(request, library: CaseStudyIndexPage):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return library_render(
        request,
        library,
        "communities/case_study_submission/yours.html",
        {"submissions": case_study_submissions_of(request.user, visible_to=request.user)},
    )


# -- the library and its case studies ------------------------------------------------------------


def read_library(request, library: CaseStudyIndexPage) -> CaseStudyFilterSet:
    """The visitor's filters and sort (a CaseStudyFilterSet: its form has the choices and
    errors, its qs the matching case studies)."""
    public = outside_restricted_sections()
    return CaseStudyFilterSet(
        request.GET,
        library_case_studies(public=public),
        facets=library_facets(public=public),
        request=request,
    )


def library_index(request, library: CaseStudyIndexPage):
    """/case-studies/: filtered by component, type of place, type of organisation, themes,
    year and organisation, newest or most discussed first; every state of the filters is a
    URL (a GET form)."""
    filters = read_library(request, library)
    page = Paginator(filters.qs, library.per_page).get_page(request.GET.get("page"))
    filter_query = request.GET.copy()
    filter_query.pop("page", None)
    return library.render(
        request,
        context_overrides={
            "filter_form": filters.form,
            "filters_applied": filters.applied,
            "sort": filters.chosen_sort or SORT_NEWEST,
            "case_studies_page": page,
            "feed_url": f"{library.get_url(request)}feed/"
            + (f"?{filter_query.urlencode()}" if filter_query else ""),
        },
    )


def case_study_page(request, case_study: CaseStudyPage):
    """The case study's parts that live in other tables, each asked for only when it has
    something in it; what relates to it; and where the visitor can discuss it."""
    saved = case_study.pk is not None and not getattr(request, "is_preview", False)
    if saved:
        contents = case_study_contents(case_study)
        tags = list(case_study.tags.order_by("name")) if contents.has_tags else []
        links = list(case_study.links.all()) if contents.has_links else []
        documents = case_study_documents(case_study) if contents.has_documents else []
    else:
        # A preview's tags, links and documents are in memory, not yet in the database.
        tags, links = list(case_study.tags.all()), list(case_study.links.all())
        documents = list(case_study.documents.all())
    can_start_in, others = discussion_communities(request.user, case_study.live_components)
    url = case_study.get_url(request) or ""
    return case_study.render(
        request,
        context_overrides={
            "tags": tags,
            "links": links,
            "documents": documents,
            # The library is this page's parent: its address is this page's, one step up.
            "library_url": url.rsplit("/", 2)[0] + "/" if url else "",
            "related_case_studies": related_case_studies(case_study)
            if saved and (case_study.live_components or tags)
            else [],
            "discussed_in": discussed_in(case_study, user=request.user)
            if saved and contents.is_discussed
            else [],
            "discuss_in": can_start_in,
            "join_to_discuss": others,
        },
    )
