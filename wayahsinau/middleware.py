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
