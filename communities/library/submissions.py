"""Case studies that members submit through the site, and the editors' review of them.

A submission becomes a draft CaseStudyPage under the library, owned by the member, and starts
the library's Wagtail workflow ("Case study review": the Editors group approves or asks for
changes, made by migration 0005). Its documents become Wagtail documents in the "Member
submissions" collection, which only editors and moderators can open until the case study is
published. The member follows it on their profile and on "Your case studies", is told in the
app and by email when it is published or sent back, and can change and resubmit one that
was sent back.

Members write the long texts in Markdown, which is rendered and sanitised exactly as posts are
(rendering.py) and stored as HTML in the page's rich text fields.
"""

import datetime
import logging
import math
import re
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import PurePath

import filetype
from bs4 import BeautifulSoup, NavigableString
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404
from django.urls import Resolver404
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    PageLogEntry,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
)
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile

from communities.forum.rendering import render_post
from communities.library.models import (
    CaseStudyDocument,
    CaseStudyIndexPage,
    CaseStudyLink,
    CaseStudyPage,
)
from core.rate_limits import RateLimit
from members.emails import absolute_url, send_email
from members.models import User
from members.notifications import email_after_commit, notify

DECISION_EMAIL_TASK = "communities.library.tasks.send_case_study_decision_email"

logger = logging.getLogger(__name__)

SUBMISSION_LIMIT = RateLimit(
    "case_study_submission",
    lambda amount, window: (
        f"You have submitted {amount} case stud{'y' if amount == 1 else 'ies'} in the last "
        f"{window}, which is as many as we allow. Your answers are still here: send them "
        "again later."
    ),
)

REVIEW_WORKFLOW_NAME = "Case study review"
SUBMISSIONS_COLLECTION_NAME = "Member submissions"
PUBLISHED_DOCUMENTS_COLLECTION_NAME = "Case study documents"
# Who may open a document in the submissions collection before its case study is published.
REVIEWER_GROUPS = ("Editors", "Moderators")
MAX_DOCUMENTS = 3
MAX_LINKS = 3


class SubmissionRefused(Exception):
    """A submission that cannot be accepted now; the message is written for the member."""


@dataclass
class CaseStudySubmission:
    """What a member wrote in the submission form, checked and ready to store. The long texts
    are Markdown; `documents` are the uploaded files to add."""

    title: str
    organisation: str
    organisation_type: str
    place: str
    place_type: str
    components: list
    summary: str
    challenge: str
    what_was_done: str
    outcomes: str
    tags: list[str] = field(default_factory=list)
    lessons: str = ""
    contact: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)
    documents: list[UploadedFile] = field(default_factory=list)


# -- documents ------------------------------------------------------------------------------


def _size_in_words(size: int) -> str:
    # Rounded up, so that a file just over the limit never reads as the limit itself.
    tenths_of_a_megabyte = math.ceil(size * 10 / (1024 * 1024))
    if tenths_of_a_megabyte >= 10:
        return f"{tenths_of_a_megabyte / 10:g} MB"
    return f"{max(1, math.ceil(size / 1024))} KB"


def accepted_extensions() -> list[str]:
    return [extension.lower() for extension in settings.WAGTAILDOCS_EXTENSIONS]


def accepted_types_in_words() -> str:
    names = [extension.upper() for extension in accepted_extensions()]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def max_upload_in_words() -> str:
    return _size_in_words(settings.COMMUNITY_CASE_STUDY_MAX_UPLOAD_BYTES)


# Office Open XML files are zip archives with a [Content_Types].xml and their main part in a
# folder of its own; OpenDocument files are zip archives whose first entry, "mimetype", names
# their type.
_OFFICE_OPEN_XML_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
_OPENDOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
_TEXT_EXTENSIONS = {"txt", "csv"}
# Windows, Linux and macOS programs.
_EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")


