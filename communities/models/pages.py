import datetime

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import RICH_TEXT_FEATURES, StoryBlock


class JoinPolicy(models.TextChoices):
    OPEN = "open", "Open: anyone signed in can join"
    ON_REQUEST = "request", "On request: a facilitator approves each member"
    INVITATION = "invitation", "Invitation only"


class DiscussionVisibility(models.TextChoices):
    PUBLIC = "public", "Public: anyone can read the discussions"
    MEMBERS = "members", "Members only: only the community's members can read them"


class PlaceType(models.TextChoices):
    CITY = "city", "City"
    TOWN = "town", "Town"
    RURAL = "rural", "Rural"
    COUNTY = "county", "County"
    REGION = "region", "Region"
    NATIONAL = "national", "National"
    INTERNATIONAL = "international", "International"


class OrganisationType(models.TextChoices):
    LOCAL_AUTHORITY = "local-authority", "Local authority"
    COMBINED_AUTHORITY = "combined-authority", "Combined or regional authority"
    HEALTH_AND_CARE = "health-and-care", "Health and care"
    CENTRAL_GOVERNMENT = "central-government", "Central government"
    HOUSING = "housing", "Housing provider"
    EDUCATION = "education", "Education or research"
    VOLUNTARY = "voluntary", "Charity or community group"
    SUPPLIER = "supplier", "Supplier or partner"
    PARTNERSHIP = "partnership", "Partnership of several organisations"


