import csv
import io
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from ads.models import DailyStat
from ads.roles import SALES_GROUP
from tests.ads.factories import AdvertiserFactory, SlotFactory, placed

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
    assert html.index("<svg") < html.index('<table class="report-table">')
    for row in (
        "<tr><td>1 Desember 2026</td><td>300</td><td>6</td><td>2,00%</td></tr>",
        "<tr><td>2 Desember 2026</td><td>0</td><td>0</td><td>0,00%</td></tr>",
        "<tr><td>3 Desember 2026</td><td>500</td><td>20</td><td>4,00%</td></tr>",
    ):
        assert row in html
    assert "<td>999</td>" not in html


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
