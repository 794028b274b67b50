"""Old addresses keep working: automatic 301s when a published article's slug
changes, chains that collapse, and manual redirects that editors add."""

import pytest
from django.urls import reverse

from articles.models import Article, Redirect
from tests.ads.factories import UA_BROWSER
from tests.articles.admin_forms import article_post_data
from tests.articles.factories import (
    ArticleFactory,
    AuthorFactory,
    CategoryFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

REDIRECT_ADD = reverse("admin:articles_redirect_add")


def rename(article, slug):
    article.slug = slug
    article.save()


def test_changing_a_published_slug_makes_the_old_address_a_301(client):
    article = ArticleFactory(slug="harga-cabai-naik")
    rename(article, "harga-cabai-naik-lagi")

    response = client.get("/artikel/harga-cabai-naik/")

    assert response.status_code == 301
    assert response["Location"] == "/artikel/harga-cabai-naik-lagi/"
    assert client.get(response["Location"]).status_code == 200


def test_chains_collapse_so_every_old_address_goes_straight_to_the_newest(client):
    article = ArticleFactory(slug="a")
    rename(article, "b")
    rename(article, "c")
    rename(article, "d")

    for old in ["a", "b", "c"]:
        response = client.get(f"/artikel/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/artikel/d/")


def test_going_back_to_an_old_slug_makes_it_live_without_a_loop(client):
    article = ArticleFactory(slug="a")
    rename(article, "b")
    rename(article, "a")

    assert client.get("/artikel/a/").status_code == 200
    response = client.get("/artikel/b/")
    assert (response.status_code, response["Location"]) == (301, "/artikel/a/")
    assert not Redirect.objects.filter(old_path="/artikel/a/").exists()


def test_renaming_a_draft_leaves_no_redirect(client):
    article = ArticleFactory(slug="judul-sementara", draft=True)
    rename(article, "judul-akhir")

    assert client.get("/artikel/judul-sementara/").status_code == 404
    assert not Redirect.objects.exists()


def test_the_query_string_is_kept(client):
    article = ArticleFactory(slug="lama")
    rename(article, "baru")

    response = client.get("/artikel/lama/", {"utm_source": "wa"})

    assert response["Location"] == "/artikel/baru/?utm_source=wa"


def test_a_live_page_wins_over_a_redirect(client):
    ArticleFactory(slug="terbaru")
    Redirect.objects.create(old_path="/artikel/terbaru/", new_path="/")

    assert client.get("/artikel/terbaru/").status_code == 200


def test_slug_change_in_the_admin_redirects_the_old_address(client, staff_editor):
    article = ArticleFactory(slug="belajar-menabung", title="Belajar Menabung")
    SectionFactory(article=article, position=1, heading="Mulai")
    client.force_login(staff_editor)
    data = article_post_data(
        article.category,
        article.author,
        [],
        title="Belajar Menabung Sejak Dini",
        slug="belajar-menabung-sejak-dini",
        opened_version=str(article.version),
        **{
            "sections-TOTAL_FORMS": "1",
            "sections-INITIAL_FORMS": "1",
            "sections-0-id": str(article.sections.get().pk),
            "sections-0-article": str(article.pk),
            "sections-0-position": "1",
            "sections-0-heading": "Mulai",
            "sections-0-body": "<p>Isi.</p>",
            "sections-0-is_numbered": "on",
        },
    )

    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]), data
    )
    client.logout()

    assert response.status_code == 302
    assert Article.objects.get().slug == "belajar-menabung-sejak-dini"
    response = client.get("/artikel/belajar-menabung/")
    assert response.status_code == 301
    assert response["Location"] == "/artikel/belajar-menabung-sejak-dini/"


def test_editors_add_manual_redirects_in_the_admin(client, staff_editor):
    article = ArticleFactory()
    client.force_login(staff_editor)

    response = client.post(
        REDIRECT_ADD,
        {"old_path": "/promo-ramadan/", "new_path": article.get_absolute_url()},
    )
    client.logout()

    assert response.status_code == 302
    response = client.get("/promo-ramadan/")
    assert (response.status_code, response["Location"]) == (
        301,
        article.get_absolute_url(),
    )


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "javascript:alert(1)",
        "evil.example",
        "/jalan baru/",
        "/baris\nbaru/",
    ],
)
def test_manual_redirects_only_point_at_paths_on_this_site(
    client, staff_editor, target
):
    client.force_login(staff_editor)

    response = client.post(REDIRECT_ADD, {"old_path": "/promo/", "new_path": target})

    assert response.status_code == 200
    assert "diawali “/”" in response.content.decode()
    assert not Redirect.objects.exists()


