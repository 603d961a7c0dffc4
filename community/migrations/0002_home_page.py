"""Make the community's home page the root of the default site.

Wagtail's first migration creates a placeholder page with no template; replacing it here
means a fresh database serves a real home page even before the demo content is loaded.
"""

from django.db import migrations


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("community.HomePage")

    Page.objects.filter(
        depth=2, content_type__model="page", content_type__app_label="wagtailcore"
    ).delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="community")
    locale = Locale.objects.order_by("pk").first()
    home = HomePage.objects.create(
        title="Community of Expertise on eGovernance for Development",
        draft_title="Community of Expertise on eGovernance for Development",
        slug="home",
        content_type=content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
    )
    root = Page.objects.get(depth=1)
    root.numchild = 1
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": home.title},
    )


def remove_home_page(apps, schema_editor):
    apps.get_model("community.HomePage").objects.filter(depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_home_page, remove_home_page)]
