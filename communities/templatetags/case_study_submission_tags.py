from django import template

from communities.library.models import CaseStudyIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def case_study_library_url(context) -> str:
    """The case-study library's address (its submit/ and yours/ routes hang off it), or "" if
    there is no live library."""
    library = CaseStudyIndexPage.objects.live().first()
    if library is None:
        return ""
    return library.get_url(request=context.get("request")) or ""
