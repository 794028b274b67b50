import pytest

from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    FigureFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_reader_on_a_phone_sees_the_article_as_the_seed_page(
    live_server, page, artifacts
):
    article = ArticleFactory(
        title="Membangun Kebiasaan Membaca di Rumah", author=AuthorFactory(name="Jenia")
    )
    SectionFactory(article=article, position=1, heading="Mulai dari buku favorit")
    SectionFactory(
        article=article,
        position=2,
        heading="Sediakan sudut baca",
        figure=FigureFactory(caption="Sudut baca sederhana", source="arsip redaksi"),
    )
    SectionFactory(
        article=article, position=3, heading="Bertumbuh bersama", is_numbered=False
    )

    page.goto(live_server.url + article.get_absolute_url())

    assert page.locator("h1").inner_text() == "Membangun Kebiasaan Membaca di Rumah"
    headings = page.locator("article section h2").all_inner_texts()
    assert headings == [
        "1. Mulai dari buku favorit",
        "2. Sediakan sudut baca",
        "Bertumbuh bersama",
    ]
    assert "(sumber: arsip redaksi)" in page.locator("figcaption").inner_text()
    assert (
        page.locator(".author-credit").inner_text()
        == "(Artikel ini ditulis oleh Jenia)"
    )
    image = page.locator("figure img")
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    # Nothing overflows sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(artifacts / "article-phone.png"), full_page=True)
