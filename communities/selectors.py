"""Read-side queries for communities and case studies. Other apps call these, not the models."""

from django.db.models import Prefetch, QuerySet

from .models import CaseStudyPage, CommunityPage


def community_list() -> QuerySet[CommunityPage]:
    """The live communities in page-tree order (the order editors arrange them in)."""
    return CommunityPage.objects.live().public().order_by("path")


def case_study_list(
    *,
    component: CommunityPage | None = None,
    place_type: str | None = None,
    organisation: str | None = None,
) -> QuerySet[CaseStudyPage]:
    """Live case studies, newest first, with their components prefetched for cards."""
    case_studies = (
        CaseStudyPage.objects.live()
        .public()
        .prefetch_related(
            Prefetch(
                "components",
                queryset=CommunityPage.objects.live()
                .order_by("path")
                .only("id", "title", "url_path", "path"),
            )
        )
        .order_by("-published_date", "-id")
    )
    if component is not None:
        case_studies = case_studies.filter(components=component)
    if place_type:
        case_studies = case_studies.filter(place_type=place_type)
    if organisation:
        case_studies = case_studies.filter(organisation=organisation)
    return case_studies


def case_study_organisations() -> list[str]:
    """Every organisation with a live case study, for the library's filter."""
    return list(
        CaseStudyPage.objects.live()
        .public()
        .order_by("organisation")
        .values_list("organisation", flat=True)
        .distinct()
    )


def interest_choices() -> list[tuple[str, str]]:
    """(slug, title) of each live community, for members' interests."""
    return list(community_list().values_list("slug", "title"))
