import logging

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.db.models import Count, Exists, F, OuterRef, Q
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from taggit.models import Tag

from . import compiled, livedrafts, revisions
from .autosave import AutosaveAdminMixin
from .bulk import BulkActionsAdminMixin
from .forms import (
    ArticleAdminForm,
    ChangeDecisionForm,
    OwnAuthorForm,
    PreviewLinkForm,
    SectionForm,
    SectionInlineFormSet,
    error_summary,
)
from .library import LibraryAdminMixin
from .models import (
    Article,
    ArticleDailyView,
    ArticleInReview,
    ArticleNote,
    Author,
    Category,
    ChangeProposal,
    Figure,
    Page,
    PreviewLink,
    Redirect,
    Section,
    SocialLink,
)
from .permissions import (
    deletable_figures,
    is_own,
    may_change_article,
    may_start_change_draft,
    visible_articles,
    visible_figures,
    writable_articles,
    writable_figures,
)
from .publishing import (
    SEARCH_TITLE_LENGTH,
    Problem,
    article_checks,
    publish_checks,
)
from .readonly import PageViewMixin
from .references import ReferenceAdminMixin
from .roles import is_editor
from .search import refresh_search_document
from .text import strip_controls
from .uploads import PictureAdminMixin
from .widgets import TagSuggestWidget

logger = logging.getLogger(__name__)

POSITION_OFFSET = revisions.POSITION_OFFSET
WRITER_STATUSES = (Article.Status.DRAFT, Article.Status.REVIEW)
CHECKLIST_TEMPLATE = "admin/articles/article/checklist.html"


