"""Page frames: a page's layout rendered once, its own parts joined in per request.

Around an article's own content, everything on its page is the same on every
article of its category: the head, the site header with the category menu, the
sidebar with "Terpopuler", the footer and the places of the ad slots. Rendered
through the template language on every request, that layout cost about a sixth of
an uncached article page. So the page's template is rendered once per process and
content version, with a marker (``<!--frame:name-->``) in each hole where a page's
own part goes, and the text around the markers is kept (``LOCAL_FRAMES`` frames at
most, each for ``PAGE_SECONDS`` at most, as the fragments inside it). A request
then only joins the frame's text with its parts and fills the frame's ad slots with
a fresh pick (or leaves their placeholders for the page cache, which fills them).

Rules that keep a frame shared safely:

- A frame is rendered for a bare anonymous request, so nothing of a reader's own
  request (user, session, cookies, address) can reach the readers it is served to.
  Pages for one person (staff previews) render the template as usual.
- Whatever changes the layout beyond the holes (the category, whose ad blocks
  the slots pick from; whether the article has related articles) is one of the
  frame's ``flags``, and part of its key.
- A hole is written in the template as a plain ``{{ name }}``: a filter would
  change its marker, so ``render`` refuses a frame that lost one of its holes,
  and one with a CSRF token (which belongs to one reader) in it.
  Parts are HTML: plain text (a title) is escaped before it is passed.

The template stays the one source of the markup: given the real values instead of
the markers, it renders the same page, as it does for previews.
"""

import logging
import re
import time
from typing import NamedTuple

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ads.placeholders import PLACEHOLDER, placeholder_slot
from ads.slots import render_slot
from articles.caching import warn_cache_failure
from articles.localcache import local_cache

from .pagecache import PAGE_SECONDS, content_version

logger = logging.getLogger(__name__)

LOCAL_FRAMES = 48
_frames: dict[tuple, tuple[float, list]] = local_cache({})
# A hole's marker, or an ad slot's placeholder (the page cache's, whole and in parts).
_TOKENS = re.compile(rf"<!--frame:([a-z_]+)-->|({PLACEHOLDER.pattern})")


class Hole(NamedTuple):
    name: str


class Slot(NamedTuple):
    """An ad slot's place in a frame: its placeholder, and what fills it."""

    placeholder: str
    key: str
    category_id: int | None
    after: int | None


class FrameError(Exception):
    """A template that cannot be a frame (a hole is missing from its output)."""


def render(request: HttpRequest, template_name: str, parts: dict, flags: dict) -> str:
    """The page of ``template_name`` for ``request``: its frame for ``flags`` with
    ``parts`` (hole name: HTML) in the holes and the ad slots filled, or left as
    placeholders while the page cache renders the page."""
    tokens = frame(request, template_name, tuple(parts), flags)
    defer = getattr(request, "defer_ad_slots", False)
    html = []
    for token in tokens:
        if type(token) is str:
            html.append(token)
        elif type(token) is Hole:
            html.append(parts[token.name])
        elif defer:
            html.append(token.placeholder)
        else:
            html.append(render_slot(request, token.key, token.category_id, token.after))
    return "".join(html)


def frame(request: HttpRequest, template_name: str, holes: tuple, flags: dict) -> list:
    """The kept frame of ``template_name`` for ``holes`` and ``flags``: its text,
    ``Hole`` and ``Slot`` tokens in order. Rendered again after ``PAGE_SECONDS`` or
    when the content version changes (a publish, a renamed category)."""
    try:
        version = content_version(request)
    except Exception:
        warn_cache_failure(logger, "Page cache unavailable; rendering a frame")
        return _tokens(_render_frame(request, template_name, holes, flags), holes)
    key = (
        template_name,
        holes,
        tuple(sorted(flags.items())),
        version,
        get_language(),
        get_script_prefix(),
    )
    now = time.monotonic()
    kept = _frames.get(key)
    if kept is not None and now < kept[0]:
        return kept[1]
    tokens = _tokens(_render_frame(request, template_name, holes, flags), holes)
    if len(_frames) >= LOCAL_FRAMES:
        _frames.clear()  # cheap, and safe with threads: a frame is rendered again
    _frames[key] = (now + PAGE_SECONDS, tokens)
    return tokens


def _render_frame(request, template_name: str, holes: tuple, flags: dict) -> str:
    bare = HttpRequest()
    bare.defer_ad_slots = True  # each request picks its own blocks
    # The versions the reader's request read already: not personal, and they key
    # the menu and "Terpopuler" inside the frame.
    if hasattr(request, "site_versions"):
        bare.site_versions = request.site_versions
    markers = {name: mark_safe(f"<!--frame:{name}-->") for name in holes}  # noqa: S308 - a constant
    return render_to_string(template_name, {**flags, **markers}, bare)


def _tokens(html: str, holes: tuple) -> list:
    tokens = []
    found = set()
    position = 0
    for match in _TOKENS.finditer(html):
        tokens.append(html[position : match.start()])
        hole, placeholder, key, category, after = match.groups()
        if hole is not None:
            if hole not in holes:
                raise FrameError(f"{hole!r} is not one of the frame's holes")
            found.add(hole)
            tokens.append(Hole(hole))
        else:
            tokens.append(Slot(placeholder, *placeholder_slot(key, category, after)))
        position = match.end()
    tokens.append(html[position:])
    missing = set(holes) - found
    if missing:
        raise FrameError(f"the template lost the holes {sorted(missing)}")
    if "csrfmiddlewaretoken" in html:
        # A token is one reader's: a frame rendered for nobody has none to give.
        raise FrameError("a form with a CSRF token cannot be part of a shared frame")
    return [token for token in tokens if token != ""]


@receiver(setting_changed)
def forget_frames(**kwargs):
    _frames.clear()  # templates, static files or addresses may differ now (tests)
