"""Share links on every article: plain links to WhatsApp, Facebook, X and
Telegram with the title and address filled in, each with an accessible name;
copy-link and the device's share sheet come from a small static script."""

import re
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SITE = "https://wayahsinau.example"


class ShareBox(HTMLParser):
    """The share block's links and buttons, with the text a screen reader reads
    for each (their accessible name)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside = 0
        self.controls: list[dict] = []
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div" and "data-share" in attrs:
            self.inside += 1
            self.box = attrs
            return
        if not self.inside:
            return
        if tag == "div":
            self.inside += 1
        if tag in ("a", "button"):
            self._current = {"tag": tag, "name": "", **attrs}
            self.controls.append(self._current)

    def handle_endtag(self, tag):
        if tag in ("a", "button"):
            self._current = None
        elif tag == "div" and self.inside:
            self.inside -= 1

    def handle_data(self, data):
        if self._current is not None:
            self._current["name"] += data


def share_box(html: str) -> ShareBox:
    parser = ShareBox()
    parser.feed(html)
    return parser


@pytest.fixture
def article(settings):
    settings.SITE_URL = SITE
    return ArticleFactory(title='Kopi & teh: "minuman" pagi', slug="kopi-dan-teh")


def test_every_article_links_to_the_four_services_with_title_and_address(
    client, article
):
    html = client.get(article.get_absolute_url()).content.decode()
    box = share_box(html)
    url = f"{SITE}/artikel/kopi-dan-teh/"
    title = 'Kopi & teh: "minuman" pagi'

    links = {
        " ".join(c["name"].split()): c["href"] for c in box.controls if c["tag"] == "a"
    }
    assert list(links) == [
        "Bagikan ke WhatsApp",
        "Bagikan ke Facebook",
        "Bagikan ke X",
        "Bagikan ke Telegram",
    ]

    def query(href):
        return {k: v for k, [v] in parse_qs(urlsplit(href).query).items()}

    whatsapp = links["Bagikan ke WhatsApp"]
    assert whatsapp.startswith("https://wa.me/?")
    assert query(whatsapp) == {"text": f"{title} {url}"}
    assert "+" not in whatsapp  # spaces are %20, read alike by every app
    facebook = links["Bagikan ke Facebook"]
    assert facebook.startswith("https://www.facebook.com/sharer/sharer.php?")
    assert query(facebook) == {"u": url}
    x = links["Bagikan ke X"]
    assert x.startswith("https://x.com/intent/post?")
    assert query(x) == {"text": title, "url": url}
    telegram = links["Bagikan ke Telegram"]
    assert telegram.startswith("https://t.me/share/url?")
    assert query(telegram) == {"url": url, "text": title}
    # The script reads the address and the title from the block itself.
    assert box.box["data-url"] == url
    assert box.box["data-title"] == title


def test_copy_and_share_sheet_buttons_have_names_and_wait_for_the_script(
    client, article
):
    html = client.get(article.get_absolute_url()).content.decode()
    buttons = {
        " ".join(c["name"].split()): c
        for c in share_box(html).controls
        if c["tag"] == "button"
    }

    assert set(buttons) == {"Salin tautan", "Bagikan lewat aplikasi"}
    for button in buttons.values():
        assert button["type"] == "button"
    # Without the script they would do nothing: their list items start hidden.
    assert html.count("<li hidden><button") == 2
    assert 'role="status"' in html  # where "Tautan disalin." is announced


def test_sharing_loads_nothing_from_another_site(client, article):
    html = client.get(article.get_absolute_url()).content.decode()

    # What the browser loads by itself: scripts, images, frames, style sheets.
    sources = re.findall(r'<(?:script|img|iframe|source)[^>]*\ssrc="([^"]+)"', html)
    sources += re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    assert sources and all(src.startswith("/") for src in sources)
    assert not any(src.startswith("//") for src in sources)
    assert '<script src="/static/js/share.js" defer></script>' in html
    response = client.get("/static/js/share.js")
    assert response.status_code == 200
    script = b"".join(response.streaming_content).decode()
    assert "navigator.share" in script and "navigator.clipboard" in script
    assert "document.cookie" not in script and "localStorage" not in script
