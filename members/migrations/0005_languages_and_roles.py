"""Seed the languages members can say they speak, and the groups that carry member roles.

Roles are groups with permissions (never flags checked in templates):
- "Verified experts": members whose expert verification a moderator approved.
- "Moderators" (created by Wagtail): may also decide expert verification.
"""

from django.db import migrations

# ISO 639-1 codes and English names; the six UN languages first, then others common in the
# community. Names are shown translated through Django's own language names.
LANGUAGES = [
    ("ar", "Arabic"), ("zh", "Chinese"), ("en", "English"), ("fr", "French"),
    ("ru", "Russian"), ("es", "Spanish"), ("pt", "Portuguese"), ("de", "German"),
    ("it", "Italian"), ("sw", "Swahili"), ("hi", "Hindi"), ("bn", "Bengali"),
    ("ur", "Urdu"), ("fa", "Persian"), ("tr", "Turkish"), ("id", "Indonesian"),
    ("ms", "Malay"), ("ja", "Japanese"), ("ko", "Korean"), ("vi", "Vietnamese"),
    ("th", "Thai"), ("am", "Amharic"), ("ha", "Hausa"), ("yo", "Yoruba"),
    ("nl", "Dutch"), ("pl", "Polish"), ("uk", "Ukrainian"), ("et", "Estonian"),
    ("fil", "Filipino"), ("he", "Hebrew"),
]


def seed(apps, schema_editor):
    Language = apps.get_model("members", "Language")
    for code, name in LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name": name})

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group.objects.get_or_create(name="Verified experts")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="members", model="verificationrequest"
    )
    review, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="review_verificationrequest",
        defaults={"name": "Can decide expert verification"},
    )
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(review)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0004_expert_profiles_verification_follows"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
