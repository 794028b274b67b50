"""Invisible bidirectional controls never reach storage or pages (articles/text.py),
whether text comes through the admin, the shell or the search box, while emoji
joiners, ZWNJ, right-to-left marks and Arabic text survive."""

import json
import re
import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from taggit.models import Tag

from ads.models import Advertiser, SponsoredBlock
from articles.models import Article, Author, Category, Figure, Redirect, Section
from tests.ads.admin_forms import block_post_data
from tests.ads.factories import AdvertiserFactory, SlotFactory, SponsoredBlockFactory
from tests.articles.admin_forms import article_post_data
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    FigureFactory,
    SectionFactory,
)
from tests.images import jpeg_upload

pytestmark = pytest.mark.django_db

# LRE RLE PDF LRO RLO, LRI RLI FSI PDI.
CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# An emoji built with ZWJ, Arabic ending in an RLM, a heart with its variation
# selector, Persian spelt with a ZWNJ: all must come back exactly.
KEPT = "👩\u200d💻 مرحبا بكم\u200f ❤\ufe0f می\u200cخواهم"


def spoofed(text: str) -> str:
    """``text`` and ``KEPT`` with the nine controls spread through them."""
    return f"{CONTROLS[:5]}{text}{CONTROLS[5:]} {CONTROLS[4]}{KEPT}{CONTROLS[8]}"


def clean(text: str) -> str:
    return f"{text} {KEPT}"


def stored_text():
    """Every text value stored by the project's apps and taggit."""
    for label in ("articles", "ads", "taggit"):
        for model in apps.get_app_config(label).get_models():
            names = [
                f.attname
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField)
            ]
            for row in model._default_manager.values_list(*names):
                yield from (value for value in row if isinstance(value, str))


def assert_no_controls(text: str, where: str = "") -> None:
    found = sorted({f"U+{ord(c):04X}" for c in text if c in CONTROLS})
    assert not found, f"{where}: {found}"


def json_ld(html: str) -> list[dict]:
    return [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        )
    ]


def assert_reader_sees_no_controls(client, article, query: str) -> None:
    """The article, its lists, search and feeds: no control, the kept text whole."""
    pages = {
        "article": article.get_absolute_url(),
        "home": reverse("home"),
        "category": article.category.get_absolute_url(),
        "author": article.author.get_absolute_url(),
        "tag": reverse("articles:tag", args=[article.tags.get().slug]),
        "search": f"{reverse('search')}?q={query}",
        "feed": reverse("articles:feed"),
    }
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        text = response.content.decode()
        assert_no_controls(text, name)
        assert KEPT in text, name
    page = client.get(article.get_absolute_url()).content.decode()
    news = next(d for d in json_ld(page) if "headline" in d)
    assert news["headline"] == clean("Judul")
    assert news["author"]["name"] == clean("Rara")
    assert news["articleSection"] == clean("Kuliner")
    assert news["keywords"] == clean("kopi")
    assert "Hasil pencarian “Judul" in client.get(pages["search"]).content.decode()


