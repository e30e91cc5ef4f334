from urllib.parse import urlsplit

from django import forms

from communities.forum.forms import _clean_tag_list
from communities.library.models import OrganisationType, PlaceType
from communities.library.submissions import (
    MAX_DOCUMENTS,
    MAX_LINKS,
    CaseStudySubmission,
    accepted_extensions,
    accepted_types_in_words,
    document_problem,
    max_upload_in_words,
)
from communities.membership.selectors import community_list
from members.forms import Checkboxes, Radios

CASE_STUDY_TEXT_MAX_LENGTH = 10_000


CASE_STUDY_MARKDOWN_HINT = (
    "You can use Markdown: **bold**, _italic_, [a link](https://example.org), lists, "
    "and headings that start with #."
)


def _case_study_markdown_field(label: str, hint: str, *, required: bool = True):
    return forms.CharField(
        label=label,
        required=required,
        max_length=CASE_STUDY_TEXT_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=f"{hint} {CASE_STUDY_MARKDOWN_HINT}",
        error_messages={
            "required": f"Enter {label.lower()}",
            "max_length": (
                f"{label} must be 10,000 characters or fewer. It has %(show_value)d characters"
            ),
        },
    )


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one file input; cleans to a list (empty when none was chosen)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(file) for file in files if file]