class ReadOnlyAdminMixin:
    """Rows the system writes (queues, counters): staff may look, never edit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ObjectRuleAdminMixin:
    """One admin's share of the article rule (``permissions.py``).

    ``visible()`` narrows what a user may open, ``writable()`` what they may
    change and ``deletable()`` (the writable rows, unless an admin says less) what
    they may delete. The list, the change, delete and history views, the
    autocomplete and the popups all read ``get_queryset()``, and every bulk action
    is refused whole when one chosen row is not writable, so a crafted URL or POST
    meets the same rule as the screen: a row the user may not open is a 404, a
    change they may not make a 403, and nothing is saved.
    """

    def visible(self, request, queryset):
        return queryset

    def writable(self, request, queryset):
        return queryset

    def deletable(self, request, queryset):
        return self.writable(request, queryset)

    def get_queryset(self, request):
        return self.visible(request, super().get_queryset(request))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            if not self.has_view_or_change_permission(request):
                raise PermissionDenied  # not this role's part of the admin at all
            raise Http404(_("Data ini tidak ada atau bukan bagian Anda."))
        return obj

    def is_writable(self, request, obj) -> bool:
        rows = self.model._default_manager.filter(pk=obj.pk)
        return self.writable(request, rows).exists()

    def is_deletable(self, request, obj) -> bool:
        rows = self.model._default_manager.filter(pk=obj.pk)
        return self.deletable(request, rows).exists()

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or self.is_writable(request, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or self.is_deletable(request, obj)

    def get_actions(self, request):
        return {
            name: (self.guarded_action(func), name, description)
            for name, (func, name, description) in super().get_actions(request).items()
        }

    def guarded_action(self, func):
        # An action that needs the delete permission (Django's own, the
        # library's) deletes; any other changes.
        deletes = "delete" in getattr(func, "allowed_permissions", ())
        rule = self.deletable if deletes else self.writable

        def action(modeladmin, request, queryset):
            chosen = queryset.values("pk")
            if queryset.exclude(pk__in=rule(request, chosen)).exists():
                raise PermissionDenied(
                    _(
                        "Sebagian data terpilih tidak boleh Anda ubah; tidak ada "
                        "yang diubah."
                    )
                )
            return func(modeladmin, request, queryset)

        return action


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "slug"]

    def clean_name(self):
        # Before the uniqueness check, as the save will store it (articles/text.py):
        # a twin name carrying a hidden control is a form error, not a failed insert.
        return " ".join(strip_controls(self.cleaned_data["name"]).split())


# taggit's own admin offers a "merge" action to anyone who may list tags, with a
# view that checks no permission, and English labels: ours keeps tags an editor's
# to rename and delete, and a writer's to look up and add.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    form = TagForm
    list_display = ["name", "slug", "uses"]
    ordering = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(article_count=Count("taggit_taggeditem_items"))
        )

    @admin.display(description=_("dipakai"), ordering="article_count")
    def uses(self, obj):
        return obj.article_count


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Author)
class AuthorAdmin(PictureAdminMixin, PageViewMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["user"]

    def get_urls(self):
        return [
            path(
                "saya/",
                self.admin_site.admin_view(self.own_profile_view),
                name="articles_author_own_profile",
            ),
            *super().get_urls(),
        ]

    def own_profile_view(self, request):
        """Anyone who writes articles edits their own byline here (name, photo,
        short bio), and only their own: the page never takes an author's id. The
        profile is created on the first save when the account has none."""
        user = request.user
        if not user.has_perm("articles.add_article"):
            raise PermissionDenied
        author = Author.objects.filter(user=user).first() or Author(
            user=user, name=user.get_full_name() or user.get_username()
        )
        if request.method == "POST":
            form = OwnAuthorForm(request.POST, request.FILES, instance=author)
            if form.is_valid():
                form.save()
                messages.success(request, _("Profil penulis Anda disimpan."))
                return HttpResponseRedirect(
                    reverse("admin:articles_author_own_profile")
                )
        else:
            form = OwnAuthorForm(instance=author)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Profil penulis saya"),
            "form": form,
            "author": author,
            "media": self.media + form.media,
        }
        return TemplateResponse(
            request, "admin/articles/author/own_profile.html", context
        )


@admin.register(Figure)
class FigureAdmin(
    LibraryAdminMixin,
    PictureAdminMixin,
    PageViewMixin,
    ObjectRuleAdminMixin,
    admin.ModelAdmin,
):
    readonly_fields = ["dimensions"]

    def visible(self, request, queryset):
        return visible_figures(request.user, queryset)

    def writable(self, request, queryset):
        return writable_figures(request.user, queryset)

    def deletable(self, request, queryset):
        return deletable_figures(request.user, queryset)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("Ukuran"))
    def dimensions(self, obj):
        if not obj.width or not obj.height:
            return "-"
        return _("%(width)s × %(height)s piksel") % {
            "width": obj.width,
            "height": obj.height,
        }


class SectionInline(PictureAdminMixin, admin.StackedInline):
    model = Section
    form = SectionForm
    formset = SectionInlineFormSet
    extra = 1
    ordering = ["position"]
    # A picture of the media library, with its thumbnail (PictureAdminMixin).
    autocomplete_fields = ["figure"]
    fieldsets = [
        (None, {"fields": [("position", "is_numbered"), "heading", "body"]}),
        (
            _("Gambar bagian"),
            {
                "fields": [
                    "figure",
                    "figure_caption_override",
                    "figure_image",
                    "figure_alt_text",
                    "figure_caption",
                    "figure_source",
                    "figure_remove",
                ],
            },
        ),
    ]

    class Media:
        # Drag handles and Naik/Turun buttons that keep the positions in order.
        js = ["admin/js/section-order.js"]


class ChangeDraftFilter(admin.SimpleListFilter):
    """Articles, or the change drafts of live ones (``livedrafts.py``)."""

    title = _("jenis")
    parameter_name = "jenis"

    def lookups(self, request, model_admin):
        return [("artikel", _("Artikel")), ("perubahan", _("Draf perubahan"))]

    def queryset(self, request, queryset):
        if self.value() == "artikel":
            return queryset.filter(draft_of__isnull=True)
        if self.value() == "perubahan":
            return queryset.filter(draft_of__isnull=False)
        return queryset


@admin.register(Article)
class ArticleAdmin(
    AutosaveAdminMixin,
    BulkActionsAdminMixin,
    ReferenceAdminMixin,
    PictureAdminMixin,
    PageViewMixin,
    ObjectRuleAdminMixin,
    admin.ModelAdmin,
):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = [
        "title_label",
        "status_label",
        "published_at",
        "category",
        "author",
        "updated_at",
    ]
    list_filter = [
        ChangeDraftFilter,
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
    autocomplete_fields = ["category", "author", "co_author", "cover"]
    inlines = [SectionInline]
    # The save buttons are in the publishing box (change_form.html), not on top.

    class Media:
        # The desk layout's live checklist and the links of a refusal's list.
        js = ["admin/js/desk.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "tags":
            kwargs["widget"] = TagSuggestWidget(attrs={"size": 60})
        elif db_field.name == "seo_description":
            # 160 characters: shown whole, not cut off in a one-line input.
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "cover":
            # The same figures the cover's search offers: a crafted id is refused.
            kwargs["queryset"] = visible_figures(request.user, Figure.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(
            request, queryset, search_term
        )
        match = request.resolver_match
        if (
            match is not None
            and match.url_name == "autocomplete"
            and request.GET.get("model_name") == PreviewLink._meta.model_name
        ):
            # A preview link's article search offers what its form accepts.
            queryset = queryset.filter(
                pk__in=writable_articles(request.user).values("pk")
            )
        return queryset, may_have_duplicates

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, SectionInline):
            kwargs["form_kwargs"] = {"user": request.user}
        return kwargs

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

    @admin.display(description=_("judul"), ordering="title")
    def title_label(self, obj):
        # A change draft has its live article's title: say which one this is.
        if obj.is_change_draft:
            return format_html(
                '{} <span class="change-draft-tag">{}</span>',
                obj.title,
                _("draf perubahan"),
            )
        return obj.title

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, obj):
        return obj.status_label()

    @admin.display(description=_("Daftar periksa sebelum terbit"))
    def publish_checklist(self, obj):
        if obj is None or obj.pk is None:
            return render_to_string(CHECKLIST_TEMPLATE, {"unsaved": True})
        errors, warnings = article_checks(obj)
        return render_to_string(
            CHECKLIST_TEMPLATE, {"errors": errors, "warnings": warnings}
        )

    def checklist_view(self, request, object_id=None):
        """The checklist of the form as it stands, for the desk's live checklist
        (admin/js/desk.js): the form's fields POSTed as the writer types, answered
        with the checklist's HTML. Nothing is saved. The same rule as saving:
        adding needs the add permission, an article the right to change it."""
        if object_id is None:
            obj = None
            if not self.has_add_permission(request):
                raise PermissionDenied
        else:
            obj = self.get_object(request, object_id)
            if not self.has_change_permission(request, obj):
                raise PermissionDenied
        form = self.get_form(request, obj, change=obj is not None)(
            request.POST, request.FILES, instance=obj
        )
        sections = []
        for formset_class, inline in self.get_formsets_with_inlines(request, obj):
            if isinstance(inline, SectionInline):
                prefix = formset_class.get_default_prefix()
                kwargs = self.get_formset_kwargs(request, form.instance, inline, prefix)
                sections = formset_class(**kwargs).section_facts()
        errors, warnings = publish_checks(**form.sent_facts(), sections=sections)

        def on_screen(problem):
            # A line about a field this user's form lacks links nowhere.
            if problem.field in form.fields or "-" in problem.field:
                return problem
            return Problem(problem.message)

        errors = [on_screen(problem) for problem in errors]
        warnings = [on_screen(problem) for problem in warnings]
        html = render_to_string(
            CHECKLIST_TEMPLATE,
            {"errors": errors, "warnings": warnings, "live": True},
            request=request,
        )
        return JsonResponse({"html": html, "errors": len(errors)})

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        adminform = context.get("adminform")
        if adminform is not None and context.get("errors"):
            # The desk shows the fieldsets without these classes above the
            # sections (change_form.html): their problems are listed first.
            above_sections = [
                fieldset
                for fieldset in adminform.fieldsets
                if not {"desk-after", "desk-side"} & set(fieldset[1].get("classes", ()))
            ]
            context["error_summary"] = error_summary(
                adminform.form,
                [inline.formset for inline in context.get("inline_admin_formsets", [])],
                lead=flatten_fieldsets(above_sections),
            )
        if obj is not None and obj.pk:
            if self.has_change_permission(request, obj):
                context["checklist_url"] = reverse(
                    "admin:articles_article_checklist", args=[obj.pk]
                )
        elif self.has_add_permission(request):
            context["checklist_url"] = reverse("admin:articles_article_checklist_new")
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Who may see and change what: the article rule (permissions.py), checked on
    # the server for every request.

    def visible(self, request, queryset):
        return visible_articles(request.user, queryset)

    def writable(self, request, queryset):
        return queryset.filter(pk__in=writable_articles(request.user).values("pk"))

    def is_writable(self, request, obj) -> bool:
        return may_change_article(request.user, obj)

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        return obj is None or is_editor(request.user) or is_own(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return is_editor(request.user) and super().has_delete_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        # The desk layout (change_form.html): the text in a wide column, then the
        # fieldsets classed "desk-after" below the sections, and those classed
        # "desk-side" in the publishing box at the side.
        copy = obj is not None and obj.is_change_draft
        # A change draft keeps its live article's address, times and front-page
        # place: those are changed on the live article (livedrafts.py).
        content_fields = (
            ["title", "dateline", "intro"]
            if copy
            else ["title", "slug", "dateline", "intro"]
        )
        content = (None, {"fields": content_fields})
        checklist = (
            _("Daftar periksa"),
            {
                "fields": ["publish_checklist"],
                "classes": ["desk-side", "publish-checklist"],
            },
        )
        seo = (_("SEO"), {"fields": ["seo_description"], "classes": ["desk-after"]})
        credits = (
            _("Kredit penulis"),
            {"fields": [("co_author", "contributor_name")], "classes": ["desk-after"]},
        )
        if is_editor(request.user):
            proposals = []
            if obj is not None and obj.change_proposals.open().exists():
                proposals = [
                    (
                        _("Usulan perubahan dari penulis"),
                        {"fields": ["open_proposals", "resolve_proposals"]},
                    )
                ]
            return [
                *proposals,
                content,
                (
                    _("Klasifikasi"),
                    {
                        "fields": [
                            ("category", "author"),
                            "tags",
                            "cover",
                            "cover_caption_override",
                        ],
                        "classes": ["desk-after"],
                    },
                ),
                credits,
                (
                    _("Penerbitan"),
                    {
                        "fields": ["status", "review_note", "opened_version"],
                        "classes": ["desk-side"],
                    },
                ),
                # The checklist right below the status, in sight while typing.
                checklist,
                (
                    (
                        _("Tampilan"),
                        {"fields": ["is_sponsored"], "classes": ["desk-side"]},
                    )
                    if copy
                    else (
                        _("Jadwal dan tampilan"),
                        {
                            "fields": [
                                "published_at",
                                "expires_at",
                                "is_lead",
                                ("is_featured", "is_sponsored"),
                            ],
                            "classes": ["desk-side"],
                        },
                    )
                ),
                seo,
            ]
        publishing = ["status", "opened_version"]
        if obj is not None and obj.review_note:
            publishing.insert(0, "review_note")
        return [
            content,
            (
                _("Klasifikasi"),
                {
                    "fields": ["category", "tags", "cover", "cover_caption_override"],
                    "classes": ["desk-after"],
                },
            ),
            credits,
            (_("Penerbitan"), {"fields": publishing, "classes": ["desk-side"]}),
            checklist,
            seo,
        ]

    @admin.display(description=_("Usulan terbuka"))
    def open_proposals(self, obj):
        proposals = obj.change_proposals.open().select_related("created_by")
        return format_html(
            '<ul class="proposals">{}</ul>',
            format_html_join(
                "",
                "<li><strong>{}</strong> ({}): {}</li>",
                (
                    (
                        p.created_by.get_username() if p.created_by else "-",
                        date_format(localtime(p.created_at), "j F Y H:i"),
                        p.text,
                    )
                    for p in proposals
                ),
            ),
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = ["publish_checklist", "open_proposals"]
        if not is_editor(request.user):
            readonly.append("review_note")
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.request = request
        form.is_editor = is_editor(request.user)
        if obj is not None and obj.is_change_draft and "status" in form.base_fields:
            # A change draft is published into its live article (changes_view).
            form.base_fields["status"].choices = [
                (value, label)
                for value, label in Article.Status.choices
                if value in WRITER_STATUSES
            ]
            form.base_fields["status"].help_text = _(
                "Pilih “Menunggu tinjauan” untuk mengirim perubahan ke editor; "
                "editor menerbitkannya dari halaman perbandingan."
            )
        elif not form.is_editor and "status" in form.base_fields:
            form.base_fields["status"].choices = [
                (value, label)
                for value, label in Article.Status.choices
                if value in WRITER_STATUSES
            ]
            form.base_fields["status"].help_text = _(
                "Pilih “Menunggu tinjauan” untuk mengirim artikel ke editor."
            )
        return form

    def get_prepopulated_fields(self, request, obj=None):
        if obj is not None and obj.is_change_draft:
            return {}
        return super().get_prepopulated_fields(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, object_id)
        if obj is not None:
            extra_context.update(self.change_draft_context(request, obj))
            # Proposals writers sent before change drafts stay readable.
            if not is_editor(request.user) and is_own(request.user, obj):
                extra_context["my_proposals"] = obj.change_proposals.filter(
                    created_by=request.user
                )
        return super().change_view(request, object_id, form_url, extra_context)

    def change_draft_context(self, request, obj) -> dict:
        """What the article screen says about change drafts: on a published
        article, its open draft or the button to start one; on a draft, its
        live article and the comparison with it."""
        if obj.is_change_draft:
            return {
                "live_article": obj.draft_of,
                "changes_url": reverse("admin:articles_article_changes", args=[obj.pk]),
            }
        context = {}
        draft = livedrafts.change_draft_of(obj) if obj.pk else None
        if draft is not None:
            context["change_draft"] = draft
            context["changes_url"] = reverse(
                "admin:articles_article_changes", args=[draft.pk]
            )
        elif may_start_change_draft(request.user, obj):
            context["start_draft_url"] = reverse(
                "admin:articles_article_start_draft", args=[obj.pk]
            )
        return context

    def start_draft_view(self, request, object_id):
        article = self.get_article_or_404(request, object_id)
        if not may_start_change_draft(request.user, article):
            raise PermissionDenied
        draft, created = livedrafts.start(article, request.user)
        if created:
            messages.success(
                request,
                _(
                    "Draf perubahan dibuat. Pembaca tetap melihat versi tayang "
                    "sampai editor menerbitkan draf ini."
                ),
            )
        else:
            messages.info(request, _("Artikel ini sudah punya draf perubahan."))
        return HttpResponseRedirect(
            reverse("admin:articles_article_change", args=[draft.pk])
        )

    def changes_view(self, request, object_id):
        """A change draft beside its live article, as a diff, with the editor's
        decision (publish now or later, send back) and the writer's discard."""
        draft = self.get_article_or_404(request, object_id)
        if not draft.is_change_draft:
            raise Http404(_("Ini bukan draf perubahan."))
        editor = is_editor(request.user)
        may_discard = may_change_article(request.user, draft)
        action = next(
            (
                name
                for name in ("publish", "schedule", "unschedule", "reject", "discard")
                if name in request.POST
            ),
            "",
        )
        form = ChangeDecisionForm(action=action)
        if request.method == "POST":
            if action == "discard":
                if not may_discard:
                    raise PermissionDenied
                live = draft.draft_of
                livedrafts.discard(draft)
                messages.success(
                    request,
                    _("Draf perubahan dibuang; versi tayang tidak berubah."),
                )
                return HttpResponseRedirect(
                    reverse("admin:articles_article_change", args=[live.pk])
                )
            if not editor or not action:
                raise PermissionDenied
            form = ChangeDecisionForm(request.POST, action=action)
            if form.is_valid():
                response = self.decide(request, draft, action, form)
                if response is not None:
                    return response
        info = livedrafts.changes(draft)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Perubahan untuk “%(title)s”") % {"title": info.live.title},
            "changes": info,
            "form": form,
            "is_editor": editor,
            "may_discard": may_discard,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/articles/article/changes.html", context)

    def decide(self, request, draft, action, form):
        """Carry out an editor's valid decision; None to show the page again
        with the reasons it was refused."""
        data = form.cleaned_data
        note = {"note_kind": data["note_kind"], "note_text": form.note_html()}
        try:
            if action == "publish":
                live = livedrafts.publish(
                    draft.pk, request.user, overwrite=data["overwrite"], **note
                )
                messages.success(
                    request, _("Perubahan terbit; pembaca kini melihat versi baru.")
                )
                return HttpResponseRedirect(
                    reverse("admin:articles_article_change", args=[live.pk])
                )
            if action == "schedule":
                livedrafts.schedule(
                    draft.pk,
                    request.user,
                    data["when"],
                    overwrite=data["overwrite"],
                    **note,
                )
                messages.success(
                    request,
                    _("Perubahan dijadwalkan terbit %(when)s WIB.")
                    % {"when": date_format(localtime(data["when"]), "j F Y H:i")},
                )
            elif action == "unschedule":
                livedrafts.unschedule(draft, request.user)
                messages.success(request, _("Jadwal dibatalkan."))
            elif action == "reject":
                livedrafts.reject(draft, request.user, data["review_note"].strip())
                messages.success(request, _("Draf dikembalikan ke penulis."))
                return HttpResponseRedirect(
                    reverse("admin:articles_articleinreview_changelist")
                )
        except livedrafts.LiveChanged as refused:
            form.add_error("overwrite", refused.reasons)
            return None
        except livedrafts.ChangeRefused as refused:
            for reason in refused.reasons:
                form.add_error(None, reason)
            return None
        return HttpResponseRedirect(request.get_full_path())

    def _changeform_view(self, request, object_id, form_url, extra_context):
        # Inside the admin's transaction: the article's page is compiled once, after
        # its sections are saved, not once for the article and again per section.
        with compiled.batched():
            return super()._changeform_view(request, object_id, form_url, extra_context)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (DatabaseError, OSError) as error:
            if request.method != "POST":
                raise
            # The admin's transaction has rolled everything back (OSError: the file
            # storage failed while saving an image). Show the form again with what
            # the editor typed, and say that nothing was saved.
            logger.exception("Saving article %s failed; rolled back", object_id)
            request.save_failed = (
                "storage" if isinstance(error, OSError) else "database"
            )
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        editor = is_editor(request.user)
        if not editor:
            if obj.status not in WRITER_STATUSES:
                raise PermissionDenied
            if change and not is_own(request.user, obj):
                raise PermissionDenied
            obj.author = self.writer_author(request)
        if change and form.locked_version is not None:
            obj.version = form.locked_version + 1
        super().save_model(request, obj, form, change)
        if editor and form.cleaned_data.get("resolve_proposals"):
            obj.change_proposals.open().update(resolved_at=timezone.now())
        if (
            obj.status == Article.Status.PUBLISHED
            and len(obj.title) > SEARCH_TITLE_LENGTH
        ):
            messages.warning(
                request,
                _(
                    "Judul lebih panjang dari %(limit)s karakter; hasil pencarian "
                    "akan memotongnya."
                )
                % {"limit": SEARCH_TITLE_LENGTH},
            )

    @staticmethod
    def writer_author(request):
        """The writer's Author profile, created from their account when missing."""
        author = Author.objects.filter(user=request.user).first()
        if author is None:
            user = request.user
            author = Author.objects.create(
                name=user.get_full_name() or user.get_username(), user=user
            )
            messages.info(
                request,
                _("Profil penulis “%(name)s” dibuat untuk akun Anda.")
                % {"name": author.name},
            )
        return author

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Sections and tags are saved after the article: index and record the
        # whole of it.
        refresh_search_document(form.instance)
        comment = _("Diubah") if change else _("Dibuat")
        revisions.save_revision(form.instance, request.user, str(comment))

    def save_formset(self, request, form, formset, change):
        if formset.model is not Section:
            return super().save_formset(request, form, formset, change)
        article = form.instance
        with transaction.atomic():
            # Move existing sections out of the way, then number every kept section
            # 1..n in the order the editor asked for (formset.ordered_forms()).
            Section.objects.filter(article=article).update(
                position=F("position") + POSITION_OFFSET
            )
            # The admin's change message reads these lists, which formset.save() fills.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = (
                [],
                [],
                [],
            )
            for section_form in formset.deleted_forms:
                if section_form.instance.pk:
                    formset.deleted_objects.append(section_form.instance)
                    section_form.instance.delete()
            for number, section_form in enumerate(formset.ordered_forms(), start=1):
                section = section_form.save(commit=False)
                section.article = article
                is_new = section.pk is None
                section.position = number
                section.save()
                if is_new:
                    formset.new_objects.append(section)
                elif section_form.has_changed():
                    formset.changed_objects.append((section, section_form.changed_data))

    # Revisions: history, diff between two, one-click restore.

    def get_urls(self):
        urls = super().get_urls()
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "saran-tag/",
                self.admin_site.admin_view(self.tag_suggestions),
                name="{}_{}_tag_suggestions".format(*info),
            ),
            path(
                "daftar-periksa/",
                self.admin_site.admin_view(require_POST(self.checklist_view)),
                name="{}_{}_checklist_new".format(*info),
            ),
            path(
                "<path:object_id>/daftar-periksa/",
                self.admin_site.admin_view(require_POST(self.checklist_view)),
                name="{}_{}_checklist".format(*info),
            ),
            path(
                "<path:object_id>/revisi/",
                self.admin_site.admin_view(self.revisions_view),
                name="{}_{}_revisions".format(*info),
            ),
            path(
                "<path:object_id>/draf-perubahan/",
                self.admin_site.admin_view(require_POST(self.start_draft_view)),
                name="{}_{}_start_draft".format(*info),
            ),
            path(
                "<path:object_id>/perubahan/",
                self.admin_site.admin_view(self.changes_view),
                name="{}_{}_changes".format(*info),
            ),
            path(
                "<path:object_id>/revisi/<int:version_id>/pulihkan/",
                self.admin_site.admin_view(require_POST(self.restore_view)),
                name="{}_{}_restore".format(*info),
            ),
        ] + urls

    def get_article_or_404(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None or not self.has_view_permission(request, article):
            raise Http404
        return article

    def revisions_view(self, request, object_id):
        article = self.get_article_or_404(request, object_id)
        versions = list(revisions.article_versions(article))
        by_id = {version.pk: version for version in versions}
        diff = None
        old = new = None
        try:
            old = by_id.get(int(request.GET.get("a", "")))
            new = by_id.get(int(request.GET.get("b", "")))
        except ValueError:
            pass
        if old is not None and new is not None:
            diff = revisions.revision_diff(old, new)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Riwayat revisi: %(title)s") % {"title": article.title},
            "article": article,
            "versions": versions,
            "diff": diff,
            "old": old,
            "new": new,
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(
            request, "admin/articles/article/revisions.html", context
        )

    def restore_view(self, request, object_id, version_id):
        article = self.get_article_or_404(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(revisions.article_versions(article), pk=version_id)
        revisions.restore_revision(article, version, request.user)
        messages.success(
            request,
            _("Revisi dipulihkan dan tercatat sebagai revisi baru."),
        )
        return HttpResponseRedirect(
            reverse("admin:articles_article_change", args=[article.pk])
        )


@admin.register(ArticleInReview)
class ReviewQueueAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """What editors must decide on: articles submitted for review, oldest first."""

    list_display = ["article_link", "reason", "author", "category", "updated_at"]
    list_display_links = None
    list_select_related = ["author", "category"]
    ordering = ["updated_at"]

    def get_queryset(self, request):
        open_proposals = ChangeProposal.objects.open().filter(article=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(has_proposal=Exists(open_proposals))
            # A scheduled change draft is decided already: it lands by itself.
            .filter(
                Q(status=Article.Status.REVIEW, change_publish_at__isnull=True)
                | Q(has_proposal=True)
            )
        )

    @admin.display(description=_("perlu"))
    def reason(self, obj):
        if obj.is_change_draft:
            return _("Perubahan artikel tayang")
        if obj.status == Article.Status.REVIEW:
            return _("Tinjauan")
        return _("Usulan perubahan")

    @admin.display(description=_("judul"), ordering="title")
    def article_link(self, obj):
        # A change draft opens beside its live version, ready for a decision.
        view = "changes" if obj.is_change_draft else "change"
        return format_html(
            '<a href="{}">{}</a>',
            reverse(f"admin:articles_article_{view}", args=[obj.pk]),
            obj.title,
        )

    def has_view_permission(self, request, obj=None):
        return is_editor(request.user)

    def has_module_permission(self, request):
        return is_editor(request.user)


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "new_path", "is_automatic", "created_at"]
    list_filter = ["is_automatic"]
    search_fields = ["old_path", "new_path"]
    readonly_fields = ["is_automatic", "created_at"]


@admin.register(ArticleNote)
class ArticleNoteAdmin(admin.ModelAdmin):
    """Corrections, updates and rights of reply on published articles: editors'
    (writers hold no permission on them, ``roles.py``). A note is added on
    purpose, from its article's screen ("Tambah ralat atau hak jawab"): saving
    the article alone, a quiet typo fix, never makes one."""

    list_display = ["article", "kind", "party", "noted_at", "created_by"]
    list_filter = ["kind", ("noted_at", admin.DateFieldListFilter)]
    list_select_related = ["article", "created_by"]
    search_fields = ["article__title", "party", "text"]
    autocomplete_fields = ["article"]
    date_hierarchy = "noted_at"

    def get_fields(self, request, obj=None):
        if obj is None:  # its time and author are the save's
            return ["article", ("kind", "party"), "text"]
        return ["article", ("kind", "party"), "text", "noted_at", "created_by"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["article", "noted_at", "created_by"]  # a note stays on its article

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        if any(key in request.POST for key in ("_continue", "_addanother", "_popup")):
            return super().response_add(request, obj, post_url_continue)
        # Back to the article the note was added from.
        messages.success(
            request,
            _("“%(note)s” tersimpan dan tampil di akhir artikel.") % {"note": obj},
        )
        return HttpResponseRedirect(
            reverse("admin:articles_article_change", args=[obj.article_id])
        )


@admin.register(Page)
class PageAdmin(PageViewMixin, admin.ModelAdmin):
    """The newsroom's own pages, linked from every page's footer: editors'."""

    list_display = ["title", "slug", "position", "is_published", "updated_at"]
    list_editable = ["position", "is_published"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = [
        (None, {"fields": ["title", "slug", "body"]}),
        (_("Tombol di bawah isi"), {"fields": [("link_text", "link_path")]}),
        (_("Tampilan"), {"fields": [("position", "is_published"), "description"]}),
    ]


@admin.register(SocialLink)
class SocialLinkAdmin(admin.ModelAdmin):
    """The newsroom's accounts elsewhere, linked from every page's footer."""

    list_display = ["name", "url", "position"]
    list_editable = ["position"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "url":
            kwargs["assume_scheme"] = "https"  # "instagram.com/x" means https
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(ArticleDailyView)
class ArticleDailyViewAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: the counts come from readers, through ``flush_counters``."""

    list_display = ["article", "date", "views"]
    list_filter = [("date", admin.DateFieldListFilter)]
    list_select_related = ["article"]
    search_fields = ["article__title"]
    date_hierarchy = "date"


@admin.register(PreviewLink)
class PreviewLinkAdmin(ObjectRuleAdminMixin, admin.ModelAdmin):
    form = PreviewLinkForm
    list_display = ["article", "link", "expires_at", "state", "created_by"]
    list_select_related = ["article", "created_by"]
    autocomplete_fields = ["article"]
    actions = ["revoke"]

    def visible(self, request, queryset):
        articles = visible_articles(request.user, Article.objects.all())
        return queryset.filter(article__in=articles.values("pk"))

    def writable(self, request, queryset):
        articles = writable_articles(request.user)
        return queryset.filter(article__in=articles.values("pk"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            kwargs["queryset"] = writable_articles(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["article", "duration"]
        return ["article", "link", "expires_at", "revoked_at", "created_by"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["article", "link", "expires_at", "revoked_at", "created_by"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            kwargs["form"] = admin.ModelAdmin.form
        return super().get_form(request, obj, change=change, **kwargs)

    @admin.display(description=_("tautan"))
    def link(self, obj):
        url = obj.get_absolute_url()
        return format_html('<a href="{}" rel="noopener">{}</a>', url, url)

    @admin.display(description=_("keadaan"))
    def state(self, obj):
        if obj.revoked_at:
            return _("Dicabut")
        if obj.expires_at <= timezone.now():
            return _("Kedaluwarsa")
        return _("Aktif")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Cabut tautan terpilih"), permissions=["change"])
    def revoke(self, request, queryset):
        count = queryset.filter(revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        messages.success(request, _("%(count)s tautan dicabut.") % {"count": count})
