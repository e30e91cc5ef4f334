"""Organisers' pages: the attendee list with answers, approvals, invitations, working groups,
CSV export and check-in. The event's organiser and editors may use them; others get a 404."""

import csv
import datetime
import io
import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from events import services
from events.models import Invitation, Registration, RegistrationMode, WorkingGroup
from tests.events.helpers import add_registrations, sent_to
from tests.factories import RegistrationFactory, UserFactory
from tests.querycounts import count_queries

MANAGE_PAGES = ["manage/", "manage/export/", "manage/check-in/"]


@pytest.fixture
def approval_event(event):
    event.registration_mode = RegistrationMode.APPROVAL
    event.save()
    return event


@pytest.mark.parametrize("path", MANAGE_PAGES)
def test_only_the_organiser_and_editors_see_the_organisers_pages(
    client, event, organiser, editor, member, path
):
    RegistrationFactory(event=event, user=member, accessibility_needs="Wheelchair user")
    url = f"{event.url}{path}"

    anonymous = client.get(url)
    client.force_login(member)  # registered, but not an organiser
    as_member = client.get(url)
    client.force_login(UserFactory())
    as_other = client.get(url)
    client.force_login(organiser)
    as_organiser = client.get(url)
    client.force_login(editor)
    as_editor = client.get(url)

    assert [anonymous.status_code, as_member.status_code, as_other.status_code] == [404] * 3
    assert as_organiser.status_code == as_editor.status_code == 200


def test_attendee_list_shows_answers_and_stats_with_a_text_equivalent_of_the_bar(
    client, event, organiser
):
    RegistrationFactory(event=event, accessibility_needs="Step-free access", dietary_needs="Vegan")
    RegistrationFactory(event=event, state="waitlisted", waitlist_ticket=1)
    RegistrationFactory(event=event, state="pending")

    client.force_login(organiser)
    content = client.get(f"{event.url}manage/").content.decode()

    assert "Step-free access" in content and "Vegan" in content
    text = " ".join(re.sub(r"<[^>]+>", " ", content).split())
    assert "1 confirmed of 2 places (1 left)" in text
    assert "1 on the waiting list" in text and "1 waiting for approval" in text
    assert '<rect class="cp-stats__fill" width="50%"' in content


def test_special_category_answers_are_not_on_the_public_page(client, event, member):
    RegistrationFactory(event=event, user=member, accessibility_needs="Step-free access")

    client.force_login(member)
    content = client.get(event.url).content.decode()

    assert "Step-free access" not in content


def test_organiser_approves_with_a_message_and_the_member_is_emailed(
    client, approval_event, organiser, member, register, committed
):
    register(member, approval_event)
    registration = Registration.objects.get(user=member)
    assert registration.state == "pending"
    assert "We have your registration" in sent_to(mail.outbox, member)[0].subject

    client.force_login(organiser)
    response = committed(
        client.post,
        f"{approval_event.url}manage/registrations/{registration.pk}/approve/",
        {"message": "See you in Winchester"},
    )

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.state == "confirmed"
    approval = sent_to(mail.outbox, member)[-1]
    assert "approved" in approval.subject
    assert "See you in Winchester" in approval.body


def test_organiser_declines_with_a_reason_and_the_member_cannot_simply_register_again(
    client, approval_event, organiser, member, register, committed
):
    register(member, approval_event)
    registration = Registration.objects.get(user=member)

    client.force_login(organiser)
    committed(
        client.post,
        f"{approval_event.url}manage/registrations/{registration.pk}/decline/",
        {"message": "This one is for practitioners"},
    )

    registration.refresh_from_db()
    assert registration.state == "declined"
    declined = sent_to(mail.outbox, member)[-1]
    assert "not accepted" in declined.subject and "for practitioners" in declined.body
    again = register(member, approval_event)
    assert "The organisers have declined your registration." in again.content.decode()


def test_another_member_cannot_approve(client, approval_event, member, register):
    register(member, approval_event)
    registration = Registration.objects.get(user=member)

    client.force_login(UserFactory())
    response = client.post(f"{approval_event.url}manage/registrations/{registration.pk}/approve/")

    assert response.status_code == 404
    registration.refresh_from_db()
    assert registration.state == "pending"


def test_approving_into_a_full_event_puts_the_member_on_the_waiting_list(approval_event, committed):
    approval_event.capacity = 1
    approval_event.save()
    first, second = UserFactory(), UserFactory()
    pending = [
        services.registration_create(event=approval_event, user=user, answers=services.Answers())
        for user in (first, second)
    ]

    services.registration_approve(registration=pending[0])
    second_registration = committed(services.registration_approve, registration=pending[1])

    assert second_registration.state == "waitlisted"
    assert "waiting list" in sent_to(mail.outbox, second)[-1].subject


def invitation_link(message) -> str:
    return re.search(r"http://testserver(\S+invitation=\S+)", message.body).group(1)


