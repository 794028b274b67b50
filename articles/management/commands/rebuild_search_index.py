from django.core.management.base import BaseCommand
from tqdm import tqdm

from articles.caching import bump_generation
from articles.models import Article
from articles.search import refresh_search_document


class Command(BaseCommand):
    help = (
        "Rebuild the search text of every article (after an import or the first "
        "deploy of search). Saving an article keeps its own entry fresh."
    )

    def handle(self, *args, **options):
        articles = Article.objects.order_by("pk")
        total = articles.count()
        for article in tqdm(articles.iterator(), total=total, desc="Indeks pencarian"):
            refresh_search_document(article)
        bump_generation()  # searches ranked before it are stale
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} article(s)."))
