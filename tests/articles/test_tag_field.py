"""The tag field: tags separated by commas only, shown without quotes."""

import pytest

from tests.articles.factories import ArticleFactory, SectionFactory
from tests.articles.test_roles import change_data, change_url

pytestmark = pytest.mark.django_db


def test_the_tag_field_shows_tags_without_quotes_and_saves_them_back(client, editor):
    article = ArticleFactory(tags=["kebiasaan pagi", "belajar", "kopi, susu"])
    SectionFactory(article=article, position=1)
    client.force_login(editor)

    html = client.get(change_url(article)).content.decode()
    # Only a tag with a comma in it is quoted.
    shown = 'belajar, kebiasaan pagi, "kopi, susu"'
    assert 'value="belajar, kebiasaan pagi, &quot;kopi, susu&quot;"' in html

    response = client.post(change_url(article), change_data(article, tags=shown))
    assert response.status_code == 302
    assert sorted(article.tags.names()) == ["belajar", "kebiasaan pagi", "kopi, susu"]


@pytest.mark.parametrize(
    "typed, saved",
    [
        ("kebiasaan pagi", ["kebiasaan pagi"]),
        ("kebiasaan pagi, belajar", ["belajar", "kebiasaan pagi"]),
        ("  belajar ,, belajar,", ["belajar"]),
        ('"kopi, susu", teh manis', ["kopi, susu", "teh manis"]),
        ('"kopi, susu', ["kopi", "susu"]),
    ],
)
def test_tags_are_separated_by_commas_only(client, editor, typed, saved):
    article = ArticleFactory()
    SectionFactory(article=article, position=1)
    client.force_login(editor)
    response = client.post(change_url(article), change_data(article, tags=typed))
    assert response.status_code == 302
    assert sorted(article.tags.names()) == saved
