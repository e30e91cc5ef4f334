from django import forms
from taggit.utils import parse_tags

from communities.forum.models import TAG_MAX_LENGTH, TAGS_MAX, FlagReason
from communities.forum.rendering import render_post
from communities.membership.models import CommunityPage

# -- discussions --------------------------------------------------------------------------------

POST_MAX_LENGTH = 20_000
MARKDOWN_HINT = (
    "You can use Markdown: **bold**, _italic_, [a link](https://example.org), "
    "lists, > quotes and `code`. Mention someone with @ and their handle."
)


class PostBodyField(forms.CharField):
    """A post's Markdown: required, not too long, and every @mention must be a member."""

    def __init__(self, *, label="Your message", **kwargs):
        super().__init__(
            label=label,
            max_length=POST_MAX_LENGTH,
            strip=True,
            widget=forms.Textarea(attrs={"rows": 10}),
            help_text=MARKDOWN_HINT,
            error_messages={
                "required": "Enter your message",
                "max_length": (
                    "Your message must be 20,000 characters or fewer. "
                    "It has %(show_value)d characters"
                ),
            },
            **kwargs,
        )

    def validate(self, value):
        super().validate(value)
        if value and len(value) <= POST_MAX_LENGTH:
            unknown = render_post(value).unknown_mentions
            if unknown:
                names = ", ".join(f"@{handle}" for handle in sorted(unknown))
                raise forms.ValidationError(
                    f"Nobody has the handle {names}. Check the spelling, or take out the @ "
                    "if you did not mean to mention someone",
                    code="unknown_mention",
                )


class ThreadForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=150,
        strip=True,
        help_text="A short question or topic, so others can tell what it is about.",
        error_messages={
            "required": "Enter a title",
            "max_length": "The title must be 150 characters or fewer",
        },
    )
    body = PostBodyField()
    tags = forms.CharField(
        label="Tags",
        required=False,
        max_length=200,
        help_text="Up to 5 words or short phrases, separated by commas, such as: open data, AI.",
    )

    def clean_tags(self) -> list[str]:
        tags = []
        for tag in parse_tags(self.cleaned_data["tags"]):
            tag = " ".join(tag.lower().split())
            if len(tag) > TAG_MAX_LENGTH:
                raise forms.ValidationError(
                    f"Each tag must be {TAG_MAX_LENGTH} characters or fewer"
                )
            if tag and tag not in tags:
                tags.append(tag)
        if len(tags) > TAGS_MAX:
            raise forms.ValidationError(f"Use {TAGS_MAX} tags or fewer")
        return tags


class ReplyForm(forms.Form):
    body = PostBodyField(label="Your reply")
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)


class EditPostForm(forms.Form):
    body = PostBodyField(label="Your message")


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why are you reporting this post?",
        choices=FlagReason.choices,
        error_messages={"required": "Select why you are reporting this post"},
    )
    details = forms.CharField(
        label="Anything the facilitators should know",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Keep it to 1,000 characters or fewer"},
    )


class MoveThreadForm(forms.Form):
    community = forms.ModelChoiceField(
        label="Move to",
        queryset=CommunityPage.objects.none(),
        empty_label=None,
        error_messages={"required": "Choose a community", "invalid_choice": "Choose a community"},
    )

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities


# -- case studies members submit (communities/case_study_submissions.py) -----------------------


def _clean_tag_list(text: str) -> list[str]:
    """Comma-separated tags as threads take them: lower case, each at most TAG_MAX_LENGTH
    characters, at most TAGS_MAX of them."""
    tags = []
    for tag in parse_tags(text):
        tag = " ".join(tag.lower().split())
        if len(tag) > TAG_MAX_LENGTH:
            raise forms.ValidationError(f"Each theme must be {TAG_MAX_LENGTH} characters or fewer")
        if tag and tag not in tags:
            tags.append(tag)
    if len(tags) > TAGS_MAX:
        raise forms.ValidationError(f"Use {TAGS_MAX} themes or fewer")
    return tags