def _head(upload: UploadedFile, size: int) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _zip_names(upload: UploadedFile) -> list[str] | None:
    """The entries of a zip archive (listed, never extracted), or None if it is not one."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)


def _opendocument_type(upload: UploadedFile) -> bytes | None:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            entry = archive.getinfo("mimetype")
            if entry.file_size > 100:
                return None
            return archive.read(entry).strip()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    finally:
        upload.seek(0)


def _content_matches(upload: UploadedFile, extension: str) -> bool:
    """Whether the file's bytes are what its extension says, as far as the first bytes and,
    for the zip-based office formats, the archive's table of contents tell."""
    head = _head(upload, 8192)
    if not head or head.startswith(_EXECUTABLE_SIGNATURES):
        return False
    if extension == "pdf":
        # Readers accept a header anywhere in the first kilobyte.
        return b"%PDF-" in head[:1024]
    if extension in _OFFICE_OPEN_XML_FOLDERS:
        names = _zip_names(upload) if head.startswith(b"PK\x03\x04") else None
        folder = _OFFICE_OPEN_XML_FOLDERS[extension]
        return (
            bool(names)
            and "[Content_Types].xml" in names
            and any(name.startswith(folder) for name in names)
        )
    if extension in _OPENDOCUMENT_TYPES:
        return head.startswith(b"PK\x03\x04") and (
            _opendocument_type(upload) == _OPENDOCUMENT_TYPES[extension]
        )
    if extension in _TEXT_EXTENSIONS:
        return b"\x00" not in head and filetype.guess(head) is None
    # A type added to WAGTAILDOCS_EXTENSIONS that we know no signature for: refuse a file
    # whose first bytes say it is some other known type.
    kind = filetype.guess(head)
    return kind is None or kind.extension == extension


def document_problem(upload: UploadedFile) -> str | None:
    """What is wrong with an uploaded document, in words for the member, or None if nothing is:
    its type must be one of WAGTAILDOCS_EXTENSIONS, its content must match the type, and it
    must be no bigger than COMMUNITY_CASE_STUDY_MAX_UPLOAD_BYTES."""
    name = PurePath(upload.name or "").name
    extension = PurePath(name).suffix.lower().lstrip(".")
    if extension not in accepted_extensions():
        return (
            f"‘{name}’ is not a type of file we accept. Choose a {accepted_types_in_words()} file"
        )
    if upload.size > settings.COMMUNITY_CASE_STUDY_MAX_UPLOAD_BYTES:
        return (
            f"‘{name}’ is {_size_in_words(upload.size)}. Each file must be "
            f"{max_upload_in_words()} or smaller"
        )
    if upload.size == 0:
        return f"‘{name}’ is empty. Choose a file with something in it"
    if not _content_matches(upload, extension):
        return (
            f"‘{name}’ does not contain what a .{extension} file should. Choose a real "
            f"{extension.upper()} file"
        )
    return None


def _document_title(filename: str) -> str:
    words = re.split(r"[-_\s]+", PurePath(filename).stem)
    return " ".join(word for word in words if word)[:255] or "Document"


def _named_collection(name: str, *, private: bool) -> Collection:
    """The top-level collection with this name, made on first use. A private one can be opened
    only by the reviewer groups (and superusers)."""
    root = Collection.get_first_root_node()
    # Locks the root collection's row so that two first submissions make one collection.
    Collection.objects.select_for_update().filter(pk=root.pk).first()
    existing = root.get_children().filter(name=name).first()
    if existing is not None:
        return existing
    collection = root.add_child(name=name)
    if private:
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=BaseViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=REVIEWER_GROUPS))
    return collection


def _store_documents(uploads, *, member: User, stored_files: list) -> list:
    collection = _named_collection(SUBMISSIONS_COLLECTION_NAME, private=True)
    Document = get_document_model()
    documents = []
    for upload in uploads:
        upload.seek(0)
        document = Document(
            title=_document_title(upload.name),
            file=upload,
            collection=collection,
            uploaded_by_user=member,
        )
        document._set_document_file_metadata()
        document.save()
        stored_files.append(document.file.name)
        documents.append(document)
    return documents


def _delete_files(names: list[str]) -> None:
    Document = get_document_model()
    storage = Document._meta.get_field("file").storage
    for name in names:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not delete %s after a failed case-study submission", name)


# -- writing --------------------------------------------------------------------------------


def markdown_to_rich_text(text: str) -> str:
    """A member's Markdown as the HTML a rich text field stores: rendered and sanitised as a
    post's is."""
    return render_post(text).html if text.strip() else ""


