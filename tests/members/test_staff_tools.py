"""Staff tools in the Wagtail admin: finding members, their verification state, and access."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from wagtail.models import ModelLogEntry

from members.models import User
from tests.factories import UserFactory
from tests.querycounts import assert_queries_constant

MEMBERS_URL = "/admin/members/"
PASSWORD = "correct horse battery staple"


def staff_member(*permission_codenames: str, **fields) -> User:
    """A staff member in a group with admin access and the given members.* permissions."""
    group = Group.objects.create(name=f"Staff {Group.objects.count()}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="members", codename__in=permission_codenames
        ),
    )
    staff = UserFactory(is_staff=True, **fields)
    staff.groups.add(group)
    return staff


@pytest.fixture
def staff_client(client, db):
    client.force_login(staff_member("change_user", display_name="Sam Staff"))
    return client


@pytest.fixture
def ada(db):
    return UserFactory(
        email="ada@example.org",
        display_name="Ada Lovelace",
        organisation="Northvale Borough Council",
    )


@pytest.fixture
def unverified(db):
    return UserFactory(
        email="grace@example.org",
        display_name="Grace Hopper",
        organisation="NHS Southmoor",
        verified=False,
    )


def listed_emails(response) -> list[str]:
    """The email addresses in the listing's table (the admin's own menu shows the staff's)."""
    rows = "".join(re.findall(r"<tbody.*?</tbody>", response.content.decode(), flags=re.S))
    return sorted(set(re.findall(r"[\w.]+@example\.org", rows)))


def row_for(response, email: str) -> str:
    """The listing's table row that holds this email address."""
    for row in re.findall(r"<tr.*?</tr>", response.content.decode(), flags=re.S):
        if email in row:
            return row
    raise AssertionError(f"{email} is not listed")


# Who may use the tools --------------------------------------------------------------------


@pytest.mark.django_db
def test_visitors_are_sent_to_the_admin_sign_in(client, ada):
    response = client.get(MEMBERS_URL)

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_members_without_admin_access_get_nothing(client, ada):
    client.force_login(UserFactory())

    response = client.get(MEMBERS_URL)

    assert response.status_code == 302
    assert response.url == f"/admin/login/?next={MEMBERS_URL}"


def test_members_cannot_deactivate_anyone(client, ada):
    client.force_login(UserFactory())

    client.post(f"{MEMBERS_URL}{ada.pk}/deactivate/")

    ada.refresh_from_db()
    assert ada.is_active


def test_staff_without_the_change_user_permission_are_refused(client, ada):
    client.force_login(staff_member())

    listing = client.get(MEMBERS_URL)
    deactivation = client.post(f"{MEMBERS_URL}{ada.pk}/deactivate/")

    # Wagtail answers a refused permission with a redirect to the dashboard and a message.
    assert (listing.status_code, listing.url) == (302, "/admin/")
    assert (deactivation.status_code, deactivation.url) == (302, "/admin/")
    ada.refresh_from_db()
    assert ada.is_active


def test_staff_with_the_permission_see_the_members_menu_item(staff_client):
    content = staff_client.get("/admin/").content.decode()

    assert MEMBERS_URL in content


def test_the_menu_item_is_hidden_from_staff_without_the_permission(client, db):
    client.force_login(staff_member())

    assert MEMBERS_URL not in client.get("/admin/").content.decode()


# Finding members --------------------------------------------------------------------------


def test_the_listing_shows_verification_activity_and_dates(staff_client, ada, unverified):
    ada.last_login = ada.date_joined
    ada.save()
    User.objects.filter(pk=unverified.pk).update(is_active=False)

    response = staff_client.get(MEMBERS_URL)

    assert response.status_code == 200
    ada_row = row_for(response, "ada@example.org")
    grace_row = row_for(response, "grace@example.org")
    assert "Ada Lovelace" in ada_row
    assert "Northvale Borough Council" in ada_row
    assert "Verified" in ada_row and "Not verified" not in ada_row
    assert "Active" in ada_row and "Deactivated" not in ada_row
    assert "Not verified" in grace_row
    assert "Deactivated" in grace_row
    assert f"{ada.date_joined:%Y}" in ada_row


def test_verification_is_of_the_sign_in_address(staff_client, ada):
    """A verified second address does not make an unverified sign-in address verified."""
    EmailAddress.objects.filter(user=ada).update(verified=False)
    EmailAddress.objects.create(user=ada, email="ada.new@example.org", verified=True)

    response = staff_client.get(MEMBERS_URL, {"q": "Lovelace"})

    assert "Not verified" in row_for(response, "ada@example.org")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("grace@example", ["grace@example.org"]),
        ("lovelace", ["ada@example.org"]),
        ("southmoor", ["grace@example.org"]),
    ],
)
def test_staff_find_members_by_email_name_or_organisation(
    staff_client, ada, unverified, query, expected
):
    response = staff_client.get(MEMBERS_URL, {"q": query})

    assert listed_emails(response) == expected


