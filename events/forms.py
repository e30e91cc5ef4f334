from django import forms
from django.core.validators import validate_email

from .models import QuestionKind
from .services import Answers


class RegistrationForm(forms.Form):
    """The questions an event asks when a member registers: the standard ones it switched on,
    then the editor's own."""

    invitation = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, event, user, **kwargs):
        super().__init__(*args, **kwargs)
        if event.ask_organisation:
            self.fields["organisation"] = forms.CharField(
                label="Your organisation",
                max_length=200,
                required=False,
                initial=user.organisation,
                widget=forms.TextInput(attrs={"autocomplete": "organization"}),
            )
        if event.ask_accessibility_needs:
            self.fields["accessibility_needs"] = forms.CharField(
                label="Do you have any accessibility needs?",
                help_text="For example step-free access, a hearing loop, live captions or "
                "breaks. Only the organisers see this, and it is deleted after the event.",
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        if event.ask_dietary_needs:
            self.fields["dietary_needs"] = forms.CharField(
                label="Do you have any dietary needs?",
                help_text="Only the organisers see this, and it is deleted after the event.",
                max_length=1000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        if event.free_text_question:
            self.fields["comments"] = forms.CharField(
                label=event.free_text_question,
                max_length=2000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        self.questions = list(event.questions.all())
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = self._question_field(question)

    @staticmethod
    def _question_field(question):
        common = {
            "label": question.label,
            "help_text": question.help_text,
            "required": question.required,
        }
        if question.kind == QuestionKind.LONG_TEXT:
            return forms.CharField(
                max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), **common
            )
        if question.kind == QuestionKind.YES_NO:
            return forms.ChoiceField(
                choices=[("", "Choose an answer"), ("Yes", "Yes"), ("No", "No")],
                widget=forms.Select(attrs={"class": "govuk-select"}),
                **common,
            )
        if question.kind == QuestionKind.CHOICE:
            return forms.ChoiceField(
                choices=[("", "Choose an answer"), *((c, c) for c in question.choice_list)],
                widget=forms.Select(attrs={"class": "govuk-select"}),
                **common,
            )
        return forms.CharField(max_length=300, **common)

    def answers(self) -> Answers:
        data = self.cleaned_data
        return Answers(
            organisation=data.get("organisation", "").strip(),
            accessibility_needs=data.get("accessibility_needs", "").strip(),
            dietary_needs=data.get("dietary_needs", "").strip(),
            comments=data.get("comments", "").strip(),
            custom=[
                {
                    "question_id": question.pk,
                    "question": question.label,
                    "answer": data.get(f"question_{question.pk}", "").strip(),
                }
                for question in self.questions
            ],
        )


class DecisionForm(forms.Form):
    message = forms.CharField(
        label="Message to the member",
        help_text="Optional. It goes in the email we send them.",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class InvitationForm(forms.Form):
    emails = forms.CharField(
        label="Email addresses to invite",
        help_text="One address a line, up to 100. Each gets a link of their own, which works "
        "once, for that address.",
        widget=forms.Textarea(attrs={"rows": 5, "spellcheck": "false"}),
    )

    def clean_emails(self):
        lines = [line.strip() for line in self.cleaned_data["emails"].splitlines() if line.strip()]
        if len(lines) > 100:
            raise forms.ValidationError("Invite at most 100 addresses at a time.")
        invalid = []
        for line in lines:
            try:
                validate_email(line)
            except forms.ValidationError:
                invalid.append(line)
        if invalid:
            raise forms.ValidationError(
                "These are not email addresses: "
                + ", ".join(invalid[:5])
                + ("…" if len(invalid) > 5 else "")
            )
        if not lines:
            raise forms.ValidationError("Enter at least one email address.")
        return lines


class WorkingGroupForm(forms.Form):
    group = forms.ModelChoiceField(queryset=None, required=False, empty_label="No group")

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = event.working_groups.all()
