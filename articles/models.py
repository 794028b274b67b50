import json
import re
import secrets
import uuid
import weakref
from datetime import datetime, timedelta
from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, models, transaction
from django.db.models import (
    Aggregate,
    Exists,
    Expression,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
)
from django.db.models.expressions import RawSQL
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from .images import RandomUploadPath, ValidatedImageField, WithRenditions
from .richtext import SanitizedRichTextField, sanitize_html
from .text import has_controls, strip_controls

TITLE_MAX_LENGTH = 200
SLUG_MAX_LENGTH = 220


def slug_base(text: str, fallback: str, max_length: int = SLUG_MAX_LENGTH - 12) -> str:
    """A slug for ``text``; titles in other scripts or only symbols get ``fallback``."""
    base = slugify(text or "")[:max_length].strip("-")
    return base or f"{fallback}-{uuid.uuid4().hex[:8]}"


_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_SLUG_PLACEHOLDER = "slug-placeholder"
_slug_url_patterns: dict[tuple, tuple[str, str]] = {}


def slug_url(viewname: str, slug: str) -> str:
    """``reverse(viewname, kwargs={"slug": slug})`` for a route whose one argument
    is ``slug``, reversed once per process and script prefix rather than on every
    card and link: a slug of letters, digits, ``-`` and ``_`` goes into the URL as
    it is, with nothing to quote; anything else goes through ``reverse``."""
    return slug_urls(viewname)(slug)


