"""Reacting to page events: a published event may have moved, been cancelled, or gained places."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import EventPage


@receiver(page_published, sender=EventPage)
def tell_registrants_about_changes(sender, instance, **kwargs):
    from .services import event_published

    event_published(event=instance)
