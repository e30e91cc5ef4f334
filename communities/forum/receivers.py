"""The forum's answers to what happens in the rooms below it."""

from django.dispatch import receiver

from communities.forum.models import Watch
from communities.membership.signals import membership_ended


@receiver(membership_ended)
def stop_watching(sender, *, community, member, **kwargs) -> None:
    """The community's watch goes, and so do its threads' where the discussions are
    members-only, since the member can no longer read them."""
    Watch.objects.filter(member=member, community=community).delete()
    if not community.discussions_are_public:
        Watch.objects.filter(member=member, thread__community=community).delete()
