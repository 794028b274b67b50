"""What the home page shows, read in four queries.

The home page shows each published article at most once: the lead story
("Berita Utama": the one the editor marked ``is_lead``, else the newest featured
one), the newest featured ones ("Pilihan Redaksi"), then the newest of the rest
("Terbaru"), then the newest of the rest per category. On a live site all of it
sits among the newest few hundred articles, so ``front_page`` reads the newest
``SCAN`` published rows' id, category and featured and lead flags once, from the
published articles' index, and picks from them in Python. Only what the scan
cannot settle is looked up on its own: an older lead or featured article, or a
quiet category with too few articles in the scan (``newest_per_category``). Then
the lead story is read whole (its large picture and summary are rendered for the
page, ``home.html``) and the chosen cards in one query (``reading.cards``).
``tests/articles/test_frontpage.py`` holds the picks to the plain rule whatever
the scan holds.

Building the ORM SQL of a subquery per category cost more than running it, on
every cold home page (bench/README.md, "The home page from one scan").
"""

from collections import defaultdict
from typing import NamedTuple

from django.db.models import Q

from .models import Article, Category
from .reading import cards

# Rows the scan reads; more than the home page's sections show.
SCAN = 200


class FrontPage(NamedTuple):
    lead: Article | None  # read with ``for_listing()``
    featured: list
    latest: list
    category_blocks: list  # (Category, cards) for the categories with articles


def _newest(queryset):
    return queryset.order_by("-published_at", "-pk")


def _lead(published, scanned, complete: bool):
    """The lead story, read whole, and the featured ids the scan holds besides
    it. The editor's choice when the scan holds it; else, when the scan may not
    hold every article, the editor's choice or the newest featured one the scan
    holds, in one query; else the newest featured one."""
    lead_id = next((pk for pk, _c, _f, is_lead in scanned if is_lead), None)
    featured_ids = [pk for pk, _c, is_featured, _l in scanned if is_featured]
    if lead_id is None and complete:
        # The scan saw every published article: none is the editor's choice.
        if not featured_ids:
            return None, []
        lead_id = featured_ids[0]
    if lead_id is not None:
        lead = published.for_listing().filter(pk=lead_id).first()
    else:
        fallback = Q(pk__in=featured_ids[:1])
        lead = (
            published.for_listing()
            .filter(Q(is_lead=True) | fallback)
            .order_by("-is_lead")
            .first()
        )
    if lead is None:
        return None, featured_ids
    return lead, [pk for pk in featured_ids if pk != lead.pk]


def front_page(featured: int, latest: int, per_category: int) -> FrontPage:
    """The lead story, up to ``featured`` featured articles, ``latest`` others and
    ``per_category`` more of each category, newest first, each article once; the
    lead as an article, the rest as cards for ``{% article_cards %}``."""
    published = Article.objects.published()
    scanned = list(
        _newest(published).values_list("pk", "category_id", "is_featured", "is_lead")[
            :SCAN
        ]
    )
    # A short scan saw every published article: nothing is left to look up.
    complete = len(scanned) < SCAN

    lead, featured_ids = _lead(published, scanned, complete)
    wanted_featured = featured + (0 if lead else 1)
    if len(featured_ids) < wanted_featured and not complete:
        older = published.filter(is_featured=True)
        if lead is not None:
            older = older.exclude(pk=lead.pk)
        featured_ids = _newest(older).values_list("pk", flat=True)
    featured_ids = list(featured_ids[:wanted_featured])
    if lead is None and featured_ids:
        # No lead anywhere in the scan, nor an editor's choice: the newest
        # featured article, older than the scan, leads.
        lead = published.for_listing().get(pk=featured_ids.pop(0))
    featured_ids = featured_ids[:featured]

    shown = set(featured_ids)
    if lead is not None:
        shown.add(lead.pk)
    latest_ids = [pk for pk, _category, _f, _l in scanned if pk not in shown]
    if len(latest_ids) < latest and not complete:
        latest_ids = _newest(published.exclude(pk__in=shown)).values_list(
            "pk", flat=True
        )
    latest_ids = list(latest_ids[:latest])
    shown.update(latest_ids)

    categories = list(Category.objects.all())
    wanted = {category.pk for category in categories}
    by_category = defaultdict(list)
    for pk, category_id, _f, _l in scanned:
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
        lead=lead,
        featured=cards_of(featured_ids),
        latest=cards_of(latest_ids),
        category_blocks=[
            (category, cards_of(by_category[category.pk]))
            for category in categories
            if by_category.get(category.pk)
        ],
    )
