"""What follows editors' actions on pages (connected in apps.py): members are told what editors
decided about the case studies they submitted (Wagtail's page_published and workflow_rejected
signals), and a community's threads are re-indexed when it is published under a new title, so
that search finds them by its current name."""

from django.dispatch import receiver
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.signals import page_published, workflow_rejected

from communities.library.models import CaseStudyPage
from communities.library.submissions import submission_published, submission_sent_back
from communities.membership.models import CommunityPage
from core.tasks import queue_on_commit


@receiver(page_published, sender=CaseStudyPage, dispatch_uid="case_study_submission_published")
def case_study_published(sender, instance, revision=None, **kwargs):
    """Covers approval through the workflow and an editor publishing it directly."""
    if instance.submitted_by_id:
        submission_published(page=instance, revision=revision)


@receiver(workflow_rejected, sender=WorkflowState, dispatch_uid="case_study_submission_sent_back")
def case_study_sent_back(sender, instance, **kwargs):
    submission_sent_back(workflow_state=instance)


@receiver(page_published, sender=CommunityPage, dispatch_uid="community_threads_reindexed")
def community_published(sender, instance, revision=None, **kwargs):

    if _title_changed(instance, revision):
        queue_on_commit("communities.forum.tasks.reindex_community_threads", instance.pk)


def _title_changed(page, revision) -> bool:
    """Whether this publication changes the title the page last went live with (True when
    there is no earlier publication to compare with)."""
    earlier = (
        PageLogEntry.objects.filter(page=page, action="wagtail.publish", revision__isnull=False)
        .exclude(revision=revision)
        .select_related("revision")
        .order_by("-timestamp", "-pk")
        .first()
    )
    return earlier is None or earlier.revision.content.get("title") != page.title
