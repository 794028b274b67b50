"""Hostile URLs and query strings end in a clear 4xx, never a 500 (on both backends)."""

import pytest

pytestmark = pytest.mark.django_db

HOSTILE = [
    "/tag/a%00b/",
    "/kategori/a%00b/",
    "/artikel/a%00b/",
    "/penulis/a%00b/",
    "/layanan/a%00b/",
    "/cari/?q=a%00b",
    "/cari/?q=%27%22%5C%25_%3B--DROP%20TABLE",
    "/?page=%00",
    "/kategori/x/?page=%00",
    "/iklan/klik/a%00b/",
    "/arsip/99999999999999999999/",
    "/tag/" + "x" * 3000 + "/",
    "/artikel/%E2%80%AE%F0%9F%98%80/",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_hostile_urls_never_cause_a_server_error(client, url):
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code < 500, (url, response.status_code)


@pytest.mark.parametrize("url", [u for u in HOSTILE if "%00" in u and "?" not in u])
def test_nul_bytes_in_paths_are_a_400(client, url):
    assert client.get(url).status_code == 400
