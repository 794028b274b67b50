"""Embeds: the allow-list of providers turns a pasted link into a stored reference
(provider and id), refuses hostile or malformed links with a reason, and leaves
any other link a plain link; the page shows a click-to-load facade that names no
third-party script, frame or image; the form and the editor's check say what
went wrong and keep the writer's text."""

import re

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.urls import reverse

from articles.embeds import (
    FRAME_ORIGINS,
    PROVIDERS,
    EmbedRefused,
    NotEmbeddable,
    embed_from_url,
    parse_reference,
)
from articles.models import Article, Section
from articles.richtext import references_in, sanitize_html
from tests.articles.admin_forms import article_post_data
from tests.articles.factories import ArticleFactory, CategoryFactory, SectionFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")
CHECK_URL = reverse("admin:articles_article_embed")
VIDEO = "dQw4w9WgXcQ"
POST = "1234567890123456789"
# www.youtube.com with a Cyrillic "о", as a browser sends it.
PUNYCODE_HOMOGRAPH = "www.y\u043eutube.com".encode("idna").decode()


# --- The allow-list of providers ---------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reference"),
    [
        (f"https://www.youtube.com/watch?v={VIDEO}", f"youtube:{VIDEO}"),
        (f"https://youtu.be/{VIDEO}?si=Ab12Cd34", f"youtube:{VIDEO}"),
        (f"https://m.youtube.com/watch?v={VIDEO}&t=42s", f"youtube:{VIDEO}"),
        (f"https://www.youtube.com/shorts/{VIDEO}", f"youtube:{VIDEO}"),
        (f"http://www.youtube.com/embed/{VIDEO}", f"youtube:{VIDEO}"),
        ("https://www.instagram.com/p/C0abcDEF123/", "instagram:p/C0abcDEF123"),
        (
            "https://www.instagram.com/reel/C0abcDEF123/?igsh=MTc4",
            "instagram:reel/C0abcDEF123",
        ),
        (
            f"https://www.tiktok.com/@bpbd.diy/video/{POST}?is_from_webapp=1",
            f"tiktok:bpbd.diy/{POST}",
        ),
        (f"https://x.com/NASA/status/{POST}", f"x:NASA/{POST}"),
        (f"https://twitter.com/NASA/status/{POST}?s=20", f"x:NASA/{POST}"),
        (
            "https://www.google.com/maps/place/Alun-Alun/@-7.8714,112.5265,17z/data=!3m1",
            "maps:-7.8714,112.5265,17",
        ),
        (
            "https://www.google.co.id/maps?q=-7.8714,112.5265",
            "maps:-7.8714,112.5265,15",
        ),
        (
            "https://www.google.com/maps/embed?pb=!1m18!2d112.5265!3d-7.8714!2m3",
            "maps:-7.8714,112.5265,15",
        ),
    ],
)
def test_a_providers_link_becomes_a_reference(url, reference):
    embed = embed_from_url(url)
    assert embed.reference == reference
    assert parse_reference(reference) == embed
    assert embed.frame_src.startswith(FRAME_ORIGINS[embed.provider.key] + "/")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("javascript:alert(1)", "bukan “javascript:”"),
        ("JaVaScRiPt:alert(document.cookie)", "bukan “javascript:”"),
        ("data:text/html;base64,PHNjcmlwdD4=", "bukan “data:”"),
        ("vbscript:msgbox(1)", "bukan “vbscript:”"),
        (f"https://youtube.com.evil.example/watch?v={VIDEO}", "menyerupai alamat"),
        (f"https://www.y\u043eutube.com/watch?v={VIDEO}", "menyerupai alamat"),
        (
            f"https://{PUNYCODE_HOMOGRAPH}/watch?v={VIDEO}",
            "menyerupai",
        ),
        (f"https://evil-youtube.net/watch?v={VIDEO}", "menyerupai alamat"),
        (f"https://x.com.evil.example/NASA/status/{POST}", "menyerupai alamat X"),
        (f"https://www.youtube.com@evil.example/watch?v={VIDEO}", "sebelum “@”"),
        (f"https://user:sandi@www.youtube.com/watch?v={VIDEO}", "nama pengguna"),
        (f"https://www.youtube.com:8443/watch?v={VIDEO}", "port lain"),
        (
            f"https://www.youtube.com/embed/{VIDEO}?enablejsapi=1&origin=https://e.x",
            "tidak diizinkan: enablejsapi, origin",
        ),
        (f"https://www.youtube.com/watch?v={VIDEO}&autoplay=1", "autoplay"),
        (f"https://x.com/NASA/status/{POST}?widgets=on", "widgets"),
        ("https:\\\\www.youtube.com\\watch", "rusak"),
        (f"https://www.you tube.com/watch?v={VIDEO}", "rusak"),
        ("https://[::1", "rusak"),
    ],
)
def test_a_hostile_or_malformed_link_is_refused_with_the_reason(url, reason):
    with pytest.raises(EmbedRefused) as refused:
        embed_from_url(url)
    assert not isinstance(refused.value, NotEmbeddable)
    assert reason in str(refused.value)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/channel/UC1234",
        "https://vm.tiktok.com/ZSabc123/",
        "https://maps.app.goo.gl/Ab12",
        "https://www.google.com/maps/place/Alun-Alun+Batu",
    ],
)
def test_a_providers_link_to_no_one_post_is_not_embeddable(url):
    with pytest.raises(NotEmbeddable):
        embed_from_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/artikel",
        "https://www.google.com/search?q=batu",
        "https://docs.google.com/document/d/1",
        "https://www.box.com/x",
        "https://wayahsinau.id/artikel/kopi/",
    ],
)
def test_any_other_link_is_no_embed(url):
    assert embed_from_url(url) is None


