"""Email to members: one way to render and send, so every message looks and behaves alike.

Each message is a pair of templates, ``<name>.txt`` and ``<name>.html``, both extending the
shared frames in templates/emails/. It goes out through Django's email API, so SMTP, a
django-anymail provider or the outbox folder is a matter of configuration.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes | str
    mimetype: str


def absolute_url(path: str) -> str:
    """A link that works from an inbox: the site's base URL in front of a path."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/{path.lstrip('/')}"


def build_email(
    to: str | Iterable[str],
    *,
    subject: str,
    template: str,
    context: dict | None = None,
    headers: dict | None = None,
    attachments: Iterable[Attachment] = (),
) -> EmailMultiAlternatives:
    """Renders ``template``.txt and .html with the context into one message, not yet sent."""
    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": absolute_url("/"),
        "preferences_url": absolute_url("/accounts/preferences/"),
        "subject": subject,
        **(context or {}),
    }
    message = EmailMultiAlternatives(
        subject=f"{settings.ACCOUNT_EMAIL_SUBJECT_PREFIX}{subject}",
        body=render_to_string(f"{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to] if isinstance(to, str) else list(to),
        headers=headers or {},
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    for attachment in attachments:
        message.attach(attachment.filename, attachment.content, attachment.mimetype)
    return message


def send_email(to, **kwargs) -> int:
    """Builds and sends one message; returns how many were sent (0 or 1)."""
    return build_email(to, **kwargs).send()
