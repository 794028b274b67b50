"""Which requests count as a reader seeing or clicking a block, and the flush."""

import logging
import re

from django.http import HttpRequest

from . import services

logger = logging.getLogger(__name__)

# Crawlers, link unfurlers, monitors and scripted clients. A missing user agent is
# never a real browser either.
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|embedly|preview|"
    r"headless|lighthouse|pingdom|monitor|curl|wget|python-|httpclient|"
    r"java/|go-http|okhttp|axios|scrapy|feedfetcher|mediapartners",
    re.IGNORECASE,
)
PREFETCH_HEADERS = ("HTTP_PURPOSE", "HTTP_SEC_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")


def is_countable(request: HttpRequest) -> bool:
    """True for a GET from what looks like a person's browser, not a prefetch."""
    if request.method != "GET":
        return False
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    if not user_agent.strip() or BOT_PATTERN.search(user_agent):
        return False
    return not any(
        "prefetch" in request.META.get(header, "").lower()
        or "preview" in request.META.get(header, "").lower()
        for header in PREFETCH_HEADERS
    )


def note_impression(request: HttpRequest | None, block_id: int, slot_id: int) -> None:
    """Remember a rendered block; ``ImpressionMiddleware`` writes them once."""
    if request is None:
        return
    if not hasattr(request, "ad_impressions"):
        request.ad_impressions = []
    request.ad_impressions.append((block_id, slot_id))


class ImpressionMiddleware:
    """Counts the blocks a page rendered, in one statement after it is rendered.

    Counting must never break a page: a failing write is logged and the page is
    served anyway.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        pairs = getattr(request, "ad_impressions", None)
        if pairs and response.status_code == 200 and is_countable(request):
            try:
                services.record_impressions(pairs)
            except Exception:
                logger.exception("Could not count %d ad impression(s)", len(pairs))
        return response