@pytest.mark.parametrize(
    "value",
    [
        "evil:abc",
        "youtube:short",
        f"youtube:{VIDEO}/../x",
        f"youtube:{VIDEO}&autoplay=1",
        "youtube:javascript:alert(1)",
        "maps:95,10,12",
        "maps:1,2,40",
        "x:NASA/abc",
        "instagram:evil/C0abcDEF123",
        "",
    ],
)
def test_a_reference_must_name_a_provider_and_a_valid_id(value):
    assert parse_reference(value) is None


def test_the_policy_frames_exactly_the_providers():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert sorted(directives["frame-src"]) == sorted(FRAME_ORIGINS.values())
    assert set(FRAME_ORIGINS) == set(PROVIDERS)


# --- The allow-list of rich text ---------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "kept"),
    [
        (
            f'<div data-embed="youtube:{VIDEO}" data-title="Wawancara"></div>',
            f'<div data-embed="youtube:{VIDEO}" data-title="Wawancara"></div>',
        ),
        (f'<div data-embed=" youtube:{VIDEO} "></div>', f"youtube:{VIDEO}"),
        ('<div data-embed="evil:abc"></div>', ""),
        ('<div data-embed="youtube:javascript:alert(1)"></div>', ""),
        (f'<div data-embed="youtube:{VIDEO}" onload="alert(1)"></div>', "youtube"),
        (f'<div data-embed="youtube:{VIDEO}" style="x"><script>x</script></div>', "y"),
        (f'<span data-embed="youtube:{VIDEO}"></span>', ""),
        (f'<div data-embed="youtube:{VIDEO}">teks</div>', "teks"),
        ('<iframe src="https://www.youtube.com/embed/x"></iframe>', ""),
        (
            '<div data-embed="maps:-7.8714,112.5265,15" data-title="&quot;>'
            '<script>alert(1)</script>"></div>',
            'data-title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"',
        ),
    ],
)
def test_the_allow_list_keeps_only_valid_embed_references(payload, kept):
    clean = sanitize_html(payload, references=True)
    assert kept in clean
    for bad in ("onload", "<script", "style=", "<iframe", "javascript:", "evil"):
        assert bad not in clean
    if not kept:
        assert clean == ""


