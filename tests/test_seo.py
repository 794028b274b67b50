"""Page metadata (articles/seo.py) as search engines and social networks read it."""

import json
import re
from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    FigureFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://wayahsinau.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def json_ld(html):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S
    )
    return [json.loads(block) for block in blocks]


def meta(html, attribute, name):
    pattern = rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">'
    return re.findall(pattern, html)


def test_article_page_has_title_description_canonical_and_open_graph(client):
    published = timezone.make_aware(datetime(2026, 11, 27, 9, 30))
    article = ArticleFactory(
        title="Cara Menyimpan Sayur Agar Segar",
        seo_description="Lima kebiasaan kecil agar sayur tahan seminggu.",
        category=CategoryFactory(name="Gaya Hidup"),
        author=AuthorFactory(name="Sekar"),
        cover=FigureFactory(alt_text="Sayur di dalam kulkas"),
        published_at=published,
        tags=["dapur", "hemat"],
    )

    html = client.get(article.get_absolute_url()).content.decode()
    canonical = f"{SITE}/artikel/{article.slug}/"

    assert "<title>Cara Menyimpan Sayur Agar Segar – Wayah Sinau</title>" in html
    assert meta(html, "name", "description") == [
        "Lima kebiasaan kecil agar sayur tahan seminggu."
    ]
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert meta(html, "property", "og:type") == ["article"]
    assert meta(html, "property", "og:url") == [canonical]
    assert meta(html, "property", "og:title") == ["Cara Menyimpan Sayur Agar Segar"]
    image = meta(html, "property", "og:image")[0]
    assert image.startswith(f"{SITE}/media/figures/") and image.endswith(".png")
    assert meta(html, "property", "og:image:width") == ["64"]
    assert meta(html, "property", "og:image:height") == ["48"]
    assert meta(html, "property", "og:image:alt") == ["Sayur di dalam kulkas"]
    assert meta(html, "property", "article:published_time") == [
        "2026-11-27T09:30:00+07:00"
    ]
    assert meta(html, "property", "article:modified_time")
    assert meta(html, "property", "article:section") == ["Gaya Hidup"]
    assert sorted(meta(html, "property", "article:tag")) == ["dapur", "hemat"]
    assert meta(html, "name", "twitter:card") == ["summary_large_image"]
    assert meta(html, "name", "twitter:image") == [image]


def test_description_falls_back_to_the_intro_as_plain_text(client):
    article = ArticleFactory(intro="<p>Pembuka <strong>tebal</strong> &amp; jelas.</p>")

    html = client.get(article.get_absolute_url()).content.decode()

    assert meta(html, "name", "description") == ["Pembuka tebal &amp; jelas."]


def test_article_json_ld_is_a_news_article_with_breadcrumbs(client):
    article = ArticleFactory(
        title="Pasar Tradisional Bangkit",
        category=CategoryFactory(name="Bisnis"),
        author=AuthorFactory(name="Bima"),
        cover=FigureFactory(),
        tags=["umkm", "pasar"],
    )

    news, trail = json_ld(client.get(article.get_absolute_url()).content.decode())

    assert news["@type"] == "NewsArticle"
    assert news["headline"] == "Pasar Tradisional Bangkit"
    assert news["image"][0].startswith(f"{SITE}/media/")
    assert news["datePublished"] == timezone.localtime(article.published_at).isoformat()
    assert news["dateModified"]
    assert news["author"] == {
        "@type": "Person",
        "name": "Bima",
        "url": f"{SITE}{article.author.get_absolute_url()}",
    }
    assert news["publisher"]["name"] == "Wayah Sinau"
    assert news["publisher"]["logo"]["url"] == f"{SITE}/static/img/logo.png"
    assert news["articleSection"] == "Bisnis"
    assert sorted(news["keywords"].split(", ")) == ["pasar", "umkm"]
    assert trail["@type"] == "BreadcrumbList"
    assert [item["name"] for item in trail["itemListElement"]] == [
        "Beranda",
        "Bisnis",
        "Pasar Tradisional Bangkit",
    ]
    assert trail["itemListElement"][1]["item"] == f"{SITE}/kategori/bisnis/"


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        ("Kopi " * 30, ("Kopi " * 22)[:109].rstrip() + "…"),  # over 110: cut
        ("Cafe\u0301 di Malang", "Café di Malang"),  # decomposed: normalised
        ("Warung Kopi", "Warung Kopi"),
    ],
)
def test_headlines_are_cut_to_110_characters_and_normalised(client, title, headline):
    from django.utils.text import Truncator

    article = ArticleFactory(title=title.strip())

    news, _trail = json_ld(client.get(article.get_absolute_url()).content.decode())

    assert news["headline"] == Truncator(title.strip()).chars(110)
    assert news["headline"] == headline.strip()


