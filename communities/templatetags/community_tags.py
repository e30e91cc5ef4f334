from django import template

from communities.forum.rendering import excerpt
from members.profiles import author_name

register = template.Library()


@register.filter
def post_excerpt(markdown_text: str, length: int = 200) -> str:
    """The start of a post as plain text (escaped by the template like any other text)."""
    return excerpt(markdown_text or "", length=int(length))


register.filter("member_name", author_name)
