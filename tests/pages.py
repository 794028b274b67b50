"""The public page types every checker visits, built from the demo content."""

from django.core.management import call_command
from django.urls import NoReverseMatch, reverse

from articles import demo_content
from articles.models import Article

NOT_FOUND_PATH = "/halaman-yang-tidak-ada/"


def load_demo() -> None:
    import io

    call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())


def public_pages() -> dict[str, str]:
    """Name → path for every public page type, from the loaded demo content."""
    seed_like = Article.objects.get(slug=demo_content.ARTICLES[0]["slug"])
    every_block = Article.objects.get(slug=demo_content.ARTICLES[1]["slug"])
    tag = seed_like.tags.order_by("name").first()
    pages = {
        "home": reverse("home"),
        "article-seed-like": seed_like.get_absolute_url(),
        "article-every-block": every_block.get_absolute_url(),
        "category": seed_like.category.get_absolute_url(),
        "tag": reverse("articles:tag", args=[tag.slug]),
        "author": seed_like.author.get_absolute_url(),
        "not-found": NOT_FOUND_PATH,
    }
    for name, url_name, query in [
        ("search", "search", "?q=belajar"),
    ]:
        try:
            pages[name] = reverse(url_name) + query
        except NoReverseMatch:
            pass
    return pages
