"""Filters of the site's lists, on django-filter: the base every list's FilterSet shares, and
the member directory's.

A list's filters come from its query string, so every state of them is an address to share.
A value a filter cannot take (an old or edited link) is an error on that filter, which the
page shows in a GOV.UK error summary (components/filter_error_summary.html); the list is then
narrowed by the other filters, as if that one were empty.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django_filters.constants import EMPTY_VALUES

from .forms import length_message
from .models import Sector

SEARCH_LABEL = "Name, organisation, job title or place"
SEARCH_MAX_LENGTH = 100
SEARCH_MAX_WORDS = 8


class ListFilterSet(django_filters.FilterSet):
    """A list's filters, read from the query string (`data`, request.GET).

    Always bound, even to an empty query string, so that a filter with a default (upcoming
    events) applies when none is chosen. Every filter is applied, one in error as if empty.
    """

    # Filters that only order the list: choosing one does not count as filtering it.
    ordering_filters: tuple[str, ...] = ()

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(
            data if data is not None else QueryDict(), queryset, request=request, prefix=prefix
        )

    def filter_queryset(self, queryset):
        cleaned_data = self.form.cleaned_data
        for name, filter_ in self.filters.items():
            queryset = filter_.filter(queryset, cleaned_data.get(name))
        return queryset

    @property
    def chosen(self) -> dict:
        """The valid filters chosen (those not empty), by name."""
        self.is_valid()
        return {
            name: value
            for name, value in self.form.cleaned_data.items()
            if value not in EMPTY_VALUES and name not in self.ordering_filters
        }

    @property
    def applied(self) -> bool:
        """Whether any valid filter narrows the list."""
        return bool(self.chosen)


class ModelChoiceField(django_filters.fields.ModelChoiceField):
    """A value that is none of the choices is an "invalid_choice", one with a null character
    too (for which Django has a message of its own)."""

    def validate_no_null_characters(self, value):
        try:
            super().validate_no_null_characters(value)
        except ValidationError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ModelChoiceField


def directory_search(queryset: QuerySet, name: str, value: str) -> QuerySet:
    """Members with every word (up to eight) in their name, organisation, place or job title."""
    for word in value.split()[:SEARCH_MAX_WORDS]:
        queryset = queryset.filter(
            Q(display_name__icontains=word)
            | Q(organisation__icontains=word)
            | Q(place__icontains=word)
            | Q(job_title__icontains=word)
        )
    return queryset


class DirectoryFilterSet(ListFilterSet):
    """The member directory's search (members.profiles.directory gives who is listed)."""

    q = django_filters.CharFilter(
        label=SEARCH_LABEL,
        method=directory_search,
        max_length=SEARCH_MAX_LENGTH,
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
        error_messages={
            "max_length": length_message(SEARCH_LABEL, SEARCH_MAX_LENGTH),
            "null_characters_not_allowed": f"{SEARCH_LABEL} must not include hidden characters",
        },
    )
    sector = django_filters.ChoiceFilter(
        label="Sector",
        choices=Sector.choices,
        empty_label="All sectors",
        error_messages={"invalid_choice": "Choose a sector from the list"},
    )
