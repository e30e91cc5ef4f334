"""The site-wide member directory, and the listing other apps reuse."""

import re

import pytest
from django.template.loader import render_to_string

from members.models import User
from members.views import directory_context
from tests.factories import CommunityPageFactory, MembershipFactory, UserFactory
from tests.querycounts import assert_queries_constant

DIRECTORY_URL = "/members/"


@pytest.fixture
def viewer(db):
    return UserFactory(display_name="Viewer Person", organisation="Viewing Office")


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


@pytest.fixture
def members(db):
    return {
        "ada": UserFactory(
            display_name="Ada Lovelace",
            handle="ada",
            organisation="Northvale Borough Council",
            job_title="Head of data",
            sector="local-government",
            place="Northvale",
        ),
        "grace": UserFactory(
            display_name="Grace Hopper",
            handle="grace",
            organisation="NHS Southmoor",
            job_title="Chief clinical information officer",
            sector="health",
            place="Southmoor",
        ),
        "katherine": UserFactory(
            display_name="Katherine Johnson",
            handle="katherine",
            organisation="University of Eastfield",
            job_title="Researcher",
            sector="academic",
            place="Eastfield",
        ),
    }


def listed_names(response) -> list[str]:
    return re.findall(
        r'<a class="govuk-link" href="/members/[^/]+/">([^<]+)</a>', response.content.decode()
    )


@pytest.mark.django_db
def test_the_directory_is_for_signed_in_members_only(client):
    response = client.get(DIRECTORY_URL)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={DIRECTORY_URL}"


def test_the_directory_lists_members_by_name_with_links_to_profiles(viewer_client, members):
    response = viewer_client.get(DIRECTORY_URL)

    content = response.content.decode()
    assert listed_names(response) == [
        "Ada Lovelace",
        "Grace Hopper",
        "Katherine Johnson",
        "Viewer Person",
    ]
    assert '<a class="govuk-link" href="/members/ada/">Ada Lovelace</a>' in content
    assert "Northvale Borough Council" in content
    assert "NHS and health" in content
    assert "4 members" in content


def test_hidden_deactivated_and_handleless_members_never_appear(viewer_client, members):
    UserFactory(display_name="Hidden Ada", handle="hidden-ada", listed_in_directory=False)
    UserFactory(display_name="Gone Ada", handle="gone-ada", is_active=False)
    UserFactory(display_name="Nameless Ada", handle=None)

    for url in [DIRECTORY_URL, f"{DIRECTORY_URL}?q=Ada", f"{DIRECTORY_URL}?q=hidden"]:
        content = viewer_client.get(url).content.decode()
        assert "Hidden Ada" not in content
        assert "Gone Ada" not in content
        assert "Nameless Ada" not in content


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("grace", ["Grace Hopper"]),
        ("northvale council", ["Ada Lovelace"]),
        ("Eastfield", ["Katherine Johnson"]),
        ("clinical", ["Grace Hopper"]),
        ("nobody-like-this", []),
    ],
)
def test_search_finds_members_by_name_organisation_place_or_job(
    viewer_client, members, query, expected
):
    response = viewer_client.get(DIRECTORY_URL, {"q": query})

    assert listed_names(response) == expected
    assert f'value="{query}"' in response.content.decode()  # the search is kept in the form


def test_no_match_says_so(viewer_client, members):
    content = viewer_client.get(DIRECTORY_URL, {"q": "zebra"}).content.decode()

    assert "No members match your search" in content
    assert "Clear search" in content


def test_the_sector_filter_narrows_the_list(viewer_client, members):
    response = viewer_client.get(DIRECTORY_URL, {"sector": "academic"})

    assert listed_names(response) == ["Katherine Johnson"]
    assert '<option value="academic" selected>' in response.content.decode()


def test_search_and_sector_combine(viewer_client, members):
    assert listed_names(viewer_client.get(DIRECTORY_URL, {"q": "a", "sector": "health"})) == [
        "Grace Hopper"
    ]


def error_summary(content: str) -> str:
    assert 'class="govuk-error-summary"' in content, "no error summary"
    return content.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]


def test_an_unknown_sector_is_explained_and_the_search_still_applies(viewer_client, members):
    response = viewer_client.get(
        DIRECTORY_URL, {"q": "council", "sector": "<script>alert(1)</script>"}
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: Search results – Member directory" in content
    summary = error_summary(content)
    assert '<a href="#id_sector">Choose a sector from the list</a>' in summary
    assert content.count('id="id_sector"') == 1
    assert "Select a valid choice" not in content
    assert "<script>alert(1)" not in content
    assert listed_names(response) == ["Ada Lovelace"]  # the search for "council" still applies
    assert 'value="council"' in content


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("x" * 101, "Name, organisation, job title or place must be 100 characters or fewer"),
        ("ada\x00", "Name, organisation, job title or place must not include hidden characters"),
    ],
)
def test_a_search_it_cannot_take_is_explained_and_the_sector_still_applies(
    viewer_client, members, q, message
):
    response = viewer_client.get(DIRECTORY_URL, {"q": q, "sector": "health"})

    assert response.status_code == 200
    assert f'<a href="#id_q">{message}</a>' in error_summary(response.content.decode())
    assert listed_names(response) == ["Grace Hopper"]


def test_a_communitys_member_list_explains_a_bad_sector_the_same_way(
    viewer_client, viewer, members, site_tree
):
    forum = CommunityPageFactory(parent=site_tree["communities"], title="Data", slug="data")
    for member in [viewer, members["ada"], members["grace"]]:
        MembershipFactory(community=forum, member=member)

    response = viewer_client.get("/communities/data/members/", {"q": "a", "sector": "nope"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "<title>Error: Members – Data" in content
    assert "Choose a sector from the list" in error_summary(content)
    assert listed_names(response) == ["Ada Lovelace", "Grace Hopper"]


def test_the_directory_is_paginated_by_thirty(viewer_client, viewer, db):
    UserFactory.create_batch(31, organisation="Westshire County Council")

    first = viewer_client.get(DIRECTORY_URL, {"q": "Westshire"})
    second = viewer_client.get(DIRECTORY_URL, {"q": "Westshire", "page": 2})

    assert len(listed_names(first)) == 30
    assert len(listed_names(second)) == 1
    assert "31 members match your search" in first.content.decode()
    assert 'href="?q=Westshire&amp;page=2"' in first.content.decode()


def test_the_directory_query_count_does_not_grow_with_members(viewer_client, members):
    assert_queries_constant(
        viewer_client,
        DIRECTORY_URL,
        lambda: UserFactory.create_batch(40),
        max_queries=7,
    )


def test_another_app_can_list_a_subset_of_members_the_same_way(rf, viewer, members):
    request = rf.get("/communities/data/members/", {"q": "a"})
    request.user = viewer
    subset = User.objects.filter(handle__in=["ada", "katherine"])

    context = directory_context(request, members=subset)
    html = render_to_string("members/includes/directory.html", context, request=request)

    assert [member.handle for member in context["directory_page"]] == ["ada", "katherine"]
    assert 'action="/communities/data/members/"' in html
    assert "Ada Lovelace" in html
    assert "Grace Hopper" not in html


def test_the_listing_of_a_subset_still_leaves_out_hidden_members(rf, viewer, members):
    members["ada"].listed_in_directory = False
    members["ada"].save()
    request = rf.get("/communities/data/members/")
    request.user = viewer

    context = directory_context(request, members=User.objects.filter(handle__in=["ada", "grace"]))

    assert [member.handle for member in context["directory_page"]] == ["grace"]
