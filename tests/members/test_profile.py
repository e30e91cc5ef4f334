"""Editing one's profile, the prompt to finish it, and profile pages."""

from pathlib import Path

import pytest
from wagtail import hooks

from members.models import User
from members.profile_sections import MEMBER_PROFILE_SECTIONS_HOOK, ProfileSection
from tests.factories import CommunityPageFactory, UserFactory

PROFILE_EDIT_URL = "/accounts/profile/"
TEMPLATE_DIR = Path(__file__).parent / "templates"


def profile_data(**overrides) -> dict:
    data = {
        "display_name": "Ada Lovelace",
        "handle": "ada-lovelace",
        "organisation": "Northvale Borough Council",
        "job_title": "Head of digital",
        "sector": "local-government",
        "place": "Northvale",
        "bio": "I run the digital team.\nAsk me about open data.",
        "listed_in_directory": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def new_member(db):
    """A member who has just verified their address: no profile yet."""
    return UserFactory(display_name="", handle=None, organisation="", sector="")


@pytest.fixture
def member_client(client, new_member):
    client.force_login(new_member)
    return client


# Editing the profile ---------------------------------------------------------------------


@pytest.mark.django_db
def test_profile_form_needs_a_signed_in_member(client):
    response = client.get(PROFILE_EDIT_URL)

    assert response.status_code == 302
    assert response.url == f"/accounts/login/?next={PROFILE_EDIT_URL}"


def test_handle_is_suggested_from_the_display_name(client, db):
    UserFactory(handle="grace-hopper")
    member = UserFactory(display_name="Grace Hopper", handle=None)
    client.force_login(member)

    content = client.get(PROFILE_EDIT_URL).content.decode()

    assert 'value="grace-hopper-2"' in content
    assert "mention you in discussions" in content


def test_saving_a_profile_stores_every_field_and_confirms(member_client, new_member, site_tree):
    CommunityPageFactory(parent=site_tree["communities"], title="Data", slug="data")
    CommunityPageFactory(parent=site_tree["communities"], title="Health", slug="health")

    response = member_client.post(
        PROFILE_EDIT_URL, {**profile_data(), "interests": ["data", "health"]}, follow=True
    )

    assert response.redirect_chain == [(PROFILE_EDIT_URL, 302)]
    assert "Your profile has been saved" in response.content.decode()
    new_member.refresh_from_db()
    assert new_member.display_name == "Ada Lovelace"
    assert new_member.handle == "ada-lovelace"
    assert new_member.organisation == "Northvale Borough Council"
    assert new_member.job_title == "Head of digital"
    assert new_member.sector == "local-government"
    assert new_member.place == "Northvale"
    assert new_member.bio == "I run the digital team.\nAsk me about open data."
    assert new_member.interests == ["data", "health"]
    assert new_member.listed_in_directory is True
    assert new_member.profile_is_complete


def test_unticking_the_directory_box_hides_the_member(member_client, new_member):
    member_client.post(PROFILE_EDIT_URL, profile_data(listed_in_directory=None))

    new_member.refresh_from_db()
    assert new_member.listed_in_directory is False


def test_after_saving_the_member_returns_to_a_safe_next_page(member_client):
    response = member_client.post(PROFILE_EDIT_URL, {**profile_data(), "next": "/members/"})

    assert response.status_code == 302
    assert response.url == "/members/"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:x"]
)
def test_a_next_page_on_another_site_is_ignored(member_client, next_url):
    response = member_client.post(PROFILE_EDIT_URL, {**profile_data(), "next": next_url})

    assert response.status_code == 302
    assert response.url == PROFILE_EDIT_URL


def test_an_empty_handle_is_made_from_the_name(member_client, new_member):
    UserFactory(handle="ada-lovelace")

    member_client.post(PROFILE_EDIT_URL, profile_data(handle=""))

    new_member.refresh_from_db()
    assert new_member.handle == "ada-lovelace-2"


def test_a_handle_is_lowercased_and_loses_a_leading_at_sign(member_client, new_member):
    member_client.post(PROFILE_EDIT_URL, profile_data(handle="@Ada-Lovelace"))

    new_member.refresh_from_db()
    assert new_member.handle == "ada-lovelace"


