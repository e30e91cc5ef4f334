"""Members submit case studies; editors review them in Wagtail's workflow.

A submission is a draft case study in the "Case study review" workflow; editors approve it
(publishing it) or send it back with a comment, through the Wagtail admin's own workflow
views; the member follows it on their profile and is told of each decision.
"""

import io
import re
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.models import Workflow, WorkflowState

from communities.library.models import CaseStudyPage, OrganisationType, PlaceType
from communities.library.submissions import (
    REVIEW_WORKFLOW_NAME,
    SUBMISSIONS_COLLECTION_NAME,
    CaseStudySubmission,
    case_study_submit,
    case_study_workflow_assign,
    document_problem,
    review_workflow,
)
from members.models import Notification
from tests.factories import CommunityPageFactory, UserFactory
from tests.querycounts import assert_queries_constant

SUBMIT_URL = "/case-studies/submit/"
YOURS_URL = "/case-studies/yours/"
MB = 1024 * 1024

Document = get_document_model()


# -- files ------------------------------------------------------------------------------------


def pdf_bytes(padding: int = 0) -> bytes:
    return b"%PDF-1.7\n1 0 obj <<>> endobj\n" + b"0" * padding + b"\ntrailer <<>>\n%%EOF\n"


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_bytes() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def odt_bytes() -> bytes:
    return zip_bytes(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}
    )


EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


# -- scene ------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files land in folders of this test's own, to see exactly what was stored: the
    public media (images) and the private one (documents) are both under the folder returned."""
    uploads = tmp_path / "uploads"
    settings.MEDIA_ROOT = uploads / "media"
    settings.PRIVATE_MEDIA_ROOT = uploads / "private-media"
    return uploads


def stored_files(media_root) -> list:
    return [path for path in media_root.rglob("*") if path.is_file()]


@pytest.fixture
def library(site_tree):
    case_study_workflow_assign(site_tree["case_studies"])
    return site_tree["case_studies"]


@pytest.fixture
def data_community(site_tree):
    return CommunityPageFactory(parent=site_tree["communities"], title="Data", slug="data")


@pytest.fixture
def energy_community(site_tree):
    return CommunityPageFactory(parent=site_tree["communities"], title="Energy", slug="energy")


@pytest.fixture
def submitter(db):
    return UserFactory(display_name="Sam Submitter", handle="sam-submitter")


@pytest.fixture
def reviewer(db):
    """An editor: in Wagtail's Editors group, not a superuser."""
    user = UserFactory(display_name="Eve Editor", handle="eve-editor", email="eve@example.org")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def answers(**changes) -> dict:
    data = {
        "title": "Sensors keep Leeds tenants warm",
        "organisation": "Leeds City Council",
        "organisation_type": OrganisationType.LOCAL_AUTHORITY,
        "place": "Leeds",
        "place_type": PlaceType.CITY,
        "components": ["data", "energy"],
        "tags": "Sensors, social housing, sensors",
        "summary": "Damp and temperature sensors in 500 council homes warn tenants early.",
        "challenge": "Damp homes made **tenants** ill, and repairs came too late.",
        "what_was_done": "We fitted sensors in 500 homes.\n\n- one per room\n- alerts by text",
        "outcomes": "Damp complaints fell by 40%.",
        "lessons": "Talk to tenants first.",
        "contact": "The housing innovation team, innovation@leeds.example",
        "link_1_title": "Evaluation report",
        "link_1_url": "https://www.leeds.example/sensors",
        "permission": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def submit(client, library, data_community, energy_community, submitter):
    """Signs the submitter in and posts the form; returns the response."""

    def post(data=None, *, documents=(), follow=False):
        client.force_login(submitter)
        payload = answers() if data is None else data
        if documents:
            payload = {**payload, "documents": list(documents)}
        return client.post(SUBMIT_URL, payload, follow=follow)

    return post


def submitted_page() -> CaseStudyPage:
    return CaseStudyPage.objects.get()


def workflow_state_of(page) -> WorkflowState:
    return WorkflowState.objects.active().get(object_id=str(page.pk))


@pytest.fixture
def act_in_admin(client, django_capture_on_commit_callbacks):
    """An editor presses a workflow button in the Wagtail admin (its own view); what is queued
    for after the transaction (emails) runs."""

    def act(editor, page, action, **data):
        client.force_login(editor)
        task_state = workflow_state_of(page).current_task_state
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", data
            )
        assert response.status_code == 302, response.content[:500]
        assert response.url != "/admin/", "the admin refused the action"
        return response

    return act


