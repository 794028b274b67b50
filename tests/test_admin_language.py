"""The admin speaks Indonesian: every list, add and change page a superuser can
open is walked, and none may show English words from the apps (Django's own
strings are translated by Django) or a label that starts in lower case."""

import html
import re
from html.parser import HTMLParser

import pytest

from tests.admin_rows import admin_pages, fill_every_list
from tests.articles.factories import UserFactory

pytestmark = pytest.mark.django_db

# English an app or a third-party package may leave on an admin page.
ENGLISH = re.compile(
    r"\b("
    r"None|Figure|Taggit|Tags|tagged items?|Unlink|Rich Text Editor|"
    r"Slots?|Sponsored|Enquir(y|ies)|Advertisers?|Placements?|Redirects?|"
    r"Sections?|Authors?|Categor(y|ies)|Preview|Articles?|"
    r"Locked Out|Access Attempts?|User Agent|Meta Data|Path|"
    r"Save|Delete|Add|Change|History|Search|Select|Choose|"
    r"Yes|No|Unknown|Today|Now|Action"
    r")\b"
)
SKIPPED = {"script", "style", "textarea"}
# Permission names are stored in English by Django ("Can add artikel") and
# listed in the account pages' multiple choices.
SKIPPED_SELECTS = "multiple"
VISIBLE_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")


class _Reader(HTMLParser):
    """The text a reader sees on a page, and its labels and column headers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.labels: list[str] = []
        self._skip = 0
        self._skipping: list[str] = []
        self._label: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in SKIPPED or (tag == "select" and SKIPPED_SELECTS in attrs):
            self._skip += 1
            self._skipping.append(tag)
        for name in VISIBLE_ATTRIBUTES:
            if attrs.get(name):
                self.text.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button"):
            self.text.append(attrs.get("value") or "")
        if tag == "label" or (tag == "th" and attrs.get("scope") == "col"):
            self._label = []

    def handle_endtag(self, tag):
        if self._skipping and tag == self._skipping[-1]:
            self._skipping.pop()
            self._skip -= 1
        if tag in ("label", "th") and self._label is not None:
            self.labels.append(" ".join("".join(self._label).split()))
            self._label = None

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._label is not None:
            self._label.append(data)


def read(page: str) -> _Reader:
    reader = _Reader()
    reader.feed(page)
    return reader


@pytest.fixture
def superuser(db):
    return UserFactory(username="akar", is_staff=True, is_superuser=True)


@pytest.fixture
def everything(superuser):
    fill_every_list(superuser)


def test_every_admin_page_is_in_indonesian(client, superuser, everything):
    client.force_login(superuser)
    pages = admin_pages(superuser, add=True, change=True)
    assert len(pages) > 40
    problems = []
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        page = read(response.content.decode())
        text = html.unescape(" ".join(" ".join(page.text).split()))
        for match in ENGLISH.finditer(text):
            around = text[max(match.start() - 40, 0) : match.end() + 40]
            problems.append(f"{url}: English “{match.group()}” in …{around}…")
        for label in page.labels:
            if label[:1].isalpha() and label[:1].islower():
                problems.append(f"{url}: label starts in lower case: “{label}”")
    assert not problems, "\n".join(problems)
