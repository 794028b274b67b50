from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware
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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's header (settings ``CONTENT_SECURITY_POLICY``), loosened for the
    admin only where its editors need it (``admin_allowances``)."""

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