def test_publisher_logo_is_served(client):
    response = client.get("/static/img/logo.png")

    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_title_with_script_cannot_break_out_of_the_json_ld(client):
    title = '</script><script>alert("x")</script> & <!-- "kutip"'
    article = ArticleFactory(title=title, seo_description="</script>deskripsi")

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<script>alert" not in html
    # Only our two JSON-LD blocks and the share buttons' own static script open a
    # script, and each closes exactly once.
    assert html.count("<script") == 3 == html.count("</script>")
    assert html.count('<script src="/static/js/share.js" defer></script>') == 1
    news, trail = json_ld(html)
    assert news["headline"] == title
    assert news["description"] == "</script>deskripsi"
    assert trail["itemListElement"][-1]["name"] == title
    assert "\\u003c/script\\u003e" in html
    og_title = meta(html, "property", "og:title")[0]
    assert "&lt;/script&gt;" in og_title


def test_sponsored_article_is_marked_and_its_outgoing_links_are_sponsored(client):
    article = ArticleFactory(
        is_sponsored=True,
        intro=(
            '<p>Kunjungi <a href="https://toko.example/promo">toko kami</a> atau '
            f'<a href="{SITE}/kategori/bisnis/">rubrik bisnis</a> dan '
            '<a href="/artikel/lain/">artikel lain</a>.</p>'
        ),
    )

    html = client.get(article.get_absolute_url()).content.decode()
    news = json_ld(html)[0]

    assert news["@type"] == ["NewsArticle", "AdvertiserContentArticle"]
    assert meta(html, "name", "twitter:data1") == ["Advertorial"]
    assert (
        '<a href="https://toko.example/promo" rel="sponsored noopener noreferrer">'
        in html
    )
    assert f'<a href="{SITE}/kategori/bisnis/" rel="noopener noreferrer">' in html
    assert '<a href="/artikel/lain/" rel="noopener noreferrer">' in html


def test_links_in_editorial_articles_are_not_marked_sponsored(client):
    article = ArticleFactory(
        intro='<p>Sumber: <a href="https://data.example/">data</a>.</p>'
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert "sponsored" not in html
    assert json_ld(html)[0]["@type"] == "NewsArticle"


def test_listing_pages_have_canonical_urls_with_their_page_number(client):
    category = CategoryFactory(name="Pendidikan", description="Sekolah dan kampus.")
    ArticleFactory.create_batch(13, category=category)

    first = client.get(category.get_absolute_url()).content.decode()
    second = client.get(category.get_absolute_url(), {"page": 2}).content.decode()

    assert f'<link rel="canonical" href="{SITE}/kategori/pendidikan/">' in first
    assert f'<link rel="canonical" href="{SITE}/kategori/pendidikan/?page=2">' in second
    assert meta(first, "name", "description") == ["Sekolah dan kampus."]
    assert json_ld(first)[0]["@type"] == "BreadcrumbList"
    assert (
        '<link rel="alternate" type="application/rss+xml" title="Wayah Sinau: '
        'Pendidikan" href="/kategori/pendidikan/feed/">' in first
    )


def test_home_page_describes_the_website_and_its_search(client):
    html = client.get(reverse("home")).content.decode()

    website = json_ld(html)[0]
    assert website["@type"] == "WebSite"
    assert website["url"] == f"{SITE}/"
    assert website["potentialAction"]["target"] == (
        f"{SITE}/cari/?q={{search_term_string}}"
    )
    assert f'<link rel="canonical" href="{SITE}/">' in html
    assert '<link rel="alternate" type="application/rss+xml"' in html


def test_draft_preview_metadata_stays_noindex(client, staff_editor):
    article = ArticleFactory(draft=True)
    client.force_login(staff_editor)

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<meta name="robots" content="noindex, nofollow">' in html


def test_article_without_intro_is_described_by_its_first_text(client):
    article = ArticleFactory(intro="", seo_description="")
    SectionFactory(article=article, heading="Bagian kosong", body="")
    SectionFactory(
        article=article, body="<p>Teks pertama &amp; isi <b>utama</b> artikel.</p>"
    )

    html = client.get(article.get_absolute_url()).content.decode()
    expected = "Teks pertama &amp; isi utama artikel."
    assert f'<meta name="description" content="{expected}">' in html
    assert f'<meta property="og:description" content="{expected}">' in html

    bare = ArticleFactory(title="Judul saja", intro="", seo_description="")
    html = client.get(bare.get_absolute_url()).content.decode()
    assert '<meta name="description" content="Judul saja">' in html
