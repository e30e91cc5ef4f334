"""The case-study library's routes for members' submissions (see CaseStudyIndexPage):
submitting a case study, changing one that editors sent back, and following their own.

Only signed-in members with a verified email address may submit: anyone else is sent to sign
in, and a member whose address is not verified is told how to verify it (nothing is stored).
"""

from allauth.account.utils import has_verified_email
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from .case_study_submissions import (
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
from .forms import CaseStudySubmissionForm
from .models import CaseStudyIndexPage
from .rate_limits import RateLimited

FORM_TEMPLATE = "communities/case_study_submission/form.html"


def _render(request, library: CaseStudyIndexPage, template: str, context: dict, status=200):
    context = {"page": library, "self": library, **context}
    return TemplateResponse(request, template, context, status=status)


def _refusal(request, library: CaseStudyIndexPage):
    """Sign in first; verify the email address first. None when the member may go on."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_verified_email(request.user):
        return _render(
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
    return _render(
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
    return _render(
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
    return _render(
        request,
        library,
        "communities/case_study_submission/yours.html",
        {"submissions": case_study_submissions_of(request.user, visible_to=request.user)},
    )
