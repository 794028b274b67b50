"""The newsroom's own pages (Redaksi, Pedoman Media Siber, Kontak…), the footer
that links them with the categories and the social links, and "Layanan" in the
menu: as readers, editors and crawlers meet them."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from articles import demo_content
from articles.models import Page, SocialLink
from tests.admin_pages import form_data
from tests.articles.factories import CategoryFactory
from tests.pages import load_demo

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ADD_URL = "/admin/articles/page/add/"


def make_page(**fields):
    values = {"title": "Redaksi", "body": "<p>Susunan redaksi.</p>", **fields}
    return Page.objects.create(**values)


def footer(html: str) -> str:
    return html[html.index('<footer class="site-footer">') :]


def test_a_page_shows_its_title_text_and_metadata(client):
    page = make_page(
        title="Pedoman Media Siber",
        body="<p>Kami memuat <strong>ralat</strong> di akhir artikel.</p>",
    )

    response = client.get(page.get_absolute_url())

    assert page.get_absolute_url() == "/halaman/pedoman-media-siber/"
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Pedoman Media Siber</h1>" in html
    assert "Kami memuat <strong>ralat</strong> di akhir artikel." in html
    assert "<title>Pedoman Media Siber – Wayah Sinau</title>" in html
    # The description falls back to the page's own first text.
    assert (
        '<meta name="description" content="Kami memuat ralat di akhir artikel.">'
        in html
    )
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    web_page, trail = (json.loads(script) for script in scripts)
    assert web_page["@type"] == "WebPage"
    assert web_page["name"] == "Pedoman Media Siber"
    assert [item["name"] for item in trail["itemListElement"]] == [
        "Beranda",
        "Pedoman Media Siber",
    ]


def test_a_hidden_page_is_404_and_left_out_of_the_footer(client):
    shown = make_page(title="Kontak")
    hidden = make_page(title="Lowongan", is_published=False)

    assert client.get(hidden.get_absolute_url()).status_code == 404
    html = footer(client.get(reverse("home")).content.decode())
    assert f'href="{shown.get_absolute_url()}">Kontak</a>' in html
    assert "Lowongan" not in html


def test_the_footer_links_pages_categories_social_links_archive_and_services(
    client,
):
    make_page(title="Tentang Kami", position=1)
    make_page(title="Redaksi", position=0)
    CategoryFactory(name="Pendidikan")
    SocialLink.objects.create(name="Instagram", url="https://www.instagram.com/ws/")

    html = footer(client.get(reverse("home")).content.decode())

    assert html.index(">Redaksi</a>") < html.index(">Tentang Kami</a>")
    assert 'href="/kategori/pendidikan/">Pendidikan</a>' in html
    instagram = '<a href="https://www.instagram.com/ws/" rel="me noopener">'
    assert instagram + "Instagram</a>" in html
    assert f'href="{reverse("articles:archive")}">Arsip</a>' in html
    assert f'href="{reverse("ads:listings")}">Layanan</a>' in html
    # Each part is a labelled landmark with its own heading.
    for heading in ("Wayah Sinau", "Kategori", "Ikuti kami"):
        assert f'class="footer-title">{heading}</h2>' in html


def test_the_menu_leads_to_the_services(client):
    html = client.get(reverse("home")).content.decode()
    menu = html[html.index('<ul class="nav-list">') : html.index("</nav>")]
    assert f'<a href="{reverse("ads:listings")}">Layanan</a>' in menu


def test_the_footer_follows_a_change_at_once(client):
    page = make_page(title="Kontak")
    link = SocialLink.objects.create(name="YouTube", url="https://www.youtube.com/x")
    client.get(reverse("home"))  # the footer is kept now

    page.title = "Hubungi Kami"
    page.save()
    link.delete()
    html = footer(client.get(reverse("home")).content.decode())

    assert ">Hubungi Kami</a>" in html
    assert "YouTube" not in html


def test_footer_names_are_escaped(client):
    make_page(title='<script>alert("x")</script>')
    SocialLink.objects.create(name="<b>X</b>", url="https://x.com/ws")

    html = footer(client.get(reverse("home")).content.decode())

    assert "<script>alert" not in html and "<b>X</b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;X&lt;/b&gt;" in html


def test_shown_pages_are_in_the_sitemap(client, settings):
    settings.SITE_URL = "https://wayahsinau.example"
    shown = make_page(title="Disclaimer")
    make_page(title="Draf kebijakan", is_published=False)

    root = ET.fromstring(client.get("/sitemap-halaman.xml").content)
    locations = [url.find(f"{SM}loc").text for url in root.findall(f"{SM}url")]

    assert locations == [f"https://wayahsinau.example{shown.get_absolute_url()}"]
    assert "sitemap-halaman.xml" in client.get("/sitemap.xml").content.decode()


def test_a_renamed_page_answers_its_old_address_with_a_301(client):
    page = make_page(title="Kebijakan Privasi")
    old = page.get_absolute_url()
    page.slug = "privasi"
    page.save()

    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == "/halaman/privasi/"


def test_a_hidden_pages_new_address_never_leaks_through_a_redirect(client):
    page = make_page(title="Rencana", is_published=False)
    old = page.get_absolute_url()
    page.slug = "rencana-baru"
    page.save()

    assert client.get(old).status_code == 404


def test_an_editor_writes_a_page_and_its_text_is_cleaned(client, editor):
    client.force_login(editor)
    data = form_data(client.get(ADD_URL).content.decode(), "page_form")
    data.update(
        title="Info Iklan",
        slug="",
        body=(
            '<p onclick="x()">Pasang iklan.</p><script>alert(1)</script>'
            '<a href="javascript:alert(1)">klik</a><iframe src="//x"></iframe>'
        ),
        link_path="/layanan/",
        link_text="Lihat paket layanan iklan",
    )

    response = client.post(ADD_URL, data)

    assert response.status_code == 302
    page = Page.objects.get()
    assert page.slug == "info-iklan"
    assert page.body == '<p>Pasang iklan.</p><a rel="noopener noreferrer">klik</a>'
    html = client.get(page.get_absolute_url()).content.decode()
    assert '<a class="button" href="/layanan/">Lihat paket layanan iklan</a>' in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"link_path": "//jahat.example/"}, "link_path", "diawali “/”"),
        ({"link_path": "javascript:alert(1)"}, "link_path", "diawali “/”"),
        ({"link_path": "/layanan/", "link_text": ""}, "link_text", "bersama-sama"),
        ({"link_text": "Tombol tanpa alamat"}, "link_path", "bersama-sama"),
        ({"body": "<script>alert(1)</script>"}, "body", "kosong setelah dibersihkan"),
    ],
)
def test_a_bad_page_is_a_form_error_and_nothing_is_saved(
    client, editor, changes, field, message
):
    client.force_login(editor)
    data = form_data(client.get(ADD_URL).content.decode(), "page_form")
    data.update({"title": "Info Iklan", "body": "<p>Isi.</p>", **changes})

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert message in str(response.context["adminform"].form.errors[field])
    assert Page.objects.count() == 0


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://x.example/akun",
        "https://instagram.com@jahat.example/",
        "https://user:rahasia@instagram.com/ws",
        "data:text/html,<script>alert(1)</script>",
    ],
)
def test_a_social_link_must_be_a_plain_web_address(client, editor, url):
    client.force_login(editor)
    response = client.post(
        "/admin/articles/sociallink/add/",
        {"name": "Instagram", "url": url, "position": "0"},
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["url"]
    assert SocialLink.objects.count() == 0


def test_the_demo_ships_every_newsroom_page_and_info_iklan_leads_to_services(
    client,
):
    load_demo()

    titles = list(Page.objects.published().values_list("title", flat=True))
    assert titles == [
        "Tentang Kami",
        "Redaksi",
        "Pedoman Media Siber",
        "Kontak",
        "Kebijakan Privasi",
        "Disclaimer",
        "Info Iklan",
    ]
    info = Page.objects.get(slug="info-iklan")
    assert info.link_path == reverse("ads:listings")
    html = client.get(info.get_absolute_url()).content.decode()
    assert f'<a class="button" href="{reverse("ads:listings")}">' in html
    # The texts arrive cleaned, like anything an editor saves.
    for spec in demo_content.PAGES:
        page = Page.objects.get(slug=spec["slug"])
        assert "<script" not in page.body and page.description
    redaksi = client.get("/halaman/redaksi/").content.decode()
    assert "Penanggung jawab" in redaksi and "Alamat redaksi" in redaksi
    # Loading the demo again keeps what an editor changed.
    Page.objects.filter(slug="kontak").update(body="<p>Diubah editor.</p>")
    load_demo()
    assert Page.objects.get(slug="kontak").body == "<p>Diubah editor.</p>"
    assert Page.objects.count() == len(demo_content.PAGES)