def _free_slug(library: CaseStudyIndexPage, title: str) -> str:
    """A slug no other case study uses, and that none of the library's own routes (submit/,
    yours/ and any others) would hide."""
    base = slugify(title)[:70].strip("-") or "case-study"
    taken = set(library.get_children().values_list("slug", flat=True))
    candidate, number = base, 1
    # Past a few tries, a route that takes any slug would hide every candidate anyway.
    while candidate in taken or (number <= 20 and _is_route(library, candidate)):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _is_route(library: CaseStudyIndexPage, slug: str) -> bool:
    try:
        library.resolve_subpage(f"/{slug}/")
    except (Resolver404, Http404):
        return False
    return True


def _fill(page: CaseStudyPage, submission: CaseStudySubmission) -> None:
    page.title = " ".join(submission.title.split())
    page.draft_title = page.title
    page.organisation = submission.organisation
    page.organisation_type = submission.organisation_type
    page.place = submission.place
    page.place_type = submission.place_type
    page.summary = submission.summary
    page.challenge = markdown_to_rich_text(submission.challenge)
    what_was_done = markdown_to_rich_text(submission.what_was_done)
    page.body = [("paragraph", RichText(what_was_done))] if what_was_done else []
    page.outcomes = markdown_to_rich_text(submission.outcomes)
    page.lessons = markdown_to_rich_text(submission.lessons)
    page.contact = submission.contact
    page.components = list(submission.components)
    page.tags.set(submission.tags)
    page.links = [CaseStudyLink(title=title, url=url) for title, url in submission.links]


def _quiet_wagtail_decision_emails(member: User) -> None:
    """Wagtail emails whoever submitted a page when it is approved or rejected, with links
    into the admin. Members who cannot use the admin get our own emails instead."""
    if member.has_perm("wagtailadmin.access_admin"):
        return
    profile = UserProfile.get_for_user(member)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = False
        profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])


def review_workflow() -> Workflow | None:
    return Workflow.objects.filter(name=REVIEW_WORKFLOW_NAME, active=True).first()


def case_study_workflow_assign(library: CaseStudyIndexPage) -> None:
    """Sends case studies submitted to this library to the editors' review workflow, and lets
    the workflow's reviewers publish in the library: Wagtail publishes an approved page as the
    approver, which needs that permission. The seed calls this when it makes the library;
    migration 0005 did the same for a library that existed then."""
    workflow = review_workflow()
    if workflow is None:
        return
    WorkflowPage.objects.update_or_create(page=library, defaults={"workflow": workflow})
    publish = Permission.objects.get(
        content_type=ContentType.objects.get_for_model(Page), codename="publish_page"
    )
    tasks = GroupApprovalTask.objects.filter(workflow_tasks__workflow=workflow)
    reviewers = Group.objects.filter(pk__in=tasks.values("groups"))
    for group in reviewers:
        GroupPagePermission.objects.get_or_create(group=group, page=library, permission=publish)


def case_study_submit(
    *, library: CaseStudyIndexPage, member: User, submission: CaseStudySubmission
) -> CaseStudyPage:
    """Makes the member's case study a draft page under the library, with its documents, and
    sends it to the library's workflow for editors to review. Nothing is stored if any step
    fails, the uploaded files included."""
    SUBMISSION_LIMIT.consume(member)
    stored_files: list[str] = []
    try:
        with transaction.atomic():
            page = CaseStudyPage(
                owner=member,
                submitted_by=member,
                live=False,
                has_unpublished_changes=True,
                published_date=timezone.localdate(),
            )
            _fill(page, submission)
            page.slug = _free_slug(library, page.title)
            documents = _store_documents(
                submission.documents[:MAX_DOCUMENTS], member=member, stored_files=stored_files
            )
            page.documents = [CaseStudyDocument(document=document) for document in documents]
            library.add_child(instance=page)
            revision = page.save_revision(user=member, log_action=False)
            log(instance=page, action="wagtail.create", user=member, revision=revision)
            _quiet_wagtail_decision_emails(member)
            workflow = page.get_workflow()
            if workflow is None:
                logger.warning(
                    "No workflow applies to %s: case study %s waits as a draft",
                    library.url_path,
                    page.pk,
                )
            else:
                workflow.start(page, member)
    except BaseException:
        _delete_files(stored_files)
        raise
    return page