def test_a_redirect_to_itself_is_refused(client, staff_editor):
    client.force_login(staff_editor)

    response = client.post(REDIRECT_ADD, {"old_path": "/sama/", "new_path": "/sama/"})

    assert response.status_code == 200
    assert "tidak boleh sama" in response.content.decode()


def test_a_stored_off_site_target_is_never_followed(client):
    Redirect.objects.create(old_path="/promo/", new_path="//evil.example/")

    assert client.get("/promo/").status_code == 404


def test_redirect_admin_needs_permission(client, django_user_model):
    user = django_user_model.objects.create_user("tamu", password="x", is_staff=True)
    client.force_login(user)

    assert client.get(REDIRECT_ADD).status_code == 403
    assert (
        client.post(REDIRECT_ADD, {"old_path": "/a/", "new_path": "/"}).status_code
        == 403
    )
    assert not Redirect.objects.exists()


def test_renaming_a_scheduled_article_leaves_no_redirect(client):
    article = ArticleFactory(slug="kejutan-akhir-tahun", scheduled=True)
    rename(article, "kejutan-akhir-tahun-2026")

    assert client.get("/artikel/kejutan-akhir-tahun/").status_code == 404
    assert not Redirect.objects.exists()


@pytest.mark.parametrize("factory", [CategoryFactory, AuthorFactory])
def test_renamed_category_or_author_keeps_its_old_address_as_a_301(client, factory):
    owner = factory(name="Gaya Hidup", slug="gaya-hidup")
    article = ArticleFactory(**{factory._meta.model._meta.model_name: owner})
    old = owner.get_absolute_url()
    owner.name, owner.slug = "Gaya", "gaya"
    owner.save()

    response = client.get(old + "?page=2")
    assert response.status_code == 301
    assert response["Location"] == owner.get_absolute_url() + "?page=2"
    assert (
        article.get_absolute_url()
        in client.get(owner.get_absolute_url()).content.decode()
    )
    # Renamed back: the address is live again and redirects nowhere.
    owner.slug = "gaya-hidup"
    owner.save()
    assert client.get(old).status_code == 200
    assert (
        client.get(
            "/kategori/gaya/" if factory is CategoryFactory else "/penulis/gaya/"
        ).status_code
        == 301
    )


def test_renamed_category_keeps_its_feeds(client):
    category = CategoryFactory(slug="wisata")
    ArticleFactory(category=category)
    category.slug = "jalan-jalan"
    category.save()
    for old, new in [
        ("/kategori/wisata/feed/", "/kategori/jalan-jalan/feed/"),
        ("/kategori/wisata/feed/atom/", "/kategori/jalan-jalan/feed/atom/"),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)


def test_wordpress_post_and_page_ids_answer_with_a_301(
    client, django_assert_num_queries
):
    """An imported portal's "/?p=ID" links keep working, even when the home page
    is in the page cache; the plain home page pays no query for it."""
    client.defaults["HTTP_USER_AGENT"] = UA_BROWSER
    article = ArticleFactory(slug="petani-muda")
    Redirect.objects.create(old_path="/?p=22", new_path=article.get_absolute_url())
    Redirect.objects.create(old_path="/?page_id=7", new_path="/tentang/")
    Redirect.objects.create(old_path="/?p=23", new_path="//contoh-jahat.test/")
    assert client.get("/").status_code == 200
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200

    response = client.get("/?p=22")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()
    assert client.get("/?page_id=7")["Location"] == "/tentang/"
    # An unknown id, a stored off-site target or a non-number stays on the home
    # page (the home page's own canonical 301 drops a parameter it does not read).
    for address in ("/?p=23", "/?p=99", "/?p=abc", "/?p=%EF%BC%92%EF%BC%92"):
        response = client.get(address, follow=True)
        assert response.request["PATH_INFO"] == "/", address
        assert response.status_code == 200
    # Only the home page speaks WordPress: elsewhere "p" is just a parameter.
    response = client.get(f"{article.get_absolute_url()}?p=22", follow=True)
    assert response.request["PATH_INFO"] == article.get_absolute_url()