def emails_to(user):
    return [message for message in mail.outbox if user.email in message.to]


# -- who may submit -----------------------------------------------------------------------------


def test_anonymous_visitors_are_asked_to_sign_in_first(client, library):
    for response in (client.get(SUBMIT_URL), client.post(SUBMIT_URL, answers())):
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")
        assert "next=/case-studies/submit/" in response.url
    assert not CaseStudyPage.objects.exists()


def test_members_with_an_unverified_address_are_told_to_verify_it_and_nothing_is_stored(
    client, library, data_community, media_root
):
    unverified = UserFactory(verified=False)
    assert not EmailAddress.objects.filter(user=unverified, verified=True).exists()
    client.force_login(unverified)

    page = client.get(SUBMIT_URL)
    attempt = client.post(SUBMIT_URL, {**answers(), "documents": [upload("a.pdf", pdf_bytes())]})

    for response in (page, attempt):
        assert response.status_code == 403
        assert "Confirm your email address first" in response.content.decode()
        assert 'href="/accounts/email/"' in response.content.decode()
    assert not CaseStudyPage.objects.exists()
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_the_form_gives_guidance_for_every_field(client, library, data_community, submitter):
    client.force_login(submitter)
    response = client.get(SUBMIT_URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    for field in [
        "title",
        "organisation",
        "organisation_type",
        "place",
        "place_type",
        "components",
        "tags",
        "summary",
        "challenge",
        "what_was_done",
        "outcomes",
        "lessons",
        "contact",
        "link_1_url",
        "documents",
    ]:
        assert f'id="id_{field}-hint"' in html, f"{field} has no hint"
    assert "You can use Markdown" in html
    assert "each 10 MB or smaller, as PDF, DOCX" in html


# -- submission, review, publication -----------------------------------------------------------


def test_a_submission_becomes_a_draft_in_the_editors_review_workflow(
    submit, client, submitter, media_root
):
    response = submit(
        documents=[upload("evaluation_report.pdf", pdf_bytes()), upload("plan.docx", docx_bytes())]
    )

    assert response.status_code == 302 and response.url == YOURS_URL
    page = submitted_page()
    assert not page.live
    assert page.owner == submitter and page.submitted_by == submitter
    assert page.organisation == "Leeds City Council"
    assert sorted(c.slug for c in page.components.all()) == ["data", "energy"]
    assert sorted(page.tags.names()) == ["sensors", "social housing"]
    assert "<strong>tenants</strong>" in page.challenge
    assert page.body[0].block_type == "paragraph"
    assert "<li>one per room</li>" in page.body[0].value.source
    assert [(link.title, link.url) for link in page.links.all()] == [
        ("Evaluation report", "https://www.leeds.example/sensors")
    ]
    state = workflow_state_of(page)
    assert state.workflow.name == REVIEW_WORKFLOW_NAME
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == submitter
    documents = [item.document for item in page.documents.all()]
    assert [document.title for document in documents] == ["evaluation report", "plan"]
    assert {document.collection.name for document in documents} == {SUBMISSIONS_COLLECTION_NAME}
    assert len(stored_files(media_root)) == 2

    # The member sees where it is.
    yours = client.get(YOURS_URL).content.decode()
    assert "“Sensors keep Leeds tenants warm” has gone to the editors" in yours
    assert "In review" in yours

    # Nobody else can read it, or open its documents, while it is in review.
    client.logout()
    assert client.get(page.url).status_code == 404
    assert page.title not in client.get("/case-studies/").content.decode()
    document_response = client.get(documents[0].url)
    assert document_response.status_code != 200
    assert b"%PDF" not in b"".join(getattr(document_response, "streaming_content", [b""]))


def test_the_member_sees_the_status_on_their_profile_and_others_see_nothing_unpublished(
    submit, client, submitter
):
    submit()
    profile = f"/members/{submitter.handle}/"

    own = client.get(profile).content.decode()
    assert "Case studies" in own and "In review" in own
    assert "Sensors keep Leeds tenants warm" in own

    client.force_login(UserFactory())
    assert "Sensors keep Leeds tenants warm" not in client.get(profile).content.decode()


def test_an_editor_approves_in_the_admin_and_it_is_published_where_readers_look(
    submit, client, submitter, reviewer, data_community, act_in_admin
):
    submit(documents=[upload("report.pdf", pdf_bytes())])
    page = submitted_page()
    mail.outbox.clear()

    # Editors can open it in the admin's editor before deciding.
    client.force_login(reviewer)
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200

    act_in_admin(reviewer, page, "approve")

    page.refresh_from_db()
    assert page.live
    assert not WorkflowState.objects.active().filter(object_id=str(page.pk)).exists()
    client.logout()
    assert client.get(page.url).status_code == 200
    assert page.title in client.get("/case-studies/").content.decode()
    assert page.title in client.get(data_community.url).content.decode()
    # Its documents can be opened by anyone now.
    document = page.documents.get().document
    assert client.get(document.url).status_code == 200

    notification = Notification.objects.get(recipient=submitter)
    assert notification.kind == "case-study-published"
    assert notification.url == page.url
    (email,) = emails_to(submitter)
    assert email.subject.endswith("Your case study is published: Sensors keep Leeds tenants warm")
    assert f"http://testserver{page.url}" in email.body
    assert f"http://testserver{page.url}" in email.alternatives[0][0]

    client.force_login(submitter)
    profile = client.get(f"/members/{submitter.handle}/").content.decode()
    assert "Published" in profile and f'href="{page.url}"' in profile


def test_an_editor_sends_it_back_with_a_comment_and_the_member_is_told(
    submit, client, submitter, reviewer, act_in_admin
):
    submit()
    page = submitted_page()
    mail.outbox.clear()

    act_in_admin(reviewer, page, "reject", comment="Please add the cost of the sensors.")

    page.refresh_from_db()
    assert not page.live
    assert workflow_state_of(page).status == WorkflowState.STATUS_NEEDS_CHANGES
    notification = Notification.objects.get(recipient=submitter)
    assert notification.kind == "case-study-changes-requested"
    assert "Please add the cost of the sensors." in notification.message
    # One email, ours: Wagtail's own (with links into the admin) is not sent to members.
    (email,) = emails_to(submitter)
    assert "Changes requested" in email.subject
    assert "Please add the cost of the sensors." in email.body
    assert f"http://testserver/case-studies/submit/{page.pk}/" in email.body

    client.force_login(submitter)
    profile = client.get(f"/members/{submitter.handle}/").content.decode()
    assert "Changes requested" in profile
    assert "Please add the cost of the sensors." in profile
    assert f'href="/case-studies/submit/{page.pk}/"' in profile


def test_the_member_changes_a_sent_back_case_study_and_sends_it_again(
    submit, client, submitter, reviewer, act_in_admin
):
    submit(documents=[upload("report.pdf", pdf_bytes())])
    page = submitted_page()
    act_in_admin(reviewer, page, "reject", comment="Add the cost.")
    old_document = page.documents.get().document

    client.force_login(submitter)
    form = client.get(f"/case-studies/submit/{page.pk}/")
    html = form.content.decode()
    assert form.status_code == 200
    assert "Add the cost." in html
    # The answers come back as the member wrote them, Markdown included.
    assert "Damp homes made **tenants** ill" in html
    assert "- one per room" in html
    assert "Remove “report”" in html

    response = client.post(
        f"/case-studies/submit/{page.pk}/",
        {
            **answers(outcomes="Damp complaints fell by 40%. The sensors cost £60 each."),
            "remove_documents": [str(old_document.pk)],
            "documents": [upload("costs.odt", odt_bytes())],
        },
    )

    assert response.status_code == 302
    state = workflow_state_of(page)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    page.refresh_from_db()
    latest = page.get_latest_revision_as_object()
    assert "£60 each" in latest.outcomes
    assert [item.document.title for item in latest.documents.all()] == ["costs"]
    # The editor approves the changed version, and that is what goes live.
    act_in_admin(reviewer, page, "approve")
    page.refresh_from_db()
    assert page.live and "£60 each" in page.outcomes


def test_editors_reviewing_their_own_later_changes_do_not_involve_the_member(
    submit, submitter, reviewer, act_in_admin
):
    submit()
    page = submitted_page()
    act_in_admin(reviewer, page, "approve")
    page.refresh_from_db()

    page.save_revision(user=reviewer)
    review_workflow().start(page, reviewer)
    other_editor = UserFactory()
    other_editor.groups.add(Group.objects.get(name="Editors"))
    act_in_admin(other_editor, page, "reject", comment="Not yet.")

    assert not Notification.objects.filter(
        recipient=submitter, kind="case-study-changes-requested"
    ).exists()
    assert not emails_to(submitter)[1:]  # only the email that said it was published


def test_nobody_else_can_change_a_submission(submit, client, reviewer, act_in_admin):
    submit()
    page = submitted_page()
    act_in_admin(reviewer, page, "reject", comment="Add the cost.")

    client.force_login(UserFactory())
    assert client.get(f"/case-studies/submit/{page.pk}/").status_code == 404
    assert client.post(f"/case-studies/submit/{page.pk}/", answers()).status_code == 404


def test_a_submission_in_review_cannot_be_changed_by_its_member(submit, client, submitter):
    submit()
    page = submitted_page()

    client.force_login(submitter)
    assert client.get(f"/case-studies/submit/{page.pk}/").status_code == 404


# -- refusals -----------------------------------------------------------------------------------


def test_a_20_mb_upload_is_refused_with_a_clear_message_and_nothing_is_stored(submit, media_root):
    big = upload("annual-report.pdf", pdf_bytes(padding=20 * MB - len(pdf_bytes())))
    assert big.size == 20 * MB

    response = submit(documents=[big])

    html = response.content.decode()
    assert response.status_code == 200
    assert "‘annual-report.pdf’ is 20 MB. Each file must be 10 MB or smaller" in html
    assert "There is a problem" in html
    assert 'value="Sensors keep Leeds tenants warm"' in html  # the answers are kept
    assert not CaseStudyPage.objects.exists()
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.exe", EXE_BYTES, "‘setup.exe’ is not a type of file we accept"),
        ("report.pdf", EXE_BYTES, "‘report.pdf’ does not contain what a .pdf file should"),
        ("plan.docx", EXE_BYTES, "‘plan.docx’ does not contain what a .docx file should"),
        ("notes.txt", EXE_BYTES, "‘notes.txt’ does not contain what a .txt file should"),
        (
            "plan.docx",
            zip_bytes({"payload.exe": EXE_BYTES}),
            "‘plan.docx’ does not contain what a .docx file should",
        ),
    ],
)
def test_programs_are_refused_whatever_they_are_called(submit, media_root, name, content, message):
    response = submit(documents=[upload("fine.pdf", pdf_bytes()), upload(name, content)])

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CaseStudyPage.objects.exists()
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", pdf_bytes()),
        ("plan.docx", docx_bytes()),
        ("costs.odt", odt_bytes()),
        (
            "figures.xlsx",
            zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
        ),
        ("figures.csv", "place,homes\nLeeds,500\nYork,£12\n".encode()),
        ("notes.txt", b"Plain notes.\n"),
    ],
)
def test_real_documents_of_each_accepted_type_pass(name, content):
    assert document_problem(upload(name, content)) is None


