import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import StoryBlock
from core.routing import RoutedPage

from .viewsets import organiser_chooser_viewset


class EventKind(models.TextChoices):
    CONSULTATION = "consultation", "Consultation"
    WORKSHOP = "workshop", "Workshop"
    WEBINAR = "webinar", "Webinar"
    MEETUP = "meetup", "Meetup"


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "In person and online"


class RegistrationMode(models.TextChoices):
    OPEN = "open", "Open: anyone signed in can register"
    APPROVAL = "approval", "Approval required: organisers approve each registration"
    INVITATION = "invitation", "Invitation only"
    NONE = "none", "No registration on this site"


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", "Short answer"
    LONG_TEXT = "long_text", "Long answer"
    YES_NO = "yes_no", "Yes or no"
    CHOICE = "choice", "One of a list"


TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class EventIndexPage(RoutedPage, Page):
    """/events/: upcoming and past events, filterable by community and kind."""

    intro = models.TextField(blank=True)
    per_page = 20

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1
    routes = "events.routes.event_index_urls"


class EventPage(RoutedPage, Page):
    """An event or consultation. Times are stored in UTC and shown in the event's own time zone.

    Registration settings are page fields, edited (and revised) with the rest of the page. What
    is not editorial, such as the calendar identity and the row that seat changes lock, lives in
    EventLedger, outside the page's revisions.
    """

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
    report_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="After the event: the full report as a document, if there is one.",
    )
    # Kept in step by save(), so that lists can find events with outputs in one query.
    has_outputs = models.BooleanField(default=False, editable=False)
    is_cancelled = models.BooleanField(
        "cancelled",
        default=False,
        help_text="Publishing with this ticked tells everyone registered, with a calendar "
        "cancellation.",
    )

    # Registration
    registration_mode = models.CharField(
        "registration",
        max_length=20,
        choices=RegistrationMode.choices,
        default=RegistrationMode.OPEN,
    )
    capacity = models.PositiveIntegerField(
        "places",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="How many people can attend. Leave empty for no limit.",
    )
    waitlist_enabled = models.BooleanField(
        "waiting list",
        default=True,
        help_text="When the event is full, people join a waiting list and get the next free place.",
    )
    registration_opens_at = models.DateTimeField(
        "registration opens", null=True, blank=True, help_text="Leave empty to open at once."
    )
    registration_closes_at = models.DateTimeField(
        "registration closes",
        null=True,
        blank=True,
        help_text="Leave empty to close when the event starts.",
    )
    ask_organisation = models.BooleanField("ask for their organisation", default=True)
    ask_accessibility_needs = models.BooleanField("ask about accessibility needs", default=True)
    ask_dietary_needs = models.BooleanField("ask about dietary needs", default=False)
    free_text_question = models.CharField(
        "open question",
        max_length=200,
        blank=True,
        default="Is there anything else the organisers should know?",
        help_text="An optional free-text question. Leave empty not to ask one.",
    )
    joining_link = models.URLField(
        "online joining link",
        max_length=500,
        blank=True,
        help_text="Shown only to confirmed registrants, never on the public page or in public "
        "calendars.",
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
        help_text="The member who runs this event. They manage its registrations; so do editors.",
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
        FieldPanel("is_cancelled"),
    ]
    registration_panels = [
        FieldPanel("registration_mode"),
        FieldPanel("organiser", widget=organiser_chooser_viewset.widget_class),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("waitlist_enabled")]),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
            ],
            heading="Places and dates",
        ),
        MultiFieldPanel(
            [
                FieldPanel("ask_organisation"),
                FieldPanel("ask_accessibility_needs"),
                FieldPanel("ask_dietary_needs"),
                FieldPanel("free_text_question"),
            ],
            heading="Questions",
        ),
        InlinePanel("questions", label="Custom question"),
        FieldPanel("joining_link"),
        InlinePanel(
            "working_groups",
            label="Working group",
            help_text="Consultations: organisers assign registrants to these groups.",
        ),
    ]
    outputs_panels = [
        FieldPanel("report"),
        FieldPanel("report_document"),
        InlinePanel("calls_to_action", label="Call to action"),
        InlinePanel("related_case_studies", label="Related case study"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(registration_panels, heading="Registration"),
            ObjectList(outputs_panels, heading="Outputs"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ]
    )
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
    routes = "events.routes.event_page_urls"

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
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            raise ValidationError(
                {"registration_closes_at": "Registration must close after it opens."}
            )

    def save(self, *args, **kwargs):
        self.has_outputs = bool(
            len(self.report) or self.report_document_id or self.calls_to_action.all()
        )
        return super().save(*args, **kwargs)

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

    @property
    def has_started(self):
        return self.starts_at <= timezone.now()

    @property
    def takes_registrations(self):
        return self.registration_mode != RegistrationMode.NONE

    @property
    def registration_closes(self):
        """When registration closes: the set time, or the start of the event."""
        if self.registration_closes_at and self.registration_closes_at < self.starts_at:
            return self.registration_closes_at
        return self.starts_at

    @property
    def has_online_part(self):
        return self.attendance_mode in (AttendanceMode.ONLINE, AttendanceMode.HYBRID)

    @property
    def location_text(self) -> str:
        """The place, on one line, as calendars and emails show it."""
        if self.is_online:
            return "Online"
        parts = [self.venue_name, *self.venue_address.splitlines()]
        place = ", ".join(part.strip() for part in parts if part.strip())
        return f"{place} and online" if self.attendance_mode == AttendanceMode.HYBRID else place


def validate_link(value: str) -> None:
    """A web address, or a path on this site such as a community discussion."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(schemes=["http", "https"])(value)


class CallToAction(Orderable):
    """One published output of an event: a short call to action, optionally linked (to a
    community discussion, for example)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="calls_to_action")
    text = models.CharField(max_length=300)
    link_url = models.CharField(
        "link",
        blank=True,
        max_length=500,
        validators=[validate_link],
        help_text="A web address, or a path on this site such as /communities/data/discussions/"
        "12-common-standards/.",
    )
    link_text = models.CharField(
        max_length=100,
        blank=True,
        help_text='What the link says, for example "Join the discussion". Without it, the call '
        "to action itself is the link.",
    )

    panels = [FieldPanel("text"), FieldPanel("link_url"), FieldPanel("link_text")]

    def __str__(self):
        return self.text


