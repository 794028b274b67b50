from collections import defaultdict

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.shortcuts import render

from articles.models import Article, Category

HOME_LATEST = 12
HOME_FEATURED = 3
HOME_PER_CATEGORY = 4


def home(request):
    """Featured articles first, then the latest, then a block per category."""
    published = Article.objects.published().for_listing()
    featured = list(published.filter(is_featured=True)[:HOME_FEATURED])
    featured_ids = [article.pk for article in featured]
    latest = list(published.exclude(pk__in=featured_ids)[:HOME_LATEST])

    ranked = published.annotate(
        rank=Window(
            RowNumber(),
            partition_by=[F("category_id")],
            order_by=[F("published_at").desc(), F("pk").desc()],
        )
    ).filter(rank__lte=HOME_PER_CATEGORY, category__isnull=False)
    by_category = defaultdict(list)
    for article in ranked:
        by_category[article.category_id].append(article)
    category_blocks = [
        (category, by_category[category.pk])
        for category in Category.objects.all()
        if by_category.get(category.pk)
    ]
    return render(
        request,
        "home.html",
        {"featured": featured, "latest": latest, "category_blocks": category_blocks},
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)