# --- The page ----------------------------------------------------------------------


def article_with_embeds(**fields):
    article = ArticleFactory(title="Menyusuri Batu", **fields)
    SectionFactory(
        article=article,
        position=1,
        body=(
            "<p>Sebelum berangkat, lihat petanya.</p>"
            '<div data-embed="maps:-7.8714,112.5265,15" data-title="Alun-Alun Batu">'
            f'</div><p>Dan videonya.</p><div data-embed="youtube:{VIDEO}"></div>'
            f'<div data-embed="x:NASA/{POST}"></div>'
        ),
    )
    return article


THIRD_PARTY = re.compile(
    r'(?:src|srcset|data|poster|action)="(?:https?:)?//(?!testserver)[^"]*"'
)


def test_the_page_shows_facades_and_loads_nothing_from_the_providers(client):
    article = article_with_embeds()
    html = client.get(article.get_absolute_url()).content.decode()

    assert html.count('<figure class="embed') == 3
    assert "<iframe" not in html
    assert THIRD_PARTY.findall(html) == []
    assert "data-embed=" not in html  # the references are rendered, not shown
    assert f'data-embed-frame="https://www.youtube-nocookie.com/embed/{VIDEO}"' in html
    assert '<script src="/static/js/embeds.js" defer></script>' in html
    # Each facade: a title, a button with an accessible name, a link to the original.
    assert '<p class="embed-title">Alun-Alun Batu</p>' in html
    assert (
        '<button type="button" class="embed-load">Tampilkan video YouTube'
        '<span class="visually-hidden">: Video YouTube</span></button>'
    ) in html
    assert f'<a href="https://www.youtube.com/watch?v={VIDEO}"' in html
    assert f'<a href="https://x.com/NASA/status/{POST}"' in html
    assert "Buka “Unggahan X dari @NASA” di X" in html


def test_an_article_without_embeds_loads_no_embed_script(client):
    article = ArticleFactory()
    SectionFactory(article=article, body="<p>Biasa saja.</p>")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "embeds.js" not in html


def test_the_policy_of_an_embed_page_allows_the_provider_frames(client):
    article = article_with_embeds()
    policy = client.get(article.get_absolute_url())["Content-Security-Policy"]
    frames = next(p for p in policy.split(";") if p.strip().startswith("frame-src"))
    for origin in FRAME_ORIGINS.values():
        assert origin in frames
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


# --- The form and the editor's check -----------------------------------------------


def post_body(client, author, body: str):
    data = article_post_data(
        CategoryFactory(),
        author,
        [{"heading": "Bagian", "body": body}],
        status="draft",
        title="Artikel bersematan",
    )
    return client.post(ADD_URL, data, follow=True)


def saved_body() -> str:
    return Section.objects.get(article__title="Artikel bersematan").body


def test_a_pasted_link_on_its_own_paragraph_becomes_an_embed(client, writer):
    client.force_login(writer)
    body = (
        "<p>Simak wawancaranya:</p>"
        f'<p><a href="https://youtu.be/{VIDEO}">https://youtu.be/{VIDEO}</a></p>'
        f"<p>https://x.com/NASA/status/{POST}</p>"
        f'<p><a href="https://www.youtube.com/watch?v={VIDEO}">Wawancara lengkap</a>'
        '</p><p>Lihat juga <a href="https://youtu.be/{VIDEO}">video ini</a>.</p>'
    )
    response = post_body(client, writer.author, body)
    assert response.status_code == 200
    stored = saved_body()
    embeds = [ref.embed for ref in references_in(stored) if ref.embed]
    assert [embed.reference for embed in embeds] == [
        f"youtube:{VIDEO}",
        f"x:NASA/{POST}",
        f"youtube:{VIDEO}",
    ]
    assert embeds[2].title == "Wawancara lengkap"
    # A link inside a sentence stays a link.
    assert '<a href="https://youtu.be/{VIDEO}"' in stored