def test_invited_member_registers_once_with_their_link_for_an_invitation_only_event(
    client, event, organiser, member, committed
):
    event.registration_mode = RegistrationMode.INVITATION
    event.save()
    client.force_login(organiser)
    committed(
        client.post,
        f"{event.url}manage/invitations/",
        {"emails": f"{member.email}\nnot-a-member@example.org"},
    )
    (invitation_email,) = [m for m in mail.outbox if m.to == [member.email]]
    link = invitation_link(invitation_email)
    assert Invitation.objects.filter(event=event).count() == 2

    client.force_login(member)
    form = client.get(link)
    token = re.search(r"invitation=(\S+)", link).group(1)
    response = committed(client.post, f"{event.url}register/", {"invitation": token})

    assert form.status_code == 200 and "by invitation only" not in form.content.decode()
    assert response.status_code == 302
    assert Registration.objects.get(user=member).state == "confirmed"
    assert Invitation.objects.get(email=member.email).used_at is not None
    # Single use: the link does nothing more for anyone.
    client.force_login(UserFactory())
    assert "already been used" in client.get(link).content.decode()


def test_an_invitation_is_tied_to_its_address_and_expires(client, event, member):
    event.registration_mode = RegistrationMode.INVITATION
    event.save()
    (invitation,) = services.invitations_create(
        event=event, emails=["someone.else@example.org"], invited_by=None
    )
    token = "known-token"
    Invitation.objects.filter(pk=invitation.pk).update(token_hash=services.hash_token(token))

    client.force_login(member)
    wrong_address = client.post(f"{event.url}register/", {"invitation": token})
    EmailAddress.objects.create(user=member, email="someone.else@example.org", verified=True)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    expired = client.post(f"{event.url}register/", {"invitation": token})

    assert "was sent to someone.else@example.org" in wrong_address.content.decode()
    assert "This invitation has expired" in expired.content.decode()
    assert not Registration.objects.exists()


def test_organiser_assigns_a_working_group(client, event, organiser, member):
    event.working_groups.add(WorkingGroup(name="Data standards"))
    event.save()
    group = WorkingGroup.objects.get(name="Data standards")
    registration = RegistrationFactory(event=event, user=member)

    client.force_login(organiser)
    manage_page = client.get(f"{event.url}manage/").content.decode()
    client.post(f"{event.url}manage/registrations/{registration.pk}/group/", {"group": group.pk})

    assert "Data standards" in manage_page
    registration.refresh_from_db()
    assert registration.working_group == group


def test_csv_export_has_every_answer_and_is_safe_against_formula_injection(
    client, event, organiser
):
    RegistrationFactory(
        event=event,
        user=UserFactory(display_name='=HYPERLINK("http://evil")'),
        organisation="+Northvale",
        dietary_needs="@SUM(A1)",
        accessibility_needs="Hearing loop",
        custom_answers=[{"question_id": 9, "question": "Strand", "answer": "-1"}],
    )

    client.force_login(organiser)
    response = client.get(f"{event.url}manage/export/")

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, row = rows[0], rows[1]
    record = dict(zip(header, row, strict=False))
    assert record["Name"] == '\'=HYPERLINK("http://evil")'
    assert record["Organisation"] == "'+Northvale"
    assert record["Dietary needs"] == "'@SUM(A1)"
    assert record["Accessibility needs"] == "Hearing loop"
    assert record["Status"] == "Confirmed"


def test_check_in_marks_attendance_and_can_be_undone(client, event, organiser, member):
    registration = RegistrationFactory(event=event, user=member)
    client.force_login(organiser)

    check_in = f"{event.url}manage/check-in/"
    page = client.get(check_in).content.decode()
    client.post(check_in, {"registration": registration.pk, "attended": "yes"})
    registration.refresh_from_db()
    checked_in = registration.state
    client.post(check_in, {"registration": registration.pk, "attended": "no"})
    registration.refresh_from_db()

    assert member.display_name in page
    assert checked_in == "attended"
    assert registration.state == "confirmed" and registration.checked_in_at is None


def test_check_in_breadcrumbs_lead_back_to_the_event_and_its_registrations(
    client, event, organiser
):
    client.force_login(organiser)

    page = client.get(f"{event.url}manage/check-in/").content.decode()

    crumbs = page.split('aria-label="Breadcrumb"')[1].split("</nav>")[0]
    links = re.findall(r'href="([^"]+)">([^<]+)</a>', crumbs)
    assert links == [
        ("/", "Home"),
        ("/events/", event.get_parent().title),
        (event.url, event.title),
        (f"{event.url}manage/", "Manage registrations"),
    ]


def test_organisers_pages_render_500_registrations_in_a_bounded_number_of_queries(
    client, event, organiser
):
    event.capacity = None
    event.working_groups.add(WorkingGroup(name="Group A"))
    event.save()
    client.force_login(organiser)
    add_registrations(event, 5)
    urls = [f"{event.url}{path}" for path in ("manage/", "manage/check-in/", "manage/export/")]
    for url in urls:
        client.get(url)  # warm the per-process caches
    small = [count_queries(client, url) for url in urls]

    add_registrations(event, 495)
    large = [count_queries(client, url) for url in urls]

    assert small == large
    assert max(large) <= 25


def test_invitations_with_a_bad_address_are_refused_with_the_input_kept(client, event, organiser):
    client.force_login(organiser)

    response = client.post(
        f"{event.url}manage/invitations/", {"emails": "good@example.org\nnot an address"}
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in content and "not an address" in content
    assert "good@example.org" in content  # what they typed is still there
    assert not Invitation.objects.exists()
