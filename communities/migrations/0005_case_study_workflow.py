from django.db import migrations

WORKFLOW_NAME = "Case study review"  # communities.case_study_submissions.REVIEW_WORKFLOW_NAME
TASK_NAME = "Editors review the case study"
REVIEWERS = "Editors"


def create_review_workflow(apps, schema_editor):
    """The workflow members' case studies go through: the Editors group approves (publishing
    it) or asks for changes. It applies to the case-study library, if there is one yet (the
    demo seed assigns it when it makes the library: case_study_workflow_assign)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    CaseStudyIndexPage = apps.get_model("communities", "CaseStudyIndexPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Permission = apps.get_model("auth", "Permission")

    if Workflow.objects.filter(name=WORKFLOW_NAME).exists():
        return
    task_content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.create(
        name=TASK_NAME, content_type=task_content_type, active=True
    )
    task.groups.set(Group.objects.filter(name=REVIEWERS))
    workflow = Workflow.objects.create(name=WORKFLOW_NAME, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    # Wagtail publishes an approved page as its approver, who needs permission to publish.
    publish = Permission.objects.get(
        content_type__app_label="wagtailcore", content_type__model="page", codename="publish_page"
    )
    for library in CaseStudyIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=library.pk, defaults={"workflow": workflow})
        for group in task.groups.all():
            GroupPagePermission.objects.get_or_create(
                group=group, page_id=library.pk, permission=publish
            )


def remove_review_workflow(apps, schema_editor):
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    GroupApprovalTask.objects.filter(name=TASK_NAME, workflow_tasks__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0004_case_study_library"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_review_workflow, remove_review_workflow)]
