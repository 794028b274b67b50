import datetime
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.formats import date_format, number_format
from django.utils.html import format_html_join
from django.utils.text import slugify
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from articles import sponsorship
from articles.models import Category

from . import counting, leads, reports
from .forms import PlacementForm, ReportLinkForm
from .models import (
    AdsTxtEntry,
    Advertiser,
    Advertorial,
    DailyStat,
    Enquiry,
    EnquiryNote,
    Placement,
    ReportLink,
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
        # Every impression counted until now, not only what the last flush wrote.
        as_of, complete = counting.bring_up_to_date()
        name = str(obj)
        if request.GET.get("format") == "csv":
            rows = reports.daily_rows(self.report_stats(obj), start, end)
            filename = f"laporan-{slugify(name) or obj.pk}-{start}-{end}.csv"
            return reports.csv_response(rows, name, filename)
        showing, block_total = reports.showing_now(self.report_blocks(obj))
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            **reports.report(self.report_stats(obj), start, end, name),
            "title": _("Laporan: %(name)s") % {"name": name},
            "opts": opts,
            "original": obj,
            "form": form.shown(),
            "as_of": as_of,
            "is_complete": complete,
            "showing": showing,
            "block_total": block_total,
            "blocks": reports.block_totals(self.report_blocks(obj), start, end),
            "link_url": self.client_link_url(request, obj),
            "csv_query": urlencode(
                {"dari": start.isoformat(), "sampai": end.isoformat(), "format": "csv"}
            ),
        }
        return TemplateResponse(request, "admin/ads/report.html", context)

    def client_link_url(self, request, obj) -> str | None:
        """Where to make a report link for this client, for those who may."""
        if not request.user.has_perm("ads.add_reportlink"):
            return None
        field = self.model._meta.model_name
        if field == "sponsoredblock":
            if obj.is_house:
                return None  # our own promotion has no client
            field = "block"
        return f"{reverse('admin:ads_reportlink_add')}?{urlencode({field: obj.pk})}"

    @admin.display(description=_("Laporan"))
    def report_link(self, obj):
        opts = self.model._meta
        return render_to_string(
            "admin/ads/_link.html",
            {
                "url": reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_report", args=[obj.pk]
                ),
                "text": _("Lihat laporan"),
            },
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


class UntouchedFilter(admin.SimpleListFilter):
    """Leads nobody has handled (still new, no note) for more than one working
    day; weekends do not count (``leads.working_days_before``)."""

    title = _("tindak lanjut")
    parameter_name = "tindak_lanjut"

    def lookups(self, request, model_admin):
        return [("terlambat", _("Belum ditangani > 1 hari kerja"))]

    def queryset(self, request, queryset):
        if self.value() == "terlambat":
            return queryset.untouched(leads.working_days_before(timezone.now()))
        return queryset


