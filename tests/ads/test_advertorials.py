"""Honest advertorials: once Sales records who paid, readers are told who, the
structured data says so, and only Sales or an admin can remove the label, with
the change in the article's history."""

import json
import re

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from ads.models import Advertorial
from articles.models import Article
from articles.revisions import restore_revision, save_revision
from tests.ads.factories import AdvertiserFactory
from tests.articles.factories import ArticleFactory, SectionFactory, UserFactory
from tests.articles.test_roles import change_data, change_url

pytestmark = pytest.mark.django_db

NOTE = "Advertorial</span> · kerja sama dengan"
ADD = reverse("admin:ads_advertorial_add")
CHANGELIST = reverse("admin:ads_advertorial_changelist")


def json_ld(html: str) -> list:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S
    )
    return [json.loads(block) for block in blocks]


def reader_page(url: str) -> str:
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def advertorial(client, sales):
    """An advertorial an editor marked, then recorded by Sales for its sponsor."""
    article = ArticleFactory(is_sponsored=True, title="Kopi pagi yang menyegarkan")
    SectionFactory(article=article, position=1, heading="Cerita dari kebun")
    advertiser = AdvertiserFactory(name="Kopi Nusantara")
    client.force_login(sales)
    response = client.post(
        ADD, {"article": article.pk, "advertiser": advertiser.pk, "notes": "Rp 5 jt"}
    )
    assert response.status_code == 302
    client.logout()
    article.refresh_from_db()
    return article


def test_readers_are_told_who_paid_above_the_article_and_on_its_card(advertorial):
    assert advertorial.sponsor_name == "Kopi Nusantara"
    page = reader_page(advertorial.get_absolute_url())
    header = page[page.index('<header class="article-header">') :]
    assert header.index(f"{NOTE} Kopi Nusantara</p>") < header.index("<h1>")
    assert "Rp 5 jt" not in page  # Sales' notes stay internal

    home = reader_page(reverse("home"))
    card = home[home.index(advertorial.title) - 1200 : home.index(advertorial.title)]
    assert f"{NOTE} Kopi Nusantara</p>" in card
    search = reader_page(reverse("search") + "?q=kopi")
    assert f"{NOTE} Kopi Nusantara</p>" in search


def test_structured_data_names_the_sponsor(advertorial):
    page = reader_page(advertorial.get_absolute_url())
    news = json_ld(page)[0]
    assert news["@type"] == ["NewsArticle", "AdvertiserContentArticle"]
    assert news["sponsor"] == {"@type": "Organization", "name": "Kopi Nusantara"}
    assert (
        '<meta name="twitter:data1" content="Advertorial · kerja sama dengan '
        'Kopi Nusantara">' in page
    )


def test_an_untied_advertorial_names_no_sponsor(client):
    article = ArticleFactory(is_sponsored=True)
    page = reader_page(article.get_absolute_url())
    assert "kerja sama dengan" not in page
    assert "sponsor" not in json_ld(page)[0]


def test_sponsor_names_are_escaped_in_html_and_json_ld(client, sales):
    name = '</script><script>alert("x")</script> & "Kutip" \'Tunggal\''
    article = ArticleFactory(is_sponsored=True)
    client.force_login(sales)
    client.post(
        ADD,
        {
            "article": article.pk,
            "advertiser": AdvertiserFactory(name=name).pk,
            "notes": "",
        },
    )
    page = reader_page(article.get_absolute_url())

    assert '<script>alert("x")' not in page
    assert "</script><script>" not in page
    assert (
        "kerja sama dengan &lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)"
        "&lt;/script&gt; &amp; &quot;Kutip&quot; &#x27;Tunggal&#x27;</p>" in page
    )
    assert json_ld(page)[0]["sponsor"]["name"] == name


def test_a_renamed_sponsor_reaches_cached_pages_and_cards(advertorial):
    reader_page(advertorial.get_absolute_url())  # compiled and cached
    reader_page(reverse("home"))
    advertiser = Advertorial.objects.get().advertiser
    advertiser.name = "Kopi Nusantara Jaya"
    advertiser.save()

    for url in (advertorial.get_absolute_url(), reverse("home")):
        page = reader_page(url)
        assert f"{NOTE} Kopi Nusantara Jaya</p>" in page
        assert f"{NOTE} Kopi Nusantara</p>" not in page


def test_an_editor_cannot_remove_a_tied_label(client, staff_editor, advertorial):
    client.force_login(staff_editor)
    form = client.get(change_url(advertorial)).content.decode()
    assert "kerja sama dengan Kopi Nusantara, dicatat Sales" in form

    response = client.post(change_url(advertorial), change_data(advertorial))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["is_sponsored"]
    assert "hanya bisa dilepas Sales atau admin" in errors[0]
    advertorial.refresh_from_db()
    assert advertorial.is_sponsored
    assert "Kopi Nusantara" in reader_page(advertorial.get_absolute_url())

    # Keeping the label, the rest of the article saves as usual.
    kept = client.post(
        change_url(advertorial),
        change_data(
            advertorial, title="Kopi pagi, kini lebih segar", is_sponsored="on"
        ),
    )
    assert kept.status_code == 302
    advertorial.refresh_from_db()
    assert (advertorial.title, advertorial.is_sponsored) == (
        "Kopi pagi, kini lebih segar",
        True,
    )


