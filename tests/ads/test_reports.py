import csv
import io
from datetime import date, timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from ads.models import DailyStat
from ads.roles import SALES_GROUP
from tests.ads.factories import UA_BROWSER, AdvertiserFactory, SlotFactory, placed
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sales_client(client, django_user_model):
    user = django_user_model.objects.create_user(
        "sales", "sales@wayahsinau.test", "rahasia-uji-123", is_staff=True
    )
    user.groups.add(Group.objects.get(name=SALES_GROUP))
    client.force_login(user)
    return client


@pytest.fixture
def block_with_stats():
    header, footer = SlotFactory(key="header"), SlotFactory(key="footer")
    block = placed(header, title="Promo Batik Desember")
    for day, slot, impressions, clicks in [
        (date(2026, 12, 1), header, 200, 4),
        (date(2026, 12, 1), footer, 100, 2),
        (date(2026, 12, 3), header, 500, 20),
        (date(2026, 11, 30), header, 999, 99),  # outside the chosen period
    ]:
        DailyStat.objects.create(
            block=block, slot=slot, date=day, impressions=impressions, clicks=clicks
        )
    return block


def one_day_of(block):
    """40 impressions and 2 clicks of ``block`` on 2 December 2026."""
    DailyStat.objects.create(
        block=block,
        slot=block.placements.get().slot,
        date=date(2026, 12, 2),
        impressions=40,
        clicks=2,
    )


def report_url(block, **params):
    url = reverse("admin:ads_sponsoredblock_report", args=[block.pk])
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{url}?{query}" if query else url


def test_block_report_has_an_accessible_chart_and_a_daily_table(
    sales_client, block_with_stats
):
    response = sales_client.get(
        report_url(block_with_stats, dari="2026-12-01", sampai="2026-12-03")
    )
    html = response.content.decode()

    assert response.status_code == 200
    assert '<svg class="ads-chart"' in html
    assert 'role="img" aria-labelledby="grafik-judul grafik-deskripsi"' in html
    assert '<title id="grafik-judul">Tayangan dan klik harian: Promo Batik' in html
    assert "800 tayangan, 26 klik, CTR 3,25%" in html
    assert "Tayangan terbanyak pada 3 Desember 2026 (500)" in html
    assert html.count('class="chart-impressions"') == 3  # one bar per day
    assert html.index("<svg") < html.index('<table class="report-table report-days">')
    for row in (
        "<tr><td>1 Desember 2026</td><td>300</td><td>6</td><td>2,00%</td></tr>",
        "<tr><td>2 Desember 2026</td><td>0</td><td>0</td><td>0,00%</td></tr>",
        "<tr><td>3 Desember 2026</td><td>500</td><td>20</td><td>4,00%</td></tr>",
    ):
        assert row in html
    days = html[html.index('<table class="report-table report-days">') :]
    assert "<td>999</td>" not in days  # 30 November is the period before


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"dari": "2026-12-05", "sampai": "2026-12-01"}, "Tanggal awal harus"),
        ({"dari": "2020-01-01", "sampai": "2026-12-01"}, "Periode paling panjang"),
        ({"dari": "bukan-tanggal"}, "tanggal"),
    ],
)
def test_bad_periods_get_a_message_and_the_default_period(
    sales_client, block_with_stats, params, message
):
    response = sales_client.get(report_url(block_with_stats, **params))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert len(response.context["rows"]) == 30


def test_csv_export_neutralises_spreadsheet_formulas(sales_client):
    advertiser = AdvertiserFactory(name='=HYPERLINK("https://evil.example","klik")')
    block = placed(SlotFactory(key="header"), advertiser=advertiser, title="@SUM(A1)")
    one_day_of(block)

    for url in (
        reverse("admin:ads_advertiser_report", args=[advertiser.pk]),
        reverse("admin:ads_sponsoredblock_report", args=[block.pk]),
    ):
        response = sales_client.get(
            url, {"dari": "2026-12-01", "sampai": "2026-12-02", "format": "csv"}
        )
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert rows[0] == ["tanggal", "nama", "tayangan", "klik", "CTR (%)"]
        assert len(rows) == 3
        assert rows[2][2:] == ["40", "2", "5.00"]
        for row in rows[1:]:
            assert row[1].startswith("'")
            assert not row[1].startswith(("=", "+", "-", "@"))


