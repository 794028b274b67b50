"""Old addresses that answer with a 301: automatic ones when a published article's
slug changes, and the ones editors add in the admin (``Redirect``)."""

from django.db import transaction
from django.http import HttpResponsePermanentRedirect

from .models import Redirect, validate_site_path


def remember_old_path(old_path: str, new_path: str) -> None:
    """Send ``old_path`` to ``new_path`` from now on, and collapse chains: every
    redirect that pointed at ``old_path`` now points straight at ``new_path``."""
    if not old_path or old_path == new_path:
        return
    with transaction.atomic():
        # The new address is live again: it must not redirect anywhere.
        Redirect.objects.filter(old_path=new_path).delete()
        Redirect.objects.filter(new_path=old_path).update(new_path=new_path)
        Redirect.objects.update_or_create(
            old_path=old_path, defaults={"new_path": new_path, "is_automatic": True}
        )


def _is_site_path(path: str) -> bool:
    try:
        validate_site_path(path)
    except Exception:  # noqa: BLE001 - ValidationError: refuse the target.
        return False
    return True


# WordPress's own addresses for a post or a page ("/?p=123", "/?page_id=7"): the
# home page answers 200 (and may come from the page cache, whose key ignores these
# parameters), so they are looked up before both, not on a 404.
WORDPRESS_ID_PARAMETERS = ("p", "page_id")


def _wordpress_id_target(request) -> str:
    """The stored target for "/?p=ID" or "/?page_id=ID", or ""."""
    if request.path != "/" or not request.META.get("QUERY_STRING"):
        return ""
    for name in WORDPRESS_ID_PARAMETERS:
        value = request.GET.get(name, "")
        if value.isascii() and value.isdigit() and len(value) <= 20:
            target = (
                Redirect.objects.filter(old_path=f"/?{name}={int(value)}")
                .values_list("new_path", flat=True)
                .first()
            )
            if target and target != "/" and _is_site_path(target):
                return target
    return ""


class RedirectFallbackMiddleware:
    """On a 404, answer with a 301 when the path has a redirect; like
    ``django.contrib.redirects`` but without the sites framework, and only ever to a
    path on this site."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        target = (
            Redirect.objects.filter(old_path=request.path)
            .values_list("new_path", flat=True)
            .first()
        )
        if not target or target == request.path or not _is_site_path(target):
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)


class WordPressAddressMiddleware:
    """Answers an imported portal's "/?p=ID" and "/?page_id=ID" with a 301 to the
    article ``import_wxr`` made from that post. Goes before the page cache; the
    home page without a query string costs one string comparison, no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        target = _wordpress_id_target(request)
        if target:
            return HttpResponsePermanentRedirect(target)
        return self.get_response(request)
