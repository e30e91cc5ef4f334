from django import forms
from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import RICH_TEXT_FEATURES, StoryBlock
from core.routing import RoutedPage


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


class CaseStudyIndexPage(RoutedPage, Page):
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
    routes = "communities.library.routes.library_urls"


class CaseStudyTag(TaggedItemBase):
    content_object = ParentalKey(
        "communities.CaseStudyPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CaseStudyPage(RoutedPage, Page):
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
    routes = "communities.library.routes.case_study_urls"

    class Meta:
        indexes = [models.Index(fields=["-published_date"], name="casestudy_published_idx")]

    @cached_property
    def live_components(self):
        # filter(live=True) rather than .live(): a preview's components are in memory (a
        # modelcluster FakeQuerySet), which knows filter and order_by but not Wagtail's live().
        return list(self.components.filter(live=True).order_by("path"))


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