def slug_urls(viewname: str):
    """``slug_url`` for many slugs of one route (a page of cards): the script
    prefix and URL conf, two thread-local lookups, are read once, here."""
    key = (viewname, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    pattern = _slug_url_patterns.get(key)
    if pattern is None:
        url = reverse(viewname, kwargs={"slug": _SLUG_PLACEHOLDER})
        before, _placeholder, after = url.partition(_SLUG_PLACEHOLDER)
        pattern = _slug_url_patterns[key] = (before, after)
    before, after = pattern

    def url_of(slug: str) -> str:
        if not _SLUG.fullmatch(slug or ""):
            return reverse(viewname, kwargs={"slug": slug})  # raises NoReverseMatch
        return before + slug + after

    return url_of


class SluggedModel(models.Model):
    """Fills an empty slug from ``slug_source``; keeps it unique, even under races."""

    slug_source = "name"
    slug_fallback = "halaman"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        generated = not self.slug
        if generated:
            base = slug_base(self.slug_seed(), self.slug_fallback)
            self.slug = self._unique_slug(base)
        for attempt in range(3):
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                # Someone else took the same generated slug between our check and
                # our insert: add a random suffix and try again.
                if not generated or attempt == 2:
                    raise
                base = slug_base(self.slug_seed(), self.slug_fallback)
                self.slug = f"{base[: SLUG_MAX_LENGTH - 9]}-{uuid.uuid4().hex[:8]}"
                kwargs.pop("force_insert", None)

    def slug_seed(self) -> str:
        """The text an empty slug is made from."""
        return getattr(self, self.slug_source)

    def _unique_slug(self, base: str) -> str:
        siblings = type(self)._default_manager.exclude(pk=self.pk)
        candidate, counter = base, 2
        while siblings.filter(slug=candidate).exists():
            candidate = f"{base}-{counter}"
            counter += 1
        return candidate


class Category(SluggedModel):
    name = models.CharField(_("nama"), max_length=100, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        blank=True,
        help_text=_("Bagian alamat halaman kategori. Dikosongkan: dibuat dari nama."),
    )
    description = models.TextField(_("deskripsi"), blank=True)
    position = models.PositiveIntegerField(
        _("urutan"),
        default=0,
        help_text=_("Kategori dengan angka kecil tampil lebih dulu."),
    )

    slug_fallback = "kategori"

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("articles:category", self.slug)

    def clean(self):
        super().clean()
        # Compare the unique name as it will be stored (articles/text.py): a twin
        # name carrying a hidden control would pass the form and fail the insert.
        self.name = strip_controls(self.name)


class Author(SluggedModel):
    name = models.CharField(_("nama"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, blank=True)
    bio = models.TextField(_("biografi"), blank=True)
    photo = ValidatedImageField(
        _("foto"),
        upload_to=RandomUploadPath("authors"),
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun pengguna"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        help_text=_("Akun admin milik penulis ini, bila ada."),
    )

    slug_fallback = "penulis"

    class Meta:
        ordering = ["name"]
        verbose_name = _("penulis")
        verbose_name_plural = _("penulis")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("articles:author", self.slug)


class Figure(WithRenditions):
    image = ValidatedImageField(
        _("gambar"),
        upload_to=RandomUploadPath("figures"),
        width_field="width",
        height_field="height",
        help_text=_(
            "JPEG, PNG, WebP, atau GIF, maksimum 10 MB. Metadata (EXIF/GPS) dihapus."
        ),
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt_text = models.CharField(
        _("teks alternatif"),
        max_length=250,
        help_text=_(
            "Apa yang terlihat di gambar, untuk pembaca layar dan mesin pencari."
        ),
    )
    caption = models.CharField(_("keterangan"), max_length=300, blank=True)
    source = models.CharField(
        _("sumber"),
        max_length=150,
        blank=True,
        help_text=_("Tampil sebagai “(sumber: …)” di belakang keterangan."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diunggah oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="figures",
        help_text=_(
            "Penulis boleh mengubah gambar yang ia unggah selama belum dipakai "
            "artikel yang terbit."
        ),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("gambar")
        verbose_name_plural = _("gambar")

    def __str__(self):
        return self.caption or self.alt_text


def pending_token() -> str:
    return secrets.token_urlsafe(24)


class PendingUpload(models.Model):
    """A picture chosen in a form that was refused, kept for the next submit.

    The re-shown form refers to it by ``token``; only its ``owner`` may use it
    (``articles/uploads.py``). What nobody uses is deleted after a day by
    ``manage.py clean_pending_uploads``.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pemilik"),
        on_delete=models.CASCADE,
        related_name="pending_uploads",
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=pending_token, editable=False
    )
    image = ValidatedImageField(_("gambar"), upload_to=RandomUploadPath("pending"))
    original_name = models.CharField(_("nama berkas"), max_length=255, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("unggahan tertunda")
        verbose_name_plural = _("unggahan tertunda")

    def __str__(self):
        return self.original_name or self.image.name


class TagRows(Aggregate):
    """``[[tagged item id, tag id, name, slug], …]`` as JSON text, on SQLite and
    PostgreSQL alike."""

    TEMPLATES = {
        "sqlite": "JSON_GROUP_ARRAY(JSON_ARRAY(%(expressions)s))",
        "postgresql": "JSON_AGG(JSON_BUILD_ARRAY(%(expressions)s))::text",
    }
    template = TEMPLATES["sqlite"]
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template=self.TEMPLATES["postgresql"],
            **extra_context,
        )


class InCandidates(Func):
    """``column IN (subquery)``; on PostgreSQL ``column = ANY(ARRAY(subquery))``.

    The ``ARRAY`` form makes PostgreSQL run the (small, bounded) subquery once,
    first, and fetch the rows it names by primary key, whatever its statistics say;
    as a semi-join it may instead scan the whole table to probe a hash of the ids.
    """

    arg_joiner = " IN "
    template = "%(expressions)s"
    output_field = models.BooleanField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            arg_joiner=" = ANY(ARRAY",
            template="%(expressions)s)",
            **extra_context,
        )


def _article_tag_links():
    """taggit's links of articles (the content type id is cached by Django)."""
    return TaggedItem.objects.filter(
        content_type_id=ContentType.objects.get_for_model(Article).pk
    )


def _union_all(querysets) -> RawSQL:
    """``SELECT … UNION ALL SELECT …`` of single-column querysets, each keeping its
    own ORDER BY and LIMIT (wrapped, as SQLite wants it)."""
    sqls, params = [], []
    for number, queryset in enumerate(querysets):
        sql, part_params = queryset.query.sql_with_params()
        sqls.append(f"SELECT * FROM ({sql}) AS candidates_{number}")
        params.extend(part_params)
    return RawSQL(" UNION ALL ".join(sqls), params)


def new_revision() -> int:
    """A content revision no compiled page names yet (never 0, an article's
    first): see ``articles/compiled.py``."""
    return secrets.randbits(62) + 1


class CurrentTime(Expression):
    """``timezone.now()`` as a query parameter, read when the query runs (its SQL
    is compiled), not when the queryset is built: a queryset built once per process
    (``reading.published_pages``) still asks about the moment of each query, as
    ``published()`` requires, and one moment for the whole query however often it
    names it. Django's ``Now()`` would read the database's clock instead of the
    application's (which tests set)."""

    output_field = models.DateTimeField()
    # The moment of each query being compiled (a compiler compiles one query once).
    _moments: "weakref.WeakKeyDictionary[object, datetime]" = (
        weakref.WeakKeyDictionary()
    )

    def as_sql(self, compiler, connection):
        moment = self._moments.get(compiler)
        if moment is None:
            moment = self._moments[compiler] = timezone.now()
        return "%s", [connection.ops.adapt_datetimefield_value(moment)]


class ArticleQuerySet(models.QuerySet):
    def update(self, **kwargs):
        """``QuerySet.update()`` that also gives the rows a new ``content_revision``
        (unless it sets one itself), so that a change made without the models'
        signals never leaves a stale compiled page on show: the next page renders
        it again (``articles/compiled.py``)."""
        kwargs.setdefault("content_revision", new_revision())
        return super().update(**kwargs)

    def published(self, now=None):
        """Articles readers may see: published, their publish time has passed, and
        their unpublish time (``expires_at``), if any, has not.

        Every public surface starts here, the article page and its related
        articles too (``articles/reading.py``). The time is read per
        query, so a scheduled article appears exactly at ``published_at`` and leaves
        exactly at ``expires_at`` without a cron job; ``now`` is for compiling, or
        ``CurrentTime()`` for a queryset built once and run many times.
        """
        now = now or timezone.now()
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            status=_PUBLISHED_IN_SQL,
            published_at__lte=now,
        )

    def in_category(self, category):
        """Articles filed under ``category``."""
        return self.filter(category=category)

    def by_author(self, author):
        """Articles credited to ``author``, as the author or the second author."""
        return self.filter(Q(author=author) | Q(co_author=author))

    def tagged(self, tag):
        """Articles carrying ``tag``: an ``EXISTS`` on the tag's links, not a join
        through taggit's integer ``object_id``. A list page can then walk the newest
        articles and probe each one's links by index, stopping after twelve,
        instead of sorting every article that carries a popular tag."""
        links = _article_tag_links().filter(tag=tag, object_id=OuterRef("pk"))
        return self.filter(Exists(links))

    def for_listing(self):
        """What a list of article cards needs, in one query."""
        return self.select_related("category", "author", "cover").order_by(
            "-published_at", "-pk"
        )

    def popular(self, since):
        """Articles ordered by reads since the date ``since``, most read first; each
        carries ``recent_views``. Articles nobody read are left out."""
        return (
            self.annotate(
                recent_views=Sum(
                    "daily_views__views", filter=Q(daily_views__date__gte=since)
                )
            )
            .filter(recent_views__gt=0)
            .order_by("-recent_views", "-published_at", "-pk")
        )

    def newest_per_category(self, categories, limit: int, exclude=()):
        """Up to ``limit`` newest articles of each of ``categories``, leaving out
        the ids in ``exclude`` (already shown elsewhere on the page), in one query
        that does not grow with the number of articles: each category's ids are the
        first ``limit`` entries of ``article_category_list_idx``, then those rows
        alone are read (a window over every published article would sort them
        all)."""
        parts = [
            self.in_category(category)
            .exclude(pk__in=list(exclude))
            .order_by("-published_at", "-pk")
            .values("pk")[:limit]
            for category in categories
        ]
        if not parts:
            return self.none()
        return self.among(parts)

    def among(self, candidates):
        """Articles whose id is one of those the single-column querysets
        ``candidates`` give, each with its own ORDER BY and LIMIT (``UNION ALL``):
        a bounded set, read by primary key, whatever the table's size."""
        return self.filter(InCandidates(F("pk"), _union_all(candidates)))

    def for_detail(self):
        """What the article page needs: a fixed number of queries however long it is
        (the article with its tags, then its sections with their figures)."""
        return self.for_page().prefetch_related(sections_prefetch(), notes_prefetch())

    def for_page(self):
        """The article with its category, author, cover and tags in one query;
        ``Article.tag_list()`` turns the tags into ``TagLink`` values. Its sections
        come with ``for_detail()``, or later with ``sections_prefetch()`` when
        its compiled body does not hold them already."""

        tag_rows = (
            _article_tag_links()
            .filter(object_id=OuterRef("pk"))
            .order_by()
            .values("object_id")
            .annotate(rows=TagRows("pk", "tag_id", "tag__name", "tag__slug"))
            .values("rows")
        )
        return self.select_related("category", "author", "co_author", "cover").annotate(
            tag_rows=Subquery(tag_rows, output_field=models.TextField())
        )


def sections_prefetch() -> Prefetch:
    """An article's sections in order, each with its figure: one query for all."""
    return Prefetch(
        "sections",
        queryset=Section.objects.select_related("figure").order_by("position"),
    )


class Credit(NamedTuple):
    """One person an article credits (``Article.credits()``)."""

    name: str
    url: str  # "" for a guest contributor, who has no page
    is_contributor: bool = False


def notes_prefetch() -> Prefetch:
    """An article's notes (``ArticleNote``), oldest first: one query for all."""
    return Prefetch("notes", queryset=ArticleNote.objects.order_by("noted_at", "pk"))


class TagLink(NamedTuple):
    """One of an article's tags, as its page shows it (``Article.tag_list()``)."""

    pk: int
    name: str
    slug: str


class Article(SluggedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        REVIEW = "review", _("Menunggu tinjauan")
        PUBLISHED = "published", _("Terbit")
        UNPUBLISHED = "unpublished", _("Ditarik")

    title = models.CharField(_("judul"), max_length=TITLE_MAX_LENGTH)
    slug = models.SlugField(
        _("slug"),
        max_length=SLUG_MAX_LENGTH,
        unique=True,
        blank=True,
        help_text=_(
            "Bagian alamat artikel sesudah /artikel/. Dikosongkan: dibuat dari judul."
        ),
    )
    dateline = models.CharField(
        _("dateline"),
        max_length=60,
        default="Wayah Sinau",
        help_text=_("Tampil di depan paragraf pembuka: “Wayah Sinau - …”."),
    )
    intro = SanitizedRichTextField(_("pembuka"), blank=True)
    category = models.ForeignKey(
        Category,
        verbose_name=_("kategori"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    author = models.ForeignKey(
        Author,
        verbose_name=_("penulis"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
    )
    co_author = models.ForeignKey(
        Author,
        verbose_name=_("penulis kedua"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="co_authored_articles",
        help_text=_("Opsional. Ikut disebut di kredit artikel."),
    )
    contributor_name = models.CharField(
        _("kontributor"),
        max_length=120,
        blank=True,
        help_text=_(
            "Opsional. Nama penulis tamu tanpa profil, tampil di kredit sebagai "
            "kontributor."
        ),
    )
    tags = TaggableManager(_("tag"), blank=True, help_text=_("Pisahkan dengan koma."))
    cover = models.ForeignKey(
        Figure,
        verbose_name=_("gambar sampul"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cover_of",
    )
    cover_caption_override = models.CharField(
        _("keterangan sampul di artikel ini"),
        max_length=300,
        blank=True,
        help_text=_(
            "Opsional. Menggantikan keterangan gambar sampul hanya di artikel ini; "
            "teks alternatif dan sumbernya tetap dari pustaka."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("waktu terbit"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "Pembaca melihat artikel setelah status Terbit dan waktu ini lewat (WIB). "
            "Waktu di masa depan berarti terjadwal."
        ),
    )
    expires_at = models.DateTimeField(
        _("waktu tarik"),
        null=True,
        blank=True,
        help_text=_(
            "Opsional. Pada waktu ini (WIB) artikel hilang dari semua halaman, "
            "umpan, dan peta situs. Kosong: tayang terus."
        ),
    )
    review_note = models.TextField(
        _("catatan editor"),
        blank=True,
        help_text=_(
            "Untuk penulis: apa yang perlu diperbaiki saat artikel dikembalikan "
            "menjadi draf."
        ),
    )
    # A new random number whenever something the compiled page shows changes
    # (``articles/compiled.py``); a compiled page counts only for the one it names.
    content_revision = models.BigIntegerField(default=0, editable=False)
    version = models.PositiveIntegerField(
        _("versi"),
        default=1,
        editable=False,
        help_text=_("Naik setiap kali artikel disimpan; mencegah suntingan tertimpa."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    seo_description = models.CharField(
        _("deskripsi SEO"),
        max_length=160,
        blank=True,
        help_text=_(
            "Ringkasan untuk hasil pencarian dan media sosial (maks. 160 karakter)."
        ),
    )
    is_sponsored = models.BooleanField(
        _("advertorial"),
        default=False,
        help_text=_("Artikel berbayar: pembaca melihat label “Advertorial”."),
    )
    # Set by Sales when they record who paid (``articles/sponsorship.py``), never
    # in the article form: while it is set, only Sales or an admin may remove the
    # label, and readers see "Advertorial · kerja sama dengan <sponsor>".
    sponsor_name = models.CharField(
        _("sponsor"),
        max_length=150,
        blank=True,
        editable=False,
        help_text=_("Diisi Sales saat mencatat advertorial; tampil untuk pembaca."),
    )
    is_featured = models.BooleanField(
        _("unggulan"),
        default=False,
        help_text=_("Tampil di “Pilihan Redaksi” di beranda."),
    )
    is_lead = models.BooleanField(
        _("berita utama"),
        default=False,
        help_text=_(
            "Tampil besar di puncak beranda. Hanya satu artikel: mencentangnya di sini "
            "melepas berita utama sebelumnya. Tanpa pilihan, artikel unggulan terbaru "
            "menjadi berita utama."
        ),
    )
    # Where an imported article came from ("wordpress:<guid>"), so that importing
    # the same export again updates it in place (``articles/wxr.py``).
    source_key = models.CharField(
        _("asal impor"),
        max_length=300,
        blank=True,
        default="",
        editable=False,
        help_text=_("Pos asal artikel impor; impor ulang memperbarui artikel ini."),
    )

    # A change draft of a published article (``articles/livedrafts.py``): a copy
    # the writer edits while readers keep the live version, until an editor
    # publishes it into the live article (now or at ``change_publish_at``). A
    # copy is never published itself (``article_change_draft_unpublished``).
    draft_of = models.OneToOneField(
        "self",
        verbose_name=_("draf perubahan untuk"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="change_draft",
    )
    base_version = models.PositiveIntegerField(
        _("versi tayang saat draf dibuat"), null=True, blank=True, editable=False
    )
    change_publish_at = models.DateTimeField(
        _("jadwal terbit perubahan"), null=True, blank=True, editable=False
    )
    change_scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dijadwalkan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # The note for readers the scheduled change adds when it lands (ArticleNote).
    change_note_kind = models.CharField(
        _("jenis catatan perubahan"), max_length=20, blank=True, editable=False
    )
    change_note_text = models.TextField(
        _("isi catatan perubahan"), blank=True, editable=False
    )

    objects = ArticleQuerySet.as_manager()

    slug_source = "title"
    slug_fallback = "artikel"

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("artikel")
        verbose_name_plural = _("artikel")
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_visible_idx"),
            # Category pages, newest first: ids and the expiry check from the index
            # alone, so a deep page never reads the rows it skips.
            models.Index(
                fields=["category", "-published_at", "-id", "expires_at"],
                condition=Q(status="published"),
                name="article_category_list_idx",
            ),
            # Related articles: a candidate's rank (category, date) and whether it
            # is published, from the index alone on PostgreSQL
            # (``reading.related_articles``).
            models.Index(
                fields=["id"],
                include=["category", "published_at", "expires_at"],
                condition=Q(status="published"),
                name="article_related_rank_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_time",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__isnull=True)
                | Q(published_at__isnull=True)
                | Q(expires_at__gt=F("published_at")),
                name="article_expires_after_published",
            ),
            # One lead story at most; the home page finds it by this index.
            models.UniqueConstraint(
                fields=["is_lead"], condition=Q(is_lead=True), name="article_one_lead"
            ),
            # A change draft reaches readers only through its live article.
            models.CheckConstraint(
                condition=Q(draft_of__isnull=True) | Q(status__in=["draft", "review"]),
                name="article_change_draft_unpublished",
            ),
            # One article per imported post; the importer finds it by this index.
            models.UniqueConstraint(
                fields=["source_key"],
                condition=~Q(source_key=""),
                name="article_unique_source_key",
            ),
        ]
        permissions = [
            (
                "publish_article",
                _("Dapat menerbitkan, menjadwalkan, menarik, dan menolak artikel"),
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if not self.is_lead:
            return super().save(*args, **kwargs)
        with transaction.atomic():
            # The new lead story replaces the previous one. Their compiled pages
            # do not show the flag: they keep their revision.
            Article.objects.filter(is_lead=True).exclude(pk=self.pk).update(
                is_lead=False, content_revision=F("content_revision")
            )
            return super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("articles:detail", self.slug)

    def slug_seed(self) -> str:
        # A change draft's own address is never public; it says what it is.
        if self.draft_of_id is not None:
            return f"{self.draft_of.slug} perubahan"
        return super().slug_seed()

    def validate_constraints(self, exclude=None):
        # A new lead story releases the previous one as it is saved (``save``):
        # the one-lead rule holds afterwards, so it is no form error now.
        super().validate_constraints(exclude={*(exclude or ()), "is_lead"})

    def clean(self):
        super().clean()
        if self.co_author_id is not None and self.co_author_id == self.author_id:
            raise ValidationError(
                {"co_author": _("Penulis kedua harus orang lain dari penulis utama.")}
            )
        if (
            self.expires_at
            and self.published_at
            and self.expires_at <= self.published_at
        ):
            raise ValidationError(
                {"expires_at": _("Waktu tarik harus setelah waktu terbit.")}
            )

    @property
    def is_visible(self) -> bool:
        """Whether readers can see this article now (the rule of ``published()``)."""
        now = timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    @property
    def is_change_draft(self) -> bool:
        """Whether this is a change draft of a published article."""
        return self.draft_of_id is not None

    @property
    def is_expired(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.expires_at is not None
            and self.expires_at <= timezone.now()
        )

    def status_label(self) -> str:
        """The status as editors say it: Scheduled and Expired are derived, and a
        change draft says so."""
        if self.is_change_draft:
            if self.change_publish_at is not None:
                return _("Perubahan terjadwal")
            if self.status == self.Status.REVIEW:
                return _("Perubahan menunggu tinjauan")
            return _("Draf perubahan")
        if self.is_scheduled:
            return _("Terjadwal")
        if self.is_expired:
            return _("Kedaluwarsa")
        return self.get_status_display()

    @property
    def card_html(self) -> str:
        """The card stored on save (``articles/_card.html``), when the query read
        it (``reading.with_cards()``) and it is current; otherwise "" and the
        template renders the card."""
        return getattr(self, "stored_card", None) or ""

    def tag_list(self) -> list["TagLink"]:
        """The article's tags as ``(pk, name, slug)`` values, from ``for_page()``'s
        ``tag_rows`` when present, else in one query."""
        if not hasattr(self, "tag_rows"):
            rows = self.tags.order_by("taggit_taggeditem_items__pk").values_list(
                "pk", "name", "slug"
            )
            return [TagLink(*row) for row in rows]
        rows = self.tag_rows
        rows = json.loads(rows) if isinstance(rows, str) else rows or []
        return [
            TagLink(tag_id, name, slug) for _item, tag_id, name, slug in sorted(rows)
        ]

    @property
    def tagged_items(self):
        """The tag links of this article, so revisions can follow them."""
        return TaggedItem.objects.filter(
            content_type__app_label="articles",
            content_type__model="article",
            object_id=self.pk,
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    def credits(self) -> list[Credit]:
        """Everyone the article credits, in order: its author, the second author,
        then a guest contributor (``contributor_name``)."""
        credits = [
            Credit(author.name, author.get_absolute_url())
            for author in (self.author, self.co_author)
            if author is not None
        ]
        if self.co_author_id is not None and self.co_author_id == self.author_id:
            credits.pop()
        if self.contributor_name.strip():
            credits.append(Credit(self.contributor_name.strip(), "", True))
        return credits

    def numbered_sections(self) -> list:
        """The sections in order, each with ``number`` set (None when unnumbered).

        Numbers follow the order of the numbered sections only, so reordering or
        inserting renumbers the article and nobody types "1." by hand.
        """
        sections = list(self.sections.all())
        counter = 0
        for section in sections:
            if section.is_numbered:
                counter += 1
                section.number = counter
            else:
                section.number = None
        return sections


# ``ArticleQuerySet.published()``'s status, written into the SQL, not sent as a
# parameter: statements are prepared on PostgreSQL (settings:
# ``server_side_binding``), and a prepared statement's generic plan can use the
# partial indexes on published articles (``condition=Q(status="published")``) only
# when the SQL itself says "published". One expression for every query (each
# query resolves its own copy).
_PUBLISHED_IN_SQL = RawSQL(
    f"'{Article.Status.PUBLISHED.value}'", [], output_field=models.CharField()
)


class Section(models.Model):
    article = models.ForeignKey(
        Article,
        verbose_name=_("artikel"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    position = models.PositiveIntegerField(
        _("urutan"),
        help_text=_("Urutan bagian dalam artikel; nomor dihitung otomatis."),
    )
    heading = models.CharField(_("judul bagian"), max_length=200)
    body = SanitizedRichTextField(_("isi"), blank=True, references=True)
    is_numbered = models.BooleanField(
        _("bernomor"),
        default=True,
        help_text=_(
            "Bagian bernomor tampil sebagai “1. Judul”; nomor dihitung otomatis."
        ),
    )
    figure = models.ForeignKey(
        Figure,
        verbose_name=_("gambar"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sections",
        help_text=_(
            "Pilih gambar yang sudah ada di pustaka, atau unggah gambar baru di bawah."
        ),
    )
    figure_caption_override = models.CharField(
        _("keterangan gambar di bagian ini"),
        max_length=300,
        blank=True,
        help_text=_(
            "Opsional. Menggantikan keterangan gambar hanya di bagian ini; gambar "
            "di pustaka dan artikel lain tidak berubah."
        ),
    )
    # The pictures the body places inside the text (``<figure data-figure>``),
    # kept in step with it on every save (``signals.py``), so that a picture's
    # uses and the pages to compile again after it changes are one query away.
    figures_in_text = models.ManyToManyField(
        Figure,
        verbose_name=_("gambar di dalam teks"),
        blank=True,
        editable=False,
        related_name="text_sections",
    )

    class Meta:
        ordering = ["article", "position"]
        verbose_name = _("bagian")
        verbose_name_plural = _("bagian")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "position"], name="section_unique_position"
            )
        ]

    def __str__(self):
        return self.heading

    def save(self, *args, **kwargs):
        if self.position is None:
            last = (
                Section.objects.filter(article_id=self.article_id)
                .aggregate(models.Max("position"))
                .get("position__max")
            )
            self.position = (last or 0) + 1
        return super().save(*args, **kwargs)

    @property
    def anchor(self) -> str:
        return f"bagian-{self.position}"


class ArticleNote(models.Model):
    """A dated note at the end of a published article, as Pedoman Pemberitaan Media
    Siber asks of a news site: a correction ("Ralat"), an update ("Pembaruan") or
    a right of reply ("Hak jawab", which names the party that answers).

    An editor adds one on purpose; saving the article alone (a quiet typo fix)
    never makes one. The page shows "Diperbarui …" with the newest note's time
    and the notes in order at the end; the structured data and the feeds follow
    (``articles/seo.py``, ``articles/feeds.py``). Saving or deleting a note
    compiles the article's page again (``articles/signals.py``).
    """

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Ralat")
        UPDATE = "update", _("Pembaruan")
        REPLY = "reply", _("Hak jawab")

    article = models.ForeignKey(
        Article,
        verbose_name=_("artikel"),
        on_delete=models.CASCADE,
        related_name="notes",
        # Only a published article has readers to tell (the admin's choices too).
        limit_choices_to={"status": "published"},
        help_text=_("Artikel yang sudah terbit."),
    )
    kind = models.CharField(
        _("jenis"),
        max_length=20,
        choices=Kind.choices,
        help_text=_(
            "Ralat: membetulkan kekeliruan. Pembaruan: menambah perkembangan baru. "
            "Hak jawab: tanggapan pihak yang diberitakan."
        ),
    )
    party = models.CharField(
        _("pihak"),
        max_length=150,
        blank=True,
        help_text=_(
            "Hanya untuk hak jawab: siapa yang menanggapi, misalnya "
            "“Pengelola Pasar Besar Batu”."
        ),
    )
    text = SanitizedRichTextField(
        _("isi catatan"),
        help_text=_("Tampil di akhir artikel, di bawah jenis dan waktunya."),
    )
    noted_at = models.DateTimeField(
        _("waktu catatan"),
        default=timezone.now,
        editable=False,
        help_text=_("Waktu catatan disimpan; artikel tampil “Diperbarui” sejak itu."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditulis oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="article_notes",
    )

    class Meta:
        ordering = ["article", "noted_at", "pk"]
        verbose_name = _("ralat, pembaruan, atau hak jawab")
        verbose_name_plural = _("ralat, pembaruan, dan hak jawab")

    def __str__(self):
        if self.kind == self.Kind.REPLY and self.party:
            return _("Hak jawab dari %(party)s") % {"party": self.party}
        return self.get_kind_display()

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == self.Kind.REPLY and not (self.party or "").strip():
            errors["party"] = _("Hak jawab harus menyebut pihak yang menanggapi.")
        elif self.kind != self.Kind.REPLY and self.party:
            errors["party"] = _("Pihak hanya diisi untuk hak jawab.")
        if self.text and not sanitize_html(self.text):
            errors["text"] = _(
                "Isi catatan kosong setelah dibersihkan: tulis teksnya sebagai "
                "paragraf biasa."
            )
        if errors:
            raise ValidationError(errors)


class CompiledArticle(models.Model):
    """An article's own content as its page and cards show it, rendered from its
    templates when it is saved (``articles/compiled.py``): the page's
    ``<article>`` element (breadcrumb, headline, byline, cover, intro, table of
    contents, sections with their figures and in-article ad placeholders, tags,
    author credit), the page's metadata and the article's card. Derived data, like
    the search document: never edited, and rebuilt by ``manage.py
    compile_articles`` or by the first page that finds it stale."""

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="compiled_page",
    )
    # ``Article.content_revision`` when this was rendered, and ``reading.key()``:
    # the code, settings and language it was rendered with. Pages read it only when
    # both still match. A change to what it shows of its category, author or tags
    # gives the article a new revision (``compiled.mark_stale``).
    revision = models.BigIntegerField()
    key = models.CharField(max_length=64)
    # ``articles/_article.html``: the page's <article> element.
    body = models.TextField()
    minutes = models.PositiveIntegerField()
    # ``articles/_card.html``, its title a heading of level 3 (under a section's
    # <h2>: home, related articles) and of level 2 (lists under the page's <h1>).
    # With a database default, so the previous release can still add rows.
    card = models.TextField(blank=True, db_default="")
    list_card = models.TextField(blank=True, db_default="")
    # ``includes/meta.html``: the page's <head> metadata.
    meta = models.TextField(blank=True)
    # The article's tag ids, in order, for its related articles.
    tag_ids = models.JSONField(null=True, blank=True)
    # Retired (pages no longer compare names at read time, and the card holds the
    # cover): kept, empty, so that servers still running the release that read
    # them keep working until they restart. The next release that changes this
    # table drops them.
    card_dependencies = models.TextField(blank=True, db_default="")
    card_cover = models.TextField(blank=True, db_default="")
    meta_dependencies = models.TextField(blank=True, db_default="")

    class Meta:
        verbose_name = _("halaman terkompilasi")
        verbose_name_plural = _("halaman terkompilasi")

    def __str__(self):
        return str(self.article_id)


PREVIEW_SIGNING_SALT = "articles.preview-link"


class PreviewLinkQuerySet(models.QuerySet):
    def active(self):
        """Links that still open their draft: not revoked and not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


def preview_key() -> str:
    return secrets.token_urlsafe(32)


class PreviewLink(models.Model):
    class Duration(models.IntegerChoices):
        HOUR = 1, _("1 jam")
        DAY = 24, _("1 hari")
        THREE_DAYS = 72, _("3 hari")
        WEEK = 168, _("7 hari")

    article = models.ForeignKey(
        Article,
        verbose_name=_("artikel"),
        on_delete=models.CASCADE,
        related_name="preview_links",
    )
    key = models.CharField(
        _("kunci"), max_length=64, unique=True, default=preview_key, editable=False
    )
    expires_at = models.DateTimeField(
        _("berlaku sampai"),
        help_text=_("Setelah waktu ini tautan menampilkan halaman tidak ditemukan."),
    )
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="preview_links",
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    objects = PreviewLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tautan pratinjau")
        verbose_name_plural = _("tautan pratinjau")

    def __str__(self):
        return str(self.article)

    def save(self, *args, **kwargs):
        if self.expires_at is None:
            self.expires_at = timezone.now() + timedelta(hours=self.Duration.DAY)
        return super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:preview", kwargs={"token": self.token})

    @property
    def token(self) -> str:
        """The signed key that goes in the URL; a tampered token fails unsigning."""
        return signing.Signer(salt=PREVIEW_SIGNING_SALT).sign(self.key)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class ArticleInReview(Article):
    """The editors' review queue: articles waiting for a decision."""

    class Meta:
        proxy = True
        ordering = ["updated_at"]
        verbose_name = _("antrean tinjauan")
        verbose_name_plural = _("antrean tinjauan")


class ChangeProposalQuerySet(models.QuerySet):
    def open(self):
        """Proposals an editor has not dealt with yet."""
        return self.filter(resolved_at__isnull=True)


class ChangeProposal(models.Model):
    """A writer's proposed change to their published article, for an editor.

    Writers cannot edit what readers already see; they describe the change here
    and an editor makes it (the edit then lands in the article's revisions).
    """

    article = models.ForeignKey(
        Article,
        verbose_name=_("artikel"),
        on_delete=models.CASCADE,
        related_name="change_proposals",
    )
    text = models.TextField(
        _("usulan"), help_text=_("Apa yang perlu diubah, dan mengapa.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diusulkan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="change_proposals",
    )
    created_at = models.DateTimeField(_("diusulkan"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("ditangani"), null=True, blank=True)

    objects = ChangeProposalQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("usulan perubahan")
        verbose_name_plural = _("usulan perubahan")

    def __str__(self):
        return self.text[:60]


class ArticleAutosave(models.Model):
    """What one user typed into an unpublished article's form and has not saved
    yet, stored every few seconds by the form's script (``articles/autosave.py``).

    One per article and user, overwritten; a save of the form deletes it. Rows
    without an article hold the user's one new article that was never saved.
    """

    article = models.ForeignKey(
        Article,
        verbose_name=_("artikel"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaves",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="article_autosaves",
    )
    data = models.JSONField(_("isian"), default=dict)
    base_version = models.PositiveIntegerField(
        _("versi dasar"),
        default=0,
        help_text=_("Versi artikel yang dibuka saat isian ini diketik."),
    )
    saved_at = models.DateTimeField(_("disimpan otomatis"))

    class Meta:
        ordering = ["-saved_at"]
        verbose_name = _("simpanan otomatis")
        verbose_name_plural = _("simpanan otomatis")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "user"], name="autosave_unique_article_user"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(article__isnull=True),
                name="autosave_unique_new_article_user",
            ),
        ]

    def __str__(self):
        return f"{self.article_id or '-'} / {self.user_id}"


class SearchDocument(models.Model):
    """The searchable text of one article, refreshed whenever the article, its
    sections or its tags change (see ``articles/search.py``).

    On PostgreSQL the migration adds a stored, GIN-indexed ``vector`` column that the
    database computes from these columns on every write (title weighs most). The
    ``normalized*`` columns (lower case, no accents) serve the SQLite fallback.
    """

    article = models.OneToOneField(
        Article,
        verbose_name=_("artikel"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    title = models.TextField(_("judul"), blank=True)
    tags = models.TextField(_("tag"), blank=True)
    headings = models.TextField(_("judul bagian"), blank=True)
    body = models.TextField(_("isi"), blank=True)
    normalized_title = models.TextField(blank=True)
    normalized = models.TextField(blank=True)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        ordering = ["article"]
        verbose_name = _("dokumen pencarian")
        verbose_name_plural = _("dokumen pencarian")

    def __str__(self):
        return self.title


class ArticleDailyView(models.Model):
    """How many times readers opened an article on one day (Asia/Jakarta).

    Only counts: no cookie, IP address or user agent is stored. Rows are written by
    ``articles.popularity.flush_counters`` from the cache counters.
    """

    article = models.ForeignKey(
        Article,
        verbose_name=_("artikel"),
        on_delete=models.CASCADE,
        related_name="daily_views",
    )
    date = models.DateField(_("tanggal"))
    views = models.PositiveIntegerField(_("jumlah dibaca"), default=0)

    class Meta:
        ordering = ["-date", "-views"]
        verbose_name = _("statistik harian artikel")
        verbose_name_plural = _("statistik harian artikel")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "date"], name="article_daily_view_unique_date"
            )
        ]

    def __str__(self):
        return f"{self.article_id} {self.date}: {self.views}"


def validate_site_path(value: str) -> None:
    """Accept only paths on this site ("/..."), never another host or a scheme."""
    if (
        not value.startswith("/")
        or value.startswith("//")
        or "\\" in value
        or any(ord(char) < 32 or char.isspace() for char in value)
        or has_controls(value)
    ):
        raise ValidationError(
            _("Masukkan alamat di situs ini yang diawali “/”, misalnya /artikel/x/.")
        )


class Redirect(models.Model):
    """An old address that answers with a 301 to the current one.

    Automatic redirects are made when a published article's slug changes; editors
    add manual ones in the admin. Targets are always paths on this site.
    """

    old_path = models.CharField(
        _("alamat lama"),
        max_length=300,
        unique=True,
        validators=[validate_site_path],
        help_text=_("Alamat yang tidak berlaku lagi, misalnya /artikel/judul-lama/."),
    )
    new_path = models.CharField(
        _("alamat baru"),
        max_length=300,
        validators=[validate_site_path],
        help_text=_(
            "Pembaca dan mesin pencari diarahkan (301) ke alamat ini di situs ini."
        ),
    )
    is_automatic = models.BooleanField(
        _("otomatis"),
        default=False,
        editable=False,
        help_text=_("Dibuat sendiri saat slug artikel terbit diubah."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("pengalihan")
        verbose_name_plural = _("pengalihan")
        constraints = [
            models.CheckConstraint(
                condition=~Q(old_path=models.F("new_path")),
                name="redirect_not_to_itself",
            )
        ]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"

    def clean(self):
        if self.old_path and self.old_path == self.new_path:
            raise ValidationError(
                {"new_path": _("Alamat baru tidak boleh sama dengan alamat lama.")}
            )


def validate_public_url(value: str) -> None:
    """Accept only an absolute http(s) address with a host and no
    ``user:password@`` part (which can make a link look like another site's)."""
    message = _("Masukkan alamat lengkap yang diawali https:// atau http://.")
    URLValidator(schemes=["http", "https"], message=message)(value)
    parts = urlsplit(value)
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise ValidationError(message)


class PageQuerySet(models.QuerySet):
    def published(self):
        """Pages readers may see: those marked to show. Their page, the footer and
        the sitemap start here."""
        return self.filter(is_published=True)


class Page(SluggedModel):
    """One of the newsroom's own pages (Redaksi, Pedoman Media Siber, Kontak…),
    written by editors in the admin and linked from every page's footer.

    A small model rather than ``django.contrib.flatpages``: its body goes through
    the same nh3 allow-list as articles (flatpages stores raw HTML), it needs no
    ``django.contrib.sites``, and it carries what the footer and the sitemap read
    (order, visibility, last change)."""

    title = models.CharField(_("judul"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        unique=True,
        blank=True,
        help_text=_(
            "Bagian alamat halaman, misalnya /halaman/redaksi/. Dikosongkan: dibuat "
            "dari judul."
        ),
    )
    body = SanitizedRichTextField(_("isi"))
    description = models.CharField(
        _("deskripsi SEO"),
        max_length=160,
        blank=True,
        help_text=_(
            "Ringkasan untuk hasil pencarian (maks. 160 karakter). Kosong: kalimat "
            "pertama isi."
        ),
    )
    link_path = models.CharField(
        _("alamat tombol"),
        max_length=300,
        blank=True,
        validators=[validate_site_path],
        help_text=_(
            "Opsional: alamat di situs ini yang ditawarkan sebagai tombol di bawah "
            "isi, misalnya /layanan/."
        ),
    )
    link_text = models.CharField(
        _("teks tombol"),
        max_length=80,
        blank=True,
        help_text=_("Misalnya “Lihat paket layanan iklan”."),
    )
    position = models.PositiveIntegerField(
        _("urutan"),
        default=0,
        help_text=_("Halaman dengan angka kecil tampil lebih dulu di kaki halaman."),
    )
    is_published = models.BooleanField(
        _("tampil"),
        default=True,
        help_text=_(
            "Pembaca melihat halaman ini, dan tautannya di kaki setiap halaman, "
            "hanya bila dicentang."
        ),
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    objects = PageQuerySet.as_manager()

    slug_source = "title"
    slug_fallback = "halaman"

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("halaman redaksi")
        verbose_name_plural = _("halaman redaksi")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("articles:page", self.slug)

    def clean(self):
        super().clean()
        errors = {}
        if self.body and not sanitize_html(self.body):
            errors["body"] = _(
                "Isi halaman kosong setelah dibersihkan: tulis teksnya sebagai "
                "paragraf biasa."
            )
        if bool(self.link_path) != bool(self.link_text.strip()):
            errors["link_text" if self.link_path else "link_path"] = _(
                "Isi alamat tombol dan teksnya bersama-sama, atau kosongkan keduanya."
            )
        if errors:
            raise ValidationError(errors)


class SocialLink(models.Model):
    """An account of the newsroom elsewhere (Instagram, YouTube…), linked from
    every page's footer."""

    name = models.CharField(
        _("nama"),
        max_length=40,
        help_text=_("Yang tampil di kaki halaman, misalnya “Instagram”."),
    )
    url = models.URLField(
        _("alamat"),
        max_length=300,
        validators=[validate_public_url],
        help_text=_("Alamat lengkap akun, misalnya https://www.instagram.com/…"),
    )
    position = models.PositiveIntegerField(
        _("urutan"),
        default=0,
        help_text=_("Tautan dengan angka kecil tampil lebih dulu."),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("tautan media sosial")
        verbose_name_plural = _("tautan media sosial")

    def __str__(self):
        return self.name
