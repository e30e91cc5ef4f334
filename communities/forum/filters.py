"""A community's discussions filtered by tag (its discussions/ page), on
members.filters.ListFilterSet."""

import re

import django_filters
from django import forms
from django.core.exceptions import ValidationError

from members.filters import ListFilterSet

TAG_SLUG = re.compile(r"[-\w]+")
TAG_SLUG_MAX_LENGTH = 100  # taggit's column


class TagSlugField(forms.CharField):
    """A tag's slug as taggit makes it: Unicode letters, numbers, underscores and hyphens.
    One message, whatever is wrong with the value."""

    default_error_messages = {"invalid": "Choose a tag shown on a discussion"}

    def validate(self, value):
        super().validate(value)
        if value and not (len(value) <= TAG_SLUG_MAX_LENGTH and TAG_SLUG.fullmatch(value)):
            raise ValidationError(self.error_messages["invalid"], code="invalid")


class TagFilter(django_filters.CharFilter):
    field_class = TagSlugField


class ThreadFilterSet(ListFilterSet):
    """A community's discussions by tag (the links under each discussion); filters
    selectors.thread_list(). A tag no discussion has is not an error: the list says that no
    discussion has it."""

    tag = TagFilter(
        label="Tag",
        field_name="tags__slug",
        # Not a field on the page: chosen with the links, so its error is not a link.
        widget=forms.HiddenInput,
    )

    @property
    def chosen_tag(self) -> str:
        return self.chosen.get("tag", "")
