from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import StoryBlock


class HomePage(Page):
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

    def get_context(self, request, *args, **kwargs):
        from communities.library.selectors import case_study_list
        from communities.membership.selectors import community_list

        context = super().get_context(request, *args, **kwargs)
        context["communities"] = community_list()
        context["latest_case_studies"] = case_study_list()[:3]
        return context


class StandardPage(Page):
    """About, privacy, the accessibility statement, the code of conduct."""

    intro = models.TextField(blank=True)
    body = StreamField(StoryBlock())

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
