from django.db import migrations

MEMBERSHIP_PERMISSIONS = [
    ("moderate_all_communities", "Can moderate the discussions of every community"),
    ("add_membership", "Can add membership"),
    ("change_membership", "Can change membership"),
    ("delete_membership", "Can delete membership"),
    ("view_membership", "Can view membership"),
]
GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    """Wagtail's Editors and Moderators moderate every community and manage its facilitators.

    Permissions are normally created after migrating; these are created here (the same rows
    Django would make) so that the groups can be given them now.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="communities", model="membership")
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )[0]
        for codename, name in MEMBERSHIP_PERMISSIONS
    ]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    permissions = Permission.objects.filter(
        content_type__app_label="communities",
        codename__in=[codename for codename, _ in MEMBERSHIP_PERMISSIONS],
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0002_discussions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