def case_study_resubmit(
    *, page: CaseStudyPage, member: User, submission: CaseStudySubmission, remove_documents=()
) -> CaseStudyPage:
    """Saves the member's changes to a case study editors sent back, and sends it back to them
    (the workflow resumes at the task that asked for changes)."""
    state = page.current_workflow_state
    if page.submitted_by_id != member.pk or not _waits_for_changes_from(member.pk, state):
        raise SubmissionRefused("This case study is not waiting for your changes.")
    stored_files: list[str] = []
    try:
        with transaction.atomic():
            draft = page.get_latest_revision_as_object()
            _fill(draft, submission)
            kept = [
                CaseStudyDocument(document=item.document)
                for item in draft.documents.all()
                if item.document_id not in set(remove_documents)
            ]
            room = max(0, MAX_DOCUMENTS - len(kept))
            added = _store_documents(
                submission.documents[:room], member=member, stored_files=stored_files
            )
            draft.documents = kept + [CaseStudyDocument(document=document) for document in added]
            draft.save_revision(user=member, log_action=True)
            state.resume(user=member)
    except BaseException:
        _delete_files(stored_files)
        raise
    return page


# -- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubmissionStatus:
    """Where a member's case study is, in words for the member."""

    page: CaseStudyPage
    label: str  # "In review", "Changes requested", "Published"...
    tag_colour: str  # a GOV.UK tag colour modifier ("" for the default)
    comment: str = ""
    can_resubmit: bool = False
    change_url: str = ""

    @property
    def is_published(self) -> bool:
        return self.page.live


def _status(page: CaseStudyPage, state: WorkflowState | None) -> SubmissionStatus:
    if page.live:
        return SubmissionStatus(page, "Published", "green")
    if _waits_for_changes_from(page.submitted_by_id, state):
        comment = state.current_task_state.comment if state.current_task_state else ""
        return SubmissionStatus(page, "Changes requested", "orange", comment, can_resubmit=True)
    if page.first_published_at is not None:
        return SubmissionStatus(page, "Unpublished", "grey")
    return SubmissionStatus(page, "In review", "")


def _active_workflow_states(pages) -> dict[int, WorkflowState]:
    if not pages:
        return {}
    states = WorkflowState.objects.active().filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(page.pk) for page in pages],
    )
    return {int(state.object_id): state for state in states.select_related("current_task_state")}


def case_study_submissions_of(member: User, *, visible_to, limit: int | None = None) -> list:
    """The case studies the member submitted, newest first, each with its status. Others see
    only the published ones; the member sees them all. A fixed number of queries."""
    pages = CaseStudyPage.objects.filter(submitted_by=member).order_by("-pk")
    if not (visible_to.is_authenticated and visible_to.pk == member.pk):
        pages = pages.live().public()
    pages = list(pages[:limit] if limit else pages)
    states = _active_workflow_states([page for page in pages if not page.live])
    statuses = [_status(page, states.get(page.pk)) for page in pages]
    if any(status.can_resubmit for status in statuses):
        library = CaseStudyIndexPage.objects.first()
        statuses = [
            replace(status, change_url=resubmission_path(status.page, library=library))
            if status.can_resubmit and library is not None
            else status
            for status in statuses
        ]
    return statuses


def submission_status(page: CaseStudyPage) -> SubmissionStatus:
    return _status(page, page.current_workflow_state)


def submission_for_resubmission(member: User, page_id: int) -> CaseStudyPage | None:
    """The member's own case study with this id when editors have asked for changes to it."""
    page = CaseStudyPage.objects.filter(pk=page_id, submitted_by=member).first()
    if page is None:
        return None
    if not _waits_for_changes_from(member.pk, page.current_workflow_state):
        return None
    return page


def _waits_for_changes_from(member_id: int | None, state: WorkflowState | None) -> bool:
    """Whether the workflow is one the member started and editors sent back to them."""
    return (
        member_id is not None
        and state is not None
        and state.status == WorkflowState.STATUS_NEEDS_CHANGES
        and state.requested_by_id == member_id
    )


