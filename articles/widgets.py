from django.urls import reverse_lazy
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
