from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .blocks import RICH_TEXT_FEATURES, StoryBlock


class JoinPolicy(models.TextChoices):
    OPEN = "open", "Open: anyone signed in can join"
    ON_REQUEST = "request", "On request: a facilitator approves each member"
    INVITATION = "invitation", "Invitation only"


class PlaceType(models.TextChoices):
    CITY = "city", "City"
    TOWN = "town", "Town"
    RURAL = "rural", "Rural"
    COUNTY = "county", "County"
    REGION = "region", "Region"
    NATIONAL = "national", "National"
    INTERNATIONAL = "international", "International"


class CommunityIndexPage(Page):
    """/communities/: the eight connected-place components, each a community."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["communities.CommunityPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from .selectors import community_list

        context = super().get_context(request, *args, **kwargs)
        context["communities"] = community_list()
        return context


class CommunityPage(Page):
    """One themed community: a component of a connected place, its policy framing and practice."""

    summary = models.TextField(
        max_length=400, help_text="One or two sentences shown on cards and in search results."
    )
    policy_framing = StreamField(
        StoryBlock(), blank=True, help_text="What this component means for a place, in plain words."
    )
    join_policy = models.CharField(
        max_length=20, choices=JoinPolicy.choices, default=JoinPolicy.OPEN
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("policy_framing"),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("join_policy")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("policy_framing"),
    ]
    parent_page_types = ["communities.CommunityIndexPage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        from .selectors import case_study_list

        context = super().get_context(request, *args, **kwargs)
        context["latest_case_studies"] = case_study_list(component=self)[:6]
        return context


class CaseStudyIndexPage(Page):
    """/case-studies/: the library, filtered by component, place type and organisation."""

    intro = models.TextField(blank=True)
    per_page = 20

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["communities.CaseStudyPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from .forms import CaseStudyFilterForm
        from .selectors import case_study_list

        context = super().get_context(request, *args, **kwargs)
        form = CaseStudyFilterForm(request.GET or None)
        filters = form.cleaned_filters() if form.is_bound and form.is_valid() else {}
        case_studies = case_study_list(**filters)
        page = Paginator(case_studies, self.per_page).get_page(request.GET.get("page"))
        context.update(filter_form=form, case_studies_page=page, filters_applied=bool(filters))
        return context


class CaseStudyPage(Page):
    """A real example of a connected place in practice."""

    organisation = models.CharField(max_length=200)
    place = models.CharField(max_length=200, help_text="The area the work serves, e.g. Leeds.")
    place_type = models.CharField(max_length=20, choices=PlaceType.choices)
    components = ParentalManyToManyField(
        "communities.CommunityPage",
        related_name="case_studies",
        help_text="The connected-place components this work contributes to.",
    )
    summary = models.TextField(
        max_length=600, help_text="What was done and why it matters, in a few sentences."
    )
    body = StreamField(StoryBlock(), blank=True)
    outcomes = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    published_date = models.DateField(help_text="When this case study was written up.")

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("place"),
                FieldPanel("place_type"),
                FieldPanel("components", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Who and where",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("outcomes"),
        InlinePanel("links", label="Links"),
        FieldPanel("published_date"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("organisation"),
        index.SearchField("place"),
        index.SearchField("body"),
        index.SearchField("outcomes"),
        index.FilterField("place_type"),
    ]
    parent_page_types = ["communities.CaseStudyIndexPage"]
    subpage_types = []

    class Meta:
        indexes = [models.Index(fields=["-published_date"], name="casestudy_published_idx")]

    @cached_property
    def live_components(self):
        return list(self.components.live().order_by("path"))


class CaseStudyLink(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(max_length=200)
    url = models.URLField(max_length=500)

    panels = [FieldPanel("title"), FieldPanel("url")]

    def __str__(self):
        return self.title