def assert_refused(response, member: User, message: str, *kept_values: str):
    """The form came back with the message, the member's input, and nothing saved."""
    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in content
    assert "There is a problem" in content
    assert message in content
    for value in kept_values:
        assert value in content, f"{value!r} was not kept in the form"
    member.refresh_from_db()
    assert member.display_name == ""
    assert member.handle is None
    assert member.organisation == ""
    assert member.job_title == ""


def test_an_over_long_name_is_refused_and_nothing_is_saved(member_client, new_member):
    long_name = "Ada " + "L" * 80

    response = member_client.post(PROFILE_EDIT_URL, profile_data(display_name=long_name))

    assert_refused(
        response,
        new_member,
        "Your name must be 80 characters or fewer",
        f'value="{long_name}"',
        'value="Northvale Borough Council"',
        'value="Head of digital"',
    )


def test_an_over_long_organisation_is_refused(member_client, new_member):
    response = member_client.post(PROFILE_EDIT_URL, profile_data(organisation="N" * 121))

    assert_refused(response, new_member, "Organisation must be 120 characters or fewer")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("display_name", "<script>alert(1)</script>", "Enter your name as plain text"),
        ("display_name", "<b>Ada</b>", "Enter your name as plain text"),
        ("organisation", "Northvale <i>Council</i>", "Enter your organisation as plain text"),
        ("job_title", "Head of <a href=x>digital</a>", "Enter your job title as plain text"),
        ("place", "<img src=x onerror=alert(1)>", "Enter your place as plain text"),
    ],
)
def test_names_with_html_are_refused_and_shown_back_escaped(
    member_client, new_member, field, value, message
):
    response = member_client.post(PROFILE_EDIT_URL, profile_data(**{field: value}))

    content = response.content.decode()
    assert_refused(response, new_member, message, "I run the digital team.")
    assert value not in content
    assert value.replace("<", "&lt;").replace(">", "&gt;") in content
    assert new_member.place == ""


def test_a_taken_handle_is_refused_with_a_free_suggestion(member_client, new_member):
    UserFactory(handle="ada-lovelace")

    response = member_client.post(PROFILE_EDIT_URL, profile_data())

    assert_refused(
        response, new_member, "That handle is taken. Try ada-lovelace-2", 'value="ada-lovelace"'
    )


@pytest.mark.parametrize("handle", ["ab", "ada_lovelace", "-ada", "ada-", "ada lovelace", "a" * 31])
def test_an_invalid_handle_is_refused(member_client, new_member, handle):
    response = member_client.post(PROFILE_EDIT_URL, profile_data(handle=handle))

    content = response.content.decode()
    assert_refused(response, new_member, "There is a problem", 'value="Ada Lovelace"')
    assert (
        "Use 3 to 30 lowercase letters, numbers and hyphens" in content
        or "Handle must be 30 characters or fewer" in content
    )


def test_a_missing_name_and_sector_are_asked_for(member_client, new_member):
    response = member_client.post(PROFILE_EDIT_URL, profile_data(display_name="", sector=None))

    assert_refused(response, new_member, "Enter your name", "Select the sector you work in")


def test_an_unknown_interest_is_refused(member_client, new_member, site_tree):
    CommunityPageFactory(parent=site_tree["communities"], title="Data", slug="data")

    response = member_client.post(
        PROFILE_EDIT_URL, {**profile_data(), "interests": ["data", "astrology"]}
    )

    assert_refused(response, new_member, "Select a valid choice")