def _rich_text_to_markdown(html: str) -> str:
    """Rich text back into the Markdown a member can edit: paragraphs, headings, emphasis,
    links, lists, quotes and code. Anything else becomes its text."""
    if not html:
        return ""

    def inline(node) -> str:
        if isinstance(node, NavigableString):
            return str(node)
        content = "".join(inline(child) for child in node.children)
        if node.name in {"strong", "b"}:
            return f"**{content}**" if content.strip() else content
        if node.name in {"em", "i"}:
            return f"_{content}_" if content.strip() else content
        if node.name == "code":
            return f"`{content}`"
        if node.name == "a" and node.get("href"):
            return f"[{content}]({node['href']})"
        if node.name == "br":
            return "\n"
        return content

    def block(node) -> str:
        if isinstance(node, NavigableString):
            return str(node).strip()
        if re.fullmatch(r"h[1-6]", node.name or ""):
            # Member headings are stored two levels down (see rendering.py).
            level = max(1, int(node.name[1]) - 2)
            return f"{'#' * level} {inline(node).strip()}"
        if node.name in {"ul", "ol"}:
            items = node.find_all("li", recursive=False)
            return "\n".join(
                f"{f'{number}.' if node.name == 'ol' else '-'} {inline(item).strip()}"
                for number, item in enumerate(items, start=1)
            )
        if node.name == "blockquote":
            inner = "\n\n".join(filter(None, (block(child) for child in node.children)))
            return "\n".join(f"> {line}" if line else ">" for line in inner.splitlines())
        if node.name == "pre":
            return f"```\n{node.get_text().rstrip()}\n```"
        if node.name == "hr":
            return "---"
        return inline(node).strip()

    soup = BeautifulSoup(html, "html.parser")
    return "\n\n".join(filter(None, (block(child) for child in soup.children)))


def submission_initial(page: CaseStudyPage) -> dict:
    """The submission form's answers for a case study's latest version, to change it."""
    draft = page.get_latest_revision_as_object()
    what_was_done = "\n\n".join(
        _rich_text_to_markdown(block.value.source)
        for block in draft.body
        if block.block_type == "paragraph"
    )
    initial = {
        "title": draft.title,
        "organisation": draft.organisation,
        "organisation_type": draft.organisation_type,
        "place": draft.place,
        "place_type": draft.place_type,
        "components": [component.slug for component in draft.components.all()],
        "tags": ", ".join(tag.name for tag in draft.tags.all()),
        "summary": draft.summary,
        "challenge": _rich_text_to_markdown(draft.challenge),
        "what_was_done": what_was_done,
        "outcomes": _rich_text_to_markdown(draft.outcomes),
        "lessons": _rich_text_to_markdown(draft.lessons),
        "contact": draft.contact,
    }
    for number, link in enumerate(draft.links.all()[:MAX_LINKS], start=1):
        initial[f"link_{number}_title"] = link.title
        initial[f"link_{number}_url"] = link.url
    return initial


def submission_documents(page: CaseStudyPage) -> list:
    """The documents of a case study's latest version."""
    draft = page.get_latest_revision_as_object()
    return [item.document for item in draft.documents.all()]


# -- telling the member ---------------------------------------------------------------------


def _published_before(page: CaseStudyPage, revision) -> bool:
    """Whether the page had been published before this publication of `revision`."""
    earlier = PageLogEntry.objects.filter(page=page, action="wagtail.publish")
    if revision is not None:
        earlier = earlier.exclude(revision=revision)
    return earlier.exists()


def submission_published(*, page: CaseStudyPage, revision=None) -> None:
    """A member's case study went live: its documents can be opened by anyone now, and the
    member is told the first time (in the app now, by email from Celery)."""

    _make_documents_public(page)
    member = page.submitted_by
    if member is None or not member.is_active or _published_before(page, revision):
        return
    notify(
        member,
        kind="case-study-published",
        message=f"Your case study “{page.title}” is published",
        url=page.url or "",
    )
    email_after_commit(DECISION_EMAIL_TASK, page.pk)


def _make_documents_public(page: CaseStudyPage) -> None:
    document_ids = list(
        CaseStudyDocument.objects.filter(page_id=page.pk).values_list("document_id", flat=True)
    )
    if not document_ids:
        return
    Document = get_document_model()
    private = Document.objects.filter(
        pk__in=document_ids, collection__name=SUBMISSIONS_COLLECTION_NAME
    )
    if private.exists():
        public = _named_collection(PUBLISHED_DOCUMENTS_COLLECTION_NAME, private=False)
        private.update(collection=public)


