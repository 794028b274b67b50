from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from .images import ValidatedImageFormField
from .models import (
    Article,
    Author,
    Category,
    ChangeProposal,
    Figure,
    PreviewLink,
    Section,
)
from .permissions import may_change_figure
from .publishing import FigureFacts, SectionFacts, figure_facts, publish_problems
from .revisions import last_change
from .tags import MAX_TAG_LENGTH, canonical_tags

FIGURE_FIELDS = ("figure_alt_text", "figure_caption", "figure_source")
BIO_MAX_LENGTH = 1000


class SectionForm(forms.ModelForm):
    """A section with its optional figure, edited in one place on the article screen."""

    figure_image = ValidatedImageFormField(
        label=_("Gambar"),
        required=False,
        help_text=_("Opsional. JPEG, PNG, WebP, atau GIF, maksimum 10 MB."),
    )
    figure_alt_text = forms.CharField(
        label=_("Teks alternatif gambar"),
        max_length=250,
        required=False,
        help_text=_("Wajib bila ada gambar: apa yang terlihat di gambar."),
    )
    figure_caption = forms.CharField(
        label=_("Keterangan gambar"), max_length=300, required=False
    )
    figure_source = forms.CharField(
        label=_("Sumber gambar"),
        max_length=150,
        required=False,
        help_text=_("Tampil sebagai “(sumber: …)”."),
    )
    figure_remove = forms.BooleanField(label=_("Lepas gambar"), required=False)

    class Meta:
        model = Section
        fields = ["position", "heading", "is_numbered", "body"]
        widgets = {
            "position": forms.NumberInput(attrs={"min": 1, "style": "width:5em"})
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Who is saving: the figure rule (permissions.py) and the uploader's credit.
        self.user = user
        self.fields["position"].required = False
        figure = self.instance.figure if self.instance.pk else None
        if figure is not None:
            self.fields["figure_alt_text"].initial = figure.alt_text
            self.fields["figure_caption"].initial = figure.caption
            self.fields["figure_source"].initial = figure.source

    def _get_validation_exclusions(self):
        # Positions are renumbered 1..n after the whole formset is valid (see
        # ArticleAdmin.save_formset), so duplicates typed while reordering are fine.
        exclusions = super()._get_validation_exclusions()
        exclusions.add("position")
        return exclusions

    def clean(self):
        cleaned = super().clean()
        has_image = bool(cleaned.get("figure_image")) or (
            self.instance.pk
            and self.instance.figure_id
            and not cleaned.get("figure_remove")
        )
        if has_image and not cleaned.get("figure_alt_text", "").strip():
            self.add_error(
                "figure_alt_text", _("Isi teks alternatif untuk gambar di bagian ini.")
            )
        if not has_image and any(cleaned.get(name) for name in FIGURE_FIELDS):
            self.add_error(
                "figure_image", _("Pilih berkas gambar untuk keterangan ini.")
            )
        if self._edits_shared_figure():
            self.add_error(
                None,
                _(
                    "Gambar bagian ini juga dipakai artikel lain yang tidak boleh "
                    "Anda ubah, misalnya yang sudah terbit. Keterangannya hanya "
                    "bisa diubah editor; unggah gambar baru atau lepas gambar ini."
                ),
            )
        return cleaned

    def _edits_shared_figure(self) -> bool:
        """Whether this save would change, in place, a figure the user may not
        change (one that another writer's or a published article also shows)."""
        figure_id = self.instance.figure_id if self.instance.pk else None
        if figure_id is None or self.user is None:
            return False
        if self.cleaned_data.get("figure_remove") or self.cleaned_data.get(
            "figure_image"
        ):
            return False
        if not any(name in self.changed_data for name in FIGURE_FIELDS):
            return False
        return not may_change_figure(self.user, self.instance.figure)

    def save(self, commit=True):
        section = super().save(commit=False)
        data = self.cleaned_data
        if data.get("figure_remove"):
            section.figure = None
        elif data.get("figure_image"):
            section.figure = Figure.objects.create(
                image=data["figure_image"],
                alt_text=data["figure_alt_text"].strip(),
                caption=data.get("figure_caption", "").strip(),
                source=data.get("figure_source", "").strip(),
                created_by=self.user,
            )
        elif section.figure_id and any(
            name in self.changed_data for name in FIGURE_FIELDS
        ):
            figure = section.figure
            figure.alt_text = data["figure_alt_text"].strip()
            figure.caption = data.get("figure_caption", "").strip()
            figure.source = data.get("figure_source", "").strip()
            figure.save(update_fields=["alt_text", "caption", "source"])
        if commit:
            section.save()
        return section


class ArticleAdminForm(forms.ModelForm):
    """The article screen's main form: it carries the version the editor opened.

    ``clean()`` locks the article row and compares versions, inside the admin's
    save transaction, so two people can never overwrite each other unnoticed.
    """

    opened_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=0
    )

    resolve_proposals = forms.BooleanField(
        label=_("Usulan penulis sudah ditangani"),
        required=False,
        help_text=_("Centang setelah perubahan yang diusulkan selesai dibuat."),
    )

    # Set by ArticleAdmin.get_form for this request.
    request = None
    is_editor = False

    class Meta:
        model = Article
        # The admin passes the fields of its fieldsets; these are the defaults.
        fields = ["title", "slug", "dateline", "intro", "status"]

    def clean_tags(self):
        return canonical_tags(self.cleaned_data.get("tags") or [])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locked_version = None
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        failure = getattr(self.request, "save_failed", None) if self.request else None
        if failure:
            cause = (
                _("gangguan penyimpanan berkas")
                if failure == "storage"
                else _("gangguan basis data")
            )
            raise ValidationError(
                _(
                    "Penyimpanan gagal karena %(cause)s, dan tidak ada yang "
                    "berubah: versi sebelumnya tetap utuh. Isian Anda masih di sini; "
                    "coba simpan lagi."
                ),
                code="save_failed",
                params={"cause": cause},
            )
        if self.instance.pk:
            self.check_version(cleaned.get("opened_version"))
        old_status = self.initial.get("status")
        new_status = cleaned.get("status")
        if (
            new_status == Article.Status.PUBLISHED
            and "published_at" in self.fields
            and not cleaned.get("published_at")
        ):
            # Published without a time means now; set it before the database
            # constraint "published has a time" is validated.
            cleaned["published_at"] = timezone.now()
        if (
            self.is_editor
            and old_status == Article.Status.REVIEW
            and new_status == Article.Status.DRAFT
            and not (cleaned.get("review_note") or "").strip()
        ):
            self.add_error(
                "review_note",
                _("Tulis catatan untuk penulis: apa yang perlu diperbaiki?"),
            )
        return cleaned

    def check_version(self, sent):
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is None or sent == current:
            self.locked_version = current
            return
        revision = last_change(self.instance)
        who = _("orang lain")
        when = ""
        if revision is not None:
            if revision.user is not None:
                who = revision.user.get_full_name() or revision.user.get_username()
            when = date_format(localtime(revision.date_created), "j F Y H:i")
        # The next save is a deliberate overwrite: the form now carries the
        # current version, and the editor has seen the warning.
        data = self.data.copy()
        data["opened_version"] = str(current)
        self.data = data
        raise ValidationError(
            _(
                "Artikel ini sudah diubah oleh %(who)s pada %(when)s setelah Anda "
                "membukanya. Perubahan Anda belum disimpan, tetapi masih ada di "
                "formulir ini. Bandingkan dengan versi terbaru di Riwayat revisi; "
                "bila Anda menyimpan lagi, isian Anda menggantikan perubahan mereka."
            ),
            code="conflict",
            params={"who": who, "when": when},
        )