def test_a_link_to_another_site_stays_a_plain_link_with_a_note(client, writer):
    client.force_login(writer)
    response = post_body(
        client, writer.author, '<p><a href="https://example.com/x">Sumber</a></p>'
    )
    assert '<a href="https://example.com/x"' in saved_body()
    notes = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("Tautan ke example.com tetap tautan biasa" in note for note in notes), (
        notes
    )


@pytest.mark.parametrize(
    ("link", "error"),
    [
        ("javascript:alert(1)", "bukan alamat web"),
        ("jav&#x09;ascript:alert(1)", "bukan alamat web"),
        ("data:text/html;base64,PHNjcmlwdD4=", "bukan alamat web"),
        (f"https://youtube.com.evil.example/watch?v={VIDEO}", "menyerupai alamat"),
        (f"https://www.youtube.com/embed/{VIDEO}?enablejsapi=1", "enablejsapi"),
    ],
)
def test_a_hostile_embed_link_is_a_form_error_and_the_text_is_kept(
    client, writer, link, error
):
    client.force_login(writer)
    body = f'<p>Teks penulis tetap ada.</p><p><a href="{link}">tonton</a></p>'
    response = post_body(client, writer.author, body)
    formset = response.context["inline_admin_formsets"][0].formset
    [message] = formset.forms[0].errors["body"]
    assert error in message
    assert "Teks penulis tetap ada." in response.content.decode()
    assert not Article.objects.filter(title="Artikel bersematan").exists()


@pytest.mark.parametrize(
    "pasted",
    [
        f'<iframe width="560" src="https://www.youtube.com/embed/{VIDEO}"></iframe>',
        '<blockquote class="twitter-tweet"><p>Halo</p></blockquote>'
        '<script async src="https://platform.twitter.com/widgets.js"></script>',
        '<blockquote class="instagram-media" data-instgrm-permalink="x"></blockquote>',
        '<div data-embed="evil:abc"></div>',
        f'<span data-embed="youtube:{VIDEO}"></span>',
    ],
)
def test_pasted_embed_code_or_a_foreign_reference_is_a_form_error(
    client, writer, pasted
):
    client.force_login(writer)
    response = post_body(client, writer.author, "<p>Pembuka saya.</p>" + pasted)
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[0].errors["body"]
    assert "Pembuka saya." in response.content.decode()
    assert not Article.objects.filter(title="Artikel bersematan").exists()


def test_the_editors_check_answers_with_a_reference_or_a_reason(client, writer):
    client.force_login(writer)
    answer = client.get(
        CHECK_URL, {"url": f"https://youtu.be/{VIDEO}", "title": " Wawancara  "}
    )
    assert answer.status_code == 200
    assert answer.json() == {
        "reference": f"youtube:{VIDEO}",
        "title": "Wawancara",
        "shown_title": "Wawancara",
        "provider": "YouTube",
    }
    for url in (
        "javascript:alert(1)",
        "data:text/html,x",
        "https://example.com/x",
        f"https://youtube.com.evil.example/watch?v={VIDEO}",
        "",
        "x" * 5000,
    ):
        refused = client.get(CHECK_URL, {"url": url})
        assert refused.status_code == 400
        assert refused.json()["error"]


def test_the_editors_check_is_for_article_staff_only(client, sales):
    assert client.get(CHECK_URL, {"url": "https://youtu.be/x"}).status_code == 302
    client.force_login(sales)
    assert client.get(CHECK_URL, {"url": "https://youtu.be/x"}).status_code == 403


def test_the_read_only_screen_names_each_embed_with_a_link(client, writer):
    article = article_with_embeds(
        author=writer.author, status=Article.Status.REVIEW, published_at=None
    )
    client.force_login(writer)
    html = client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    assert "Sematan Google Maps:" in html and "Alun-Alun Batu</a>" in html
    assert f'<a href="https://www.youtube.com/watch?v={VIDEO}"' in html
    assert "<iframe" not in html
