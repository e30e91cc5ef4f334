"""Fixtures for the events tests: an upcoming event, members, its organiser and an editor."""

import pytest

from tests.factories import EventPageFactory, UserFactory


@pytest.fixture
def event(site_tree):
    return EventPageFactory(
        parent=site_tree["events"],
        title="Sharing vulnerability indices",
        slug="indices",
        capacity=2,
        ask_dietary_needs=True,
    )


@pytest.fixture
def member(db):
    return UserFactory(display_name="Priya Shah", organisation="Northvale Council")


@pytest.fixture
def other_member(db):
    return UserFactory(display_name="Tom Okafor")


@pytest.fixture
def organiser(db, event):
    user = UserFactory(display_name="Olu Organiser")
    event.organiser = user
    event.save()
    return user


@pytest.fixture
def editor(db):
    return UserFactory(display_name="Elin Editor", is_superuser=True, is_staff=True)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a function as if its transactions committed, so the emails it queues go out.

    The test's own transaction never commits, so without this nothing queued with
    transaction.on_commit would run.
    """

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def register(client, committed):
    """Signs the member in and posts the event's registration form with the answers given."""

    def register(user, event, **answers):
        client.force_login(user)
        return committed(client.post, f"{event.url}register/", answers)

    return register
