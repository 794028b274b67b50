from django.core.management.base import BaseCommand
from tqdm import tqdm

from articles.models import Article
from articles.search import refresh_search_document
from articles.signals import pages_changed


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
        pages_changed.send(sender=Article)  # searches ranked before it are stale
        self.stdout.write(self.style.SUCCESS(f"Indexed {total} article(s)."))