def test_controls_posted_through_the_admin_are_stripped_and_kept_text_survives(
    admin_client,
):
    category_add = reverse("admin:articles_category_add")
    response = admin_client.post(
        category_add,
        {
            "name": spoofed("Kuliner"),
            "slug": "",
            "description": spoofed("Tentang"),
            "position": "0",
        },
    )
    assert response.status_code == 302
    response = admin_client.post(
        reverse("admin:articles_author_add"),
        {"name": spoofed("Rara"), "slug": "", "bio": spoofed("Penulis")},
    )
    assert response.status_code == 302
    category, author = Category.objects.get(), Author.objects.get()
    data = article_post_data(
        category,
        author,
        [
            {
                "heading": spoofed("Bagian"),
                "body": f"<p>{spoofed('Isi')} &#x202E;&#8294;</p>",
                "figure_image": jpeg_upload(),
                "figure_alt_text": spoofed("Ilustrasi"),
                "figure_caption": spoofed("Keterangan"),
                "figure_source": spoofed("Sumber"),
            }
        ],
        title=spoofed("Judul"),
        intro=f"<p>{spoofed('Pembuka')}</p>",
        seo_description=spoofed("Ringkas"),
        dateline=spoofed("Banjarmasin"),
        tags=f"{spoofed('kopi')},",
    )
    response = admin_client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    advertiser_add = reverse("admin:ads_advertiser_add")
    response = admin_client.post(
        advertiser_add, {"name": spoofed("Toko Batik"), "is_active": "on"}
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    advertiser = Advertiser.objects.get()
    response = admin_client.post(
        reverse("admin:ads_sponsoredblock_add"),
        block_post_data(
            SlotFactory(key="header"),
            advertiser=advertiser.pk,
            title=spoofed("Promo"),
            text=spoofed("Diskon"),
        ),
    )
    assert response.status_code == 302, response.context and response.context["errors"]

    for value in stored_text():
        assert_no_controls(value, repr(value))
    article = Article.objects.get()
    section, figure = Section.objects.get(), Figure.objects.get()
    block = SponsoredBlock.objects.get()
    assert (category.name, author.name) == (clean("Kuliner"), clean("Rara"))
    assert Category.objects.get().name == clean("Kuliner")
    assert Author.objects.get().name == clean("Rara")
    assert (article.title, article.seo_description, article.dateline) == (
        clean("Judul"),
        clean("Ringkas"),
        clean("Banjarmasin"),
    )
    assert article.intro == f"<p>{clean('Pembuka')}</p>"
    assert section.heading == clean("Bagian")
    assert section.body == f"<p>{clean('Isi')} </p>"
    assert (figure.alt_text, figure.caption, figure.source) == (
        clean("Ilustrasi"),
        clean("Keterangan"),
        clean("Sumber"),
    )
    assert Tag.objects.get().name == clean("kopi")
    assert (advertiser.name, block.title, block.text) == (
        clean("Toko Batik"),
        clean("Promo"),
        clean("Diskon"),
    )

    assert_reader_sees_no_controls(admin_client, article, spoofed("Judul"))
    for url in (reverse("admin:ads_advertiser_changelist"), category_add):
        assert_no_controls(admin_client.get(url).content.decode(), url)


def test_controls_saved_from_the_shell_are_stripped(client):
    category = CategoryFactory(name=spoofed("Kuliner"))
    author = AuthorFactory(name=spoofed("Rara"))
    figure = FigureFactory(
        alt_text=spoofed("Ilustrasi"),
        caption=spoofed("Keterangan"),
        source=spoofed("Sumber"),
    )
    article = ArticleFactory(
        title=spoofed("Judul"),
        intro=f"<p>{spoofed('Pembuka')}</p>",
        seo_description=spoofed("Ringkas"),
        category=category,
        author=author,
        cover=figure,
        tags=[spoofed("kopi")],
    )
    SectionFactory(article=article, heading=spoofed("Bagian"), figure=figure)
    SponsoredBlockFactory(
        title=spoofed("Promo"),
        advertiser=AdvertiserFactory(name=spoofed("Toko Batik")),
    )
    Redirect.objects.create(old_path="/lama/", new_path=f"/baru{CONTROLS}/")

    for value in stored_text():
        assert_no_controls(value, repr(value))
    article.refresh_from_db()
    assert article.title == clean("Judul")
    assert article.category.name == clean("Kuliner")
    assert article.tags.get().name == clean("kopi")
    assert_reader_sees_no_controls(client, article, spoofed("Judul"))


def test_twin_category_name_with_a_hidden_control_is_a_form_error(admin_client):
    CategoryFactory(name="Kuliner")

    response = admin_client.post(
        reverse("admin:articles_category_add"),
        {"name": f"Kul{CONTROLS[4]}iner", "slug": "kuliner-lain", "position": "0"},
    )

    assert response.status_code == 200
    assert "name" in response.context["adminform"].form.errors
    assert Category.objects.count() == 1


def test_redirect_path_with_a_hidden_control_is_a_form_error(admin_client):
    Redirect.objects.create(old_path="/lama/", new_path="/baru/")

    response = admin_client.post(
        reverse("admin:articles_redirect_add"),
        {"old_path": f"/lama/{CONTROLS[4]}", "new_path": "/baru/"},
    )

    assert response.status_code == 200
    assert "old_path" in response.context["adminform"].form.errors
    assert Redirect.objects.count() == 1


def test_xml_forbidden_control_in_a_title_keeps_feeds_and_news_sitemap_readable(
    client,
):
    ArticleFactory(title="Banjir\x0b surut\x1f, warga pulang")

    feed = feedparser.parse(client.get(reverse("articles:feed")).content)
    news = ET.fromstring(client.get(reverse("sitemap-news")).content)

    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries[0].title == "Banjir surut, warga pulang"
    namespace = "{http://www.google.com/schemas/sitemap-news/0.9}"
    assert news.find(f".//{namespace}title").text == "Banjir surut, warga pulang"
