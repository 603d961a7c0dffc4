"""The "Moderators" group moderates every forum category (category moderators only theirs)."""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="forums", model="category")
    moderate, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="moderate_forums",
        defaults={"name": "Can moderate every forum category"},
    )
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(moderate)


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0001_forums"),
        ("members", "0005_languages_and_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
