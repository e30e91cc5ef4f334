import zoneinfo

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from communities.blocks import StoryBlock


class EventKind(models.TextChoices):
    CONSULTATION = "consultation", "Consultation"
    WORKSHOP = "workshop", "Workshop"
    WEBINAR = "webinar", "Webinar"
    MEETUP = "meetup", "Meetup"


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "In person and online"


TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class EventIndexPage(Page):
    """/events/: upcoming and past events, filterable by community and kind."""

    intro = models.TextField(blank=True)
    per_page = 20

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from .forms import EventFilterForm
        from .selectors import event_list

        context = super().get_context(request, *args, **kwargs)
        form = EventFilterForm(request.GET or None)
        filters = form.cleaned_filters() if form.is_bound and form.is_valid() else {}
        past = filters.pop("when", "upcoming") == "past"
        events = event_list(past=past, **filters)
        page = Paginator(events, self.per_page).get_page(request.GET.get("page"))
        context.update(
            filter_form=form,
            events_page=page,
            showing_past=past,
            empty_text="No past events match." if past else "No upcoming events match.",
        )
        return context


class EventPage(Page):
    """An event or consultation. Times are stored in UTC and shown in the event's own time zone."""

    kind = models.CharField(max_length=20, choices=EventKind.choices)
    community = models.ForeignKey(
        "communities.CommunityPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The community this event belongs to, if any.",
    )
    summary = models.TextField(max_length=600)
    starts_at = models.DateTimeField("starts")
    ends_at = models.DateTimeField("ends")
    time_zone = models.CharField(max_length=64, choices=TIME_ZONE_CHOICES, default="Europe/London")
    attendance_mode = models.CharField(
        max_length=20, choices=AttendanceMode.choices, default=AttendanceMode.IN_PERSON
    )
    venue_name = models.CharField(max_length=200, blank=True)
    venue_address = models.TextField(blank=True)
    body = StreamField(StoryBlock(), blank=True)
    report = StreamField(
        StoryBlock(),
        blank=True,
        help_text="After the event: what happened and what was learned.",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("community"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("time_zone"),
            ],
            heading="When",
        ),
        MultiFieldPanel(
            [FieldPanel("attendance_mode"), FieldPanel("venue_name"), FieldPanel("venue_address")],
            heading="Where",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("report"), InlinePanel("calls_to_action", label="Call to action")],
            heading="Outputs",
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("report"),
        index.SearchField("venue_name"),
        index.FilterField("kind"),
        index.FilterField("starts_at"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        indexes = [models.Index(fields=["starts_at"], name="event_starts_at_idx")]

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The event must end after it starts."})
        if self.attendance_mode != AttendanceMode.ONLINE and not self.venue_name:
            raise ValidationError(
                {"venue_name": "Give the venue for an event people attend in person."}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["calls_to_action"] = list(self.calls_to_action.all())
        return context

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_starts_at(self):
        return timezone.localtime(self.starts_at, self.tzinfo)

    @property
    def local_ends_at(self):
        return timezone.localtime(self.ends_at, self.tzinfo)

    @property
    def is_past(self):
        return self.ends_at < timezone.now()

    @property
    def is_online(self):
        return self.attendance_mode == AttendanceMode.ONLINE


class CallToAction(Orderable):
    """One published output of an event: a short call to action, optionally linked."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="calls_to_action")
    text = models.CharField(max_length=300)
    link_url = models.URLField("link", blank=True, max_length=500)

    panels = [FieldPanel("text"), FieldPanel("link_url")]

    def __str__(self):
        return self.text