class CommunityIndexPage(Page):
    """/communities/: the eight connected-place components, each a community."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["communities.CommunityPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from ..selectors import community_list

        context = super().get_context(request, *args, **kwargs)
        context["communities"] = community_list()
        return context

    def route(self, request, path_components):
        """Finds the community in one query rather than Wagtail's two (the page, then its
        specific type). Below a community's own page (its discussions, members, ...) its
        policy framing isn't shown, so it isn't read."""
        if not path_components:
            return super().route(request, path_components)
        slug, rest = path_components[0], path_components[1:]
        communities = CommunityPage.objects.child_of(self)
        if rest:
            communities = communities.defer_streamfields()
        community = communities.filter(slug=slug).first()
        if community is None:
            return super().route(request, path_components)
        community._cached_parent_obj = self
        return community.route(request, rest)


class CommunityPage(RoutablePageMixin, Page):
    """One themed community: a component of a connected place, its policy framing, its practice
    and its discussions.

    Discussions are ordinary models served through this page's routes (communities/views.py),
    so every thread's address sits under its community.
    """

    summary = models.TextField(
        max_length=400, help_text="One or two sentences shown on cards and in search results."
    )
    policy_framing = StreamField(
        StoryBlock(), blank=True, help_text="What this component means for a place, in plain words."
    )
    join_policy = models.CharField(
        max_length=20, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )
    discussion_visibility = models.CharField(
        "who can read the discussions",
        max_length=20,
        choices=DiscussionVisibility.choices,
        default=DiscussionVisibility.PUBLIC,
        help_text="Members-only discussions, their feed and the member list are hidden "
        "from everyone else.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("policy_framing"),
    ]
    settings_panels = [
        *Page.settings_panels,
        MultiFieldPanel(
            [FieldPanel("join_policy"), FieldPanel("discussion_visibility")],
            heading="Membership and discussions",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("policy_framing"),
    ]
    parent_page_types = ["communities.CommunityIndexPage"]
    subpage_types = []

    @property
    def discussions_are_public(self) -> bool:
        return self.discussion_visibility == DiscussionVisibility.PUBLIC

    def get_context(self, request, *args, **kwargs):
        from ..views import community_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(community_page_context(request, self))
        return context

    # -- routes: each hands over to a view function in communities/views.py ------------------

    @path("discussions/", name="discussions")
    def discussions_route(self, request):
        from ..views import thread_list

        return thread_list(request, self)

    @path("discussions/new/", name="new_thread")
    def new_thread_route(self, request):
        from ..views import thread_create

        return thread_create(request, self)

    @path("discussions/<int:thread_id>-<str:slug>/", name="thread")
    def thread_route(self, request, thread_id, slug):
        from ..views import thread_detail

        return thread_detail(request, self, thread_id, slug)

    @path("discussions/<int:thread_id>-<str:slug>/reply/", name="reply")
    def reply_route(self, request, thread_id, slug):
        from ..views import thread_reply

        return thread_reply(request, self, thread_id)

    @path("discussions/<int:thread_id>-<str:slug>/unread/", name="first_unread")
    def first_unread_route(self, request, thread_id, slug):
        from ..views import thread_first_unread

        return thread_first_unread(request, self, thread_id)

    @path("discussions/<int:thread_id>-<str:slug>/watch/", name="watch_thread")
    def watch_thread_route(self, request, thread_id, slug):
        from ..views import thread_watch

        return thread_watch(request, self, thread_id)

    @path("discussions/<int:thread_id>-<str:slug>/moderate/", name="moderate_thread")
    def moderate_thread_route(self, request, thread_id, slug):
        from ..views import thread_moderate

        return thread_moderate(request, self, thread_id)

    @path("discussions/<int:thread_id>-<str:slug>/move/", name="move_thread")
    def move_thread_route(self, request, thread_id, slug):
        from ..views import thread_move

        return thread_move(request, self, thread_id)

    @path("posts/<int:post_id>/", name="post")
    def post_route(self, request, post_id):
        from ..views import post_permalink

        return post_permalink(request, self, post_id)

    @path("posts/<int:post_id>/<str:action>/", name="post_action")
    def post_action_route(self, request, post_id, action):
        from ..views import post_action

        return post_action(request, self, post_id, action)

    @path("members/", name="members")
    def members_route(self, request):
        from ..views import member_list

        return member_list(request, self)

    @path("members/<int:membership_id>/", name="manage_member")
    def manage_member_route(self, request, membership_id):
        from ..views import member_manage

        return member_manage(request, self, membership_id)

    @path("join/", name="join")
    def join_route(self, request):
        from ..views import join

        return join(request, self)

    @path("leave/", name="leave")
    def leave_route(self, request):
        from ..views import leave

        return leave(request, self)

    @path("watch/", name="watch")
    def watch_route(self, request):
        from ..views import community_watch

        return community_watch(request, self)

    @path("invitations/", name="invite")
    def invite_route(self, request):
        from ..views import invite

        return invite(request, self)

    @path("invitations/<str:token>/", name="invitation")
    def invitation_route(self, request, token):
        from ..views import invitation_accept

        return invitation_accept(request, self, token)

    @path("moderation/", name="moderation")
    def moderation_route(self, request):
        from ..views import moderation_queue

        return moderation_queue(request, self)

    @path("feed/", name="feed")
    def feed_route(self, request):
        from ..views import thread_feed

        return thread_feed(request, self)


class CaseStudyIndexPage(RoutablePageMixin, Page):
    """/case-studies/: the library. Filtered by component, type of place, type of organisation,
    themes, year and organisation, newest or most discussed first; every state of the filters
    is a URL (a GET form), and feed/ is the newest case studies for the same filters, in Atom.
    """

    intro = models.TextField(blank=True)
    per_page = 20
    feed_length = 30

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["communities.CaseStudyPage"]
    max_count = 1

    def read_library(self, request):
        """The visitor's filters and sort (a CaseStudyFilterSet: its form has the choices and
        errors, its qs the matching case studies)."""
        from ..case_studies import library_case_studies, library_facets, outside_restricted_sections
        from ..filters import CaseStudyFilterSet

        public = outside_restricted_sections()
        return CaseStudyFilterSet(
            request.GET,
            library_case_studies(public=public),
            facets=library_facets(public=public),
            request=request,
        )

    def get_context(self, request, *args, **kwargs):
        from ..case_studies import SORT_NEWEST

        context = super().get_context(request, *args, **kwargs)
        filters = self.read_library(request)
        page = Paginator(filters.qs, self.per_page).get_page(request.GET.get("page"))
        filter_query = request.GET.copy()
        filter_query.pop("page", None)
        context.update(
            filter_form=filters.form,
            filters_applied=filters.applied,
            sort=filters.chosen_sort or SORT_NEWEST,
            case_studies_page=page,
            feed_url=f"{self.get_url(request)}feed/"
            + (f"?{filter_query.urlencode()}" if filter_query else ""),
        )
        return context

    @path("feed/", name="feed")
    def feed_route(self, request):
        """Atom: the newest case studies, for the filters in the query string."""
        from django.http import HttpResponse
        from django.utils.feedgenerator import Atom1Feed

        from members.emails import absolute_url

        filters = self.read_library(request)
        case_studies = filters.qs
        query = request.GET.urlencode()
        library_url = absolute_url(self.get_url(request))
        feed = Atom1Feed(
            title="New case studies" + (" matching your filters" if filters.applied else ""),
            link=library_url + (f"?{query}" if query else ""),
            description=self.intro or "Case studies of connected places in practice.",
            language="en-gb",
            feed_url=f"{library_url}feed/" + (f"?{query}" if query else ""),
        )
        newest = case_studies.order_by("-published_date", "-first_published_at", "-id")
        for case_study in newest[: self.feed_length]:
            url = absolute_url(case_study.get_url(request))
            feed.add_item(
                title=case_study.title,
                link=url,
                description=case_study.summary,
                author_name=case_study.organisation,
                pubdate=case_study.first_published_at
                or datetime.datetime.combine(
                    case_study.published_date, datetime.time(), datetime.UTC
                ),
                updateddate=case_study.last_published_at,
                unique_id=url,
                categories=[
                    *(component.title for component in case_study.components.all()),
                    *(tag.name for tag in case_study.tags.all()),
                ],
            )
        response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
        feed.write(response, "utf-8")
        return response

    # -- members' submissions: views in communities/case_study_submission_views.py -----------

    @path("submit/", name="submit")
    def submit_route(self, request):
        from ..case_study_submission_views import submission_create

        return submission_create(request, self)

    @path("submit/<int:page_id>/", name="resubmit")
    def resubmit_route(self, request, page_id):
        from ..case_study_submission_views import submission_change

        return submission_change(request, self, page_id)

    @path("yours/", name="your_case_studies")
    def your_case_studies_route(self, request):
        from ..case_study_submission_views import your_case_studies

        return your_case_studies(request, self)


class CaseStudyTag(TaggedItemBase):
    content_object = ParentalKey(
        "communities.CaseStudyPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CaseStudyPage(Page):
    """A real example of a connected place in practice."""

    organisation = models.CharField(max_length=200)
    organisation_type = models.CharField(
        max_length=30, choices=OrganisationType.choices, default=OrganisationType.LOCAL_AUTHORITY
    )
    place = models.CharField(max_length=200, help_text="The area the work serves, e.g. Leeds.")
    place_type = models.CharField(max_length=20, choices=PlaceType.choices)
    components = ParentalManyToManyField(
        "communities.CommunityPage",
        related_name="case_studies",
        help_text="The connected-place components this work contributes to.",
    )
    tags = ClusterTaggableManager(
        through=CaseStudyTag,
        blank=True,
        help_text="Themes, e.g. sensors, open data, social care. Separate them with commas.",
    )
    summary = models.TextField(
        max_length=600, help_text="What was done and why it matters, in a few sentences."
    )
    challenge = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="The problem the organisation set out to solve, and for whom.",
    )
    body = StreamField(StoryBlock(), blank=True, verbose_name="what was done")
    outcomes = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="What changed, with figures where there are any.",
    )
    lessons = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="What others should know before trying the same.",
    )
    contact = models.TextField(
        max_length=500,
        blank=True,
        help_text="Who to ask about this work: a name, role or public email address.",
    )
    published_date = models.DateField(help_text="When this case study was written up.")
    # The member who submitted it through the site, told when editors publish it or send it
    # back. Empty for case studies editors wrote themselves.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_case_studies",
        editable=False,
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("organisation_type"),
                FieldPanel("place"),
                FieldPanel("place_type"),
                FieldPanel("components", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading="Who and where",
        ),
        FieldPanel("summary"),
        FieldPanel("challenge"),
        FieldPanel("body"),
        FieldPanel("outcomes"),
        FieldPanel("lessons"),
        FieldPanel("contact"),
        InlinePanel("links", label="Links"),
        InlinePanel("documents", label="Documents"),
        FieldPanel("published_date"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("organisation"),
        index.SearchField("place"),
        index.SearchField("challenge"),
        index.SearchField("body"),
        index.SearchField("outcomes"),
        index.SearchField("lessons"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("place_type"),
        index.FilterField("organisation_type"),
    ]
    parent_page_types = ["communities.CaseStudyIndexPage"]
    subpage_types = []

    class Meta:
        indexes = [models.Index(fields=["-published_date"], name="casestudy_published_idx")]

    @cached_property
    def live_components(self):
        # filter(live=True) rather than .live(): a preview's components are in memory (a
        # modelcluster FakeQuerySet), which knows filter and order_by but not Wagtail's live().
        return list(self.components.filter(live=True).order_by("path"))

    def get_context(self, request, *args, **kwargs):
        """The case study's parts that live in other tables, each asked for only when it has
        something in it; what relates to it; and where the visitor can discuss it."""
        from ..case_studies import (
            case_study_contents,
            case_study_documents,
            discussed_in,
            discussion_communities,
            related_case_studies,
        )

        context = super().get_context(request, *args, **kwargs)
        saved = self.pk is not None and not getattr(request, "is_preview", False)
        if saved:
            contents = case_study_contents(self)
            tags = list(self.tags.order_by("name")) if contents.has_tags else []
            links = list(self.links.all()) if contents.has_links else []
            documents = case_study_documents(self) if contents.has_documents else []
        else:
            # A preview's tags, links and documents are in memory, not yet in the database.
            tags, links = list(self.tags.all()), list(self.links.all())
            documents = list(self.documents.all())
        can_start_in, others = discussion_communities(request.user, self.live_components)
        url = self.get_url(request) or ""
        context.update(
            tags=tags,
            links=links,
            documents=documents,
            # The library is this page's parent: its address is this page's, one step up.
            library_url=url.rsplit("/", 2)[0] + "/" if url else "",
            related_case_studies=related_case_studies(self)
            if saved and (self.live_components or tags)
            else [],
            discussed_in=discussed_in(self, user=request.user)
            if saved and contents.is_discussed
            else [],
            discuss_in=can_start_in,
            join_to_discuss=others,
        )
        return context


class CaseStudyLink(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500)

    panels = [FieldPanel("title"), FieldPanel("url")]

    def __str__(self):
        return self.title


class CaseStudyDocument(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("document")]

    def __str__(self):
        return self.document.title
