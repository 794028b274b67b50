from django import forms
from django.utils.translation import gettext_lazy as _

from .images import ValidatedImageFormField
from .models import Figure, Section

FIGURE_FIELDS = ("figure_alt_text", "figure_caption", "figure_source")


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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
        return cleaned

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