def submission_sent_back(*, workflow_state: WorkflowState) -> None:
    """Editors asked for changes to a member's case study: the member is told, with the
    editor's comment (in the app now, by email from Celery)."""

    if workflow_state.content_type_id != ContentType.objects.get_for_model(CaseStudyPage).pk:
        return
    page = CaseStudyPage.objects.filter(pk=workflow_state.object_id).first()
    if page is None or page.submitted_by is None or not page.submitted_by.is_active:
        return
    if workflow_state.requested_by_id != page.submitted_by_id:
        return  # an editor's own change to the case study, not the member's submission
    task_state = workflow_state.current_task_state
    comment = task_state.comment if task_state else ""
    notify(
        page.submitted_by,
        kind="case-study-changes-requested",
        message=(
            f"The editors asked for changes to your case study “{page.draft_title}”"
            + (f": {comment}" if comment else "")
        ),
        url=resubmission_path(page),
    )
    task_state_id = task_state.pk if task_state else None
    email_after_commit(DECISION_EMAIL_TASK, page.pk, task_state_id)


def _approval_comment(page: CaseStudyPage) -> str:
    """What the editor wrote when approving the page's latest review, if it was approved
    (an editor may also publish without a review: then there is nothing to pass on)."""
    latest_review = (
        WorkflowState.objects.filter(
            content_type=ContentType.objects.get_for_model(CaseStudyPage),
            object_id=str(page.pk),
        )
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest_review is None or latest_review.status != WorkflowState.STATUS_APPROVED:
        return ""
    approval = (
        TaskState.objects.filter(workflow_state=latest_review, status=TaskState.STATUS_APPROVED)
        .exclude(comment="")
        .order_by("-finished_at", "-pk")
        .first()
    )
    return approval.comment if approval else ""


def resubmission_path(page: CaseStudyPage, *, library: CaseStudyIndexPage | None = None) -> str:
    library = library or page.get_parent().specific
    return library.url + library.reverse_subpage("resubmit", args=[page.pk])


def your_case_studies_path(library: CaseStudyIndexPage) -> str:
    return library.url + library.reverse_subpage("your_case_studies")


def decision_email_send(*, page_id: int, task_state_id: int | None = None) -> int:
    """Emails the member who submitted the case study that it is published, or, with the
    task state in which editors asked for changes, that it was sent back and why."""
    page = CaseStudyPage.objects.filter(pk=page_id).select_related("submitted_by").first()
    if page is None or page.submitted_by is None or not page.submitted_by.is_active:
        return 0
    member = page.submitted_by
    if task_state_id is None:
        if not page.live:
            return 0
        return send_email(
            member.email,
            subject=f"Your case study is published: {page.title}",
            template="emails/communities/case_study_published",
            context={
                "member": member,
                "page": page,
                "page_url": absolute_url(page.url),
                "comment": _approval_comment(page),
            },
        )
    task_state = TaskState.objects.filter(pk=task_state_id).first()
    return send_email(
        member.email,
        subject=f"Changes requested to your case study: {page.title}",
        template="emails/communities/case_study_sent_back",
        context={
            "member": member,
            "page": page,
            "comment": task_state.comment if task_state else "",
            "edit_url": absolute_url(resubmission_path(page)),
        },
    )


# -- members' data --------------------------------------------------------------------------


@transaction.atomic
def submissions_erase(member: User) -> None:
    """For account erasure: case studies the member submitted that were never published go,
    with the documents they uploaded for them (and any they took out again); published ones
    stay in the library, their submitter empty once the account goes. Wagtail deletes the
    documents' files when the transaction commits."""
    for draft in CaseStudyPage.objects.filter(submitted_by=member, first_published_at=None):
        draft.delete()
    get_document_model().objects.filter(
        uploaded_by_user=member, collection__name=SUBMISSIONS_COLLECTION_NAME
    ).exclude(pk__in=CaseStudyDocument.objects.values("document_id")).delete()


def submissions_export(member: User) -> list[dict]:
    def iso(value):
        return value.isoformat() if isinstance(value, datetime.date) else None

    return [
        {
            "title": status.page.title,
            "status": status.label,
            "editors_comment": status.comment,
            "address": absolute_url(status.page.url) if status.page.live else None,
            "first_published_at": iso(status.page.first_published_at),
        }
        for status in case_study_submissions_of(member, visible_to=member)
    ]
