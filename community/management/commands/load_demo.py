"""`manage.py load_demo`: fill the site with the demo content; safe to run again."""

from django.core.management.base import BaseCommand

from community.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo content: taxonomy, partners, events, resources and sample expert "
        "profiles. Running it again updates what is there and creates no duplicates."
    )

    def handle(self, *args, **options) -> None:
        verbosity = options["verbosity"]
        counts = load_demo(stdout=self.stdout if verbosity > 1 else None)
        if verbosity == 0:
            return
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
