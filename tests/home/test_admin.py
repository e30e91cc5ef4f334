"""Editors manage every page type, and members, in the Wagtail admin."""

import pytest
from django.contrib.contenttypes.models import ContentType

from communities.library.models import CaseStudyPage
from communities.membership.models import CommunityPage
from events.models import EventPage
from home.models import StandardPage
from members.models import User
from tests.factories import (
    CaseStudyPageFactory,
    CommunityPageFactory,
    EventPageFactory,
    StandardPageFactory,
    UserFactory,
)


@pytest.fixture
def editor_client(client, db):
    editor = UserFactory(email="editor@example.org", is_staff=True, is_superuser=True)
    client.force_login(editor)
    return client


def test_editor_can_open_the_edit_form_of_every_page_type(editor_client, site_tree):
    community = CommunityPageFactory(parent=site_tree["communities"])
    pages = [
        *site_tree.values(),
        community,
        CaseStudyPageFactory(parent=site_tree["case_studies"], components=[community]),
        EventPageFactory(parent=site_tree["events"], community=community),
        StandardPageFactory(parent=site_tree["home"]),
    ]

    for page in pages:
        response = editor_client.get(f"/admin/pages/{page.id}/edit/")
        assert response.status_code == 200, (
            f"{page.specific_class.__name__}: {response.status_code}"
        )


@pytest.mark.parametrize(
    ("model", "parent_key"),
    [
        (CommunityPage, "communities"),
        (CaseStudyPage, "case_studies"),
        (EventPage, "events"),
        (StandardPage, "home"),
    ],
)
def test_editor_can_open_the_create_form_under_the_right_parent(
    editor_client, site_tree, model, parent_key
):
    content_type = ContentType.objects.get_for_model(model)
    parent = site_tree[parent_key]

    response = editor_client.get(
        f"/admin/pages/add/{content_type.app_label}/{content_type.model}/{parent.id}/"
    )

    assert response.status_code == 200


def test_a_case_study_cannot_be_created_under_the_events_index(editor_client, site_tree):
    events_index = site_tree["events"]

    response = editor_client.get(f"/admin/pages/add/communities/casestudypage/{events_index.id}/")

    assert response.status_code == 302
    assert response.url == "/admin/"


def test_editor_can_create_a_member_account_by_email(editor_client):
    response = editor_client.post(
        "/admin/users/new/",
        {
            "email": "new.member@example.org",
            "first_name": "Ada",
            "last_name": "Example",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.filter(email="new.member@example.org").exists()
