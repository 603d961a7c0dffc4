from django.core.management.base import BaseCommand

from community.notifications.digests import send_digests


class Command(BaseCommand):
    help = "E-mail each member their daily digest of notifications (run once a day)."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest e-mails sent.")
