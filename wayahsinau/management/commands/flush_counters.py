from django.core.management.base import BaseCommand
from tqdm import tqdm

from ads.counting import flush_impressions
from articles.popularity import flush_counters
from wayahsinau.tally import tally


class Command(BaseCommand):
    help = (
        "Write the counters kept in the cache to the database: article reads "
        "(ArticleDailyView) and ad impressions (DailyStat). Run it every few minutes "
        "from cron or a timer; pages also flush now and then on their own, and each "
        "process flushes when it exits."
    )

    def handle(self, *args, **options):
        tally.push()  # this process's own last second, when run from a shell
        written = flush_counters(
            progress=lambda items: tqdm(items, desc="Penghitung baca", unit="menit")
        )
        # None: another flush was running and writes them.
        impressions = (
            flush_impressions(
                progress=lambda items: tqdm(items, desc="Tayangan iklan", unit="hari")
            )
            or 0
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Flushed {written} view(s) and {impressions} impression(s)."
            )
        )