class RelatedCaseStudy(Orderable):
    """A case study that an event's outputs point to."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="related_case_studies")
    case_study = models.ForeignKey(
        "communities.CaseStudyPage", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("case_study")]


class RegistrationQuestion(Orderable):
    """A question an editor adds to an event's registration form."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField("question", max_length=200)
    help_text = models.CharField("hint", max_length=300, blank=True)
    kind = models.CharField(
        "kind of answer",
        max_length=20,
        choices=QuestionKind.choices,
        default=QuestionKind.SHORT_TEXT,
    )
    choices = models.TextField(blank=True, help_text='For "one of a list": one choice a line.')
    required = models.BooleanField(default=False)

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("choices"),
    ]

    def clean(self):
        super().clean()
        if self.kind == QuestionKind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": "Give at least two choices, one a line."})

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def __str__(self):
        return self.label


class WorkingGroup(Orderable):
    """A group within a consultation that organisers assign registrants to."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="working_groups")
    name = models.CharField(max_length=120)

    panels = [FieldPanel("name")]

    def __str__(self):
        return self.name


class EventLedger(models.Model):
    """The part of an event that is not editorial content, one row per event.

    - Seat changes (registering, cancelling, approving, promoting) lock this row first, so
      that they happen one at a time per event: see services._seats_locked.
    - The calendar identity: a random UID that never changes (not derived from the URL or the
      title, which editors may change), and the SEQUENCE that grows with each announced change.
    - What registrants were last told (the schedule and place), to detect changes on publish.
    Kept outside the page so that publishing an old revision, or copying the page, cannot
    bring back an old UID or SEQUENCE.
    """

    event = models.OneToOneField(EventPage, on_delete=models.CASCADE, related_name="ledger")
    calendar_uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    calendar_sequence = models.PositiveIntegerField(default=0)
    announced_schedule = models.JSONField(default=dict, blank=True)
    # Bumped by every transaction that changes who holds a seat; the bump is the lock, and its
    # value numbers the tickets of members joining the waiting list in that transaction.
    seat_changes = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"Ledger of event {self.event_id}"


class RegistrationState(models.TextChoices):
    PENDING = "pending", "Waiting for approval"
    CONFIRMED = "confirmed", "Confirmed"
    WAITLISTED = "waitlisted", "On the waiting list"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"
    ATTENDED = "attended", "Attended"


# A member has at most one registration in these states per event.
ACTIVE_STATES = [
    RegistrationState.PENDING,
    RegistrationState.CONFIRMED,
    RegistrationState.WAITLISTED,
    RegistrationState.ATTENDED,
]
# Registrations that hold a place.
SEATED_STATES = [RegistrationState.CONFIRMED, RegistrationState.ATTENDED]


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(state__in=ACTIVE_STATES)

    def seated(self):
        return self.filter(state__in=SEATED_STATES)

    def waitlisted(self):
        return self.filter(state=RegistrationState.WAITLISTED).order_by("waitlist_ticket", "id")


class Registration(models.Model):
    """A member's registration for an event, with their answers to its questions.

    Accessibility and dietary needs are special-category data: only organisers see them, and
    they are erased a set number of days after the event (tasks.erase_expired_answers).
    """

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="registrations")
    # Null once the member has deleted their account: the row stays, anonymous, so that
    # attendance counts stay true.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    state = models.CharField(max_length=20, choices=RegistrationState.choices)
    created_at = models.DateTimeField(default=timezone.now)
    state_changed_at = models.DateTimeField(default=timezone.now)
    # Orders the waiting list: the first waitlisted is the one with the lowest ticket.
    waitlist_ticket = models.PositiveBigIntegerField(null=True, blank=True)
    invitation = models.OneToOneField(
        "Invitation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="registration",
    )
    working_group = models.ForeignKey(
        WorkingGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    organisation = models.CharField(max_length=200, blank=True)
    accessibility_needs = models.TextField(blank=True)
    dietary_needs = models.TextField(blank=True)
    comments = models.TextField(blank=True)
    # [{"question_id": 3, "question": "Which session?", "answer": "Morning"}, ...]
    custom_answers = models.JSONField(default=list, blank=True)
    answers_erased_at = models.DateTimeField(null=True, blank=True)
    decision_message = models.TextField(blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(state__in=ACTIVE_STATES),
                name="one_active_registration_per_member",
            )
        ]
        indexes = [
            models.Index(
                fields=["event", "state", "waitlist_ticket"], name="registration_queue_idx"
            ),
            models.Index(fields=["user", "state"], name="registration_member_idx"),
        ]

    def __str__(self):
        return f"{self.user} for {self.event_id}: {self.state}"

    @property
    def is_active(self):
        return self.state in ACTIVE_STATES

    @property
    def is_seated(self):
        return self.state in SEATED_STATES


class Invitation(models.Model):
    """An invitation to register, sent to one address. Single use; it expires.

    Only a hash of the token is stored; the token itself is only ever in the email.
    """

    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["event", "email"], name="invitation_event_email_idx")]

    def __str__(self):
        return f"Invitation for {self.email} to {self.event_id}"

    @property
    def is_expired(self):
        return self.expires_at <= timezone.now()


class CalendarFeed(models.Model):
    """A member's private "my events" calendar feed: the token in its address is the key."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Calendar feed of {self.user_id}"
