"""The media library: every picture (``Figure``) once, found and reused.

The figures' admin list is a grid of thumbnails (``admin/css/library.css`` lays
out Django's own list, so actions, sorting, search and popups keep working),
searchable by caption, alt text, credit and uploader, filtered by uploader, date
and whether a picture is used. Each picture says where it is used: as a cover,
as a section's picture, or inside a section's text. Deleting a used picture,
alone or in a bulk action, first shows which articles would lose it.

Who may see and change which picture is the figure rule of ``permissions.py``;
a writer sees the titles of the articles they may open, and of published ones,
and only a count of the others.
"""

from dataclasses import dataclass

from django.contrib import admin
from django.contrib.admin.actions import delete_selected
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from .models import Article, Figure, Section
from .permissions import visible_articles
from .pictures import thumbnail_url
from .richtext import FIGURE_ID

LIBRARY_CSS = "admin/css/library.css"
# How many pictures one answer of the editor's picker holds.
PICKER_LIMIT = 24


@dataclass
class FigureUse:
    """One place a picture is shown: ``where`` says how ("Sampul", "Bagian 2 …").
    ``url`` is the admin page of the article when the user may open it, else its
    public page when readers see it."""

    title: str
    where: str
    url: str


@dataclass
class FigureUses:
    shown: list[FigureUse]
    hidden: int  # uses in articles the user may not open, by count only

    def __bool__(self) -> bool:
        return bool(self.shown or self.hidden)


