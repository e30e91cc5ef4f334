"""Reacting to page events: a published event may have moved, been cancelled, or gained places."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .models import EventPage
from .services import event_published


@receiver(page_published, sender=EventPage)
def tell_registrants_about_changes(sender, instance, **kwargs):
    event_published(event=instance)