def test_a_refused_form_does_not_change_the_name_in_the_header(client, db):
    member = UserFactory(display_name="Grace Hopper", handle="grace")
    client.force_login(member)

    response = client.post(
        PROFILE_EDIT_URL, profile_data(display_name="Amazing Grace", handle="Not valid!")
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Grace Hopper</a>" in content  # the header still shows the saved name
    member.refresh_from_db()
    assert member.display_name == "Grace Hopper"


# The prompt to finish the profile ---------------------------------------------------------


def test_an_incomplete_profile_is_prompted_on_other_pages(member_client, site_tree):
    content = member_client.get("/").content.decode()

    assert "Your profile is not finished" in content
    assert f'href="{PROFILE_EDIT_URL}?next=/"' in content


def test_the_prompt_brings_the_member_back_to_where_they_were(member_client):
    form = member_client.get(PROFILE_EDIT_URL, {"next": "/events/?kind=webinar"})
    response = member_client.post(
        PROFILE_EDIT_URL, {**profile_data(), "next": "/events/?kind=webinar"}
    )

    assert '<input type="hidden" name="next" value="/events/?kind=webinar">' in (
        form.content.decode()
    )
    assert response.url == "/events/?kind=webinar"


def test_the_prompt_is_not_shown_on_the_profile_form_itself(member_client):
    content = member_client.get(PROFILE_EDIT_URL).content.decode()

    assert "Your profile is not finished" not in content


def test_the_prompt_goes_once_the_profile_is_complete(member_client, site_tree):
    member_client.post(PROFILE_EDIT_URL, profile_data())

    assert "Your profile is not finished" not in member_client.get("/").content.decode()


def test_the_prompt_is_not_shown_to_visitors(client, site_tree):
    assert "Your profile is not finished" not in client.get("/").content.decode()


def test_an_incomplete_profile_does_not_block_other_pages(member_client, site_tree):
    assert member_client.get("/members/").status_code == 200


# Profile pages ----------------------------------------------------------------------------


@pytest.fixture
def ada(db):
    return UserFactory(
        display_name="Ada Lovelace",
        handle="ada",
        job_title="Head of digital",
        organisation="Northvale Borough Council",
        sector="health",
        place="Northvale",
        bio="First line <script>alert('x')</script>\nSecond line",
    )


@pytest.fixture
def viewer_client(client, db):
    client.force_login(UserFactory(display_name="Grace Hopper"))
    return client


def test_profile_pages_are_for_signed_in_members_only(client, ada):
    response = client.get("/members/ada/")

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/members/ada/"


def test_a_profile_page_shows_the_members_profile(viewer_client, ada, site_tree):
    CommunityPageFactory(parent=site_tree["communities"], title="Data", slug="data")
    ada.interests = ["data"]
    ada.save()

    content = viewer_client.get("/members/ada/").content.decode()

    for text in [
        '<h1 class="govuk-heading-xl">Ada Lovelace</h1>',
        "Head of digital",
        "Northvale Borough Council",
        "NHS and health",
        "Northvale",
        "@ada",
        "Data",
        f"{ada.date_joined:%B %Y}",
    ]:
        assert text in content, text


def test_a_bio_is_escaped_plain_text_with_its_line_breaks(viewer_client, ada):
    content = viewer_client.get("/members/ada/").content.decode()

    assert "<script>alert" not in content
    assert "First line &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;<br>Second line" in content


@pytest.mark.parametrize("handle", ["nobody", "ADA", "ada-2"])
def test_an_unknown_handle_is_not_found(viewer_client, ada, handle):
    assert viewer_client.get(f"/members/{handle}/").status_code == 404


def test_a_deactivated_members_profile_is_not_found(viewer_client, ada):
    ada.is_active = False
    ada.save()

    assert viewer_client.get("/members/ada/").status_code == 404


def test_a_hidden_members_profile_is_not_found_by_others(viewer_client, ada):
    ada.listed_in_directory = False
    ada.save()

    assert viewer_client.get("/members/ada/").status_code == 404


def test_a_hidden_member_still_sees_their_own_profile(client, ada):
    ada.listed_in_directory = False
    ada.save()
    client.force_login(ada)

    response = client.get("/members/ada/")

    assert response.status_code == 200
    assert "Only you can see this page" in response.content.decode()


def test_other_apps_add_sections_to_a_profile_through_the_hook(viewer_client, ada, settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEMPLATE_DIR]}
    ]
    seen = []

    def communities_section(request, member):
        seen.append((request.user.display_name, member.handle))
        return [
            ProfileSection(
                heading="Communities",
                template_name="member_section_for_tests.html",
                context={"items": ["Data", "Health and wellbeing"]},
            )
        ]

    def posts_section(request, member):
        return [
            ProfileSection(heading="Recent posts", template_name="member_section_for_tests.html")
        ]

    def nothing_to_add(request, member):
        return None

    with (
        hooks.register_temporarily(MEMBER_PROFILE_SECTIONS_HOOK, communities_section),
        hooks.register_temporarily(MEMBER_PROFILE_SECTIONS_HOOK, nothing_to_add),
        hooks.register_temporarily(MEMBER_PROFILE_SECTIONS_HOOK, posts_section),
    ):
        content = viewer_client.get("/members/ada/").content.decode()

    assert seen == [("Grace Hopper", "ada")]
    assert content.index(">Communities</h2>") < content.index(">Recent posts</h2>")
    assert "<li>Data</li><li>Health and wellbeing</li>" in content
    assert "Items for @ada" in content
