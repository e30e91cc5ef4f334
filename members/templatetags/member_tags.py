from django import template
from django.template.loader import render_to_string

from members.profile_sections import ProfileSection

register = template.Library()


@register.simple_tag(takes_context=True)
def render_profile_section(context, section: ProfileSection, member) -> str:
    """One section another app added to a profile page (see members/profile_sections.py)."""
    request = context.get("request")
    section_context = {"member": member, **(section.context or {})}
    return render_to_string(section.template_name, section_context, request=request)
