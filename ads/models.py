import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.images import RandomUploadPath, ValidatedImageField, WithRenditions
from articles.models import Article, Category, SluggedModel
from articles.richtext import SanitizedRichTextField

DEFAULT_LABEL = "Iklan"


def validate_target_url(value: str) -> None:
    """Only absolute http(s) addresses with a host and no user:password part.

    Refuses ``javascript:``, ``data:``, protocol-relative ``//host``, addresses with
    no scheme and ``https://bank.test@evil.test`` style credential tricks.
    """
    message = _(
        "Alamat tujuan harus lengkap dan diawali http:// atau https:// "
        "(contoh: https://contoh.co.id/promo)."
    )
    if not value:
        return
    if any(ord(char) < 33 or char == "\\" for char in value):
        raise ValidationError(message, code="invalid_target")
    parts = urlsplit(value)
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise ValidationError(message, code="invalid_target")
    if "@" in parts.netloc:
        raise ValidationError(
            _("Alamat tujuan tidak boleh berisi nama pengguna atau kata sandi."),
            code="credentials",
        )
    URLValidator(schemes=["http", "https"], message=message)(value)


class Advertiser(models.Model):
    name = models.CharField(_("nama"), max_length=150)
    contact_person = models.CharField(_("narahubung"), max_length=120, blank=True)
    phone = models.CharField(
        _("telepon/WhatsApp"),
        max_length=30,
        blank=True,
        help_text=_("Contoh: 0812-3456-7890 atau +62 812 3456 7890."),
    )
    email = models.EmailField(_("email"), blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    is_active = models.BooleanField(
        _("aktif"),
        default=True,
        help_text=_("Pengiklan nonaktif: semua bloknya berhenti tampil."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("pengiklan")
        verbose_name_plural = _("pengiklan")

    def __str__(self):
        return self.name


class ServiceListingQuerySet(models.QuerySet):
    def active(self):
        """Listings readers may see and enquire about."""
        return self.filter(is_active=True)


class ServiceListing(WithRenditions, SluggedModel):
    name = models.CharField(_("nama layanan"), max_length=150)
    slug = models.SlugField(
        _("slug"),
        max_length=170,
        unique=True,
        blank=True,
        help_text=_("Bagian alamat sesudah /layanan/. Dikosongkan: dibuat dari nama."),
    )
    summary = models.CharField(
        _("ringkasan"),
        max_length=300,
        help_text=_("Satu-dua kalimat untuk daftar layanan dan blok promosi."),
    )
    description = SanitizedRichTextField(_("deskripsi"), blank=True)
    image = ValidatedImageField(
        _("gambar"),
        upload_to=RandomUploadPath("services"),
        blank=True,
        width_field="image_width",
        height_field="image_height",
        help_text=_("JPEG, PNG, WebP, atau GIF, maksimum 10 MB."),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("teks alternatif gambar"),
        max_length=250,
        blank=True,
        help_text=_("Wajib bila ada gambar: apa yang terlihat di gambar."),
    )
    price = models.PositiveBigIntegerField(
        _("harga (Rp)"),
        null=True,
        blank=True,
        help_text=_("Angka saja, dalam rupiah. Kosongkan bila memakai label harga."),
    )
    price_label = models.CharField(
        _("label harga"),
        max_length=80,
        blank=True,
        help_text=_("Contoh: “mulai Rp 1.500.000”. Bila diisi, tampil sebagai harga."),
    )
    included = models.TextField(
        _("yang didapat"),
        blank=True,
        help_text=_("Satu butir per baris; tampil sebagai daftar."),
    )
    position = models.PositiveIntegerField(
        _("urutan"), default=0, help_text=_("Angka kecil tampil lebih dulu.")
    )
    is_active = models.BooleanField(
        _("aktif"),
        default=True,
        help_text=_("Layanan nonaktif hilang dari /layanan/ dan dari blok promosi."),
    )

    objects = ServiceListingQuerySet.as_manager()
    slug_fallback = "layanan"

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("ads:listing", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = _("Isi teks alternatif untuk gambar ini.")
        if self.price is None and not self.price_label.strip():
            errors["price"] = _("Isi harga dalam rupiah atau label harga.")
        if errors:
            raise ValidationError(errors)

    @property
    def price_display(self) -> str:
        if self.price_label:
            return self.price_label
        if self.price is not None:
            return f"Rp {self.price:,}".replace(",", ".")
        return ""

    @property
    def included_items(self) -> list[str]:
        return [line.strip() for line in self.included.splitlines() if line.strip()]


def shows_on_category(target_id: int | None, page_category_id: int | None) -> bool:
    """The one targeting rule: a block without a target category shows on every
    page; a block targeted at a category shows only on that category's own page
    and on its articles, whose category ``{% ad_slot %}`` writes into the page
    (``ads.templatetags.ad_tags.page_category_id``). The slot picker applies it
    (``ads.slots.pick_page``); ``SlotQuerySet.without_block_everywhere`` asks the
    database the same question."""
    return target_id is None or target_id == page_category_id


class SlotQuerySet(models.QuerySet):
    def without_block_everywhere(self, now=None):
        """Slots where no block eligible at ``now`` shows on every page: each of
        their eligible blocks targets a category (``shows_on_category``), or they
        have none, so pages of other categories fall back to promoting our own
        services (``ads.slots.pick_page``)."""
        everywhere = SponsoredBlock.objects.eligible(now).filter(
            category__isnull=True, placements__slot=OuterRef("pk")
        )
        return self.exclude(Exists(everywhere))


class Slot(models.Model):
    key = models.SlugField(
        _("kunci"),
        max_length=50,
        unique=True,
        help_text=_(
            'Dipakai templat: {% ad_slot "header" %}. Contoh: header, sidebar, '
            "in-article, footer."
        ),
    )
    name = models.CharField(_("nama"), max_length=100)
    max_blocks = models.PositiveSmallIntegerField(
        _("jumlah blok maksimum"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(6)],
        help_text=_("Berapa blok paling banyak tampil sekaligus di tempat ini."),
    )
    after_section = models.PositiveSmallIntegerField(
        _("setelah bagian ke-"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Khusus in-article: blok tampil setelah bagian artikel ke-N. Artikel "
            "yang lebih pendek tidak menampilkan tempat ini."
        ),
    )

    objects = SlotQuerySet.as_manager()

    class Meta:
        ordering = ["key"]
        verbose_name = _("tempat iklan")
        verbose_name_plural = _("tempat iklan")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_blocks__gte=1), name="slot_max_blocks_positive"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.key})"


class SponsoredBlockQuerySet(models.QuerySet):
    def eligible(self, now=None, slot=None, *, include_scheduled: bool = False):
        """Blocks readers may be shown at ``now``: the one rule the slot picker
        (``ads.slots``), the click redirect, the admin's status and the reports use.

        A block is eligible while it is switched on, inside its schedule
        (``starts_at <= now < ends_at``; no end runs on), its advertiser is active
        (a house block has none) and so is its service listing (when it has one),
        and it is placed in a slot (``slot``, a ``Slot`` or its id: that one). The
        page's category is the picker's to match (``shows_on_category``). A
        placement's weight is at least 1 (a database constraint), so it never
        excludes a block.

        ``include_scheduled`` also takes blocks whose start is still to come: the
        picker keeps its offers for a minute and checks the start on every page.
        """
        now = now or timezone.now()
        placements = Placement.objects.filter(block=OuterRef("pk"))
        if slot is not None:
            placements = placements.filter(slot=slot)
        blocks = self.filter(is_active=True).filter(
            Q(ends_at__isnull=True) | Q(ends_at__gt=now),
            Q(advertiser__isnull=True) | Q(advertiser__is_active=True),
            Q(service_listing__isnull=True) | Q(service_listing__is_active=True),
            Exists(placements),
        )
        if not include_scheduled:
            blocks = blocks.filter(starts_at__lte=now)
        return blocks

    def with_state(self, now=None):
        """Each block with its ``current_state`` at ``now`` (``SponsoredBlock.State``),
        as the admin shows and filters it: ``running`` exactly when ``eligible()``
        holds, ``idle`` when the schedule runs but the block cannot be shown (its
        advertiser or listing is switched off, or it is placed nowhere)."""
        now = now or timezone.now()
        state = SponsoredBlock.State
        eligible = self.model.objects.eligible(now).filter(pk=OuterRef("pk"))
        return self.annotate(
            current_state=Case(
                When(is_active=False, then=Value(state.PAUSED)),
                When(starts_at__gt=now, then=Value(state.SCHEDULED)),
                When(ends_at__lte=now, then=Value(state.ENDED)),
                When(Exists(eligible), then=Value(state.RUNNING)),
                default=Value(state.IDLE),
                output_field=models.CharField(),
            )
        )

    def with_related(self):
        return self.select_related("advertiser", "service_listing", "category")


class SponsoredBlock(WithRenditions):
    class State(models.TextChoices):
        RUNNING = "running", _("Tayang")
        SCHEDULED = "scheduled", _("Terjadwal")
        ENDED = "ended", _("Berakhir")
        PAUSED = "paused", _("Dijeda")
        IDLE = "idle", _("Tidak tayang")

    advertiser = models.ForeignKey(
        Advertiser,
        verbose_name=_("pengiklan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="blocks",
        help_text=_(
            "Kosongkan untuk blok promosi sendiri (house block) yang menautkan "
            "layanan kita."
        ),
    )
    title = models.CharField(_("judul"), max_length=120)
    text = models.CharField(
        _("teks singkat"),
        max_length=280,
        blank=True,
        help_text=_("Teks biasa; HTML tampil apa adanya, tidak dijalankan."),
    )
    label = models.CharField(
        _("label"),
        max_length=30,
        default=DEFAULT_LABEL,
        help_text=_(
            "Penanda iklan yang selalu tampil, misalnya “Iklan” atau “Sponsor”. "
            "Boleh diubah kata-katanya, tidak boleh dikosongkan."
        ),
    )
    image = ValidatedImageField(
        _("gambar"),
        upload_to=RandomUploadPath("ads"),
        blank=True,
        width_field="image_width",
        height_field="image_height",
        help_text=_("Opsional. JPEG, PNG, WebP, atau GIF, maksimum 10 MB."),
    )
    image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    image_alt = models.CharField(
        _("teks alternatif gambar"),
        max_length=250,
        blank=True,
        help_text=_("Wajib bila ada gambar."),
    )
    target_url = models.URLField(
        _("alamat tujuan"),
        max_length=500,
        blank=True,
        validators=[validate_target_url],
        help_text=_(
            "Alamat http(s) lengkap. Isi ini atau pilih layanan, tidak keduanya."
        ),
    )
    service_listing = models.ForeignKey(
        ServiceListing,
        verbose_name=_("layanan tujuan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="blocks",
        help_text=_("Tautkan ke halaman layanan kita sendiri."),
    )
    slots = models.ManyToManyField(
        Slot,
        through="Placement",
        verbose_name=_("tempat"),
        related_name="blocks",
        blank=True,
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("target kategori"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sponsored_blocks",
        help_text=_(
            "Bila diisi, blok hanya tampil di halaman kategori ini dan artikelnya. "
            "Kosongkan untuk semua halaman."
        ),
    )
    starts_at = models.DateTimeField(
        _("mulai tayang"),
        default=timezone.now,
        help_text=_("Waktu WIB; blok tampil tepat mulai menit ini."),
    )
    ends_at = models.DateTimeField(
        _("selesai tayang"),
        null=True,
        blank=True,
        help_text=_(
            "Waktu WIB; blok berhenti tepat di menit ini. Kosong: tanpa batas."
        ),
    )
    is_active = models.BooleanField(
        _("aktif"),
        default=True,
        help_text=_("Matikan untuk menjeda blok tanpa mengubah jadwal."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    objects = SponsoredBlockQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("blok sponsor")
        verbose_name_plural = _("blok sponsor")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(starts_at__lt=F("ends_at")),
                name="block_starts_before_ends",
            ),
            models.CheckConstraint(
                condition=(
                    Q(service_listing__isnull=True) & ~Q(target_url="")
                    | Q(service_listing__isnull=False) & Q(target_url="")
                ),
                name="block_has_one_target",
            ),
            models.CheckConstraint(
                condition=Q(advertiser__isnull=False)
                | Q(service_listing__isnull=False),
                name="block_house_targets_listing",
            ),
            models.CheckConstraint(
                condition=~Q(label=""), name="block_label_not_empty"
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        self.label = (self.label or "").strip()
        if not self.label:
            errors["label"] = _("Label iklan wajib ada; boleh diubah, tidak dihapus.")
        if self.target_url and self.service_listing_id:
            errors["target_url"] = _("Pilih satu tujuan saja: alamat atau layanan.")
        elif not self.target_url and not self.service_listing_id:
            errors["target_url"] = _("Isi alamat tujuan atau pilih layanan tujuan.")
        if not self.advertiser_id and not self.service_listing_id:
            errors["service_listing"] = _(
                "Blok tanpa pengiklan adalah promosi sendiri: pilih layanan tujuan."
            )
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Waktu selesai harus setelah waktu mulai.")
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = _("Isi teks alternatif untuk gambar ini.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_house(self) -> bool:
        return self.advertiser_id is None

    def state(self, now=None) -> str:
        """This block's state at ``now`` (``with_state``; one query, so lists
        annotate it instead)."""
        return (
            SponsoredBlock.objects.with_state(now)
            .values_list("current_state", flat=True)
            .get(pk=self.pk)
        )

    def target(self) -> str:
        """Where a click goes: only ever the stored address or our listing page."""
        if self.service_listing_id:
            return self.service_listing.get_absolute_url()
        return self.target_url


class Placement(models.Model):
    block = models.ForeignKey(
        SponsoredBlock,
        verbose_name=_("blok"),
        on_delete=models.CASCADE,
        related_name="placements",
    )
    slot = models.ForeignKey(
        Slot,
        verbose_name=_("tempat"),
        on_delete=models.CASCADE,
        related_name="placements",
    )
    weight = models.PositiveSmallIntegerField(
        _("bobot"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Bobot 2 tampil kira-kira dua kali lebih sering dari bobot 1."),
    )

    class Meta:
        ordering = ["slot", "-weight"]
        verbose_name = _("penempatan")
        verbose_name_plural = _("penempatan")
        constraints = [
            models.UniqueConstraint(
                fields=["block", "slot"], name="placement_unique_block_slot"
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=1), name="placement_weight_positive"
            ),
        ]

    def __str__(self):
        return f"{self.block} @ {self.slot.key}"


class DailyStat(models.Model):
    block = models.ForeignKey(
        SponsoredBlock,
        verbose_name=_("blok"),
        on_delete=models.CASCADE,
        related_name="daily_stats",
    )
    slot = models.ForeignKey(
        Slot,
        verbose_name=_("tempat"),
        on_delete=models.CASCADE,
        related_name="daily_stats",
    )
    date = models.DateField(_("tanggal"), help_text=_("Tanggal WIB."))
    impressions = models.PositiveIntegerField(_("tayangan"), default=0)
    clicks = models.PositiveIntegerField(_("klik"), default=0)

    class Meta:
        ordering = ["-date", "block", "slot"]
        verbose_name = _("statistik harian")
        verbose_name_plural = _("statistik harian")
        constraints = [
            models.UniqueConstraint(
                fields=["block", "slot", "date"], name="dailystat_unique_block_slot_day"
            ),
            models.CheckConstraint(
                condition=Q(impressions__gte=0) & Q(clicks__gte=0),
                name="dailystat_counters_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.block} / {self.slot.key} / {self.date}"


class EnquiryQuerySet(models.QuerySet):
    def untouched(self, before):
        """Leads that came in before ``before`` and nobody has handled: still
        new, and without a note."""
        return self.filter(status=Enquiry.Status.NEW, created_at__lt=before).exclude(
            Exists(EnquiryNote.objects.filter(enquiry=OuterRef("pk")))
        )


class Enquiry(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("Baru")
        CONTACTED = "contacted", _("Sudah dihubungi")
        WON = "won", _("Deal")
        LOST = "lost", _("Batal")

    listing = models.ForeignKey(
        ServiceListing,
        verbose_name=_("layanan"),
        on_delete=models.PROTECT,
        related_name="enquiries",
    )
    name = models.CharField(_("nama"), max_length=120)
    company = models.CharField(_("perusahaan/usaha"), max_length=150, blank=True)
    phone = models.CharField(_("telepon/WhatsApp"), max_length=20)
    email = models.EmailField(_("email"))
    message = models.TextField(_("pesan"), max_length=3000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    created_at = models.DateTimeField(_("masuk"), auto_now_add=True)

    objects = EnquiryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("permintaan penawaran")
        verbose_name_plural = _("permintaan penawaran")

    def __str__(self):
        return f"{self.name} – {self.listing}"


class EnquiryNote(models.Model):
    """What sales did about a lead, signed and dated; kept as it was written."""

    enquiry = models.ForeignKey(
        Enquiry,
        verbose_name=_("permintaan penawaran"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    text = models.TextField(
        _("catatan"),
        max_length=2000,
        help_text=_("Misalnya: “Sudah ditelepon, minta penawaran lewat email.”"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditulis oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enquiry_notes",
    )
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("catatan tindak lanjut")
        verbose_name_plural = _("catatan tindak lanjut")

    def __str__(self):
        return Truncator(self.text).chars(60)


class Advertorial(models.Model):
    article = models.OneToOneField(
        Article,
        verbose_name=_("artikel"),
        on_delete=models.CASCADE,
        related_name="advertorial",
        limit_choices_to={"is_sponsored": True},
        help_text=_("Hanya artikel yang ditandai “advertorial” oleh redaksi."),
    )
    advertiser = models.ForeignKey(
        Advertiser,
        verbose_name=_("pengiklan"),
        on_delete=models.PROTECT,
        related_name="advertorials",
    )
    enquiry = models.ForeignKey(
        Enquiry,
        verbose_name=_("permintaan penawaran"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="advertorials",
        help_text=_(
            "Opsional. Permintaan penawaran yang berujung pada advertorial ini; "
            "catatan penjualannya ikut tercatat di sini."
        ),
    )
    notes = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(_("dicatat"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("advertorial")
        verbose_name_plural = _("advertorial")

    def __str__(self):
        return f"{self.article} – {self.advertiser}"


class AdsTxtEntry(models.Model):
    line = models.CharField(
        _("baris"),
        max_length=300,
        help_text=_(
            "Satu baris ads.txt, misalnya “google.com, pub-0000000000000000, "
            "DIRECT, f08c47fec0942fa0”."
        ),
    )
    position = models.PositiveIntegerField(_("urutan"), default=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("baris ads.txt")
        verbose_name_plural = _("baris ads.txt")

    def __str__(self):
        return self.line

    def clean(self):
        self.line = (self.line or "").strip()
        if any(char in self.line for char in "\r\n\x00"):
            raise ValidationError({"line": _("Satu baris saja, tanpa ganti baris.")})


REPORT_LINK_SIGNING_SALT = "ads.report-link"


def report_link_key() -> str:
    return secrets.token_urlsafe(32)


class ReportLinkQuerySet(models.QuerySet):
    def active(self, now=None):
        """Links that still open their report: not revoked and not expired."""
        return self.filter(
            revoked_at__isnull=True, expires_at__gt=now or timezone.now()
        )


class ReportLink(models.Model):
    """A client's own report, opened without an account: one advertiser's blocks
    or one block, through a signed address that expires and can be revoked."""

    advertiser = models.ForeignKey(
        Advertiser,
        verbose_name=_("pengiklan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_links",
        help_text=_(
            "Laporan semua blok pengiklan ini. Isi ini atau blok, bukan keduanya."
        ),
    )
    block = models.ForeignKey(
        SponsoredBlock,
        verbose_name=_("blok"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_links",
        limit_choices_to={"advertiser__isnull": False},
        help_text=_("Laporan satu blok saja."),
    )
    key = models.CharField(
        _("kunci"), max_length=64, unique=True, default=report_link_key, editable=False
    )
    expires_at = models.DateTimeField(
        _("berlaku sampai"),
        help_text=_(
            "Setelah waktu ini (WIB) tautan menampilkan halaman tidak ditemukan."
        ),
    )
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="report_links",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = ReportLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("tautan laporan klien")
        verbose_name_plural = _("tautan laporan klien")
        constraints = [
            models.CheckConstraint(
                condition=Q(advertiser__isnull=False, block__isnull=True)
                | Q(advertiser__isnull=True, block__isnull=False),
                name="reportlink_one_subject",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("ads:client-report", kwargs={"token": self.token})

    def clean(self):
        if bool(self.advertiser_id) == bool(self.block_id):
            raise ValidationError(
                _("Pilih satu: pengiklan (semua bloknya) atau satu blok.")
            )

    @property
    def token(self) -> str:
        """The signed key that goes in the address; a tampered token fails unsigning."""
        return signing.Signer(salt=REPORT_LINK_SIGNING_SALT).sign(self.key)

    @staticmethod
    def key_of(token: str) -> str | None:
        """The key a token signs, or None when it was tampered with."""
        try:
            return signing.Signer(salt=REPORT_LINK_SIGNING_SALT).unsign(token)
        except signing.BadSignature:
            return None

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def open_until(self):
        """The last minute the link opens (23.59 of the chosen day), as people
        say it; ``expires_at`` is the moment after."""
        return self.expires_at - timedelta(minutes=1)

    @property
    def name(self) -> str:
        """What the report is of: the advertiser's name, or the block's title."""
        return self.advertiser.name if self.advertiser_id else self.block.title

    @property
    def client(self) -> Advertiser | None:
        return self.advertiser if self.advertiser_id else self.block.advertiser

    def blocks(self):
        """The blocks this link reports on, and no other."""
        if self.advertiser_id:
            return SponsoredBlock.objects.filter(advertiser=self.advertiser_id)
        return SponsoredBlock.objects.filter(pk=self.block_id)

    def stats(self):
        """The ``DailyStat`` rows of ``blocks()``."""
        if self.advertiser_id:
            return DailyStat.objects.filter(block__advertiser=self.advertiser_id)
        return DailyStat.objects.filter(block=self.block_id)