class CaseStudySubmissionForm(forms.Form):
    """A member's case study: the fields of a case-study page, with guidance for each.

    The long texts are Markdown (rendered and sanitised as posts are, when the case study is
    stored); documents are checked for type, content and size by document_problem().
    """

    title = forms.CharField(
        label="Title",
        max_length=150,
        strip=True,
        help_text="What was done, and where, in a few words. For example: Sensors help "
        "Leeds tenants keep their homes warm and dry.",
        error_messages={
            "required": "Enter a title",
            "max_length": "The title must be 150 characters or fewer",
        },
    )
    organisation = forms.CharField(
        label="Organisation",
        max_length=200,
        strip=True,
        help_text="The organisation that did the work. If several worked together, name the "
        "one that led it.",
        error_messages={
            "required": "Enter the organisation that did the work",
            "max_length": "The organisation must be 200 characters or fewer",
        },
    )
    organisation_type = forms.ChoiceField(
        label="Type of organisation",
        choices=OrganisationType.choices,
        widget=Radios,
        help_text="The kind of organisation that led the work.",
        error_messages={"required": "Select the type of organisation"},
    )
    place = forms.CharField(
        label="Place",
        max_length=200,
        strip=True,
        help_text="The area the work serves, for example Leeds, Northumberland or Wales.",
        error_messages={
            "required": "Enter the place the work serves",
            "max_length": "The place must be 200 characters or fewer",
        },
    )
    place_type = forms.ChoiceField(
        label="Type of place",
        choices=PlaceType.choices,
        widget=Radios,
        help_text="The kind of area the work serves. If it serves several, choose the largest.",
        error_messages={"required": "Select the type of place"},
    )
    components = forms.MultipleChoiceField(
        label="Components",
        help_text=(
            "The parts of a connected place this work contributes to. Select all that apply."
        ),
        widget=Checkboxes,
        error_messages={
            "required": "Select at least one component",
            "invalid_choice": "Select components from the list",
        },
    )
    tags = forms.CharField(
        label="Themes",
        required=False,
        max_length=200,
        help_text="Up to 5 words or short phrases, separated by commas, such as: sensors, "
        "open data, social care.",
        error_messages={"max_length": "Keep the themes to 200 characters or fewer"},
    )
    summary = forms.CharField(
        label="Summary",
        max_length=600,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What was done and why it matters, in 2 or 3 sentences of plain text. It is "
        "shown in lists of case studies and in search results.",
        error_messages={
            "required": "Enter a summary",
            "max_length": "The summary must be 600 characters or fewer. It has "
            "%(show_value)d characters",
        },
    )
    challenge = _case_study_markdown_field(
        "The challenge", "The problem the organisation set out to solve, and for whom."
    )
    what_was_done = _case_study_markdown_field(
        "What was done",
        "What the organisation and its partners did, and how: the people, technology, "
        "data and money involved.",
    )
    outcomes = _case_study_markdown_field(
        "Outcomes", "What changed, for whom, with figures where you have them."
    )
    lessons = _case_study_markdown_field(
        "Lessons learned",
        "What others should know before trying the same: what worked, what you would do "
        "differently.",
        required=False,
    )
    contact = forms.CharField(
        label="Contact",
        required=False,
        max_length=500,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Who readers can ask about this work: a name, a role or a team's public "
        "email address. It is published with the case study, so only give someone's details "
        "with their permission.",
        error_messages={"max_length": "Keep the contact to 500 characters or fewer"},
    )
    documents = MultipleFileField(
        label="Documents",
        required=False,
        error_messages={"empty": "The file you chose is empty. Choose a file with something in it"},
    )
    permission = forms.BooleanField(
        label="I have permission to share this case study and its documents, and they do not "
        "contain personal information about anyone who has not agreed to it being published",
        error_messages={
            "required": "Confirm that you have permission to share this case study",
        },
    )

    def __init__(self, *args, existing_documents: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.existing_documents = existing_documents
        self.fields["components"].choices = list(community_list().values_list("slug", "title"))
        self.fields["documents"].help_text = (
            f"Reports, plans or evaluations that tell more: up to {self.document_room} "
            f"file{'s' if self.document_room != 1 else ''}, each {max_upload_in_words()} "
            f"or smaller, as {accepted_types_in_words()}."
        )
        self.fields["documents"].widget.attrs["accept"] = ",".join(
            f".{extension}" for extension in accepted_extensions()
        )
        for number in range(1, MAX_LINKS + 1):
            self.fields[f"link_{number}_title"] = forms.CharField(
                label=f"Link {number}: title",
                required=False,
                max_length=200,
                strip=True,
                help_text=(
                    "What the link leads to, for example: the council's evaluation report."
                    if number == 1
                    else ""
                ),
                error_messages={"max_length": "Keep the link title to 200 characters or fewer"},
            )
            self.fields[f"link_{number}_url"] = forms.URLField(
                label=f"Link {number}: address",
                required=False,
                max_length=500,
                assume_scheme="https",
                help_text="The web address, starting https://" if number == 1 else "",
                error_messages={
                    "invalid": "Enter a web address in the correct format, like "
                    "https://www.example.org/report",
                    "max_length": "Keep the web address to 500 characters or fewer",
                },
            )

    @property
    def document_room(self) -> int:
        return max(0, MAX_DOCUMENTS - self.existing_documents)

    @property
    def link_rows(self) -> list:
        return [
            (self[f"link_{number}_title"], self[f"link_{number}_url"])
            for number in range(1, MAX_LINKS + 1)
        ]

    def clean_tags(self) -> list[str]:
        return _clean_tag_list(self.cleaned_data["tags"])

    def clean_documents(self) -> list:
        documents = self.cleaned_data["documents"]
        if len(documents) > self.document_room:
            raise forms.ValidationError(
                f"Choose {self.document_room} file{'s' if self.document_room != 1 else ''} or fewer"
                if self.document_room
                else "This case study already has as many documents as it can. Remove one "
                "first, or choose no files"
            )
        problems = [document_problem(document) for document in documents]
        problems = [problem for problem in problems if problem]
        if problems:
            raise forms.ValidationError(problems)
        return documents

    def clean(self):
        cleaned_data = super().clean()
        for title_field, url_field in self.link_rows:
            title = cleaned_data.get(title_field.name)
            url = cleaned_data.get(url_field.name)
            if url and not title:
                self.add_error(title_field.name, "Enter a title for the link")
            elif title and not url and url_field.name not in self.errors:
                self.add_error(url_field.name, "Enter the web address of the link")
            elif url and urlsplit(url).scheme not in {"http", "https"}:
                self.add_error(url_field.name, "Enter a web address that starts https://")
        if self.errors:
            self.ask_for_files_again()
        return cleaned_data

    def ask_for_files_again(self) -> None:
        """Browsers never keep a chosen file when a form comes back with errors: say so."""
        if self.files.getlist("documents") and "documents" not in self.errors:
            self.add_error(
                "documents",
                "Choose the file again: files are not kept while other answers need changing",
            )

    def submission(self) -> CaseStudySubmission:
        data = self.cleaned_data
        components = {page.slug: page for page in community_list()}
        return CaseStudySubmission(
            title=data["title"],
            organisation=data["organisation"],
            organisation_type=data["organisation_type"],
            place=data["place"],
            place_type=data["place_type"],
            components=[components[slug] for slug in data["components"] if slug in components],
            tags=data["tags"],
            summary=data["summary"],
            challenge=data["challenge"],
            what_was_done=data["what_was_done"],
            outcomes=data["outcomes"],
            lessons=data["lessons"],
            contact=data["contact"],
            links=[
                (data[title.name], data[url.name])
                for title, url in self.link_rows
                if data.get(title.name) and data.get(url.name)
            ],
            documents=data["documents"],
        )
