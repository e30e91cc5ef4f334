from django import template

from ..selectors import event_list, events_with_outputs
from ..selectors import registration_badge as badge_for

register = template.Library()


@register.inclusion_tag("components/event_list.html")
def upcoming_events(community=None, limit=3, heading_tag="h3"):
    """The next few events, for a community page or the home page."""
    return {"events": list(event_list(community=community)[:limit]), "heading_tag": heading_tag}


@register.inclusion_tag("events/event_outputs.html")
def event_outputs(community=None, limit=3, calls=3, heading_tag="h3"):
    """Recent past events' published outputs (their calls to action, linking to the report),
    for a community page: the community's own events and those for the whole network.

    Usage: {% event_outputs community=page %}
    """
    events = list(
        events_with_outputs(community=community).prefetch_related("calls_to_action")[:limit]
    )
    for event in events:
        actions = list(event.calls_to_action.all())
        event.output_calls = actions[:calls]
        event.calls_count = len(actions)
        event.more_calls = len(actions) > calls
    return {"events": events, "heading_tag": heading_tag}


@register.simple_tag
def registration_badge(event):
    """("Registration open: 3 places left", "green"), or None; see selectors.registration_badge."""
    return badge_for(event)
