"""The site's three content languages, and who may translate pages.

Wagtail's own migrations create the default locale (English, from LANGUAGE_CODE), and every
existing page is in it; this adds Arabic and French, so pages can be translated into them.
Moderators, who may edit and publish anywhere in the tree, get "Can submit translations"
(the admin's "Translate" action).
"""

from django.db import migrations

LANGUAGES = ["en", "ar", "fr"]


def add_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code in LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def let_moderators_translate(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="simple_translation", model="simpletranslation"
    )
    submit, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    moderators.permissions.add(submit)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0004_notifications"),
        ("wagtailcore", "0098_apitoken"),
        ("simple_translation", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        # Going back leaves the locales: translations may already use them.
        migrations.RunPython(add_locales, migrations.RunPython.noop),
        migrations.RunPython(let_moderators_translate, migrations.RunPython.noop),
    ]