class SectionInlineFormSet(forms.BaseInlineFormSet):
    """Sections of the article screen; refuses publishing while checks fail."""

    def clean(self):
        super().clean()
        article = self.instance
        if article.status != Article.Status.PUBLISHED:
            return
        if any(form.errors for form in self.forms):
            return
        sections = []
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or self._should_delete_form(form):
                continue
            if not form.instance.pk and not form.has_changed():
                continue
            data = form.cleaned_data
            has_figure = bool(data.get("figure_image")) or bool(
                form.instance.pk
                and form.instance.figure_id
                and not data.get("figure_remove")
            )
            figure = (
                FigureFacts(
                    alt_text=data.get("figure_alt_text") or "",
                    source=data.get("figure_source") or "",
                )
                if has_figure
                else None
            )
            requested = data.get("position") or 10**9
            sections.append(
                (
                    requested,
                    len(sections),
                    data.get("heading", ""),
                    data.get("body", ""),
                    figure,
                )
            )
        sections.sort(key=lambda item: (item[0], item[1]))
        errors, _warnings = publish_problems(
            title=article.title or "",
            intro=article.intro or "",
            has_category=article.category_id is not None,
            has_author=article.author_id is not None,
            cover=figure_facts(article.cover),
            sections=[
                SectionFacts(heading, body, figure)
                for _requested, _index, heading, body, figure in sections
            ],
        )
        if errors:
            raise ValidationError(
                [_("Artikel belum bisa terbit:")] + errors, code="publish_checks"
            )


