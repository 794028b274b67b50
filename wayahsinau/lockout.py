"""The answer to a login refused by django-axes (``AXES_LOCKOUT_CALLABLE``)."""

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def lockout_response(
    request: HttpRequest, original_response=None, credentials=None
) -> HttpResponse:
    """429 with ``Retry-After`` and an Indonesian page saying how long the lock lasts
    and whom to ask. Every refused try starts the cool-off again, so the whole
    cool-off is what is left."""
    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    context = {
        **admin.site.each_context(request),
        "title": _("Login dikunci sementara"),
        "minutes": max(1, seconds // 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    response = render(request, "axes/lockout.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
