from django import template

from ..rendering import excerpt

register = template.Library()


@register.filter
def post_excerpt(markdown_text: str, length: int = 200) -> str:
    """The start of a post as plain text (escaped by the template like any other text)."""
    return excerpt(markdown_text or "", length=int(length))


@register.filter
def member_name(user) -> str:
    """What to call the author of something: their name, or "A former member" once their
    account is gone."""
    if user is None:
        return "A former member"
    return user.get_full_name() or "A member"