def _count(queryset, field: str) -> Coalesce:
    """How many rows of ``queryset`` name the outer figure in ``field``, as a
    subquery (separate counts: joining three relations would multiply them)."""
    counted = (
        queryset.filter(**{field: OuterRef("pk")})
        .order_by()
        .values(field)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_use_counts(figures):
    """``figures`` with ``cover_uses``, ``section_uses`` and ``text_uses``: how
    many articles show each as a cover, sections as their picture, and sections
    inside their text."""
    return figures.annotate(
        cover_uses=_count(Article.objects.all(), "cover"),
        section_uses=_count(Section.objects.all(), "figure"),
        text_uses=_count(Section.objects.all(), "figures_in_text"),
    )


def used_figures(figures):
    """Those of ``figures`` that an article shows."""
    return figures.filter(
        Q(cover_of__isnull=False)
        | Q(sections__isnull=False)
        | Q(text_sections__isnull=False)
    ).distinct()


def _section_where(section, inside_text: bool) -> str:
    values = {"number": section.position, "heading": section.heading}
    if inside_text:
        return _("Di dalam teks bagian %(number)s (“%(heading)s”)") % values
    return _("Gambar bagian %(number)s (“%(heading)s”)") % values


def figure_uses(figure: Figure, user) -> FigureUses:
    """Where ``figure`` is shown, as ``user`` may know it (see the module)."""
    places = [
        (article, _("Sampul"))
        for article in Article.objects.filter(cover=figure).order_by("title")
    ]
    for relation, inside_text in (("figure", False), ("figures_in_text", True)):
        sections = (
            Section.objects.filter(**{relation: figure})
            .select_related("article")
            .order_by("article__title", "position")
        )
        places += [
            (section.article, _section_where(section, inside_text))
            for section in sections
        ]
    openable = set(
        visible_articles(
            user, Article.objects.filter(pk__in=[a.pk for a, _ in places])
        ).values_list("pk", flat=True)
    )
    public = set(
        Article.objects.published()
        .filter(pk__in=[a.pk for a, _ in places])
        .values_list("pk", flat=True)
    )
    shown, hidden = [], 0
    for article, where in places:
        if article.pk in openable:
            url = reverse("admin:articles_article_change", args=[article.pk])
        elif article.pk in public:
            url = article.get_absolute_url()
        else:
            hidden += 1
            continue
        shown.append(FigureUse(article.title, str(where), url))
    return FigureUses(shown, hidden)


class UsageFilter(admin.SimpleListFilter):
    title = _("pemakaian")
    parameter_name = "dipakai"

    def lookups(self, request, model_admin):
        return [("ya", _("Dipakai artikel")), ("tidak", _("Belum dipakai"))]

    def queryset(self, request, queryset):
        used = used_figures(Figure.objects.all()).values("pk")
        if self.value() == "ya":
            return queryset.filter(pk__in=used)
        if self.value() == "tidak":
            return queryset.exclude(pk__in=used)
        return queryset


class UploaderFilter(admin.RelatedOnlyFieldListFilter):
    """The uploaders of the pictures this user may see."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("pengunggah")


class UploadDateFilter(admin.DateFieldListFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("tanggal unggah")


@admin.action(
    permissions=["delete"], description=_("Hapus %(verbose_name_plural)s terpilih")
)
def delete_selected_figures(modeladmin, request, queryset):
    """Django's bulk delete, whose confirmation also lists, for each chosen
    picture an article shows, the articles that would lose it."""
    response = delete_selected(modeladmin, request, queryset)
    if isinstance(response, TemplateResponse):
        used = used_figures(queryset).order_by("pk")
        response.context_data["figure_uses"] = [
            (figure, figure_uses(figure, request.user)) for figure in used
        ]
    return response


def picker_entry(figure: Figure) -> dict:
    """What the editor's picker shows of one picture (JSON)."""
    return {
        "id": figure.pk,
        "thumbnail": thumbnail_url(figure.image) if figure.image else "",
        "alt": figure.alt_text,
        "caption": figure.caption,
        "source": figure.source,
    }


class LibraryAdminMixin:
    """For the figures' ``ModelAdmin``: the library's grid, filters, search and
    uses, and the warning before a used picture is deleted (see the module)."""

    list_display = ["thumbnail", "summary", "uploaded", "usage"]
    list_display_links = ["thumbnail", "summary"]
    list_filter = [
        UsageFilter,
        ("created_by", UploaderFilter),
        ("created_at", UploadDateFilter),
    ]
    search_fields = [
        "caption",
        "alt_text",
        "source",
        "created_by__username",
        "created_by__first_name",
        "created_by__last_name",
    ]
    date_hierarchy = "created_at"
    list_per_page = 48
    actions = [delete_selected_figures]
    change_form_template = "admin/articles/figure/change_form.html"
    delete_confirmation_template = "admin/articles/figure/delete_confirmation.html"
    delete_selected_confirmation_template = (
        "admin/articles/figure/delete_selected_confirmation.html"
    )

    class Media:
        css = {"all": [LIBRARY_CSS]}

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected_figures" in actions:
            # One delete action: ours, under the name Django's has.
            func, _name, description = actions.pop("delete_selected_figures")
            if "delete_selected" in actions:
                actions["delete_selected"] = (func, "delete_selected", description)
        return actions

    def get_queryset(self, request):
        figures = super().get_queryset(request).select_related("created_by")
        match = request.resolver_match
        if match is not None and match.url_name == "articles_figure_changelist":
            figures = with_use_counts(figures)
        return figures

    @admin.display(description=_("Keterangan"), ordering="caption")
    def summary(self, obj):
        return render_to_string("admin/articles/figure/summary.html", {"figure": obj})

    @admin.display(description=_("Diunggah"), ordering="created_at")
    def uploaded(self, obj):
        who = obj.created_by
        name = (who.get_full_name() or who.get_username()) if who else "-"
        return _("%(name)s, %(date)s") % {
            "name": name,
            "date": date_format(localtime(obj.created_at), "j M Y"),
        }

    @admin.display(description=_("Pemakaian"))
    def usage(self, obj):
        counts = [
            (_("sampul"), getattr(obj, "cover_uses", 0)),
            (_("gambar bagian"), getattr(obj, "section_uses", 0)),
            (_("di dalam teks"), getattr(obj, "text_uses", 0)),
        ]
        used = [f"{label} {count}" for label, count in counts if count]
        return " · ".join(used) if used else _("Belum dipakai")

    def get_urls(self):
        return [
            path(
                "pustaka.json",
                self.admin_site.admin_view(self.picker_view),
                name="articles_figure_library",
            ),
            *super().get_urls(),
        ]

    def picker_view(self, request):
        """The library for the editor's "Gambar dari pustaka" button, as JSON: the
        newest pictures this user may use matching ``q`` (the list's search), or
        the one named ``id`` (404 when it is not theirs to use, or gone)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        figures = self.get_queryset(request).select_related(None)
        wanted = request.GET.get("id")
        if wanted is not None:
            figure = (
                figures.filter(pk=int(wanted)).first()
                if FIGURE_ID.fullmatch(wanted)
                else None
            )
            if figure is None:
                return JsonResponse(
                    {"error": _("Gambar ini tidak ada di pustaka Anda.")}, status=404
                )
            return JsonResponse({"results": [picker_entry(figure)]})
        query = " ".join(request.GET.get("q", "").replace("\x00", "").split())[:100]
        if query:
            figures, _duplicates = self.get_search_results(request, figures, query)
        figures = figures.order_by("-created_at", "-pk")[:PICKER_LIMIT]
        return JsonResponse({"results": [picker_entry(figure) for figure in figures]})

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": _("Pustaka gambar"), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if obj is not None:
            extra_context["uses"] = figure_uses(obj, request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if obj is not None:
            extra_context["uses"] = figure_uses(obj, request.user)
        return super().delete_view(request, object_id, extra_context)

    @admin.display(description=_("Pratinjau"))
    def thumbnail(self, obj):
        if not obj.image:
            return "-"
        return render_to_string(
            "admin/articles/figure/grid_thumbnail.html",
            {"src": thumbnail_url(obj.image), "alt": obj.alt_text},
        )
