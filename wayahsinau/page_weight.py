"""What a first visit to a page costs a phone: HTML, CSS, scripts and images.

Used by the page-weight test (and available to the benchmark). Images count at the
size a phone picks: for each ``<picture>`` the first ``<source>`` the browser can
use (WebP), otherwise the ``<img>``; from a ``srcset`` the smallest candidate at
least ``viewport_px`` wide. Every image on the page is counted, lazy ones too, so
the figure is an upper bound for a reader who scrolls to the end. Sizes are the
stored bytes, before any gzip/brotli on the wire.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage


@dataclass
class PageWeight:
    html: int = 0
    css: int = 0
    scripts: int = 0
    images: int = 0
    image_urls: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.html + self.css + self.scripts + self.images

    def summary(self) -> str:
        return (
            f"{self.total / 1000:.1f} KB (HTML {self.html / 1000:.1f}, CSS "
            f"{self.css / 1000:.1f}, JS {self.scripts / 1000:.1f}, "
            f"{len(self.image_urls)} images {self.images / 1000:.1f})"
        )


def pick_from_srcset(srcset: str, viewport_px: int) -> str:
    """The candidate a browser picks for a slot ``viewport_px`` wide at 1x."""
    candidates = []
    for entry in srcset.split(","):
        parts = entry.split()
        if not parts:
            continue
        width = int(parts[1][:-1]) if len(parts) > 1 and parts[1].endswith("w") else 0
        candidates.append((width, parts[0]))
    candidates.sort()
    for width, url in candidates:
        if width >= viewport_px:
            return url
    return candidates[-1][1]


class _Collector(HTMLParser):
    def __init__(self, viewport_px: int):
        super().__init__()
        self.viewport_px = viewport_px
        self.stylesheets: list[str] = []
        self.scripts: list[str] = []
        self.images: list[str] = []
        self._picture_choice: str | None = None
        self._in_picture = False

    def _choose(self, attrs: dict) -> str | None:
        if attrs.get("srcset"):
            return pick_from_srcset(attrs["srcset"], self.viewport_px)
        return attrs.get("src")

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "link" and "stylesheet" in attrs.get("rel", "").split():
            self.stylesheets.append(attrs.get("href", ""))
        elif tag == "script" and attrs.get("src"):
            self.scripts.append(attrs["src"])
        elif tag == "picture":
            self._in_picture, self._picture_choice = True, None
        elif tag == "source" and self._in_picture and self._picture_choice is None:
            self._picture_choice = self._choose(attrs)
        elif tag == "img":
            chosen = (self._in_picture and self._picture_choice) or self._choose(attrs)
            if chosen:
                self.images.append(chosen)

    def handle_endtag(self, tag):
        if tag == "picture":
            self._in_picture = False


def asset_size(url: str) -> int:
    """Bytes of a static or media file by its URL on this site."""
    path = unquote(urlsplit(url).path)
    if path.startswith(settings.MEDIA_URL):
        return default_storage.size(path.removeprefix(settings.MEDIA_URL))
    if path.startswith(settings.STATIC_URL):
        name = path.removeprefix(settings.STATIC_URL)
        # Hashed names (manifest storage) live in STATIC_ROOT after collectstatic.
        collected = Path(settings.STATIC_ROOT) / name if settings.STATIC_ROOT else None
        if collected is not None and collected.is_file():
            found = str(collected)
        else:
            found = finders.find(name)
        if found:
            with open(found, "rb") as handle:
                return len(handle.read())
    raise FileNotFoundError(url)


def first_visit_weight(html: bytes, viewport_px: int = 480) -> PageWeight:
    """The bytes a first visit downloads for the page ``html``."""
    collector = _Collector(viewport_px)
    collector.feed(html.decode())
    return PageWeight(
        html=len(html),
        css=sum(asset_size(url) for url in collector.stylesheets),
        scripts=sum(asset_size(url) for url in collector.scripts),
        images=sum(asset_size(url) for url in collector.images),
        image_urls=collector.images,
    )
