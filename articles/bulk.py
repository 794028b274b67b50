"""Editors' bulk actions on the article list: publish, unpublish, move to another
category, add a tag.

Each chosen article goes through what a single save of its form does, in its own
transaction: its row is locked, the change is made, a published article must
pass the pre-publish checks (``publishing.article_problems``), and then its
``version`` goes up (so a form someone has open meets the conflict check), a
revision is recorded and its search document and compiled page are refreshed
(the signals, compiled once per article with ``compiled.batched()``). An article
that fails is left exactly as it was, with the reasons; the others go through.
Nothing is half-published.

Only editors get these actions (``has_publish_permission``); the article admin's
``guarded_action`` refuses the whole request if a chosen row is not writable.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import DatabaseError, transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import compiled, revisions
from .forms import BulkCategoryForm, BulkTagForm
from .models import Article, Category
from .publishing import article_problems
from .roles import is_editor
from .search import refresh_search_document
from .tags import MAX_TAGS

logger = logging.getLogger(__name__)


class Refused(Exception):
    """The change is not made to this article, for ``reasons``."""

    def __init__(self, reasons: list[str]):
        super().__init__(reasons)
        self.reasons = reasons


class Unchanged(Exception):
    """The article already is as asked: nothing to do."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class BulkResult:
    changed: list[Article] = field(default_factory=list)
    refused: list[tuple[Article, list[str]]] = field(default_factory=list)
    unchanged: list[tuple[Article, str]] = field(default_factory=list)


def apply_to_each(
    articles, user, comment: str, change: Callable[[Article], None]
) -> BulkResult:
    """Run ``change`` on each of ``articles`` (a queryset) in its own transaction,
    then check, count and record it as a single save does (see the module).
    ``change`` raises ``Refused`` or ``Unchanged`` to leave an article alone."""
    result = BulkResult()
    for article in articles.order_by("title", "pk"):
        try:
            with transaction.atomic(), compiled.batched():
                current = Article.objects.select_for_update().get(pk=article.pk)
                change(current)
                if current.status == Article.Status.PUBLISHED:
                    errors, _warnings = article_problems(current)
                    if errors:
                        raise Refused(errors)
                current.version += 1
                current.save()
                refresh_search_document(current)
                revisions.save_revision(current, user, comment)
        except Refused as refused:
            result.refused.append((article, refused.reasons))
        except Unchanged as unchanged:
            result.unchanged.append((article, unchanged.reason))
        except Article.DoesNotExist:
            result.unchanged.append((article, _("sudah dihapus")))
        except DatabaseError:
            logger.exception(
                "Bulk change of article %s failed; rolled back", article.pk
            )
            result.refused.append(
                (article, [_("gangguan basis data; tidak ada yang berubah, coba lagi")])
            )
        else:
            result.changed.append(current)
    return result


def publish_articles(articles, user) -> BulkResult:
    """Publish each of ``articles`` that passes the pre-publish checks; a time
    already set is kept (a future one schedules it)."""

    def publish(article: Article) -> None:
        if article.status == Article.Status.PUBLISHED:
            raise Unchanged(_("sudah terbit"))
        if article.is_change_draft:
            raise Refused(
                [
                    _(
                        "draf perubahan diterbitkan dari halaman perbandingannya, "
                        "ke dalam artikel tayangnya"
                    )
                ]
            )
        article.status = Article.Status.PUBLISHED
        if article.published_at is None:
            article.published_at = timezone.now()
        if article.expires_at is not None and article.expires_at <= max(
            article.published_at, timezone.now()
        ):
            raise Refused(
                [
                    _(
                        "Waktu tarik %(when)s sudah lewat; ubah atau kosongkan dulu "
                        "di formulir artikel."
                    )
                    % {"when": date_format(localtime(article.expires_at), "j F Y H:i")}
                ]
            )

    return apply_to_each(articles, user, _("Diterbitkan lewat aksi massal"), publish)


def unpublish_articles(articles, user) -> BulkResult:
    """Withdraw each published article of ``articles`` from the site (Ditarik)."""

    def unpublish(article: Article) -> None:
        if article.status != Article.Status.PUBLISHED:
            raise Unchanged(_("belum terbit"))
        article.status = Article.Status.UNPUBLISHED

    return apply_to_each(articles, user, _("Ditarik lewat aksi massal"), unpublish)


