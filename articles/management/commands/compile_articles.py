from django.core.management.base import BaseCommand
from tqdm import tqdm

from articles.compiled import compile_articles, stale_articles
from articles.models import Article

BATCH = 200


class Command(BaseCommand):
    help = (
        "Compile the pages of the articles whose compiled page is missing or was "
        "rendered by other code, templates or settings (run it after every deploy); "
        "--all compiles every article (after a change to a template override). "
        "Saving an article keeps its own page current."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="compile every article again"
        )

    def handle(self, *args, all=False, **options):
        articles = Article.objects.all() if all else stale_articles()
        ids = list(articles.order_by("pk").values_list("pk", flat=True))
        with tqdm(total=len(ids), desc="Halaman artikel", unit="artikel") as bar:
            for start in range(0, len(ids), BATCH):
                batch = ids[start : start + BATCH]
                compile_articles(batch)
                bar.update(len(batch))
        self.stdout.write(self.style.SUCCESS(f"Compiled {len(ids)} article(s)."))