def test_filter_by_verification(staff_client, ada, unverified):
    unverified_only = staff_client.get(MEMBERS_URL, {"email_verified": "false"})
    verified_only = staff_client.get(MEMBERS_URL, {"email_verified": "true"})

    assert "grace@example.org" in listed_emails(unverified_only)
    assert "ada@example.org" not in listed_emails(unverified_only)
    assert "ada@example.org" in listed_emails(verified_only)
    assert "grace@example.org" not in listed_emails(verified_only)


def test_filter_by_activity(staff_client, ada, unverified):
    User.objects.filter(pk=ada.pk).update(is_active=False)

    inactive_only = staff_client.get(MEMBERS_URL, {"is_active": "false"})

    assert listed_emails(inactive_only) == ["ada@example.org"]


def test_the_listing_query_count_does_not_grow_with_members(staff_client, ada, unverified):
    def grow():
        UserFactory.create_batch(15)
        UserFactory.create_batch(15, verified=False)

    assert_queries_constant(staff_client, MEMBERS_URL, grow, max_queries=20)


# Deactivating and reactivating ------------------------------------------------------------


def test_deactivation_asks_for_confirmation_first(staff_client, ada):
    response = staff_client.get(f"{MEMBERS_URL}{ada.pk}/deactivate/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Ada Lovelace (ada@example.org) will be signed out" in content
    assert "Yes, deactivate" in content
    ada.refresh_from_db()
    assert ada.is_active


def test_deactivation_stops_the_member_signing_in_and_is_audited(client, ada):
    staff = staff_member("change_user")
    client.force_login(staff)

    response = client.post(f"{MEMBERS_URL}{ada.pk}/deactivate/", follow=True)

    assert response.redirect_chain[-1] == (MEMBERS_URL, 302)
    assert "Ada Lovelace can no longer sign in" in response.content.decode()
    ada.refresh_from_db()
    assert not ada.is_active
    entry = ModelLogEntry.objects.get(action="members.deactivate")
    assert entry.object_id == str(ada.pk)
    assert entry.user_id == staff.pk
    assert "Ada" not in entry.label and "ada@" not in entry.label  # no personal data

    client.logout()
    login = client.post("/accounts/login/", {"login": "ada@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert login.status_code in (200, 302)


def test_deactivation_ends_the_members_open_sessions(client, ada):
    member_client = client.__class__()
    member_client.force_login(ada)
    client.force_login(staff_member("change_user"))

    client.post(f"{MEMBERS_URL}{ada.pk}/deactivate/")

    response = member_client.get("/notifications/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_reactivation_lets_the_member_sign_in_again_and_is_audited(client, ada):
    User.objects.filter(pk=ada.pk).update(is_active=False)
    staff = staff_member("change_user")
    client.force_login(staff)

    confirmation = client.get(f"{MEMBERS_URL}{ada.pk}/reactivate/")
    response = client.post(f"{MEMBERS_URL}{ada.pk}/reactivate/", follow=True)

    assert "Yes, reactivate" in confirmation.content.decode()
    assert "Ada Lovelace can sign in again" in response.content.decode()
    ada.refresh_from_db()
    assert ada.is_active
    assert ModelLogEntry.objects.filter(
        action="members.reactivate", object_id=str(ada.pk), user=staff
    ).exists()

    client.logout()
    client.post("/accounts/login/", {"login": "ada@example.org", "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(ada.pk)


def test_the_members_history_shows_the_audit_trail(staff_client, ada):
    staff_client.post(f"{MEMBERS_URL}{ada.pk}/deactivate/")
    staff_client.post(f"{MEMBERS_URL}{ada.pk}/reactivate/")

    response = staff_client.get(f"{MEMBERS_URL}{ada.pk}/history/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Account deactivated" in content
    assert "Account reactivated" in content


def test_deactivating_twice_changes_nothing_more(staff_client, ada):
    staff_client.post(f"{MEMBERS_URL}{ada.pk}/deactivate/")
    response = staff_client.post(f"{MEMBERS_URL}{ada.pk}/deactivate/", follow=True)

    assert "was already deactivated" in response.content.decode()
    assert ModelLogEntry.objects.filter(action="members.deactivate").count() == 1


def test_deactivation_needs_a_post(staff_client, ada):
    staff_client.get(f"{MEMBERS_URL}{ada.pk}/deactivate/")

    ada.refresh_from_db()
    assert ada.is_active


def test_staff_cannot_deactivate_themselves(client, db):
    staff = staff_member("change_user")
    client.force_login(staff)

    response = client.post(f"{MEMBERS_URL}{staff.pk}/deactivate/")

    assert (response.status_code, response.url) == (302, "/admin/")
    staff.refresh_from_db()
    assert staff.is_active


def test_only_a_superuser_can_deactivate_a_superuser(client, db):
    superuser = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff_member("change_user"))

    client.post(f"{MEMBERS_URL}{superuser.pk}/deactivate/")
    superuser.refresh_from_db()
    assert superuser.is_active

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    client.post(f"{MEMBERS_URL}{superuser.pk}/deactivate/")
    superuser.refresh_from_db()
    assert not superuser.is_active


def test_an_unknown_member_is_not_found(staff_client, db):
    assert staff_client.get(f"{MEMBERS_URL}999999/deactivate/").status_code == 404
