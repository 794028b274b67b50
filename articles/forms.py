from datetime import timedelta

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import linebreaks
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from .models import (
    Article,
    ArticleNote,
    Author,
    Category,
    Figure,
    PreviewLink,
    Section,
)
from .permissions import may_change_figure, shown_to_readers, visible_figures
from .publishing import (
    FigureFacts,
    Problem,
    SectionFacts,
    figure_facts,
    publish_checks,
    section_label,
)
from .references import clean_section_text
from .revisions import last_change
from .sponsorship import may_remove_label
from .tags import MAX_TAG_LENGTH, canonical_tags
from .uploads import KeptPictureField

FIGURE_FIELDS = ("figure_alt_text", "figure_caption", "figure_source")
BIO_MAX_LENGTH = 1000
# Where a section without a position goes: after every numbered one.
LAST = 10**9


def field_value(form, name: str):
    """What ``form`` holds for ``name``: the cleaned value when the field passed
    validation, else the value as sent (a refused field, or a form never
    validated, as the live checklist reads it)."""
    cleaned = getattr(form, "cleaned_data", None)
    if cleaned is not None and name in cleaned:
        return cleaned[name]
    # The widget's reading of the request; value() would give a file field's
    # initial value instead of the chosen file.
    return form[name].data


def position_of(form) -> int:
    """The place a section's form asks for; LAST when empty or not a number."""
    try:
        position = int(field_value(form, "position") or 0)
    except (TypeError, ValueError):
        position = 0
    return position if position > 0 else LAST


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
            "position": forms.NumberInput(attrs={"min": 1, "class": "vIntegerField"})
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

    def has_changed(self):
        # The reorder script (admin/js/section-order.js) numbers every form on the
        # screen, the blank one for a new section too: a position alone does not
        # make a new section.
        if self.instance.pk:
            return super().has_changed()
        return any(name != "position" for name in self.changed_data)

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
        if choice == "keep" and self._edits_live_figure():
            self.add_error(
                None,
                _(
                    "Gambar bagian ini tampil di artikel yang sudah terbit: "
                    "mengubah keterangannya di draf perubahan langsung terlihat "
                    "pembaca sebelum draf diterbitkan. Isi “Keterangan gambar di "
                    "bagian ini”, atau unggah gambar baru."
                ),
            )
        elif choice == "keep" and self._edits_shared_figure():
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

    def _edits_live_figure(self) -> bool:
        """Whether this save, on a change draft, would change in place a figure
        readers see: the draft must not reach them before it is published."""
        if not any(name in self.changed_data for name in FIGURE_FIELDS):
            return False
        article = self.instance.article if self.instance.article_id else None
        return (
            article is not None
            and article.is_change_draft
            and shown_to_readers(self.instance.figure)
        )

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

    def chosen(self, name: str):
        """The object a choice field holds, validated or not; None when empty or
        not one the field offers."""
        value = field_value(self, name)
        if value is None or isinstance(value, models.Model):
            return value
        try:
            return self.fields[name].to_python(value)
        except ValidationError:
            return None

    def sent_facts(self) -> dict:
        """The article's part of the checklist from what the form holds, for the
        live checklist, which reads the form as the writer types without saving
        or validating it. Sections come from the inline formset."""
        article = self.instance
        if "cover" in self.fields:
            cover = self.chosen("cover")
        else:
            cover = article.cover if article.cover_id else None
        if "author" in self.fields:
            has_author = self.chosen("author") is not None
        else:
            # A writer's article is saved under their own author profile.
            has_author = article.author_id is not None or not self.is_editor
        if "category" in self.fields:
            has_category = self.chosen("category") is not None
        else:
            has_category = article.category_id is not None
        return {
            "title": str(field_value(self, "title") or ""),
            "intro": str(field_value(self, "intro") or ""),
            "has_category": has_category,
            "has_author": has_author,
            "cover": figure_facts(cover),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.locked_version = None
        if self.instance.pk:
            self.fields["opened_version"].initial = self.instance.version
        if self.instance.sponsor_name and "is_sponsored" in self.fields:
            self.fields["is_sponsored"].help_text = _(
                "Advertorial berbayar kerja sama dengan %(sponsor)s, dicatat Sales. "
                "Hanya Sales atau admin yang dapat melepas labelnya."
            ) % {"sponsor": self.instance.sponsor_name}

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
            self.check_sponsor_label(cleaned)
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

    def check_sponsor_label(self, cleaned) -> None:
        """An advertorial Sales tied to its sponsor keeps its label unless Sales
        or an admin removes it (``articles/sponsorship.py``)."""
        article = self.instance
        if (
            "is_sponsored" in self.fields
            and article.sponsor_name
            and article.is_sponsored
            and not cleaned.get("is_sponsored")
            and not (self.request and may_remove_label(self.request.user))
        ):
            self.add_error(
                "is_sponsored",
                ValidationError(
                    _(
                        "Artikel ini advertorial berbayar kerja sama dengan "
                        "%(sponsor)s. Labelnya hanya bisa dilepas Sales atau admin; "
                        "hubungi tim sales."
                    ),
                    code="sponsored",
                    params={"sponsor": article.sponsor_name},
                ),
            )

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


def section_figure_facts(form) -> FigureFacts | None:
    """The alt text and credit of the picture a section's form leaves on it, for
    the publishing checks: as the form chose it when it passed validation (a
    library pick included), else read from what was sent."""
    if getattr(form, "cleaned_data", None) is not None and not form.errors:
        return form.chosen_figure_facts()
    has_figure = bool(field_value(form, "figure_image")) or bool(
        form.instance.pk
        and form.instance.figure_id
        and not field_value(form, "figure_remove")
    )
    if not has_figure:
        return None
    return FigureFacts(
        alt_text=field_value(form, "figure_alt_text") or "",
        source=field_value(form, "figure_source") or "",
    )


class SectionInlineFormSet(forms.BaseInlineFormSet):
    """Sections of the article screen; refuses publishing while checks fail.

    The checks read what was sent even where a field was refused, so a refused
    save names every problem at once; ``publish_errors`` keeps each with its field
    for the list at the top of the screen (``error_summary``).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.publish_errors: list[Problem] = []

    def is_kept(self, form) -> bool:
        """Whether ``form`` is a section the save keeps: not marked for deletion,
        and not the untouched blank form of a new section."""
        if self.can_delete and field_value(form, "DELETE"):
            return False
        return bool(form.instance.pk) or form.has_changed()

    def ordered_forms(self) -> list:
        """The kept forms in the article's order: by the position each asks for,
        then as sent (``ArticleAdmin.save_formset`` numbers them 1..n)."""
        kept = [
            (position_of(form), index, form)
            for index, form in enumerate(self.forms)
            if self.is_kept(form)
        ]
        kept.sort(key=lambda item: item[:2])
        return [form for _position, _index, form in kept]

    def section_facts(self) -> list[SectionFacts]:
        facts = []
        for form in self.ordered_forms():
            figure = section_figure_facts(form)
            facts.append(
                SectionFacts(
                    heading=(field_value(form, "heading") or "").strip(),
                    body=field_value(form, "body") or "",
                    figure=figure,
                    prefix=form.prefix,
                )
            )
        return facts

    def clean(self):
        super().clean()
        self.publish_errors = []
        article = self.instance
        if article.status != Article.Status.PUBLISHED:
            return
        errors, _warnings = publish_checks(
            title=article.title or "",
            intro=article.intro or "",
            has_category=article.category_id is not None,
            has_author=article.author_id is not None,
            cover=figure_facts(article.cover),
            sections=self.section_facts(),
        )
        if errors:
            self.publish_errors = errors
            raise ValidationError(
                [
                    ValidationError(message, code="publish_check")
                    for message in [_("Artikel belum bisa terbit:")]
                    + [problem.message for problem in errors]
                ]
            )


def error_summary(form, formsets, lead=()) -> list[Problem]:
    """Everything that stopped a save, in the order of the screen, each line with
    the id of the element to go to (``Problem.field``): the article's fields
    named in ``lead`` (those above the sections), each section, then the other
    fields. A publishing problem about a field that has an error of its own is
    left out, as that error already says it. The form's non-field errors (a
    conflict, a failed save) are shown by the admin above the list."""
    order = list(form.fields)
    article_lines = []
    for name, errors in form.errors.items():
        if name == NON_FIELD_ERRORS or name not in form.fields:
            continue
        for message in errors:
            article_lines.append(
                (
                    order.index(name),
                    Problem(
                        _("%(label)s: %(error)s")
                        % {"label": form[name].label, "error": message},
                        form[name].auto_id or "",
                    ),
                )
            )
    lines = []
    for formset in formsets:
        for error in formset.non_form_errors().as_data():
            if error.code != "publish_check":
                lines.extend(Problem(message) for message in error.messages)
        if not isinstance(formset, SectionInlineFormSet):
            continue
        publish = [p for p in formset.publish_errors if p.field not in form.errors]
        for problem in publish:
            if problem.field in order:
                field = form[problem.field].auto_id or ""
                article_lines.append(
                    (order.index(problem.field), Problem(problem.message, field))
                )
            elif not problem.field.startswith(f"{formset.prefix}-"):
                # About a field this user's form does not show.
                article_lines.append((len(order), Problem(problem.message)))
        for number, section in enumerate(formset.ordered_forms(), start=1):
            where = section_label(number, field_value(section, "heading") or "")
            for name, errors in section.errors.items():
                target = (
                    section.prefix
                    if name == NON_FIELD_ERRORS
                    else section[name].auto_id or section.prefix
                )
                for message in errors:
                    if name == NON_FIELD_ERRORS:
                        text = _("%(where)s: %(error)s") % {
                            "where": where,
                            "error": message,
                        }
                    else:
                        text = _("%(where)s, %(label)s: %(error)s") % {
                            "where": where,
                            "label": section[name].label,
                            "error": message,
                        }
                    lines.append(Problem(text, target))
            for problem in publish:
                if not problem.field.startswith(f"{section.prefix}-"):
                    continue
                name = problem.field.removeprefix(f"{section.prefix}-")
                if name not in section.errors:
                    lines.append(Problem(problem.message, section[name].auto_id))
    article_lines.sort(key=lambda item: item[0])
    above = {order.index(name) for name in lead if name in order}
    return (
        [line for index, line in article_lines if index in above]
        + lines
        + [line for index, line in article_lines if index not in above]
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


class ChangeDecisionForm(forms.Form):
    """An editor's decision on a change draft (``livedrafts.py``): publish it now
    or at a time, with an optional note for readers, or send it back."""

    NOTE_KINDS = [
        ("", _("Tanpa catatan (perbaikan kecil)")),
        (ArticleNote.Kind.CORRECTION, ArticleNote.Kind.CORRECTION.label),
        (ArticleNote.Kind.UPDATE, ArticleNote.Kind.UPDATE.label),
    ]

    when = forms.SplitDateTimeField(
        label=_("Terbitkan pada"),
        required=False,
        widget=AdminSplitDateTime,
        help_text=_("Hanya untuk “Jadwalkan”: tanggal dan jam WIB."),
    )
    note_kind = forms.ChoiceField(
        label=_("Catatan untuk pembaca"),
        choices=NOTE_KINDS,
        required=False,
        help_text=_(
            "Ralat bila perubahan membetulkan kekeliruan; Pembaruan bila menambah "
            "perkembangan baru. Tampil bertanggal di akhir artikel."
        ),
    )
    note_text = forms.CharField(
        label=_("Isi catatan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    overwrite = forms.BooleanField(
        label=_("Isi draf menggantikan suntingan di versi tayang"),
        required=False,
    )
    review_note = forms.CharField(
        label=_("Catatan untuk penulis"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hanya untuk “Kembalikan ke penulis”: apa yang perlu diperbaiki."),
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.action = action

    def clean(self):
        cleaned = super().clean()
        if self.action == "schedule":
            when = cleaned.get("when")
            if when is None and "when" not in self.errors:
                self.add_error("when", _("Isi tanggal dan jam terbitnya."))
            elif when is not None and when <= timezone.now():
                self.add_error("when", _("Waktu jadwal harus di masa depan."))
        if self.action in {"publish", "schedule"}:
            kind, text = cleaned.get("note_kind"), (cleaned.get("note_text") or "")
            if kind and not text.strip():
                self.add_error("note_text", _("Tulis isi catatannya untuk pembaca."))
            if text.strip() and not kind:
                self.add_error("note_kind", _("Pilih jenis catatannya."))
        if self.action == "reject" and not (cleaned.get("review_note") or "").strip():
            self.add_error(
                "review_note",
                _("Tulis catatan untuk penulis: apa yang perlu diperbaiki?"),
            )
        return cleaned

    def note_html(self) -> str:
        """The note as the paragraphs the writer typed, escaped."""
        return linebreaks(self.cleaned_data.get("note_text", "").strip(), True)


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
