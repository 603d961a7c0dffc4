"""Create the demo administrator once, and print its password that one time only."""

import secrets

from allauth.account.models import EmailAddress
from django.core.management.base import BaseCommand

from members.models import User

DEMO_ADMIN_EMAIL = "admin@example.org"


class Command(BaseCommand):
    help = "Create the demo administrator (admin@example.org) if missing; print its password once."

    def add_arguments(self, parser):
        parser.add_argument("--email", default=DEMO_ADMIN_EMAIL)

    def handle(self, *args, email: str, **options):
        if User.objects.filter(email__iexact=email).exists():
            self.stdout.write(
                f"Demo administrator: {email} (password shown when it was created; "
                f"reset it with: python manage.py changepassword {email})"
            )
            return
        password = secrets.token_urlsafe(12)
        admin = User.objects.create_superuser(
            email=email, password=password, first_name="Demo", last_name="Administrator"
        )
        # Made by whoever runs the server, so the address needs no confirming: the same
        # e-mail and password sign in to the site as well as to Wagtail's admin.
        EmailAddress.objects.create(user=admin, email=email, primary=True, verified=True)
        self.stdout.write(
            self.style.SUCCESS("Demo administrator created. Sign in (site or /admin/) with:")
        )
        self.stdout.write(f"  e-mail:   {email}\n  password: {password}")
        self.stdout.write("This password is shown only now.")
