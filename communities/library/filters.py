"""The case-study library's filters and sort (/case-studies/), on members.filters.ListFilterSet."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef

from communities.library.models import CaseStudyTag, OrganisationType, PlaceType
from communities.library.selectors import (
    SORT_MOST_DISCUSSED,
    SORTS,
    ComponentLink,
    LibraryFacets,
    most_discussed_first,
)
from communities.membership.selectors import readable_community_ids
from members.filters import ListFilterSet
from members.forms import Checkboxes


class CaseStudyFilterSet(ListFilterSet):
    """The library's filters and sort; filters case_studies.library_case_studies().

    The choices are what the library holds (`facets`, from case_studies.library_facets), so
    a value that is not among them (an old or edited link) is an error on its filter.
    """

    ordering_filters = ("sort",)

    component = django_filters.ChoiceFilter(
        label="Component",
        method="filter_component",
        empty_label="All components",
        error_messages={"invalid_choice": "Choose a component from the list"},
    )
    place_type = django_filters.ChoiceFilter(
        label="Type of place",
        choices=PlaceType.choices,
        empty_label="All types of place",
        error_messages={"invalid_choice": "Choose a type of place from the list"},
    )
    organisation_type = django_filters.ChoiceFilter(
        label="Type of organisation",
        choices=OrganisationType.choices,
        empty_label="All types of organisation",
        error_messages={"invalid_choice": "Choose a type of organisation from the list"},
    )
    tags = django_filters.MultipleChoiceFilter(
        label="Themes",
        method="filter_tags",
        help_text="Case studies with every theme you select.",
        widget=Checkboxes,
        error_messages={"invalid_choice": "Choose themes from the list"},
    )
    year = django_filters.TypedChoiceFilter(
        label="Year written up",
        field_name="published_date",
        lookup_expr="year",
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Choose a year from the list"},
    )
    organisation = django_filters.ChoiceFilter(
        label="Organisation",
        empty_label="All organisations",
        error_messages={"invalid_choice": "Choose an organisation from the list"},
    )
    # Chosen with links beside the results; the form carries it along as a hidden field.
    # Newest first is the order library_case_studies() already has.
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=SORTS,
        method="sort_by",
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": "Choose newest first or most discussed"},
    )

    def __init__(self, data, queryset, *, facets: LibraryFacets, request):
        super().__init__(data, queryset, request=request)
        self.components = {community.slug: community for community in facets.components}
        self.filters["component"].extra["choices"] = [
            (community.slug, community.title) for community in facets.components
        ]
        self.filters["tags"].extra["choices"] = [(tag.slug, tag.name) for tag in facets.tags]
        self.filters["year"].extra["choices"] = [
            ("", "All years"),
            *((str(year), str(year)) for year in facets.years),
        ]
        self.filters["organisation"].extra["choices"] = [
            (name, name) for name in facets.organisations
        ]

    @property
    def chosen_sort(self) -> str:
        """The valid sort chosen, or "" (newest first)."""
        self.is_valid()
        return self.form.cleaned_data.get("sort") or ""

    def filter_component(self, queryset, name, slug):
        return queryset.filter(
            Exists(
                ComponentLink.objects.filter(
                    casestudypage_id=OuterRef("pk"), communitypage_id=self.components[slug].pk
                )
            )
        )

    def filter_tags(self, queryset, name, slugs):
        """Case studies with every one of the themes."""
        for slug in slugs:
            queryset = queryset.filter(
                Exists(
                    CaseStudyTag.objects.filter(content_object_id=OuterRef("pk"), tag__slug=slug)
                )
            )
        return queryset

    def sort_by(self, queryset, name, sort):
        if sort == SORT_MOST_DISCUSSED:
            readable = readable_community_ids(self.request.user)
            return most_discussed_first(queryset, readable_ids=readable)
        return queryset
