"""The tag admin: editors rename and delete, writers look up and add, nobody merges
tags through a door that checks no permission, and bad names are form errors."""

import pytest
from django.urls import reverse
from taggit.models import Tag, TaggedItem

from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:taggit_tag_changelist")
ADD = reverse("admin:taggit_tag_add")


def test_a_writer_cannot_merge_tags_on_published_articles(client, writer):
    """taggit's own admin let anyone who could list tags merge them, re-tagging
    every article, published ones included."""
    article = ArticleFactory(tags=["kopi"])
    kopi = Tag.objects.get(name="kopi")
    teh = Tag.objects.create(name="teh", slug="teh")
    client.force_login(writer)
    listing = client.get(CHANGELIST)
    assert listing.status_code == 200
    assert "render_tag_form" not in listing.content.decode()
    client.post(
        CHANGELIST, {"action": "render_tag_form", "_selected_action": [kopi.pk, teh.pk]}
    )
    client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "gabungan"})
    assert not Tag.objects.filter(name="gabungan").exists()
    assert list(article.tags.names()) == ["kopi"]
    assert TaggedItem.objects.filter(tag=kopi).count() == 1


def test_a_twin_tag_name_with_a_hidden_control_is_a_form_error(client, editor):
    Tag.objects.create(name="Sarapan", slug="sarapan")
    client.force_login(editor)
    response = client.post(ADD, {"name": "Sarapan\u202e", "slug": "sarapan-2"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"]
    assert list(Tag.objects.values_list("name", flat=True)) == ["Sarapan"]


def test_the_tag_list_shows_how_often_each_tag_is_used(client, editor):
    ArticleFactory(tags=["kopi"])
    ArticleFactory(tags=["kopi", "teh"])
    client.force_login(editor)
    response = client.get(CHANGELIST)
    rows = {tag.name: tag.article_count for tag in response.context["cl"].result_list}
    assert rows == {"kopi": 2, "teh": 1}


def test_the_tag_admin_speaks_indonesian(client, editor):
    client.force_login(editor)
    index = client.get(reverse("admin:index")).content.decode()
    assert "Taggit" not in index and "Tags" not in index
    page = client.get(ADD).content.decode()
    assert "Tambahkan tag" in page and ">Nama:<" in page
