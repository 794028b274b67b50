from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from .models import Article, ChangeProposal, Figure, PreviewLink, Section
from .permissions import may_change_figure, visible_figures
from .publishing import FigureFacts, SectionFacts, figure_facts, publish_problems
from .references import clean_section_text
from .revisions import last_change
from .tags import canonical_tags
from .uploads import KeptPictureField

FIGURE_FIELDS = ("figure_alt_text", "figure_caption", "figure_source")


class SectionForm(forms.ModelForm):
    """A section with its optional figure, edited in one place on the article screen."""

    figure_image = KeptPictureField(
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

    # On a view-only screen the picture fields show the section's figure
    # (articles/readonly.py); the others exist only to edit.
    page_fields = {"figure_image": "figure"}

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
        if "figure" in self.fields:
            # Beside the upload field, also labelled "Gambar" (a view-only screen
            # reads the model's name, as the page shows one picture).
            self.fields["figure"].label = _("Gambar dari pustaka")
        if "figure" in self.fields and user is not None:
            # The pictures the library shows this user: a crafted id is refused.
            self.fields["figure"].queryset = visible_figures(
                user, self.fields["figure"].queryset
            )
        figure = self.instance.figure if self.instance.pk else None
        picture = self.fields["figure_image"]
        picture.owner = user
        # Removing the picture is its own field, "Lepas gambar".
        picture.widget.clearable = False
        if figure is not None:
            picture.widget.current = figure.image
            self.fields["figure_alt_text"].initial = figure.alt_text
            self.fields["figure_caption"].initial = figure.caption
            self.fields["figure_source"].initial = figure.source

    def _get_validation_exclusions(self):
        # Positions are renumbered 1..n after the whole formset is valid (see
        # ArticleAdmin.save_formset), so duplicates typed while reordering are fine.
        exclusions = super()._get_validation_exclusions()
        exclusions.add("position")
        return exclusions

    def picture_choice(self) -> str:
        """What this submit does with the section's picture: "upload" (a new
        file), "remove", "pick" (another picture of the library, or none),
        "keep" (the saved one, whose fields may be edited) or "none"."""
        cleaned = self.cleaned_data
        if cleaned.get("figure_image"):
            return "upload"
        if cleaned.get("figure_remove"):
            return "remove"
        if self.picks_figure():
            return "pick" if cleaned.get("figure") else "remove"
        if self.instance.pk and self.instance.figure_id:
            return "keep"
        return "none"

    def figure_omitted(self) -> bool:
        """Whether the submit left out the library picker (a form posted by a
        script or an older page): the saved picture then stays."""
        field = self.fields.get("figure")
        return field is None or field.widget.value_omitted_from_data(
            self.data, self.files, self.add_prefix("figure")
        )

    def picks_figure(self) -> bool:
        """Whether the library picker names another picture (or none)."""
        return not self.figure_omitted() and "figure" in self.changed_data

    def clean_body(self):
        saved = self.instance.body if self.instance.pk else ""
        text = clean_section_text(self.cleaned_data.get("body"), self.user, saved)
        # Links that stay plain links: the admin tells the writer after the save.
        self.link_notes = text.notes
        return text.html

    def clean_figure(self):
        if self.figure_omitted():
            return self.instance.figure if self.instance.pk else None
        return self.cleaned_data.get("figure")

    def chosen_figure_facts(self) -> FigureFacts | None:
        """The alt text and credit of the picture this submit leaves on the
        section, for the publishing checks."""
        choice = self.picture_choice()
        if choice == "pick":
            return figure_facts(self.cleaned_data["figure"])
        if choice in {"upload", "keep"}:
            return FigureFacts(
                alt_text=self.cleaned_data.get("figure_alt_text") or "",
                source=self.cleaned_data.get("figure_source") or "",
            )
        return None

    def clean(self):
        cleaned = super().clean()
        choice = self.picture_choice()
        if (
            choice in {"upload", "keep"}
            and not cleaned.get("figure_alt_text", "").strip()
        ):
            self.add_error(
                "figure_alt_text", _("Isi teks alternatif untuk gambar di bagian ini.")
            )
        # Removing the picture takes its caption and credit with it.
        if choice == "none" and any(cleaned.get(name) for name in FIGURE_FIELDS):
            self.add_error(
                "figure_image", _("Pilih berkas gambar untuk keterangan ini.")
            )
        if choice == "keep" and self._edits_shared_figure():
            self.add_error(
                None,
                _(
                    "Gambar bagian ini juga dipakai artikel lain yang tidak boleh "
                    "Anda ubah, misalnya yang sudah terbit. Keterangannya hanya "
                    "bisa diubah editor; isi “Keterangan gambar di bagian ini”, "
                    "unggah gambar baru, atau lepas gambar ini."
                ),
            )
        return cleaned

    def _edits_shared_figure(self) -> bool:
        """Whether this save would change, in place, a figure the user may not
        change (one that another writer's or a published article also shows)."""
        if self.user is None:
            return False
        if not any(name in self.changed_data for name in FIGURE_FIELDS):
            return False
        return not may_change_figure(self.user, self.instance.figure)

    def save(self, commit=True):
        # Read before ``super().save()``: the instance then holds the new picture.
        choice = self.picture_choice()
        section = super().save(commit=False)
        data = self.cleaned_data
        if choice == "remove":
            section.figure = None
        elif choice == "upload":
            section.figure = Figure.objects.create(
                image=data["figure_image"],
                alt_text=data["figure_alt_text"].strip(),
                caption=data.get("figure_caption", "").strip(),
                source=data.get("figure_source", "").strip(),
                created_by=self.user,
            )
        elif choice == "keep" and any(
            name in self.changed_data for name in FIGURE_FIELDS
        ):
            figure = section.figure
            figure.alt_text = data["figure_alt_text"].strip()
            figure.caption = data.get("figure_caption", "").strip()
            figure.source = data.get("figure_source", "").strip()
            figure.save(update_fields=["alt_text", "caption", "source"])
        if section.figure_id is None:
            section.figure_caption_override = ""
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
            figure = form.chosen_figure_facts()
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
