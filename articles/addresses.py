"""One address per page: a list's page number written one way only, and links
that carry a page's own parameters and nothing else the request brought.

The page cache keys a stored page by its path and ``KEYED_PARAMETERS`` alone
(``wayahsinau.pagecache``), so whatever else came with the first reader's request
(``utm_source``, ``ref``…) must never reach a link, and one list keeps at most one
copy per page.

``site_links`` are the addresses every page links to (home, search, feeds, the
style sheet), resolved once per process.
"""

import re

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect, QueryDict
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils.translation import gettext as _

KEYED_PARAMETERS = ("page", "p")  # lists' and sitemaps' page numbers
_CANONICAL_PAGE = re.compile(r"[1-9][0-9]*")  # ASCII only, unlike \d


def page_query(parameters: dict[str, object] | None = None) -> QueryDict:
    """The query a page's links and redirects carry: its own non-empty
    ``parameters`` (``q`` on search), never whatever else came with the request,
    which would then be cached for every reader. Give it to ``{% querystring %}``."""
    query = QueryDict(mutable=True)
    for name, value in (parameters or {}).items():
        if value not in (None, ""):
            query[name] = str(value)
    return query


def canonical_redirect(
    request: HttpRequest,
    page_parameter: str | None = None,
    own: dict[str, object] | None = None,
) -> HttpResponsePermanentRedirect | None:
    """A 301 to the one address of the page ``request`` names in another way; None
    when it names it that way already. Http404 when its page number names no page.

    A page number (``page_parameter``, one of ``KEYED_PARAMETERS``) is written in
    ASCII digits without a sign or leading zero, and not at all for page 1:
    ``?page=02``, ``+2``, `` 2``, ``٢`` or ``２`` (whatever ``int()`` reads as 2)
    lead to ``?page=2``; ``?page=1`` and ``?page=`` to the bare path; ``abc``,
    ``2.5``, ``0``, ``-1`` or ``last`` are a 404. A keyed parameter the page does
    not read (``/?page=2``) is dropped the same way. The target is this path with
    the page number and ``own`` (``q`` on search), and nothing else the request
    brought. Other parameters (``utm_source``…) are ignored, never redirected: they
    form no key and no link. With a repeated parameter the last value counts, as
    everywhere in Django.
    """
    if not request.META.get("QUERY_STRING"):  # most reads: nothing to check
        return None
    target = dict(own or {})
    moved = False
    for name in KEYED_PARAMETERS:
        if name not in request.GET:
            continue
        value = request.GET[name]
        if name != page_parameter or value in ("", "1"):
            moved = True
        elif not _CANONICAL_PAGE.fullmatch(value):
            target[name] = _page_number(value)
            moved = True
        else:
            target[name] = value
    if not moved:
        return None
    # One leading slash: a target of "//host" or "/\host" would leave the site.
    path = "/" + request.path.lstrip("/\\")
    query = page_query(target).urlencode()
    return HttpResponsePermanentRedirect(f"{path}?{query}" if query else path)


def _page_number(value: str) -> int | None:
    """The page ``int()`` reads in a page number written otherwise than canonically
    (None for page 1); Http404 when it reads none or no page's."""
    try:
        number = int(value)
    except ValueError:
        number = 0  # not a number, or over int()'s 4300 digits
    if number < 1:
        raise Http404(_("Halaman tidak ditemukan."))
    return number if number > 1 else None


_links: dict[str, dict[str, str]] = {}


def site_links() -> dict[str, str]:
    """The addresses every page links to (home, search, feeds, favicon, style
    sheet, the share buttons' script, logo), resolved once per process and script
    prefix instead of by a tag on every page."""
    prefix = get_script_prefix()
    links = _links.get(prefix)
    if links is None:
        links = _links[prefix] = {
            "home": reverse("home"),
            "search": reverse("search"),
            "feed": reverse("articles:feed"),
            "feed_atom": reverse("articles:feed-atom"),
            "favicon": static("img/favicon.svg"),
            "css": static("css/site.css"),
            # Only on articles with embeds: loads a provider's frame on request.
            "embeds_js": static("js/embeds.js"),
            "share_js": static("js/share.js"),
            "logo": static("img/logo.png"),  # for search engines (seo.py)
        }
    return links


@receiver(setting_changed)
def forget_site_links(**kwargs):
    _links.clear()  # static files or URLs may now resolve elsewhere (tests)