class EnquiryNoteInline(admin.TabularInline):
    """Notes are added, signed and dated; once written they stay as they are."""

    model = EnquiryNote
    extra = 1
    fields = ["text", "written_by", "created_at"]
    readonly_fields = ["written_by", "created_at"]

    @admin.display(description=_("ditulis oleh"))
    def written_by(self, obj):
        author = obj.author
        if author is None:
            return "-"
        return author.get_full_name() or author.get_username()

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Enquiry)
class EnquiryAdmin(admin.ModelAdmin):
    # The name with the company, how to reach them, and how long they have
    # waited ("menunggu" sorts by when the lead came in): the list fits a laptop's
    # screen beside the filters.
    list_display = ["who", "listing", "contact", "status", "waited"]
    list_display_links = ["who"]
    list_editable = ["status"]
    list_filter = [
        UntouchedFilter,
        "status",
        "listing",
        ("created_at", admin.DateFieldListFilter),
    ]
    list_select_related = ["listing"]
    search_fields = ["name", "company", "email", "phone"]
    inlines = [EnquiryNoteInline]
    readonly_fields = [
        "listing",
        "name",
        "company",
        "contact",
        "message",
        "created_at",
        "waited",
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

    @admin.display(description=_("hubungi"))
    def contact(self, obj):
        return render_to_string(
            "admin/ads/enquiry/_contact.html",
            {"enquiry": obj, "links": leads.contact_links(obj)},
        )

    @admin.display(description=_("menunggu"), ordering="created_at")
    def waited(self, obj):
        return leads.waited(obj.created_at)

    def save_formset(self, request, form, formset, change):
        notes = formset.save(commit=False)
        for note in notes:
            if note.pk is None:
                note.author = request.user
            note.save()


@admin.register(Advertorial)
class AdvertorialAdmin(admin.ModelAdmin):
    """Who paid for which advertorial. Recording one names the advertiser as the
    article's sponsor for readers and locks its label (``ads.signals``,
    ``articles/sponsorship.py``); only here, or as an admin, can it be removed."""

    list_display = ["article", "advertiser", "label_shown", "created_at"]
    list_select_related = ["article", "advertiser"]
    search_fields = ["article__title", "advertiser__name"]
    autocomplete_fields = ["advertiser"]
    actions = ["remove_label"]

    @admin.display(description=_("label tampil"), boolean=True)
    def label_shown(self, obj):
        return obj.article.is_sponsored

    @admin.action(
        description=_("Lepas label advertorial dari artikelnya"),
        permissions=["change"],
    )
    def remove_label(self, request, queryset):
        if not sponsorship.may_remove_label(request.user):
            raise PermissionDenied
        advertorials = list(queryset.select_related("article"))
        for advertorial in advertorials:
            if not self.has_change_permission(request, advertorial):
                raise PermissionDenied
        for advertorial in advertorials:
            sponsorship.remove_label(advertorial.article, request.user)
        messages.success(
            request,
            _(
                "Label advertorial dilepas dari %(count)s artikel; tercatat di "
                "riwayat artikelnya."
            )
            % {"count": len(advertorials)},
        )


@admin.register(AdsTxtEntry)
class AdsTxtEntryAdmin(admin.ModelAdmin):
    list_display = ["line", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["line"]


@admin.register(ReportLink)
class ReportLinkAdmin(admin.ModelAdmin):
    """Report links for clients. Whoever makes or revokes one must be allowed to
    see the report it shares (``may_share``): the per-object rule, asked on every
    save and every revoke, whatever the form or a crafted POST says."""

    form = ReportLinkForm
    list_display = ["name", "subject", "address", "open_until", "state", "created_by"]
    list_select_related = ["advertiser", "block", "created_by"]
    list_filter = [("expires_at", admin.DateFieldListFilter)]
    search_fields = ["advertiser__name", "block__title", "block__advertiser__name"]
    autocomplete_fields = ["advertiser", "block"]
    actions = ["revoke"]
    shown_fields = ["subject", "address", "open_until", "revoked_at", "created_by"]

    @staticmethod
    def may_share(user, link) -> bool:
        """Whether ``user`` may give a client this link: they may see its report."""
        if link.advertiser_id:
            return user.has_perm("ads.view_advertiser")
        return user.has_perm("ads.view_sponsoredblock")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["advertiser", "block", "valid_until"]
        return self.shown_fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.shown_fields

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            kwargs["form"] = forms.ModelForm  # nothing to edit: revoke instead
        return super().get_form(request, obj, change=change, **kwargs)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or self.may_share(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        # A revoked link stays listed: who shared what, and until when.
        return False

    def save_model(self, request, obj, form, change):
        if not self.may_share(request.user, obj):
            raise PermissionDenied
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        messages.success(
            request,
            _("Tautan laporan dibuat. Salin alamatnya dan kirim ke klien."),
        )
        return HttpResponseRedirect(
            reverse("admin:ads_reportlink_change", args=[obj.pk])
        )

    @admin.display(description=_("laporan"))
    def name(self, obj):
        return obj.name

    @admin.display(description=_("isi"))
    def subject(self, obj):
        if obj.advertiser_id:
            return _("Semua blok %(name)s") % {"name": obj.advertiser.name}
        return _("Blok “%(title)s”") % {"title": obj.block.title}

    @admin.display(description=_("alamat untuk klien"))
    def address(self, obj):
        return render_to_string(
            "admin/ads/reportlink/_address.html", {"url": self.client_url(obj)}
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Nothing to save on a link: it is revoked from the list.
        extra_context = {
            **(extra_context or {}),
            "show_save": False,
            "show_save_and_continue": False,
            "show_save_and_add_another": False,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def client_url(self, obj) -> str:
        return f"{settings.SITE_URL.rstrip('/')}{obj.get_absolute_url()}"

    @admin.display(description=_("berlaku sampai"), ordering="expires_at")
    def open_until(self, obj):
        moment = timezone.localtime(obj.open_until)
        return f"{formats.date_format(moment, 'j F Y, H.i')} WIB"

    @admin.display(description=_("keadaan"))
    def state(self, obj):
        if obj.revoked_at:
            return _("Dicabut")
        if obj.expires_at <= timezone.now():
            return _("Kedaluwarsa")
        return _("Aktif")

    @admin.action(description=_("Cabut tautan terpilih"), permissions=["change"])
    def revoke(self, request, queryset):
        links = list(queryset.filter(revoked_at__isnull=True))
        if not all(self.may_share(request.user, link) for link in links):
            raise PermissionDenied
        count = ReportLink.objects.filter(pk__in=[link.pk for link in links]).update(
            revoked_at=timezone.now()
        )
        messages.success(
            request,
            _("%(count)s tautan dicabut; klien kini melihat halaman tidak ditemukan.")
            % {"count": count},
        )
