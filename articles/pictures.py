"""How the admin shows pictures: a thumbnail of what is saved next to every picture
field, the same for a picture chosen by autocomplete (a cover), and a thumbnail in
each autocomplete answer so a newly chosen picture shows at once.

Thumbnails are the smallest stored rendition when there is one (``images.py``), so
an edit form never downloads a full-size original.
"""

from django import forms
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.widgets import AutocompleteSelect
from django.utils.translation import gettext_lazy as _

from .models import Figure

PICTURES_CSS = "admin/css/pictures.css"


def thumbnail_url(image) -> str:
    """The URL of the smallest stored copy of ``image`` (an image field's file):
    its smallest JPEG/PNG rendition when they were made from this very file, else
    the file itself."""
    renditions = getattr(image.instance, "renditions", None) or {}
    if renditions.get("source") == image.name:
        copies = [
            item for item in renditions.get("items") or [] if item["format"] != "webp"
        ]
        if copies:
            smallest = min(copies, key=lambda item: item["width"])
            return image.storage.url(smallest["name"])
    return image.url


class PictureInput(forms.ClearableFileInput):
    """A picture's file input that shows, as thumbnails, what is saved and what a
    refused save kept for the next one (``articles/uploads.py``), with a way to
    replace the picture and, where it may be left empty, to remove it.

    The form sets, per instance: ``current``, the saved picture when the field's
    value is not one (a section's picture lives on its figure); ``pending``, the
    kept upload; ``clearable=False`` where removing has its own field.
    """

    template_name = "admin/widgets/picture_input.html"
    clear_checkbox_label = _("Hapus gambar ini")
    initial_text = _("Tersimpan")
    input_text = _("Ganti dengan")
    current = None
    pending = None
    clearable = True

    class Media:
        css = {"all": [PICTURES_CSS]}

    def pending_name(self, name: str) -> str:
        return f"{name}-pending"

    def use_required_attribute(self, initial):
        # A kept upload stands for a new pick: the browser must not ask for one.
        return super().use_required_attribute(initial) and self.pending is None

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        saved = value if self.is_initial(value) else self.current
        context["widget"].update(
            {
                "saved_url": thumbnail_url(saved) if saved else "",
                "clearable": self.clearable and not self.is_required and bool(saved),
                "pending": self.pending,
                "pending_url": self.pending.image.url if self.pending else "",
                "pending_name": self.pending_name(name),
            }
        )
        return context

    def value_from_datadict(self, data, files, name):
        from_input = super().value_from_datadict(data, files, name)
        if from_input is None and data.get(self.pending_name(name)):
            return PendingToken(data[self.pending_name(name)])
        return from_input

    def value_omitted_from_data(self, data, files, name):
        return (
            super().value_omitted_from_data(data, files, name)
            and self.pending_name(name) not in data
        )


class PendingToken(str):
    """The token of a kept upload, as a re-shown form sends it back."""


class FigureSelect(AutocompleteSelect):
    """The autocomplete of a figure (an article's cover), with a thumbnail of the
    chosen one below it; ``admin/js/figure-select.js`` swaps it when another is
    chosen."""

    template_name = "admin/widgets/figure_select.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = [choice for choice in context["widget"]["value"] if choice]
        figure = (
            self.choices.queryset.using(self.db).filter(pk__in=chosen[:1]).first()
            if chosen
            else None
        )
        context["figure"] = figure
        context["thumbnail"] = thumbnail_url(figure.image) if figure else ""
        return context

    @property
    def media(self):
        # Listed after jquery.init.js, which its script needs (django.jQuery).
        return super().media + forms.Media(
            js=["admin/js/jquery.init.js", "admin/js/figure-select.js"],
            css={"all": [PICTURES_CSS]},
        )


class PictureAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete answers, where each figure also carries its
    thumbnail, caption and credit (what ``FigureSelect`` shows)."""

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if isinstance(obj, Figure) and obj.image:
            result.update(
                thumbnail=thumbnail_url(obj.image),
                caption=obj.caption,
                source=obj.source,
            )
        return result
