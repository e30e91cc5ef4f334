from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from .managers import UserManager

HANDLE_PATTERN = r"[a-z0-9](?:[a-z0-9-]{1,28}[a-z0-9])"


class Sector(models.TextChoices):
    LOCAL_GOVERNMENT = "local-government", "Local government"
    CENTRAL_GOVERNMENT = "central-government", "Central government"
    HEALTH = "health", "NHS and health"
    PRIVATE = "private", "Private sector"
    ACADEMIC = "academic", "Academic"
    THIRD_SECTOR = "third-sector", "Third sector"
    OTHER = "other", "Other"


class User(AbstractUser):
    """A person with an account. The email address is the login; the rest is their profile."""

    username = None
    email = models.EmailField("email address", unique=True)
    display_name = models.CharField(
        max_length=80,
        blank=True,
        help_text="The name other members see beside your posts.",
    )
    handle = models.CharField(
        max_length=30,
        unique=True,
        null=True,
        blank=True,
        validators=[
            RegexValidator(
                f"^{HANDLE_PATTERN}$",
                "Use 3 to 30 lowercase letters, numbers and hyphens, "
                "starting and ending with a letter or number.",
            )
        ],
        help_text="Others mention you with @ and this. It is also your profile's address.",
    )
    organisation = models.CharField(max_length=120, blank=True)
    job_title = models.CharField(max_length=120, blank=True)
    sector = models.CharField(max_length=20, choices=Sector.choices, blank=True)
    place = models.CharField(
        max_length=120, blank=True, help_text="Your local authority or region."
    )
    bio = models.TextField(
        "about you",
        max_length=600,
        blank=True,
        help_text="A few sentences on your work and what you would like to share or learn.",
    )
    # Slugs of the connected-place components the member is interested in. The choices come
    # from the communities app (settings.MEMBER_INTEREST_CHOICES), which members can't import.
    interests = models.JSONField(default=list, blank=True)
    listed_in_directory = models.BooleanField(
        "show me in the member directory",
        default=True,
        help_text="Signed-in members can find you by name, organisation, sector or place.",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []
    # What the member fills in on their profile page (the profile form, the data export).
    PROFILE_FIELDS = [
        "display_name",
        "handle",
        "organisation",
        "job_title",
        "sector",
        "place",
        "bio",
        "interests",
        "listed_in_directory",
    ]

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_full_name(self):
        return self.display_name or super().get_full_name().strip()

    def get_short_name(self):
        return self.display_name or self.first_name or "Member"

    @property
    def profile_is_complete(self) -> bool:
        return bool(self.display_name and self.organisation and self.sector)


class DigestFrequency(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    DAILY = "daily", "Daily"
    OFF = "off", "Never: do not send me a digest"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class Preferences(models.Model):
    """What a member wants to hear from us, and how. One row per member, made with the account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preferences"
    )
    digest_frequency = models.CharField(
        max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.WEEKLY
    )
    digest_day = models.PositiveSmallIntegerField(
        "day for the weekly digest", choices=Weekday.choices, default=Weekday.MONDAY
    )
    email_on_reply = models.BooleanField(
        "replies in discussions I take part in or watch", default=True
    )
    email_on_mention = models.BooleanField("someone mentions me", default=True)
    email_on_event_change = models.BooleanField(
        "changes to events I have registered for", default=True
    )
    in_app_notifications = models.BooleanField("show notifications on the site", default=True)

    # What the member chooses on the preferences page (the preferences form, the data export).
    CHOICE_FIELDS = [
        "digest_frequency",
        "digest_day",
        "email_on_reply",
        "email_on_mention",
        "email_on_event_change",
        "in_app_notifications",
    ]

    class Meta:
        verbose_name_plural = "preferences"

    def __str__(self):
        return f"Preferences of {self.user}"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something a member should know about, shown on their notifications page.

    Other apps write these through members.notifications.notify(); the kind names the feature
    (for example "reply" or "mention") so a page can group or filter them.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(max_length=40)
    message = models.CharField(max_length=300)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread_idx"),
            models.Index(fields=["recipient", "-created_at"], name="notification_recent_idx"),
        ]

    def __str__(self):
        return self.message

    @property
    def is_unread(self) -> bool:
        return self.read_at is None
