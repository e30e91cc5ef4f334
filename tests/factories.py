"""Factories for the page tree and members, shared by the whole suite."""

import datetime

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, Site

from communities.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    CommunityIndexPage,
    CommunityPage,
    JoinPolicy,
    PlaceType,
)
from events.models import AttendanceMode, EventIndexPage, EventKind, EventPage
from home.models import HomePage, StandardPage
from members.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"member{n}@example.org")
    display_name = factory.Faker("name", locale="en_GB")
    handle = factory.Sequence(lambda n: f"member-{n}")
    organisation = "Northvale Borough Council"
    sector = "local-government"
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def verified(user, create, extracted, **kwargs):
        if create:
            user.save()
            if extracted is not False:
                EmailAddress.objects.create(
                    user=user, email=user.email, verified=True, primary=True
                )


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Connected Places"
    slug = "home"
    intro = "Public-sector digital leaders sharing what works."


class CommunityIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CommunityIndexPage

    title = "Communities"
    slug = "communities"
    show_in_menus = True


class CommunityPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CommunityPage

    title = factory.Sequence(lambda n: f"Community {n}")
    summary = "Places where people and communities thrive."
    join_policy = JoinPolicy.OPEN


class CaseStudyIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseStudyIndexPage

    title = "Case studies"
    slug = "case-studies"
    show_in_menus = True


class CaseStudyPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CaseStudyPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Case study {n}")
    organisation = "Leeds City Council"
    place = "Leeds"
    place_type = PlaceType.CITY
    summary = "Sensors in social housing help tenants stay well."
    published_date = datetime.date(2024, 6, 1)

    @factory.post_generation
    def components(page, create, extracted, **kwargs):
        if create and extracted:
            page.components.set(extracted)
            page.save()


class EventIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Events"
    slug = "events"
    show_in_menus = True


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Event {n}")
    kind = EventKind.WORKSHOP
    summary = "A practical session for people doing the work."
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=21))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + datetime.timedelta(hours=3))
    attendance_mode = AttendanceMode.IN_PERSON
    venue_name = "Civic Centre"


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Standard page {n}")
    intro = "What this page is about."


def build_site_tree():
    """A home page as the default site's root, with the three index pages beneath it."""
    root = Page.get_first_root_node()
    # Replace the "Welcome to Wagtail" page that wagtailcore's migrations create.
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "site_name": "Connected Places"},
    )
    return {
        "home": home,
        "communities": CommunityIndexPageFactory(parent=home),
        "case_studies": CaseStudyIndexPageFactory(parent=home),
        "events": EventIndexPageFactory(parent=home),
    }


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration made directly (no emails, no seat checks): for setting a scene."""

    class Meta:
        model = "events.Registration"

    event = factory.SubFactory(EventPageFactory)
    user = factory.SubFactory(UserFactory)
    state = "confirmed"


# -- communities: membership and discussions ------------------------------------------------------


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active member of a community (pass role="facilitator" or status="pending")."""

    class Meta:
        model = "communities.Membership"

    community = factory.SubFactory(CommunityPageFactory)
    member = factory.SubFactory(UserFactory)
    role = "member"
    status = "active"
    joined_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    requested_at = factory.LazyAttribute(lambda membership: membership.joined_at or timezone.now())


class ThreadFactory(factory.django.DjangoModelFactory):
    """A thread with its opening post (number 1) by the thread's author."""

    class Meta:
        model = "communities.Thread"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"How do you share data between services? ({n})")
    slug = factory.LazyAttribute(lambda thread: slugify(thread.title)[:80])
    author = factory.SubFactory(UserFactory)

    @factory.post_generation
    def opening_post(thread, create, extracted, **kwargs):
        if create:
            PostFactory(
                thread=thread,
                author=thread.author,
                number=1,
                body_markdown=extracted or "We are starting out. What worked for you?",
            )


class PostFactory(factory.django.DjangoModelFactory):
    """A published post. Replies made this way do not move the thread's counters: use
    communities.services.discussions.post_reply for that, or `reply_to_thread`."""

    class Meta:
        model = "communities.Post"

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    number = 1
    body_markdown = "A reply with **some** detail."


def reply_to_thread(thread, author, body="Thanks, this helps.", **kwargs):
    """A published reply numbered after the thread's last post, counters kept in step."""
    from communities.models import Post, Thread

    number = thread.reply_count + 2
    post = Post.objects.create(
        thread=thread, author=author, number=number, body_markdown=body, **kwargs
    )
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=number - 1, last_activity_at=post.created_at, last_poster=author
    )
    thread.refresh_from_db()
    return post
