from django.core.management.base import BaseCommand
from tqdm import tqdm

from articles.popularity import flush_counters


class Command(BaseCommand):
    help = (
        "Write the read counters kept in the cache to the daily statistics "
        "(ArticleDailyView). Run it every few minutes from cron or a timer; pages "
        "also flush now and then on their own."
    )

    def handle(self, *args, **options):
        written = flush_counters(
            progress=lambda items: tqdm(items, desc="Penghitung", unit="menit")
        )
        self.stdout.write(self.style.SUCCESS(f"Flushed {written} view(s)."))
