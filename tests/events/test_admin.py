"""The event editor in the Wagtail admin: the organiser is picked with a searchable chooser, so
the edit page does not grow with the number of members."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from members.models import User
from tests.factories import UserFactory
from tests.querycounts import count_queries

CHOOSER = "/admin/event_organiser_chooser/"


def add_members(count, *, prefix="crowd"):
    start = User.objects.count()
    User.objects.bulk_create(
        User(
            email=f"{prefix}{start + n}@example.org",
            display_name=f"Crowd Member {start + n}",
            organisation="Crowd Council",
        )
        for n in range(count)
    )


def test_the_event_edit_page_has_an_organiser_chooser_not_a_list_of_every_member(
    client, event, organiser, editor
):
    client.force_login(editor)
    edit_url = f"/admin/pages/{event.pk}/edit/"
    add_members(5)
    client.get(edit_url)  # warm the per-process caches
    small = count_queries(client, edit_url)

    add_members(300)
    large = count_queries(client, edit_url)
    page = client.get(edit_url).content.decode()

    assert large == small and large <= 40
    assert "Crowd Member" not in page and "crowd1@example.org" not in page
    assert "Olu Organiser" in page  # the chosen organiser is shown
    assert CHOOSER in page  # and can be changed through the chooser
    assert 'name="organiser"' in page


def chooser_html(response) -> str:
    """The modal (JSON for the modal script) or, when searching, the results fragment (HTML)."""
    assert response.status_code == 200
    if response["Content-Type"] == "application/json":
        return response.json()["html"]
    return response.content.decode()


def test_the_organiser_chooser_finds_active_members_by_name_email_or_organisation(
    client, editor, member, other_member
):
    UserFactory(display_name="Priya Gone", is_active=False)
    add_members(30)
    client.force_login(editor)

    by_name = chooser_html(client.get(CHOOSER, {"q": "priya"}))
    by_organisation = chooser_html(client.get(f"{CHOOSER}results/", {"q": "northvale"}))
    by_email = chooser_html(client.get(f"{CHOOSER}results/", {"q": other_member.email}))
    unfiltered = chooser_html(client.get(CHOOSER))

    assert "Priya Shah" in by_name and member.email in by_name
    assert "Tom Okafor" not in by_name and "Priya Gone" not in by_name
    assert "Priya Shah" in by_organisation and "Crowd Member" not in by_organisation
    assert "Tom Okafor" in by_email and "Priya Shah" not in by_email
    assert unfiltered.count("Crowd Member") == 20  # one page of results, not everyone
    chosen = client.get(f"{CHOOSER}chosen/{member.pk}/").json()
    assert chosen["step"] == "chosen"
    assert chosen["result"] == {
        "id": str(member.pk),
        "title": "Priya Shah",
        "edit_url": f"/admin/users/edit/{member.pk}/",
    }


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_only_admin_users_can_use_the_organiser_chooser(client, member, who):
    if who == "member":
        client.force_login(member)

    response = client.get(CHOOSER, {"q": "priya"})

    assert response.status_code in (302, 403)
    assert "Priya Shah" not in response.content.decode()


def test_an_editor_sets_the_organiser_through_the_chooser_field(client, event, editor, member):
    form = nested_form_data(
        {
            "title": event.title,
            "slug": event.slug,
            "kind": event.kind,
            "summary": event.summary,
            "starts_at": event.local_starts_at.strftime("%Y-%m-%d %H:%M"),
            "ends_at": event.local_ends_at.strftime("%Y-%m-%d %H:%M"),
            "time_zone": event.time_zone,
            "attendance_mode": event.attendance_mode,
            "venue_name": event.venue_name,
            "venue_address": event.venue_address,
            "body": streamfield([]),
            "report": streamfield([]),
            "registration_mode": "open",
            "organiser": member.pk,
            "capacity": event.capacity,
            "waitlist_enabled": "on",
            "free_text_question": "",
            "questions": inline_formset([]),
            "working_groups": inline_formset([]),
            "calls_to_action": inline_formset([]),
            "related_case_studies": inline_formset([]),
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    client.force_login(editor)

    response = client.post(f"/admin/pages/{event.pk}/edit/", form)

    assert response.status_code == 302, response.content.decode()[:2000]
    event.refresh_from_db()
    assert event.organiser == member
