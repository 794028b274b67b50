"""What the home page shows, read as cards in three queries.

The home page shows each published article at most once: the newest featured
ones ("Pilihan Redaksi"), then the newest of the rest ("Terbaru"), then the newest
of the rest per category. On a live site all of it sits among the newest few
hundred articles, so ``front_page`` reads the newest ``SCAN`` published rows'
id, category and featured flag once, from the published articles' index, and
picks from them in Python. Only what the scan cannot settle is looked up on its
own: an older featured article, or a quiet category with too few articles in the
scan (``newest_per_category``). Then the chosen cards are read in one query
(``reading.cards``). ``tests/articles/test_frontpage.py`` holds the picks to the
plain rule whatever the scan holds.

Building the ORM SQL of a subquery per category cost more than running it, on
every cold home page (bench/README.md, "The home page from one scan").
"""

from collections import defaultdict
from typing import NamedTuple

from .models import Article, Category
from .reading import cards

# Rows the scan reads; more than the home page's sections show.
SCAN = 200


class FrontPage(NamedTuple):
    featured: list
    latest: list
    category_blocks: list  # (Category, cards) for the categories with articles


def _newest(queryset):
    return queryset.order_by("-published_at", "-pk")


def front_page(featured: int, latest: int, per_category: int) -> FrontPage:
    """Up to ``featured`` featured articles, ``latest`` others and ``per_category``
    more of each category, newest first, each article once; as cards for
    ``{% article_cards %}``."""
    published = Article.objects.published()
    scanned = list(
        _newest(published).values_list("pk", "category_id", "is_featured")[:SCAN]
    )
    # A short scan saw every published article: nothing is left to look up.
    complete = len(scanned) < SCAN

    featured_ids = [pk for pk, _category, is_featured in scanned if is_featured]
    if len(featured_ids) < featured and not complete:
        featured_ids = _newest(published.filter(is_featured=True)).values_list(
            "pk", flat=True
        )
    featured_ids = list(featured_ids[:featured])

    shown = set(featured_ids)
    latest_ids = [pk for pk, _category, _f in scanned if pk not in shown]
    if len(latest_ids) < latest and not complete:
        latest_ids = _newest(published.exclude(pk__in=shown)).values_list(
            "pk", flat=True
        )
    latest_ids = list(latest_ids[:latest])
    shown.update(latest_ids)

    categories = list(Category.objects.all())
    wanted = {category.pk for category in categories}
    by_category = defaultdict(list)
    for pk, category_id, _f in scanned:
        if (
            pk not in shown
            and category_id in wanted
            and len(by_category[category_id]) < per_category
        ):
            by_category[category_id].append(pk)
    short = [
        category
        for category in categories
        if len(by_category[category.pk]) < per_category
    ]
    if short and not complete:
        # Their own newest, which include what the scan found of them.
        found = published.newest_per_category(short, per_category, exclude=shown)
        for category in short:
            by_category[category.pk] = []
        for pk, category_id in _newest(found).values_list("pk", "category_id"):
            by_category[category_id].append(pk)

    chosen = featured_ids + latest_ids
    chosen += [pk for pks in by_category.values() for pk in pks]
    read = {card.pk: card for card in cards(published.filter(pk__in=chosen))}

    def cards_of(ids):
        return [read[pk] for pk in ids if pk in read]

    return FrontPage(
        featured=cards_of(featured_ids),
        latest=cards_of(latest_ids),
        category_blocks=[
            (category, cards_of(by_category[category.pk]))
            for category in categories
            if by_category.get(category.pk)
        ],
    )
