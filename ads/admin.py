import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from articles.models import Category

from . import reports
from .forms import PlacementForm
from .models import (
    AdsTxtEntry,
    Advertiser,
    Advertorial,
    DailyStat,
    Enquiry,
    Placement,
    ServiceListing,
    Slot,
    SponsoredBlock,
    validate_target_url,
)

STATS_DAYS = 7


class ReportMixin:
    """A per-object report page (chart, table, CSV) at <object>/laporan/."""

    report_name = ""

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<int:object_id>/laporan/",
                self.admin_site.admin_view(self.report_view),
                name=f"{opts.app_label}_{opts.model_name}_report",
            ),
            *super().get_urls(),
        ]

    def report_stats(self, obj):
        raise NotImplementedError

    def report_blocks(self, obj):
        raise NotImplementedError

    def report_view(self, request, object_id):
        obj = get_object_or_404(self.model, pk=object_id)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        form = reports.PeriodForm(request.GET or None)
        start, end = form.period()
        rows = reports.daily_rows(self.report_stats(obj), start, end)
        name = str(obj)
        if request.GET.get("format") == "csv":
            filename = f"laporan-{slugify(name) or obj.pk}-{start}-{end}.csv"
            return reports.csv_response(rows, name, filename)
        total_impressions = sum(row.impressions for row in rows)
        total_clicks = sum(row.clicks for row in rows)
        showing, block_total = reports.showing_now(self.report_blocks(obj))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Laporan: %(name)s") % {"name": name},
            "opts": self.model._meta,
            "original": obj,
            "form": form,
            "start": start,
            "end": end,
            "rows": rows,
            "chart": reports.chart(rows, name),
            "total_impressions": total_impressions,
            "total_clicks": total_clicks,
            "total_ctr": reports.ctr(total_impressions, total_clicks),
            "showing": showing,
            "block_total": block_total,
        }
        return TemplateResponse(request, "admin/ads/report.html", context)

    @admin.display(description=_("Laporan"))
    def report_link(self, obj):
        opts = self.model._meta
        return format_html(
            '<a href="{}">{}</a>',
            reverse(f"admin:{opts.app_label}_{opts.model_name}_report", args=[obj.pk]),
            _("Lihat laporan"),
        )


@admin.register(Advertiser)
class AdvertiserAdmin(ReportMixin, admin.ModelAdmin):
    # The email is on the advertiser's page and found by the search: the list
    # fits a 1366 px screen with the filters beside it.
    list_display = [
        "name",
        "contact_person",
        "phone",
        "is_active",
        "block_count",
        "report_link",
    ]
    list_filter = ["is_active"]
    search_fields = ["name", "contact_person", "email", "phone"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(block_total=Count("blocks"))

    @admin.display(description=_("Blok"), ordering="block_total")
    def block_count(self, obj):
        return obj.block_total

    def report_stats(self, obj):
        return DailyStat.objects.filter(block__advertiser=obj)

    def report_blocks(self, obj):
        return obj.blocks.all()


@admin.register(ServiceListing)
class ServiceListingAdmin(admin.ModelAdmin):
    list_display = ["name", "price_display", "position", "is_active"]
    list_editable = ["position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = [
        (None, {"fields": ["name", "slug", "summary", "description", "included"]}),
        (_("Harga"), {"fields": [("price", "price_label")]}),
        (_("Gambar"), {"fields": ["image", "image_alt"]}),
        (_("Tampilan"), {"fields": [("position", "is_active")]}),
    ]

    @admin.display(description=_("harga"))
    def price_display(self, obj):
        return obj.price_display or "-"


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "max_blocks", "after_section"]
    search_fields = ["key", "name"]


class PlacementInline(admin.TabularInline):
    model = Placement
    form = PlacementForm
    extra = 1
    fields = ["slot", "weight"]


class SponsoredBlockForm(forms.ModelForm):
    # A CharField, not a URLField: the form URLField would quietly turn
    # "contoh.com" or "//host" into "http://…" instead of refusing them.
    target_url = forms.CharField(
        label=_("Alamat tujuan"),
        max_length=500,
        required=False,
        validators=[validate_target_url],
        help_text=SponsoredBlock._meta.get_field("target_url").help_text,
    )

    class Meta:
        model = SponsoredBlock
        fields = [
            "advertiser",
            "title",
            "text",
            "label",
            "image",
            "image_alt",
            "target_url",
            "service_listing",
            "starts_at",
            "ends_at",
            "category",
            "is_active",
        ]


class StateFilter(admin.SimpleListFilter):
    title = _("status tayang")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return SponsoredBlock.State.choices

    def queryset(self, request, queryset):
        # The admin's queryset carries each block's state (``with_state``).
        if self.value() in SponsoredBlock.State.values:
            return queryset.filter(current_state=self.value())
        return queryset


def _stat_sum(field: str, since: datetime.date) -> Coalesce:
    total = (
        DailyStat.objects.filter(block=OuterRef("pk"), date__gte=since)
        .values("block")
        .annotate(total=Sum(field))
        .values("total")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), 0)


