from django.contrib import admin
from django.db import transaction
from django.db.models import F
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .forms import SectionForm
from .models import (
    Article,
    ArticleDailyView,
    Author,
    Category,
    Figure,
    Redirect,
    Section,
)
from .search import refresh_search_document

POSITION_OFFSET = 1_000_000


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["user"]


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "alt_text", "caption", "source", "created_at"]
    list_display_links = ["thumbnail", "alt_text"]
    search_fields = ["alt_text", "caption", "source"]
    readonly_fields = ["width", "height"]

    @admin.display(description=_("Pratinjau"))
    def thumbnail(self, obj):
        if not obj.image:
            return "-"
        return format_html(
            '<img src="{}" alt="{}" style="max-height:48px;max-width:96px">',
            obj.image.url,
            obj.alt_text,
        )


class SectionInline(admin.StackedInline):
    model = Section
    form = SectionForm
    extra = 1
    ordering = ["position"]
    fieldsets = [
        (None, {"fields": [("position", "is_numbered"), "heading", "body"]}),
        (
            _("Gambar bagian"),
            {
                "fields": [
                    "figure_image",
                    "figure_alt_text",
                    ("figure_caption", "figure_source"),
                    "figure_remove",
                ],
            },
        ),
    ]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "status_label",
        "published_at",
        "category",
        "author",
        "updated_at",
    ]
    list_filter = [
        "status",
        "category",
        "author",
        "is_sponsored",
        ("published_at", admin.DateFieldListFilter),
    ]
    list_select_related = ["category", "author"]
    search_fields = ["title", "slug", "intro"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["category", "author", "cover"]
    inlines = [SectionInline]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "dateline", "intro"]}),
        (_("Klasifikasi"), {"fields": [("category", "author"), "tags", "cover"]}),
        (
            _("Penerbitan"),
            {"fields": [("status", "published_at"), ("is_featured", "is_sponsored")]},
        ),
        (_("SEO"), {"fields": ["seo_description"]}),
    ]

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return _("Terjadwal")
        return obj.get_status_display()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Sections and tags are saved after the article: index the whole of it.
        refresh_search_document(form.instance)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Section:
            return super().save_formset(request, form, formset, change)
        article = form.instance
        with transaction.atomic():
            # Move existing sections out of the way, then number every kept section
            # 1..n in the order the editor asked for.
            Section.objects.filter(article=article).update(
                position=F("position") + POSITION_OFFSET
            )
            # The admin's change message reads these lists, which formset.save() fills.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = (
                [],
                [],
                [],
            )
            for section_form in formset.initial_forms:
                if formset._should_delete_form(section_form):
                    formset.deleted_objects.append(section_form.instance)
                    section_form.instance.delete()
            kept = []
            for index, section_form in enumerate(formset.forms):
                if formset._should_delete_form(section_form):
                    continue
                if not section_form.instance.pk and not section_form.has_changed():
                    continue
                requested = section_form.cleaned_data.get("position")
                kept.append((requested if requested else 10**9, index, section_form))
            kept.sort(key=lambda item: (item[0], item[1]))
            for number, (_requested, _index, section_form) in enumerate(kept, start=1):
                section = section_form.save(commit=False)
                section.article = article
                is_new = section.pk is None
                section.position = number
                section.save()
                if is_new:
                    formset.new_objects.append(section)
                elif section_form.has_changed():
                    formset.changed_objects.append((section, section_form.changed_data))


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "new_path", "is_automatic", "created_at"]
    list_filter = ["is_automatic"]
    search_fields = ["old_path", "new_path"]
    readonly_fields = ["is_automatic", "created_at"]


@admin.register(ArticleDailyView)
class ArticleDailyViewAdmin(admin.ModelAdmin):
    """Read-only: the counts come from readers, through ``flush_counters``."""

    list_display = ["article", "date", "views"]
    list_filter = [("date", admin.DateFieldListFilter)]
    list_select_related = ["article"]
    search_fields = ["article__title"]
    date_hierarchy = "date"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
