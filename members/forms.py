import re

from django import forms
from django.core.exceptions import ValidationError

from .models import HANDLE_PATTERN, DigestFrequency, Preferences, Sector, User, Weekday
from .profiles import HANDLE_MAX_LENGTH, interest_choices, suggest_handle


class Radios(forms.RadioSelect):
    """Radios whose group is labelled by the field's id: the first radio carries it (see
    components/radios_field.html), so the error summary can link to the question."""

    def id_for_label(self, id_, index=None):
        return id_ if index is None else super().id_for_label(id_, index)


class Checkboxes(forms.CheckboxSelectMultiple):
    """Checkboxes labelled by the field's id, as with Radios."""

    def id_for_label(self, id_, index=None):
        return id_ if index is None else super().id_for_label(id_, index)


def refuse_markup(what: str):
    """A validator for names and other short plain text: no angle brackets, so no HTML."""

    def validate(value: str) -> None:
        if "<" in value or ">" in value:
            raise ValidationError(f"Enter {what} as plain text, without < or >", code="markup")

    return validate


def length_message(label: str, limit: int) -> str:
    return f"{label} must be {limit} characters or fewer"


class ProfileForm(forms.ModelForm):
    """What other members see about a member, and whether they can find them."""

    display_name = forms.CharField(
        label="Your name",
        max_length=User._meta.get_field("display_name").max_length,
        help_text="The name other members see beside your posts and on your profile.",
        error_messages={"max_length": length_message("Your name", 80)},
        validators=[refuse_markup("your name")],
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    handle = forms.CharField(
        label="Handle",
        required=False,
        max_length=HANDLE_MAX_LENGTH,
        help_text=(
            "Others mention you in discussions by typing @ and your handle, and it is the "
            "address of your profile page. Use 3 to 30 lowercase letters, numbers and hyphens. "
            "Leave it empty and we will make one from your name."
        ),
        error_messages={"max_length": length_message("Handle", HANDLE_MAX_LENGTH)},
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none"}
        ),
    )
    organisation = forms.CharField(
        label="Organisation",
        max_length=120,
        help_text="Where you work, for example Northvale Borough Council.",
        error_messages={"max_length": length_message("Organisation", 120)},
        validators=[refuse_markup("your organisation")],
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    job_title = forms.CharField(
        label="Job title",
        required=False,
        max_length=120,
        error_messages={"max_length": length_message("Job title", 120)},
        validators=[refuse_markup("your job title")],
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    # Required, but checked in clean_sector so that the message reads "Select...", not "Enter...".
    sector = forms.ChoiceField(
        label="Sector",
        required=False,
        choices=Sector.choices,
        widget=Radios,
    )
    place = forms.CharField(
        label="Place",
        required=False,
        max_length=120,
        help_text="Your local authority or region, for example Leeds or North West England.",
        error_messages={"max_length": length_message("Place", 120)},
        validators=[refuse_markup("your place")],
    )
    bio = forms.CharField(
        label="About you",
        required=False,
        max_length=600,
        help_text=(
            "A few sentences on your work and what you would like to share or learn. "
            "Plain text: line breaks are kept."
        ),
        error_messages={"max_length": length_message("About you", 600)},
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    interests = forms.MultipleChoiceField(
        label="Interests",
        required=False,
        help_text="The parts of a connected place you work on or want to learn about.",
        widget=Checkboxes,
    )
    listed_in_directory = forms.BooleanField(
        label="Show me in the member directory",
        required=False,
        help_text=(
            "Signed-in members can find you by name, organisation, sector or place. If you "
            "hide, your profile page is hidden too."
        ),
    )

    class Meta:
        model = User
        fields = User.PROFILE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interests"].choices = interest_choices()
        if not self.instance.handle and self.instance.display_name:
            self.initial["handle"] = suggest_handle(
                self.instance.display_name, for_user=self.instance
            )

    def clean_handle(self) -> str:
        handle = self.cleaned_data["handle"].strip().lstrip("@").lower()
        if not handle:
            return ""  # made from the name in clean(), once the name is known to be valid
        if not re.fullmatch(HANDLE_PATTERN, handle):
            raise ValidationError(
                "Use 3 to 30 lowercase letters, numbers and hyphens, starting and ending with a "
                "letter or number",
                code="invalid",
            )
        if User.objects.filter(handle=handle).exclude(pk=self.instance.pk).exists():
            raise ValidationError(
                "That handle is taken. Try %(suggestion)s, or another.",
                code="taken",
                params={"suggestion": suggest_handle(handle, for_user=self.instance)},
            )
        return handle

    def clean_sector(self) -> str:
        sector = self.cleaned_data["sector"]
        if not sector:
            raise ValidationError("Select the sector you work in", code="missing")
        return sector

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("handle") == "" and cleaned_data.get("display_name"):
            cleaned_data["handle"] = suggest_handle(
                cleaned_data["display_name"], for_user=self.instance
            )
        return cleaned_data


class PreferencesForm(forms.ModelForm):
    """How often a member hears from us, and about what."""

    # Required, but checked in clean_digest_frequency so that the message reads "Select...".
    digest_frequency = forms.ChoiceField(
        label="How often do you want a digest email?",
        required=False,
        choices=DigestFrequency.choices,
        widget=Radios,
        help_text="A summary of new discussions, events and case studies in your communities.",
    )
    # Only used for a weekly digest; a form sent without it keeps the day already chosen.
    digest_day = forms.TypedChoiceField(
        label="Which day do you want the weekly digest?",
        help_text="Only used if you choose a weekly digest.",
        required=False,
        coerce=int,
        choices=Weekday.choices,
        widget=Radios,
    )
    email_on_reply = forms.BooleanField(
        label="Someone replies in a discussion I take part in or watch", required=False
    )
    email_on_mention = forms.BooleanField(label="Someone mentions me", required=False)
    email_on_event_change = forms.BooleanField(
        label="An event I have registered for changes", required=False
    )
    in_app_notifications = forms.BooleanField(
        label="Show me notifications on the site",
        required=False,
        help_text="Replies, mentions and other news, listed on your notifications page.",
    )

    class Meta:
        model = Preferences
        fields = Preferences.CHOICE_FIELDS

    def clean_digest_frequency(self) -> str:
        frequency = self.cleaned_data["digest_frequency"]
        if not frequency:
            raise ValidationError("Select how often you want a digest email", code="missing")
        return frequency

    def clean_digest_day(self):
        day = self.cleaned_data["digest_day"]
        return self.instance.digest_day if day in (None, "") else day
