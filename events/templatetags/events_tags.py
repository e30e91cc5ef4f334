from django import template

from ..selectors import event_list

register = template.Library()


@register.inclusion_tag("components/event_list.html")
def upcoming_events(community=None, limit=3, heading_tag="h3"):
    """The next few events, for a community page or the home page."""
    return {"events": list(event_list(community=community)[:limit]), "heading_tag": heading_tag}