def test_advertiser_report_adds_up_all_its_blocks(sales_client):
    advertiser = AdvertiserFactory(name="Toko Batik Sekar")
    slot = SlotFactory(key="header")
    for impressions in (100, 300):
        block = placed(slot, advertiser=advertiser)
        DailyStat.objects.create(
            block=block, slot=slot, date=date(2026, 12, 1), impressions=impressions
        )
    placed(slot)  # someone else's block
    response = sales_client.get(
        reverse("admin:ads_advertiser_report", args=[advertiser.pk]),
        {"dari": "2026-12-01", "sampai": "2026-12-01"},
    )
    assert response.context["total_impressions"] == 400
    assert "Laporan: Toko Batik Sekar" in response.content.decode()


def test_report_for_unknown_object_is_404(sales_client):
    url = reverse("admin:ads_sponsoredblock_report", args=[999999])
    assert sales_client.get(url).status_code == 404


def test_report_chart_escapes_advertiser_and_block_names(sales_client):
    advertiser = AdvertiserFactory(name="<script>alert('iklan')</script> & Co")
    block = placed(
        SlotFactory(key="header"), advertiser=advertiser, title="<script>x()</script>"
    )
    one_day_of(block)

    for url, escaped in (
        (
            reverse("admin:ads_advertiser_report", args=[advertiser.pk]),
            "&lt;script&gt;alert(&#x27;iklan&#x27;)&lt;/script&gt; &amp; Co",
        ),
        (
            reverse("admin:ads_sponsoredblock_report", args=[block.pk]),
            "&lt;script&gt;x()&lt;/script&gt;",
        ),
    ):
        html = sales_client.get(
            url, {"dari": "2026-12-01", "sampai": "2026-12-02"}
        ).content.decode()
        start = html.index('<svg class="ads-chart"')
        chart = html[start : html.index("</svg>", start)]

        assert "<script>alert" not in html
        assert "<script>x()" not in html
        assert f'<title id="grafik-judul">Tayangan dan klik harian: {escaped}' in chart
        assert "<title>2 Desember 2026: 40 tayangan</title>" in chart
        assert "<title>1 Desember 2026: 0 klik</title>" in chart
        assert chart.count("<rect ") == 4  # two days, two panels


def reader_views(url: str, times: int) -> None:
    reader = Client(HTTP_USER_AGENT=UA_BROWSER)
    for _ in range(times):
        assert reader.get(url).status_code == 200


@pytest.mark.parametrize("push_seconds", [0, 3600])
def test_report_counts_every_view_up_to_the_moment_it_is_opened(
    sales_client, settings, push_seconds
):
    """Impressions wait in the cache's counters (0: pushed at once, flushed once
    a minute) or in the process's tally (3600): the report adds both."""
    settings.WAYAHSINAU_COUNTER_PUSH_SECONDS = push_seconds
    block = placed(SlotFactory(key="header"), title="Promo Kopi")
    reader_views(ArticleFactory().get_absolute_url(), 6)
    assert sum(DailyStat.objects.values_list("impressions", flat=True)) < 6

    before = timezone.now()
    response = sales_client.get(report_url(block))
    html = response.content.decode()

    assert response.context["total_impressions"] == 6
    today = timezone.localdate()
    assert f"<tr><td>{today:%-d} " in html
    as_of = response.context["as_of"]
    assert before <= as_of <= timezone.now()
    moment = formats.date_format(timezone.localtime(as_of), "j F Y, H.i")
    assert f"Data per {moment} WIB." in html
    assert "mungkin belum masuk" not in html


def test_report_says_when_the_last_minute_may_be_missing(sales_client, settings):
    settings.WAYAHSINAU_COUNTER_PUSH_SECONDS = 0
    block = placed(SlotFactory(key="header"))
    cache.add("ads:impressions:flush-lock", 1, 300)  # a flush that never ends
    with mock.patch("ads.counting.REPORT_FLUSH_WAIT", 0):
        html = sales_client.get(report_url(block)).content.decode()
    assert "Hitungan satu menit terakhir mungkin belum masuk" in html


