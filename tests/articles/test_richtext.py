import time

import pytest

from articles.models import Article
from articles.richtext import sanitize_html
from tests.articles.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<iframe src=//evil></iframe><object data=x></object><embed src=x>",
        "<form action=//evil><input></form>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JAVASCRIPT:alert(1)">x</a>',
        '<a href="jav&#x09;ascript:alert(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        "<!--[if IE]><script>alert(1)</script><![endif]-->",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<p onmouseover=alert(1)>x</p>",
    ],
)
def test_dangerous_markup_never_survives_a_shell_save(payload):
    article = ArticleFactory(intro=payload)
    section = SectionFactory(article=article, body=payload)
    article.refresh_from_db()
    section.refresh_from_db()
    for stored in (article.intro, section.body):
        lowered = stored.lower()
        for bad in (
            "<script",
            "onerror",
            "onmouseover",
            "javascript:",
            "vbscript:",
            "data:",
            "<iframe",
            "<svg",
            "<math",
            "<style",
            "<form",
            "<object",
            "<embed",
            "style=",
        ):
            assert bad not in lowered, (payload, stored)


def test_update_and_bulk_create_are_sanitised_too():
    article = ArticleFactory()
    Article.objects.filter(pk=article.pk).update(intro="<p>ok</p><script>x()</script>")
    article.refresh_from_db()
    assert article.intro == "<p>ok</p>"

    [bulk] = Article.objects.bulk_create(
        [Article(title="Massal", slug="massal", intro="<p onclick=x>hai</p>")]
    )
    assert Article.objects.get(slug="massal").intro == "<p>hai</p>"
    assert bulk.intro == "<p>hai</p>"


def test_pasted_word_html_is_reduced_to_the_allow_list():
    word = (
        '<p class="MsoNormal" style="mso-margin-top-alt:auto"><span lang="IN" '
        'style="font-size:12.0pt;mso-bidi-font-family:Calibri"><b>Tebal</b> dan '
        "<i>miring</i><o:p></o:p></span></p>"
    )
    assert sanitize_html(word) == "<p><b>Tebal</b> dan <i>miring</i></p>"


def test_allowed_structure_is_kept():
    html = (
        "<p><strong>a</strong> <em>b</em></p><ul><li>c</li></ul><ol><li>d</li></ol>"
        "<blockquote>e</blockquote>"
    )
    assert sanitize_html(html) == html


def test_deeply_nested_input_is_cleaned_quickly():
    nested = "<blockquote>" * 5000 + "x" + "</blockquote>" * 5000
    started = time.perf_counter()
    sanitize_html(nested)
    assert time.perf_counter() - started < 5


def test_a_body_of_several_megabytes_is_a_form_error(client, staff_editor):
    from django.urls import reverse

    from tests.articles.admin_forms import article_post_data
    from tests.articles.factories import AuthorFactory, CategoryFactory

    client.force_login(staff_editor)
    huge = "<p>" + "kata " * 60_000 + "</p>"
    data = article_post_data(CategoryFactory(), AuthorFactory(), [], intro=huge)
    response = client.post(reverse("admin:articles_article_add"), data)
    assert response.status_code == 200
    assert "Teks terlalu panjang" in response.content.decode()
    assert not Article.objects.exists()
