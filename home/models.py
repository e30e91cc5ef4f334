from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import StoryBlock
from core.routing import RoutedPage


class HomePage(RoutedPage, Page):
    intro = models.TextField(help_text="The first thing a visitor reads: what this place is for.")
    body = StreamField(StoryBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "communities.CommunityIndexPage",
        "communities.CaseStudyIndexPage",
        "events.EventIndexPage",
        "home.StandardPage",
    ]
    max_count = 1
    routes = "home.routes.home_page_urls"


class StandardPage(Page):
    """About, privacy, the accessibility statement, the code of conduct."""

    intro = models.TextField(blank=True)
    body = StreamField(StoryBlock())

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