def test_an_editor_may_still_untick_a_label_no_sponsor_is_tied_to(client, staff_editor):
    article = ArticleFactory(is_sponsored=True)
    SectionFactory(article=article, position=1)
    client.force_login(staff_editor)
    assert client.post(change_url(article), change_data(article)).status_code == 302
    article.refresh_from_db()
    assert not article.is_sponsored


def test_an_admin_removes_a_tied_label_and_history_records_it(client, advertorial):
    admin_user = UserFactory(username="akar", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    assert client.post(
        change_url(advertorial), change_data(advertorial)
    ).status_code == (302)
    advertorial.refresh_from_db()
    assert not advertorial.is_sponsored
    entry = LogEntry.objects.filter(
        content_type__model="article", object_id=str(advertorial.pk)
    ).latest("pk")
    assert entry.user == admin_user
    assert "Advertorial" in entry.get_change_message()
    version = Version.objects.get_for_object(advertorial).first()
    assert version.field_dict["is_sponsored"] is False
    assert "kerja sama dengan" not in reader_page(advertorial.get_absolute_url())


def test_sales_removes_the_label_from_the_ads_admin_with_history(
    client, sales, advertorial
):
    version_before = advertorial.version
    client.force_login(sales)
    response = client.post(
        CHANGELIST,
        {
            "action": "remove_label",
            "_selected_action": [Advertorial.objects.get().pk],
        },
    )
    assert response.status_code == 302
    advertorial.refresh_from_db()
    assert (advertorial.is_sponsored, advertorial.sponsor_name) == (False, "")
    assert advertorial.version == version_before + 1

    message = "Label advertorial dilepas (sponsor: Kopi Nusantara)."
    entry = LogEntry.objects.get(
        content_type__model="article", object_id=str(advertorial.pk)
    )
    assert (entry.user, entry.get_change_message()) == (sales, message)
    revision = Version.objects.get_for_object(advertorial).first().revision
    assert (revision.user, revision.comment) == (sales, message)

    page = reader_page(advertorial.get_absolute_url())
    assert "Advertorial" not in page
    assert "AdvertiserContentArticle" not in page
    listing = client.get(CHANGELIST).content.decode()
    assert 'alt="False"' in listing  # "label tampil" is off


def test_editors_cannot_reach_the_sales_removal(client, staff_editor, advertorial):
    client.force_login(staff_editor)
    response = client.post(
        CHANGELIST,
        {
            "action": "remove_label",
            "_selected_action": [Advertorial.objects.get().pk],
        },
    )
    assert response.status_code == 403
    advertorial.refresh_from_db()
    assert advertorial.is_sponsored and advertorial.sponsor_name


def test_an_old_revision_never_takes_the_label_away(staff_editor, advertorial):
    Article.objects.filter(pk=advertorial.pk).update(is_sponsored=False)
    save_revision(advertorial, staff_editor, "Sebelum advertorial")
    Article.objects.filter(pk=advertorial.pk).update(is_sponsored=True)
    old = Version.objects.get_for_object(advertorial).first()
    assert old.field_dict["is_sponsored"] is False

    restore_revision(advertorial, old, staff_editor)
    advertorial.refresh_from_db()
    assert advertorial.is_sponsored
    assert advertorial.sponsor_name == "Kopi Nusantara"


def test_deleting_the_record_unties_the_sponsor_but_keeps_the_label(
    client, sales, advertorial
):
    client.force_login(sales)
    record = Advertorial.objects.get()
    response = client.post(
        reverse("admin:ads_advertorial_delete", args=[record.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    advertorial.refresh_from_db()
    assert (advertorial.is_sponsored, advertorial.sponsor_name) == (True, "")
    page = reader_page(advertorial.get_absolute_url())
    assert "Advertorial" in page and "kerja sama dengan" not in page


def test_moving_the_record_to_another_article_unties_the_first(
    client, sales, advertorial
):
    other = ArticleFactory(is_sponsored=True)
    record = Advertorial.objects.get()
    client.force_login(sales)
    response = client.post(
        reverse("admin:ads_advertorial_change", args=[record.pk]),
        {"article": other.pk, "advertiser": record.advertiser_id, "notes": ""},
    )
    assert response.status_code == 302
    advertorial.refresh_from_db()
    other.refresh_from_db()
    assert advertorial.sponsor_name == ""
    assert other.sponsor_name == "Kopi Nusantara"