def test_a_failure_after_the_files_are_saved_leaves_nothing_behind(submit, media_root, monkeypatch):
    def broken_start(workflow, page, user):
        raise RuntimeError("the workflow could not start")

    monkeypatch.setattr(Workflow, "start", broken_start)

    with pytest.raises(RuntimeError):
        submit(documents=[upload("report.pdf", pdf_bytes())])

    assert not CaseStudyPage.objects.exists()
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_more_than_three_documents_are_refused(submit, media_root):
    response = submit(documents=[upload(f"part-{n}.pdf", pdf_bytes()) for n in range(4)])

    assert "Choose 3 files or fewer" in response.content.decode()
    assert not CaseStudyPage.objects.exists()
    assert stored_files(media_root) == []


def test_other_mistakes_keep_the_answers_and_ask_for_the_files_again(submit):
    response = submit(
        answers(title="", components=[], permission=None),
        documents=[upload("report.pdf", pdf_bytes())],
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "Enter a title" in html
    assert "Select at least one component" in html
    assert "Confirm that you have permission to share this case study" in html
    assert "Choose the file again" in html
    assert "Damp homes made **tenants** ill, and repairs came too late." in html
    assert 'value="Leeds City Council"' in html
    assert not CaseStudyPage.objects.exists()


def test_a_link_needs_both_a_title_and_a_web_address(submit):
    response = submit(answers(link_1_title="", link_2_url="javascript:alert(1)"))

    html = response.content.decode()
    assert "Enter a title for the link" in html
    assert "Enter a web address in the correct format" in html
    assert not CaseStudyPage.objects.exists()


def test_submissions_are_rate_limited_and_the_refused_answers_are_kept(submit, rate_limits):
    rate_limits(case_study_submission="3/24h/user")
    for number in range(3):
        assert submit(answers(title=f"Case study {number}")).status_code == 302

    response = submit(answers(title="One too many"), documents=[upload("a.pdf", pdf_bytes())])

    html = response.content.decode()
    assert response.status_code == 429
    assert "You have submitted 3 case studies in the last 24 hours" in html
    assert 'value="One too many"' in html
    assert "Choose the file again" in html
    assert CaseStudyPage.objects.count() == 3
    assert not Document.objects.exists()


# -- safety ---------------------------------------------------------------------------------------


def test_script_in_the_answers_never_reaches_the_page(submit, client, reviewer, act_in_admin):
    submit(
        answers(
            summary="Fine work <script>alert('summary')</script>",
            challenge="**Bold** <script>alert('challenge')</script> [click](javascript:alert(1))",
            what_was_done="<img src=x onerror=alert(1)> done",
            outcomes='<a href="javascript:alert(2)">outcomes</a>',
        )
    )
    page = submitted_page()
    for stored in (page.challenge, page.body[0].value.source, page.outcomes):
        # What the member typed as HTML is kept as text; only Markdown makes tags.
        assert "<script" not in stored
        assert not re.search(r"<[a-z]+[^>]*(onerror|javascript:)", stored)
    assert "&lt;script&gt;alert('challenge')&lt;/script&gt;" in page.challenge
    assert "<strong>Bold</strong>" in page.challenge

    act_in_admin(reviewer, page, "approve")
    client.logout()
    html = client.get(page.url).content.decode()
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#x27;summary&#x27;)&lt;/script&gt;" in html
    assert not re.search(r"<[a-z]+[^>]*(onerror|javascript:)", html)


# -- the workflow itself --------------------------------------------------------------------------


def test_the_review_workflow_is_the_editors_and_the_library_uses_it(library):
    workflow = review_workflow()

    (task,) = [task.specific for task in workflow.tasks]
    assert [group.name for group in task.groups.all()] == ["Editors"]
    assert library.get_workflow() == workflow


def test_a_member_can_see_all_their_case_studies_on_one_page(submit, client, submitter):
    submit()
    client.force_login(submitter)

    html = client.get("/accounts/profile/").content.decode()

    assert f'href="{YOURS_URL}"' in html  # in the account navigation
    yours = client.get(YOURS_URL).content.decode()
    assert 'href="/case-studies/submit/"' in yours
    assert "In review" in yours


def test_the_members_lists_cost_the_same_however_many_case_studies_they_submitted(
    client, library, data_community, submitter, reviewer, rate_limits
):
    rate_limits(case_study_submission="100/24h/user")

    def add(count):
        for number in range(count):
            page = case_study_submit(
                library=library,
                member=submitter,
                submission=CaseStudySubmission(
                    title=f"Case study {CaseStudyPage.objects.count()}",
                    organisation="Leeds City Council",
                    organisation_type=OrganisationType.LOCAL_AUTHORITY,
                    place="Leeds",
                    place_type=PlaceType.CITY,
                    components=[data_community],
                    summary="A summary.",
                    challenge="A challenge.",
                    what_was_done="What was done.",
                    outcomes="Outcomes.",
                ),
            )
            task_state = workflow_state_of(page).current_task_state.specific
            if number % 3 == 1:
                task_state.approve(user=reviewer)
            elif number % 3 == 2:
                task_state.reject(user=reviewer, comment="Add figures.")

    add(3)
    client.force_login(submitter)
    for url in (YOURS_URL, f"/members/{submitter.handle}/"):
        assert_queries_constant(client, url, lambda: add(6), max_queries=25)


def test_deleting_an_account_deletes_its_unpublished_submissions_and_their_documents(
    submit, submitter, reviewer, act_in_admin, media_root, django_capture_on_commit_callbacks
):
    from members.privacy import erase_member

    submit(documents=[upload("report.pdf", pdf_bytes())])
    published = submitted_page()
    act_in_admin(reviewer, published, "approve")
    submit(answers(title="Heat pumps in Kirklees"), documents=[upload("draft.pdf", pdf_bytes(1))])
    draft = CaseStudyPage.objects.get(title="Heat pumps in Kirklees")
    draft_file = draft.documents.get().document.file.name

    with django_capture_on_commit_callbacks(execute=True):
        erase_member(submitter)

    assert not CaseStudyPage.objects.filter(pk=draft.pk).exists()
    assert not WorkflowState.objects.filter(object_id=str(draft.pk)).exists()
    published.refresh_from_db()
    assert published.live and published.submitted_by is None
    assert published.documents.count() == 1
    remaining = [path.name for path in stored_files(media_root)]
    assert draft_file.rsplit("/", 1)[-1] not in remaining
    assert len(remaining) == 1


def test_an_editors_comment_on_approving_is_passed_on_in_the_email(
    submit, submitter, reviewer, act_in_admin
):
    submit()
    page = submitted_page()
    mail.outbox.clear()

    act_in_admin(reviewer, page, "approve", comment="Thank you: we shortened the summary.")

    (email,) = emails_to(submitter)
    assert "Thank you: we shortened the summary." in email.body
    assert "Thank you: we shortened the summary." in email.alternatives[0][0]


def test_no_comment_means_no_editors_note_in_the_email(submit, submitter, reviewer, act_in_admin):
    submit()
    page = submitted_page()
    mail.outbox.clear()

    act_in_admin(reviewer, page, "approve")

    (email,) = emails_to(submitter)
    assert "The editors said" not in email.body


# -- who can open the documents -----------------------------------------------------------------


def opened(client, url) -> tuple[int, bytes]:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, body


def test_documents_open_only_through_the_document_view_and_only_for_those_allowed(
    submit, client, submitter, reviewer, act_in_admin, settings
):
    from wagtail_factories import ImageFactory

    content = pdf_bytes(64)
    submit(documents=[upload("tenant_survey.pdf", content)])
    page = submitted_page()
    document = page.documents.get().document
    # Where a proxy or the development server would serve the file if it were public media.
    public_address = f"{settings.MEDIA_URL}{document.file.name}"
    anonymous = None
    other_member = UserFactory()

    def as_(user, url):
        client.logout()
        if user is not None:
            client.force_login(user)
        return opened(client, url)

    # The file is not in the public media at all, so nothing that serves /media/ can give it
    # away; its only address is the document view's.
    assert not (settings.MEDIA_ROOT / document.file.name).exists()
    assert (settings.PRIVATE_MEDIA_ROOT / document.file.name).read_bytes() == content
    assert document.url == f"/documents/{document.pk}/tenant_survey.pdf"

    # In review: editors can open it; nobody else, the member who sent it included (it is for
    # the editors until they publish it).
    status, body = as_(anonymous, document.url)
    assert status == 302 and "login" in client.get(document.url).url
    assert content not in body
    for user in (other_member, submitter):
        status, body = as_(user, document.url)
        assert status != 200 and content not in body
    assert as_(reviewer, document.url) == (200, content)
    for user in (anonymous, other_member, submitter, reviewer):
        assert as_(user, public_address)[0] == 404

    act_in_admin(reviewer, page, "approve")

    # Published: everyone can open it, still only through the document view.
    for user in (anonymous, other_member, submitter, reviewer):
        assert as_(user, document.url) == (200, content)
        assert as_(user, public_address)[0] == 404

    # Images are public media, and the same server does serve them under /media/.
    image = ImageFactory()
    rendition = image.get_rendition("width-40")
    for url in (image.file.url, rendition.url):
        assert url.startswith(settings.MEDIA_URL)
        assert as_(anonymous, url)[0] == 200


def test_documents_uploaded_into_public_media_before_are_moved_out_of_it(client, settings, db):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("communities.migrations.0006_documents_leave_public_media")
    content = pdf_bytes(8)
    old_place = settings.MEDIA_ROOT / "documents" / "old_report.pdf"
    old_place.parent.mkdir(parents=True)
    old_place.write_bytes(content)
    document = Document.objects.create(title="Old report", file="documents/old_report.pdf")

    migration.move_documents_out_of_public_media(apps, None)

    assert not old_place.exists()
    assert (settings.PRIVATE_MEDIA_ROOT / "documents" / "old_report.pdf").read_bytes() == content
    assert opened(client, document.url) == (200, content)
