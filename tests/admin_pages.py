"""Submit an admin form as a browser would: read the fields a rendered page holds.

Tests that cross every admin model cannot keep hand-written POST data for each;
they read what the page itself would send (inputs, checked boxes, selected
options, text areas, inline management forms) and change one field.
"""

from html.parser import HTMLParser

SKIPPED_TYPES = {"file", "submit", "button", "image", "reset"}


class _FormReader(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in SKIPPED_TYPES:
                return
            if kind in ("checkbox", "radio"):
                if "checked" not in attrs:
                    return
                # A checked box without a value is sent as "on".
                self.data.setdefault(name, []).append(attrs.get("value") or "on")
                return
            self.data.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            text = "".join(self._text)
            # A browser drops the newline that follows <textarea>.
            self.data[self._textarea] = [text.removeprefix("\n")]
            self._textarea = None


def form_data(html: str, form_id: str) -> dict[str, list[str] | str]:
    """The fields the form ``form_id`` on ``html`` would submit, unchanged."""
    reader = _FormReader(form_id)
    reader.feed(html)
    # Inline templates (the "__prefix__" empty forms) are not submitted data.
    return {
        name: values if len(values) != 1 else values[0]
        for name, values in reader.data.items()
        if "__prefix__" not in name
    }
