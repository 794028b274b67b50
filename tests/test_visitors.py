"""Who a visitor is behind the proxy: the address per-visitor rules key on."""

import pytest
from django.test import Client

from ads.models import Enquiry
from tests.ads.factories import ServiceListingFactory
from tests.test_settings import run_manage

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"  # nginx on the same machine, as docs/deploy.md sets it up


# The client's address behind the proxy.


def enquire(listing, **headers):
    data = {
        "name": "Siti Rahmawati",
        "company": "Keripik Tempe Bu Siti",
        "phone": "0812-3456-7890",
        "email": "siti@keripiktempe.example",
        "message": "Kami ingin promosi produk baru bulan depan.",
        "website": "",
    }
    return Client().post(listing.get_absolute_url(), data, **headers).status_code


@pytest.fixture
def listing(settings):
    settings.WAYAHSINAU_ENQUIRY_RATE_LIMIT = 2
    return ServiceListingFactory(name="Jasa Digital Marketing UMKM")


def test_behind_the_proxy_each_reader_has_their_own_enquiry_limit(listing, settings):
    settings.WAYAHSINAU_TRUSTED_PROXY_COUNT = 1
    spammer = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    reader = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.20"}

    assert [enquire(listing, **spammer) for _ in range(3)] == [302, 302, 429]
    assert enquire(listing, **reader) == 302
    assert Enquiry.objects.count() == 3


def test_a_forged_forwarded_for_entry_does_not_free_a_spammer_from_the_limit(
    listing, settings
):
    settings.WAYAHSINAU_TRUSTED_PROXY_COUNT = 1
    # The spammer writes a new address each time; nginx appends the real one.
    statuses = [
        enquire(
            listing,
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"10.0.0.{attempt}, 198.51.100.7",
        )
        for attempt in range(4)
    ]

    assert statuses == [302, 302, 429, 429]
    reader = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.20"}
    assert enquire(listing, **reader) == 302


def test_with_two_proxies_the_address_the_first_one_saw_is_the_client(
    listing, settings
):
    settings.WAYAHSINAU_TRUSTED_PROXY_COUNT = 2  # a CDN, then nginx
    cdn = "192.0.2.50"
    statuses = [
        enquire(
            listing,
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=f"10.9.9.{attempt}, 198.51.100.7, {cdn}",
        )
        for attempt in range(3)
    ]

    assert statuses == [302, 302, 429]
    other = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"203.0.113.20, {cdn}"}
    assert enquire(listing, **other) == 302


def test_directly_exposed_a_forged_forwarded_for_header_is_ignored(listing, settings):
    settings.WAYAHSINAU_TRUSTED_PROXY_COUNT = 0
    statuses = [
        enquire(
            listing,
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}",
        )
        for attempt in range(3)
    ]

    assert statuses == [302, 302, 429]


def test_the_proxy_count_comes_from_the_environment_and_must_be_a_number():
    script = (
        "from django.conf import settings; "
        "print(settings.WAYAHSINAU_TRUSTED_PROXY_COUNT)"
    )
    test_settings = {"DJANGO_SETTINGS_MODULE": "wayahsinau.settings.test"}
    default = run_manage(
        "shell", "--no-imports", "-c", script, env_overrides=test_settings
    )
    behind_nginx = run_manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        env_overrides={**test_settings, "DJANGO_TRUSTED_PROXY_COUNT": "1"},
    )
    wrong = run_manage(
        "check", env_overrides={**test_settings, "DJANGO_TRUSTED_PROXY_COUNT": "nginx"}
    )

    assert default.stdout.strip() == "0", default.stderr
    assert behind_nginx.stdout.strip() == "1", behind_nginx.stderr
    assert wrong.returncode != 0
    assert "DJANGO_TRUSTED_PROXY_COUNT must be a whole number" in wrong.stderr