def test_numbers_are_grouped_the_indonesian_way_and_the_csv_stays_raw(sales_client):
    block = placed(SlotFactory(key="header"), title="Promo Besar")
    DailyStat.objects.create(
        block=block,
        slot=block.placements.get().slot,
        date=date(2026, 12, 2),
        impressions=11595,
        clicks=1234,
    )
    params = {"dari": "2026-12-01", "sampai": "2026-12-02"}
    html = sales_client.get(report_url(block, **params)).content.decode()

    assert "Total 11.595 tayangan, 1.234 klik, CTR 10,64%." in html
    assert (
        "<tr><td>2 Desember 2026</td><td>11.595</td><td>1.234</td><td>10,64%</td></tr>"
        in html
    )
    assert "<title>2 Desember 2026: 11.595 tayangan</title>" in html
    assert "11595" not in html  # nowhere ungrouped, the chart included

    rows = list(
        csv.reader(
            io.StringIO(
                sales_client.get(
                    report_url(block, format="csv", **params)
                ).content.decode("utf-8-sig")
            )
        )
    )
    assert rows[2] == ["2026-12-02", "Promo Besar", "11595", "1234", "10.64"]


def test_date_boxes_show_the_period_being_shown(sales_client, block_with_stats):
    today = timezone.localdate()
    html = sales_client.get(report_url(block_with_stats)).content.decode()
    start = today - timedelta(days=29)
    assert f'name="dari" value="{start.isoformat()}"' in html
    assert f'name="sampai" value="{today.isoformat()}"' in html

    # Only a start: the end is today, and both boxes say so.
    html = sales_client.get(
        report_url(block_with_stats, dari="2026-11-20")
    ).content.decode()
    assert 'name="dari" value="2026-11-20"' in html
    assert f'name="sampai" value="{today.isoformat()}"' in html
    assert "Periode 20 November 2026 sampai" in html
    # The CSV link downloads the same period.
    assert f"dari=2026-11-20&amp;sampai={today.isoformat()}&amp;format=csv" in html


def test_report_compares_with_the_previous_period_of_the_same_length(sales_client):
    block = placed(SlotFactory(key="header"))
    slot = block.placements.get().slot
    for day, impressions, clicks in [
        (date(2026, 11, 28), 999, 99),  # before the previous period
        (date(2026, 11, 29), 1000, 10),  # previous: 29 November - 1 December
        (date(2026, 12, 1), 1000, 10),
        (date(2026, 12, 2), 3000, 45),  # shown: 2 - 4 December
    ]:
        DailyStat.objects.create(
            block=block, slot=slot, date=day, impressions=impressions, clicks=clicks
        )
    response = sales_client.get(
        report_url(block, dari="2026-12-02", sampai="2026-12-04")
    )
    html = response.content.decode()

    assert (response.context["previous_start"], response.context["previous_end"]) == (
        date(2026, 11, 29),
        date(2026, 12, 1),
    )
    assert "periode sebelumnya (29 November 2026 sampai 1 Desember 2026)" in html
    for line in (
        '<th scope="row">Tayangan</th><td>3.000</td><td>2.000</td><td>+50,0%</td>',
        '<th scope="row">Klik</th><td>45</td><td>20</td><td>+125,0%</td>',
        '<th scope="row">CTR</th><td>1,50%</td><td>1,00%</td><td>+50,0%</td>',
    ):
        assert line in html


def test_comparison_with_an_empty_previous_period_says_new(sales_client):
    block = placed(SlotFactory(key="header"))
    one_day_of(block)
    html = sales_client.get(
        report_url(block, dari="2026-12-02", sampai="2026-12-02")
    ).content.decode()
    assert '<th scope="row">Tayangan</th><td>40</td><td>0</td><td>baru</td>' in html


def test_advertiser_report_lists_each_of_its_blocks(sales_client):
    advertiser = AdvertiserFactory(name="Kopi Nusantara")
    slot = SlotFactory(key="header")
    for title, impressions in (("Promo Pagi", 100), ("Promo Sore", 300)):
        block = placed(slot, advertiser=advertiser, title=title)
        DailyStat.objects.create(
            block=block, slot=slot, date=date(2026, 12, 1), impressions=impressions
        )
    placed(slot, title="Blok Orang Lain")
    html = sales_client.get(
        reverse("admin:ads_advertiser_report", args=[advertiser.pk]),
        {"dari": "2026-12-01", "sampai": "2026-12-01"},
    ).content.decode()
    blocks = html[html.index("report-blocks") :]
    assert blocks.index("Promo Sore") < blocks.index("Promo Pagi")
    assert "Blok Orang Lain" not in html