def move_articles(articles, user, category: Category) -> BulkResult:
    """File each of ``articles`` under ``category``."""

    def move(article: Article) -> None:
        if article.category_id == category.pk:
            raise Unchanged(_("sudah di kategori ini"))
        article.category = category

    comment = _("Dipindahkan ke kategori %(name)s lewat aksi massal") % {
        "name": category.name
    }
    return apply_to_each(articles, user, comment, move)


def tag_articles(articles, user, name: str) -> BulkResult:
    """Add the tag ``name`` (already canonical: ``tags.canonical_tags``) to each
    of ``articles``."""

    def tag(article: Article) -> None:
        names = {existing.lower() for existing in article.tags.names()}
        if name.lower() in names:
            raise Unchanged(_("sudah punya tag ini"))
        if len(names) >= MAX_TAGS:
            raise Refused(
                [_("sudah punya %(max)d tag, batas terbanyak") % {"max": MAX_TAGS}]
            )
        article.tags.add(name)

    comment = _("Tag %(name)s ditambahkan lewat aksi massal") % {"name": name}
    return apply_to_each(articles, user, comment, tag)


def _titles(articles) -> str:
    return ", ".join(f"“{article.title}”" for article in articles)


def report(request, result: BulkResult, done: str, not_done: str) -> None:
    """One message for the articles changed, one per article refused with its
    reasons, and one for those already as asked. ``done`` and ``not_done`` are
    the verb ("diterbitkan", "tidak diterbitkan")."""
    if result.changed:
        messages.success(
            request,
            _("%(count)d artikel %(done)s: %(titles)s.")
            % {
                "count": len(result.changed),
                "done": done,
                "titles": _titles(result.changed),
            },
        )
    for article, reasons in result.refused:
        messages.error(
            request,
            _("“%(title)s” %(not_done)s: %(reasons)s")
            % {
                "title": article.title,
                "not_done": not_done,
                "reasons": " ".join(reasons),
            },
        )
    if result.unchanged:
        messages.info(
            request,
            _("Tidak berubah: %(items)s.")
            % {
                "items": "; ".join(
                    f"“{article.title}” ({reason})"
                    for article, reason in result.unchanged
                )
            },
        )


class BulkActionsAdminMixin:
    """The article list's bulk actions for editors (see the module)."""

    actions = [
        "publish_selected",
        "unpublish_selected",
        "move_selected",
        "tag_selected",
    ]

    def has_publish_permission(self, request):
        return is_editor(request.user)

    @admin.action(
        description=gettext_lazy("Terbitkan artikel terpilih"), permissions=["publish"]
    )
    def publish_selected(self, request, queryset):
        result = publish_articles(queryset, request.user)
        report(request, result, _("diterbitkan"), _("tidak diterbitkan"))

    @admin.action(
        description=gettext_lazy("Tarik artikel terpilih dari situs"),
        permissions=["publish"],
    )
    def unpublish_selected(self, request, queryset):
        result = unpublish_articles(queryset, request.user)
        report(request, result, _("ditarik dari situs"), _("tidak ditarik"))

    @admin.action(
        description=gettext_lazy("Pindahkan artikel terpilih ke kategori…"),
        permissions=["publish"],
    )
    def move_selected(self, request, queryset):
        form = BulkCategoryForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            category = form.cleaned_data["category"]
            result = move_articles(queryset, request.user, category)
            done = _("dipindahkan ke %(name)s") % {"name": category.name}
            report(request, result, done, _("tidak dipindahkan"))
            return None
        return self.bulk_form(
            request,
            queryset,
            form,
            "move_selected",
            _("Pindahkan artikel ke kategori lain"),
        )

    @admin.action(
        description=gettext_lazy("Tambahkan tag ke artikel terpilih…"),
        permissions=["publish"],
    )
    def tag_selected(self, request, queryset):
        form = BulkTagForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            name = form.cleaned_data["tag"]
            result = tag_articles(queryset, request.user, name)
            done = _("diberi tag %(name)s") % {"name": name}
            report(request, result, done, _("tidak diberi tag"))
            return None
        return self.bulk_form(
            request, queryset, form, "tag_selected", _("Tambahkan tag ke artikel")
        )

    def bulk_form(self, request, queryset, form, action: str, title: str):
        """The page between choosing an action and applying it: what to apply,
        for which articles."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "form": form,
            "action": action,
            "articles": queryset.select_related("category").order_by("title", "pk"),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media + form.media,
        }
        return TemplateResponse(
            request, "admin/articles/article/bulk_action.html", context
        )
