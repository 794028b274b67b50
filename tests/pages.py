"""The public page types every checker visits, built from the demo content."""

from django.core.management import call_command
from django.urls import reverse

from ads.models import ServiceListing
from articles import demo_content
from articles.models import Article, Page

NOT_FOUND_PATH = "/halaman-yang-tidak-ada/"


def load_demo() -> None:
    import io

    call_command("seed_demo", stdout=io.StringIO(), stderr=io.StringIO())


def public_pages() -> dict[str, str]:
    """Name → path for every public page type, from the loaded demo content."""
    seed_like = Article.objects.get(slug=demo_content.ARTICLES[0]["slug"])
    every_block = Article.objects.get(slug=demo_content.ARTICLES[1]["slug"])
    # The demo's article with embeds (a map and a video, as click-to-load facades).
    embeds = (
        Article.objects.filter(sections__body__contains="data-embed=").distinct().get()
    )
    # The demo's article with a correction, an update and a right of reply.
    with_notes = Article.objects.get(slug=next(iter(demo_content.NOTES)))
    tag = seed_like.tags.order_by("name").first()
    listing = ServiceListing.objects.filter(is_active=True).order_by("position").first()
    pages = {
        # With the demo's lead story ("Berita Utama").
        "home": reverse("home"),
        "article-seed-like": seed_like.get_absolute_url(),
        "article-every-block": every_block.get_absolute_url(),
        "article-embeds": embeds.get_absolute_url(),
        "article-with-notes": with_notes.get_absolute_url(),
        "newsroom-page": Page.objects.get(
            slug="pedoman-media-siber"
        ).get_absolute_url(),
        "category": seed_like.category.get_absolute_url(),
        "tag": reverse("articles:tag", args=[tag.slug]),
        "author": seed_like.author.get_absolute_url(),
        "search": reverse("search") + "?q=belajar",
        "search-empty": reverse("search"),
        "archive-index": reverse("articles:archive"),
        "archive-month": reverse(
            "articles:archive-month",
            kwargs={
                "year": seed_like.published_at.year,
                "month": seed_like.published_at.month,
            },
        ),
        "services": reverse("ads:listings"),
        "service-detail": listing.get_absolute_url(),
        "enquiry-thanks": reverse("ads:thanks", args=[listing.slug]),
        "not-found": NOT_FOUND_PATH,
    }
    return pages
