from django import template

from ..selectors import event_list

register = template.Library()


@register.inclusion_tag("components/event_list.html")
def upcoming_events(community=None, limit=3, heading_level=2):
    """The next few events, for a community page or the home page."""
    return {"events": list(event_list(community=community)[:limit]), "heading_level": heading_level}
