"""Who is visiting: the client's address, and whether a request is a counted visit.

The only module that knows about proxies (``client_address``) and the one rule for
what counts as a person seeing a page (``is_counted_visit``): article reads, ad
impressions and ad clicks all ask it. Nothing here stores anything about the
reader; ``visitor_key`` is a keyed hash for short-lived de-duplication only.
"""

import functools
import re

from crawlerdetect import CrawlerDetect
from django.conf import settings
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from ipware import get_client_ip

# Compiling its few thousand patterns takes milliseconds: once per process.
_crawlers = CrawlerDetect()
# Scripted clients crawlerdetect 0.4.2 lets through (it already catches curl,
# axios, python-requests, Go-http-client, Uptime-Kuma, okhttp, node-fetch…): no
# browser sends these.
_SCRIPTED = re.compile(
    r"^(?:Dalvik|Deno|Bun)/|Blackbox Exporter|Consul Health Check|Prometheus/",
    re.IGNORECASE,
)
# Prefetches and prerenders are the browser guessing, not the reader looking:
# Purpose/Sec-Purpose (Chrome, Safari), X-Moz (Firefox), X-Purpose (Safari's
# previews).
_SPECULATIVE_HEADERS = (
    "HTTP_SEC_PURPOSE",
    "HTTP_PURPOSE",
    "HTTP_X_MOZ",
    "HTTP_X_PURPOSE",
)
_SPECULATIVE_WORDS = ("prefetch", "prerender", "preview")


def client_address(request: HttpRequest) -> str:
    """The address of the visitor's machine, for per-visitor rules (rate limits,
    click de-duplication).

    With no trusted proxy (``WAYAHSINAU_TRUSTED_PROXY_COUNT`` 0) it is the peer of
    the connection; ``X-Forwarded-For`` is then the client's own claim and ignored.
    Behind N proxies that each append the address they saw (nginx's
    ``$proxy_add_x_forwarded_for``), it is the Nth entry from the right: entries
    further left come from the client and may be forged. A header too short for N
    proxies (a request that bypassed one) falls back to the connection's peer.
    """
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = settings.WAYAHSINAU_TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    # ipware's proxy_count counts the proxies named in the header; the last proxy
    # is the connection's peer and is not in it.
    address, _routable = get_client_ip(
        request,
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
        algorithm="modern",
    )
    return address or remote


def visitor_key(request: HttpRequest) -> str:
    """A keyed hash of the visitor's address and user agent: tells one visitor from
    another for a while without a cookie, and reveals neither value."""
    value = f"{client_address(request)}\n{request.META.get('HTTP_USER_AGENT', '')}"
    return salted_hmac("articles.visitors", value, algorithm="sha256").hexdigest()[:32]


@functools.lru_cache(maxsize=4096)
def is_bot(user_agent: str) -> bool:
    """Whether a user agent is a crawler, a monitor or a script; an empty one is,
    since every browser sends one. Readers share a few hundred user agents and a
    verdict costs up to half a millisecond, so each is judged once per process."""
    agent = user_agent.strip()
    return not agent or bool(_SCRIPTED.search(agent)) or _crawlers.is_crawler(agent)


def is_speculative(request: HttpRequest) -> bool:
    """A prefetch or prerender: the browser fetching what the reader may open."""
    meta = request.META
    purposes = " ".join(meta.get(name, "") for name in _SPECULATIVE_HEADERS).lower()
    return any(word in purposes for word in _SPECULATIVE_WORDS)


def is_navigation(request: HttpRequest) -> bool:
    """A top-level page load. Browsers say what a request is for; an image,
    script, frame or fetch() made by another page is not a reader opening ours.
    Clients that send no Sec-Fetch headers (older browsers) are taken at their
    word."""
    meta = request.META
    destination = (meta.get("HTTP_SEC_FETCH_DEST") or "document").lower()
    mode = (meta.get("HTTP_SEC_FETCH_MODE") or "navigate").lower()
    return destination == "document" and mode == "navigate"


def is_staff(request: HttpRequest) -> bool:
    """A logged-in staff member. Pages served by the page cache have no ``user``
    yet: those requests carry no session cookie, so they are never staff."""
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated and user.is_staff


def is_counted_visit(request: HttpRequest) -> bool:
    """Whether a request counts as a person seeing the page: a read, an impression
    or a click. Not counted: anything but GET (HEAD included), previews of
    articles, bots and scripts, prefetches and prerenders, requests that are not a
    top-level navigation, and staff. Cheapest checks first: a cached page asks
    this on every hit."""
    if request.method != "GET" or getattr(request, "is_article_preview", False):
        return False
    if is_speculative(request) or not is_navigation(request):
        return False
    if is_bot(request.META.get("HTTP_USER_AGENT", "")):
        return False
    return not is_staff(request)
