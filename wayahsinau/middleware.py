import functools

from csp.constants import HEADER, HEADER_REPORT_ONLY, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


class RejectNullBytesMiddleware:
    """Answer 400 to a path holding a NUL byte.

    No address needs one, and PostgreSQL refuses NUL in text, so letting it reach
    a lookup (a slug, a redirect) would turn a bad URL into a 500. Query values are
    read only by views that clean them (search drops NUL, pages must be numbers),
    and form fields refuse NUL on their own (ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return HttpResponseBadRequest(
                _("Alamat berisi karakter yang tidak sah."), content_type="text/plain"
            )
        return self.get_response(request)


# What a response that asks for nothing of its own gets: no per-view policy
# (django-csp's decorators), no nonce, no admin allowance.
_SITE_PARTS = PolicyParts()
# Each mode's header, its setting and the mark django-csp's ``csp_exempt``
# decorators leave on a response.
_MODES = (
    (False, HEADER, "CONTENT_SECURITY_POLICY", "_csp_exempt"),
    (True, HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", "_csp_exempt_ro"),
)


@functools.cache
def site_policies() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """The site's policy headers, built by django-csp's ``build_policy`` once per
    process and settings: ``(header, policy, exempt mark, excluded prefixes)`` for
    each mode that has a policy."""
    result = []
    for report_only, header, setting, exempt in _MODES:
        policy = build_policy(report_only=report_only)
        if policy:
            config = getattr(settings, setting, None) or {}
            prefixes = tuple(config.get("EXCLUDE_URL_PREFIXES") or ())
            result.append((header, policy, exempt, prefixes))
    return tuple(result)


@receiver(setting_changed)
def _forget_site_policies(*, setting, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY") or setting == "DEBUG":
        site_policies.cache_clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's header (settings ``CONTENT_SECURITY_POLICY``), loosened for the
    admin only where its editors need it (``admin_allowances``).

    Most responses ask for nothing of their own (no nonce, no per-view policy, not
    the admin): their header is the site's policy, the same every time, so it is
    built once per process (``site_policies``) instead of on every response, where
    it was a fifth of a cached article page's instructions (bench/README.md). Any
    other response goes through django-csp as it is.
    """

    def process_response(self, request, response):
        if (
            self.get_policy_parts(request, response) != _SITE_PARTS
            or self.get_policy_parts(request, response, report_only=True) != _SITE_PARTS
            or settings.DEBUG
        ):
            return super().process_response(request, response)
        for header, policy, exempt, prefixes in site_policies():
            if (
                header not in response
                and getattr(response, exempt, False) is False
                and not request.path_info.startswith(prefixes)
            ):
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written fails.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        allowances = admin_allowances(getattr(request, "resolver_match", None))
        if allowances:
            parts.update = {**(parts.update or {}), **allowances}
        return parts


def admin_allowances(match) -> dict[str, list[str]]:
    """What an admin page may do beyond the site's policy: inline styles, which
    CKEditor 4, select2 and the admin's widgets set as attributes. Scripts get no
    allowance: CKEditor's inline event handlers are turned into listeners before
    they can run (``static/admin/js/ckeditor-csp.js``)."""
    if match is None or "admin" not in match.namespaces:
        return {}
    return {"style-src": [UNSAFE_INLINE]}
