from ckeditor.widgets import CKEditorWidget
from django import forms
from django.templatetags.static import static
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html
from taggit.forms import TagWidget


class TagSuggestWidget(TagWidget):
    """taggit's comma-separated input, with suggestions of existing tags as you type."""

    suggest_url = reverse_lazy("admin:articles_article_tag_suggestions")

    class Media:
        js = ["admin/js/tag-suggest.js"]

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id', 'id_' + name)}-saran"
        attrs.update(
            {
                "list": list_id,
                "data-tag-suggest": str(self.suggest_url),
                "autocomplete": "off",
            }
        )
        field = super().render(name, value, attrs, renderer)
        return format_html('{}<datalist id="{}"></datalist>', field, list_id)


# As django-ckeditor's widget names it in its media.
CKEDITOR_JS = "ckeditor/ckeditor/ckeditor.js"
# CKEditor plugins of this project: (name, folder under static/, file).
REFERENCE_PLUGINS = [
    ("libraryfigure", "admin/ckeditor/libraryfigure/", "plugin.js"),
    ("linkembed", "admin/ckeditor/linkembed/", "plugin.js"),
]


class RichTextWidget(CKEditorWidget):
    """django-ckeditor's widget, with the script that lets CKEditor 4 run under the
    Content-Security-Policy without inline event handlers: loaded first, it turns
    CKEditor's own handler attributes into listeners (admin/js/ckeditor-csp.js).
    Loaded after CKEditor, admin/js/ckeditor-id.js completes its Indonesian.

    A body with references (``CKEDITOR_CONFIGS["references"]``) also loads the
    plugins of the "Gambar dari pustaka" and "Sematkan tautan" buttons, and tells
    them where the library's and the embeds' JSON answer."""

    @property
    def media(self):
        # Each list names ckeditor.js, so that the merged media keep the order.
        return (
            forms.Media(js=["admin/js/ckeditor-csp.js", CKEDITOR_JS])
            + super().media
            + forms.Media(
                js=[CKEDITOR_JS, "admin/js/ckeditor-id.js"],
                css={"all": ["admin/css/references.css"]},
            )
        )

    def _set_config(self):
        super()._set_config()
        if self.config_name == "references":
            self.config["libraryUrl"] = reverse("admin:articles_figure_library")
            self.config["embedUrl"] = reverse("admin:articles_article_embed")
            self.external_plugin_resources = [
                (name, static(folder), file) for name, folder, file in REFERENCE_PLUGINS
            ]
