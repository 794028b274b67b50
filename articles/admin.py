from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from .forms import SectionForm
from .models import Article, Author, Category, Figure, Section
from .widgets import TagSuggestWidget

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

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tags":
            kwargs["widget"] = TagSuggestWidget(attrs={"size": 60})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_urls(self):
        suggestions = path(
            "saran-tag/",
            self.admin_site.admin_view(self.tag_suggestions),
            name="articles_article_tag_suggestions",
        )
        return [suggestions, *super().get_urls()]

    def tag_suggestions(self, request):
        """Existing tags starting with (then containing) ``q``, most used first."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "").strip()[:50]
        if len(query) < 2:
            return JsonResponse({"tags": []})
        tags = (
            Tag.objects.filter(name__icontains=query)
            .annotate(uses=Count("taggit_taggeditem_items"))
            .order_by("-uses", "name")
            .values_list("name", flat=True)[:10]
        )
        return JsonResponse({"tags": list(tags)})

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return _("Terjadwal")
        return obj.get_status_display()

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
