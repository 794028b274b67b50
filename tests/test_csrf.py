"""CSRF protection stays on everywhere: no view opts out, and forms refuse
cross-site POSTs."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver


def callbacks(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from callbacks(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def test_no_view_is_csrf_exempt():
    exempt = [
        route
        for route, callback in callbacks(get_resolver().url_patterns)
        if getattr(callback, "csrf_exempt", False)
    ]
    assert exempt == []


@pytest.mark.django_db
def test_cross_site_enquiry_post_is_refused():
    from ads.models import Enquiry
    from tests.ads.factories import ServiceListingFactory

    listing = ServiceListingFactory()
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        listing.get_absolute_url(),
        {"name": "Budi", "phone": "081234567890", "email": "b@x.id", "message": "Halo"},
    )
    assert response.status_code == 403
    assert not Enquiry.objects.exists()