@admin.register(SponsoredBlock)
class SponsoredBlockAdmin(ReportMixin, admin.ModelAdmin):
    form = SponsoredBlockForm
    inlines = [PlacementInline]
    list_display = [
        "title",
        "owner",
        "state_label",
        "slot_list",
        "schedule",
        "impressions_7d",
        "clicks_7d",
        "ctr_7d",
        "report_link",
    ]
    list_filter = [
        StateFilter,
        "advertiser",
        "slots",
        ("starts_at", admin.DateFieldListFilter),
        ("ends_at", admin.DateFieldListFilter),
    ]
    list_select_related = ["advertiser", "service_listing"]
    search_fields = ["title", "text", "advertiser__name"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["advertiser"]
    fieldsets = [
        (None, {"fields": ["advertiser", "title", "text", "label"]}),
        (_("Gambar"), {"fields": ["image", "image_alt"]}),
        (_("Tujuan"), {"fields": ["target_url", "service_listing"]}),
        (
            _("Jadwal dan target"),
            {"fields": [("starts_at", "ends_at"), "category", "is_active"]},
        ),
    ]

    def get_queryset(self, request):
        since = timezone.localdate() - datetime.timedelta(days=STATS_DAYS - 1)
        return (
            super()
            .get_queryset(request)
            .prefetch_related("placements__slot")
            .with_state()
            .annotate(
                impressions_last=_stat_sum("impressions", since),
                clicks_last=_stat_sum("clicks", since),
            )
        )

    @admin.display(description=_("pengiklan"), ordering="advertiser__name")
    def owner(self, obj):
        return obj.advertiser or _("Promosi sendiri")

    @admin.display(description=_("status"))
    def state_label(self, obj):
        return obj.State(obj.current_state).label

    @admin.display(description=_("tempat"))
    def slot_list(self, obj):
        return (
            format_html_join(", ", "{}", ((p.slot.key,) for p in obj.placements.all()))
            or "-"
        )

    @admin.display(description=_("jadwal"), ordering="starts_at")
    def schedule(self, obj):
        # One column for both ends, dates only: the list fits a 1366 px screen.
        start = date_format(localtime(obj.starts_at), "j M Y")
        if obj.ends_at is None:
            return _("sejak %(start)s") % {"start": start}
        end = date_format(localtime(obj.ends_at), "j M Y")
        return f"{start} – {end}"

    @admin.display(description=_("tayangan 7 hari"), ordering="impressions_last")
    def impressions_7d(self, obj):
        return obj.impressions_last

    @admin.display(description=_("klik 7 hari"), ordering="clicks_last")
    def clicks_7d(self, obj):
        return obj.clicks_last

    @admin.display(description=_("CTR 7 hari"))
    def ctr_7d(self, obj):
        return (
            f"{number_format(reports.ctr(obj.impressions_last, obj.clicks_last), 2)}%"
        )

    def report_stats(self, obj):
        return DailyStat.objects.filter(block=obj)

    def report_blocks(self, obj):
        return SponsoredBlock.objects.filter(pk=obj.pk)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for warning in targeting_warnings(form.instance):
            self.message_user(request, warning, messages.WARNING)


def targeting_warnings(block: SponsoredBlock) -> list[str]:
    """For a block targeted at a category: each of its slots where no block now
    shows on every page (``SlotQuerySet.without_block_everywhere``), so pages of
    other categories fall back to promoting our own services there."""
    if block.category_id is None:
        return []
    now = timezone.now()
    slots = Slot.objects.filter(placements__block=block)
    warnings = []
    for slot in slots.without_block_everywhere(now):
        running = SponsoredBlock.objects.eligible(now, slot=slot)
        names = [
            category.name
            for category in Category.objects.filter(sponsored_blocks__in=running)
            .distinct()
            .order_by("name")
        ]
        if names:
            text = _(
                "Tempat “%(slot)s” tidak punya blok untuk semua halaman: bloknya "
                "yang tayang hanya untuk kategori %(categories)s. Di halaman lain, "
                "tempat ini diisi promosi layanan kita sendiri (kosong bila tidak "
                "ada layanan aktif)."
            )
        else:
            text = _(
                "Tempat “%(slot)s” belum punya blok yang tayang sekarang. Tempat "
                "ini diisi promosi layanan kita sendiri (kosong bila tidak ada "
                "layanan aktif)."
            )
        warnings.append(text % {"slot": slot.name, "categories": ", ".join(names)})
    return warnings


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    list_display = ["who", "listing", "phone", "status", "created_at"]
    list_display_links = ["who"]
    list_editable = ["status"]
    list_filter = ["status", "listing", ("created_at", admin.DateFieldListFilter)]
    list_select_related = ["listing"]
    search_fields = ["name", "company", "email", "phone"]
    readonly_fields = [
        "listing",
        "name",
        "company",
        "phone",
        "email",
        "message",
        "created_at",
    ]
    fields = [*readonly_fields, "status"]

    def has_add_permission(self, request):
        # Leads come from the enquiry form on /layanan/, not from the admin.
        return False

    @admin.display(description=_("nama"), ordering="name")
    def who(self, obj):
        # The name with the company: one column less, so Status stays in sight.
        if obj.company:
            return f"{obj.name} ({obj.company})"
        return obj.name


@admin.register(Advertorial)
class AdvertorialAdmin(admin.ModelAdmin):
    list_display = ["article", "advertiser", "created_at"]
    list_select_related = ["article", "advertiser"]
    search_fields = ["article__title", "advertiser__name"]
    autocomplete_fields = ["advertiser"]


@admin.register(AdsTxtEntry)
class AdsTxtEntryAdmin(admin.ModelAdmin):
    list_display = ["line", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["line"]
