import datetime

from django.core import signing
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_cache_control
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView
from django.views.generic.dates import MonthArchiveView, YearArchiveView
from taggit.models import Tag

from . import compiled, reading, seo
from .addresses import canonical_redirect, page_query
from .models import (
    PREVIEW_SIGNING_SALT,
    Article,
    Author,
    Category,
    Page,
    PreviewLink,
)
from .pagination import SeekPaginator
from .roles import is_editor

LISTING_PAGE_SIZE = 12
RELATED_LIMIT = 4
ARCHIVE_YEARS = range(1900, 3000)


def with_page(article):
    """``article`` with ``page``: its stored page while current
    (``reading.current_page``), else one rendered now from the same templates and
    stored (``compiled.compile_now``)."""
    article.page = reading.current_page(article) or compiled.compile_now(article)
    return article


class PublishedOrPreviewMixin:
    """Readers get published articles only; staff who may edit articles also get a
    preview of unpublished ones, marked noindex and never stored by any cache."""

    def can_preview(self) -> bool:
        user = self.request.user
        return (
            user.is_active and user.is_staff and user.has_perm("articles.view_article")
        )

    def get_queryset(self):
        queryset = Article.objects.all()
        if not self.can_preview():
            return queryset.published()
        if is_editor(self.request.user):
            return queryset
        # Writers preview their own work only, not a colleague's draft.
        return queryset.filter(
            Q(pk__in=Article.objects.published().values("pk"))
            | Q(author__user=self.request.user)
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        if context.get("is_preview"):
            patch_cache_control(response, private=True, no_store=True)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class ArticleDetailView(PublishedOrPreviewMixin, DetailView):
    """The article page, for readers and previews alike: the article's stored body
    and metadata (``articles/compiled.py``; rendered now from the same templates
    when not current) joined into ``articles/article_detail.html``."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        if not self.can_preview():
            return reading.published_pages()
        return reading.page_queryset(super().get_queryset())

    def get_object(self, queryset=None):
        return with_page(super().get_object(queryset))

    def is_preview(self) -> bool:
        """Whether this is a preview: an article readers cannot see yet."""
        return not self.object.is_visible

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        is_preview = self.is_preview()
        if is_preview:
            # Only the newsroom and its sources see a preview: the sponsored
            # blocks on it reach no reader and are not counted for advertisers.
            self.request.is_article_preview = True
        context.update(
            is_preview=is_preview,
            page=article.page,
            related=reading.related_articles(
                article, article.page.tag_ids or [], RELATED_LIMIT
            ),
        )
        return context

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # Readers' reads are counted on the way out, by the page cache
        # middleware, with no cookie.
        if self.object.is_visible:
            response.article_id = self.object.pk
        return response


class PreviewLinkView(ArticleDetailView):
    """A draft shown to someone without an account, through a signed, expiring,
    revocable link. The link opens its own article and nothing else."""

    def get_object(self, queryset=None):
        try:
            key = signing.Signer(salt=PREVIEW_SIGNING_SALT).unsign(self.kwargs["token"])
        except signing.BadSignature as error:
            raise Http404 from error
        link = (
            PreviewLink.objects.active()
            .filter(key=key)
            .values_list("article_id", flat=True)
            .first()
        )
        if link is None:
            raise Http404
        queryset = reading.page_queryset(Article.objects.all())
        return with_page(get_object_or_404(queryset, pk=link))

    def is_preview(self) -> bool:
        return True


class ArticleListView(ListView):
    """Paginated published articles; out-of-range or malformed pages are 404."""

    paginate_by = LISTING_PAGE_SIZE
    paginator_class = SeekPaginator
    template_name = "articles/article_list.html"
    context_object_name = "articles"
    heading = ""

    def get_base_queryset(self):
        return Article.objects.published().for_listing()

    def get_queryset(self):
        return self.get_base_queryset()

    def get_paginator(self, *args, **kwargs):
        return super().get_paginator(
            *args,
            count_key=self.request.path,
            request=self.request,
            # Each card as compiled on save, its title an <h2>.
            rows=lambda rows: reading.with_cards(rows, level=2),
            **kwargs,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.get_heading()
        context["page_query"] = page_query()
        page = context.get("page_obj")
        context["page_meta"] = seo.listing_meta(
            context["heading"],
            context.get("description") or "",
            self.request.path,
            page.number if page else 1,
        )
        return context

    def get_heading(self):
        return self.heading


class CategoryView(ArticleListView):
    def get_base_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_base_queryset().in_category(self.category)

    def get_heading(self):
        return self.category.name

    def get_context_data(self, **kwargs):
        kwargs.update(category=self.category, description=self.category.description)
        return super().get_context_data(**kwargs)


class TagView(ArticleListView):
    def get_base_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return super().get_base_queryset().tagged(self.tag)

    def get_heading(self):
        return _("Tag: %(name)s") % {"name": self.tag.name}


class AuthorView(ArticleListView):
    def get_base_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return super().get_base_queryset().by_author(self.author)

    def get_heading(self):
        return self.author.name

    def get_context_data(self, **kwargs):
        kwargs.update(author=self.author, description=self.author.bio)
        return super().get_context_data(**kwargs)


class PageView(DetailView):
    """One of the newsroom's pages (``Page``: Redaksi, Pedoman Media Siber,
    Kontak…), while it is marked to show."""

    template_name = "articles/page_detail.html"
    context_object_name = "newsroom_page"

    def get_queryset(self):
        return Page.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_meta"] = seo.page_meta(self.object)
        return context


def archive_index(request):
    """``/arsip/``: every month with published articles, newest first, by year."""
    months = Article.objects.published().datetimes("published_at", "month", "DESC")
    years = {}
    for month in months:
        years.setdefault(month.year, []).append(month)
    return render(
        request,
        "articles/archive_index.html",
        {
            "years": list(years.items()),
            "page_meta": seo.listing_meta(_("Arsip"), "", request.path, 1),
        },
    )


class ArchiveMixin:
    """Published articles of one year or month. A period with none, like an
    impossible date, is 404: an empty archive is no page for readers or search
    engines."""

    date_field = "published_at"
    paginate_by = LISTING_PAGE_SIZE
    template_name = "articles/article_archive.html"
    context_object_name = "articles"
    make_object_list = True
    allow_empty = False

    def get_queryset(self):
        return Article.objects.published().for_listing()

    def get(self, request, *args, **kwargs):
        if kwargs["year"] not in ARCHIVE_YEARS:
            raise Http404(_("Tahun di luar jangkauan arsip."))
        redirect = canonical_redirect(request, self.page_kwarg)
        if redirect is not None:
            return redirect
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.get_heading()
        context["page_query"] = page_query()
        page = context["page_obj"]
        context["page_meta"] = seo.listing_meta(
            context["heading"], "", self.request.path, page.number if page else 1
        )
        return context


class YearArchive(ArchiveMixin, YearArchiveView):
    def get_heading(self):
        return _("Arsip %(year)s") % {"year": self.kwargs["year"]}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["months"] = context["date_list"]
        return context


class MonthArchive(ArchiveMixin, MonthArchiveView):
    month_format = "%m"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The menu names the year's months (``date_list`` holds this month's days).
        year = self.get_queryset().filter(published_at__year=self.kwargs["year"])
        context["months"] = self.get_date_list(year, date_type="month")
        return context

    def get_heading(self):
        try:
            month = datetime.date(self.kwargs["year"], self.kwargs["month"], 1)
        except ValueError:
            raise Http404(_("Bulan tidak dikenal.")) from None
        return _("Arsip %(month)s") % {"month": date_format(month, "F Y")}