class PreviewLinkForm(forms.ModelForm):
    duration = forms.TypedChoiceField(
        label=_("Berlaku selama"),
        choices=PreviewLink.Duration.choices,
        coerce=int,
        initial=PreviewLink.Duration.DAY,
        help_text=_("Setelah itu tautan tidak bisa dibuka lagi."),
    )

    class Meta:
        model = PreviewLink
        fields = ["article"]

    def save(self, commit=True):
        link = super().save(commit=False)
        link.expires_at = timezone.now() + timedelta(
            hours=self.cleaned_data["duration"]
        )
        if commit:
            link.save()
        return link


class ChangeProposalForm(forms.ModelForm):
    class Meta:
        model = ChangeProposal
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "maxlength": 5000})}

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) > 5000:
            raise ValidationError(_("Usulan paling banyak 5000 karakter."))
        return text


class OwnAuthorForm(forms.ModelForm):
    """A staff member's own byline: the name, photo and short bio readers see on
    their articles and author page (``AuthorAdmin.own_profile_view``)."""

    class Meta:
        model = Author
        fields = ["name", "photo", "bio"]
        labels = {"bio": _("Biografi singkat")}
        help_texts = {
            "name": _("Tampil di bawah judul dan di kredit setiap artikel Anda."),
            "photo": _("Opsional. JPEG, PNG, WebP, atau GIF, maksimum 10 MB."),
            "bio": _("Tampil di halaman penulis Anda, paling banyak 1000 karakter."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"class": "vTextField"}),
            "bio": forms.Textarea(
                attrs={
                    "rows": 5,
                    "maxlength": BIO_MAX_LENGTH,
                    "class": "vLargeTextField",
                }
            ),
        }

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_bio(self):
        bio = self.cleaned_data["bio"].strip()
        if len(bio) > BIO_MAX_LENGTH:
            raise ValidationError(
                _("Biografi paling banyak %(max)d karakter (sekarang %(count)d).")
                % {"max": BIO_MAX_LENGTH, "count": len(bio)}
            )
        return bio


class BulkCategoryForm(forms.Form):
    """The category a bulk action moves the chosen articles to."""

    category = forms.ModelChoiceField(
        label=_("Kategori baru"),
        queryset=Category.objects.all(),
        empty_label=_("Pilih kategori"),
        error_messages={"required": _("Pilih kategori tujuan.")},
    )


class BulkTagForm(forms.Form):
    """The one tag a bulk action adds to the chosen articles."""

    tag = forms.CharField(
        label=_("Tag"),
        max_length=MAX_TAG_LENGTH * 2,
        help_text=_(
            "Satu tag. Tag yang sudah ada dipakai walau huruf besar-kecilnya beda."
        ),
        error_messages={"required": _("Tulis tag yang akan ditambahkan.")},
    )

    def clean_tag(self):
        names = canonical_tags([self.cleaned_data["tag"]])
        if not names:
            raise ValidationError(_("Tulis tag yang akan ditambahkan."))
        return names[0]
