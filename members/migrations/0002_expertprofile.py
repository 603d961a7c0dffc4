import django.db.models.deletion
import django_countries.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("community", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ExpertProfile",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("display_name", models.CharField(max_length=120, verbose_name="display name")),
                ("headline", models.CharField(blank=True, max_length=200, verbose_name="headline")),
                ("biography", models.TextField(blank=True, verbose_name="biography")),
                (
                    "affiliation",
                    models.CharField(blank=True, max_length=200, verbose_name="affiliation"),
                ),
                (
                    "country",
                    django_countries.fields.CountryField(
                        blank=True, max_length=2, verbose_name="country"
                    ),
                ),
                (
                    "languages",
                    models.CharField(
                        blank=True,
                        help_text="Language codes separated by commas, for example: en, ar, fr",
                        max_length=200,
                        verbose_name="languages spoken",
                    ),
                ),
                (
                    "visibility",
                    models.CharField(
                        choices=[
                            ("public", "Public: anyone can see it"),
                            ("members", "Members only: signed-in members can see it"),
                            ("hidden", "Hidden: only you can see it"),
                        ],
                        default="members",
                        max_length=10,
                        verbose_name="who can see this profile",
                    ),
                ),
                (
                    "is_sample",
                    models.BooleanField(
                        default=False,
                        help_text="A made-up profile that shows what the directory looks like.",
                        verbose_name="sample profile",
                    ),
                ),
                (
                    "action_lines",
                    models.ManyToManyField(blank=True, related_name="+", to="community.actionline"),
                ),
                (
                    "region",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="community.region",
                    ),
                ),
                (
                    "themes",
                    models.ManyToManyField(blank=True, related_name="+", to="community.theme"),
                ),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="profile",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "expert profile",
                "verbose_name_plural": "expert profiles",
                "ordering": ["display_name"],
            },
        ),
    ]
