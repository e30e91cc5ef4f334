"""Factories for the page tree and members, shared by the whole suite."""

import datetime

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, Site

from communities.library.models import CaseStudyIndexPage, CaseStudyPage, PlaceType
from communities.membership.models import CommunityIndexPage, CommunityPage, JoinPolicy
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
    communities.forum.services.post_reply for that, or `reply_to_thread`."""

    class Meta:
        model = "communities.Post"

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    number = 1
    body_markdown = "A reply with **some** detail."


def reply_to_thread(thread, author, body="Thanks, this helps.", **kwargs):
    """A published reply numbered after the thread's last post, counters kept in step."""
    from communities.forum.models import Post, Thread

    number = thread.reply_count + 2
    post = Post.objects.create(
        thread=thread, author=author, number=number, body_markdown=body, **kwargs
    )
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=number - 1, last_activity_at=post.created_at, last_poster=author
    )
    thread.refresh_from_db()
    return post


# -- the case-study library ----------------------------------------------------------------------


class TaggedCaseStudyPageFactory(CaseStudyPageFactory):
    """A case study with theme tags: pass tags=["sensors", "open data"]."""

    @factory.post_generation
    def tags(page, create, extracted, **kwargs):
        if create and extracted:
            page.tags.add(*extracted)
            page.save()


def bulk_case_studies(parent, count, *, make=None):
    """`count` live case studies under `parent` in a few bulk inserts, for tests at library
    scale (Page.add_child costs several queries and a save per page).

    `make(number)` returns each one's fields, which may include "components" (community
    pages) and "tags" (names). Tree paths continue after the parent's last child; each batch
    goes into wagtailcore_page (returning the ids) and then the case-study table, as Django
    saves one multi-table page. No revisions, signals or search indexing.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.models import F
    from taggit.models import Tag

    from communities.library.models import CaseStudyTag

    content_type = ContentType.objects.get_for_model(CaseStudyPage)
    # child_of, not get_children: treebeard answers "no children" from a stale numchild.
    last_path = Page.objects.child_of(parent).order_by("-path").values_list("path", flat=True)[:1]
    last_path = last_path[0] if last_path else None
    step = Page._str2int(last_path[-Page.steplen :]) if last_path else 0
    now = timezone.now()
    pages, components, tags = [], [], []
    for number in range(count):
        fields = {
            "title": f"Bulk case study {number}",
            "organisation": "Leeds City Council",
            "place": "Leeds",
            "place_type": PlaceType.CITY,
            "summary": "Sensors in social housing help tenants stay well.",
            "published_date": datetime.date(2024, 6, 1),
            **(make(number) if make else {}),
        }
        components.append(fields.pop("components", ()))
        tags.append(fields.pop("tags", ()))
        step += 1
        slug = fields.pop("slug", f"bulk-case-study-{step}")
        pages.append(
            CaseStudyPage(
                slug=slug,
                path=Page._get_path(parent.path, parent.depth + 1, step),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                locale_id=parent.locale_id,
                draft_title=fields["title"],
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                **fields,
            )
        )
    page_fields = [f for f in Page._meta.local_concrete_fields if not f.primary_key]
    own_fields = CaseStudyPage._meta.local_concrete_fields
    batch_size = connection.ops.bulk_batch_size(page_fields, pages) or len(pages)
    for start in range(0, len(pages), batch_size):
        batch = pages[start : start + batch_size]
        rows = Page._base_manager._insert(
            batch, fields=page_fields, returning_fields=[Page._meta.pk]
        )
        for page, (pk,) in zip(batch, rows, strict=True):
            page.id = page.page_ptr_id = pk
            page._state.adding = False
        CaseStudyPage._base_manager._insert(batch, fields=own_fields)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    tag_ids = {
        name: Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0].pk
        for name in {name for names in tags for name in names}
    }
    CaseStudyPage.components.through.objects.bulk_create(
        CaseStudyPage.components.through(casestudypage_id=page.pk, communitypage_id=community.pk)
        for page, communities in zip(pages, components, strict=True)
        for community in communities
    )
    CaseStudyTag.objects.bulk_create(
        CaseStudyTag(content_object_id=page.pk, tag_id=tag_ids[name])
        for page, names in zip(pages, tags, strict=True)
        for name in names
    )
    return pages
