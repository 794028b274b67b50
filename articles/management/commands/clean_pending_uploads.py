from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.uploads import PENDING_LIFETIME, clean_pending_uploads


class Command(BaseCommand):
    help = (
        "Delete the pictures kept from refused saves (pending uploads) that nobody "
        "used within a day, files included. A used one is deleted by the save that "
        "used it. Run it daily from cron or a systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=int(PENDING_LIFETIME.total_seconds() // 3600),
            help="delete kept uploads older than this many hours (default 24)",
        )

    def handle(self, *args, hours, **options):
        if hours < 1:
            raise CommandError("--hours must be at least 1.")
        deleted = clean_pending_uploads(
            timedelta(hours=hours),
            progress=lambda rows: tqdm(rows, desc="Unggahan tertunda", unit="berkas"),
        )
        self.stdout.write(
            self.style.SUCCESS(f"Deleted {deleted} unused pending upload(s).")
        )
