from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Preferences, User


@receiver(post_save, sender=User, dispatch_uid="members.create_preferences")
def create_preferences(sender, instance, created, raw=False, **kwargs):
    """Every member has preferences from the start, so nobody is ever read with defaults."""
    if created and not raw:
        Preferences.objects.create(user=instance)
