"""Daily impressions, clicks and CTR for a period: the rows, the comparison with
the period before, the numbers of the SVG chart (drawn by ``admin/ads/_chart.svg``),
a CSV. The staff report (``ads.admin.ReportMixin``) and the client's report link
(``ads.views.client_report``) show the same ``report()``."""

import csv
import datetime
from dataclasses import dataclass

from django import forms
from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DEFAULT_DAYS = 30
MAX_DAYS = 366
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


@dataclass(frozen=True)
class Totals:
    impressions: int
    clicks: int

    @property
    def ctr(self) -> float:
        return ctr(self.impressions, self.clicks)


@dataclass(frozen=True)
class DayRow:
    date: datetime.date
    impressions: int
    clicks: int

    @property
    def ctr(self) -> float:
        return ctr(self.impressions, self.clicks)


def ctr(impressions: int, clicks: int) -> float:
    """Click-through rate in percent, 0 when nothing was shown."""
    return round(100 * clicks / impressions, 2) if impressions else 0.0


class PeriodForm(forms.Form):
    dari = forms.DateField(
        label=gettext_lazy("Dari"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    sampai = forms.DateField(
        label=gettext_lazy("Sampai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self):
        cleaned = super().clean()
        end = cleaned.get("sampai") or timezone.localdate()
        start = cleaned.get("dari") or end - datetime.timedelta(days=DEFAULT_DAYS - 1)
        if start > end:
            raise forms.ValidationError(
                _("Tanggal awal harus sebelum atau sama dengan tanggal akhir.")
            )
        if (end - start).days >= MAX_DAYS:
            raise forms.ValidationError(
                _("Periode paling panjang %(days)d hari.") % {"days": MAX_DAYS}
            )
        cleaned["dari"], cleaned["sampai"] = start, end
        return cleaned

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The chosen period, or the last 30 days when the input is missing or bad."""
        if self.is_valid():
            return self.cleaned_data["dari"], self.cleaned_data["sampai"]
        end = timezone.localdate()
        return end - datetime.timedelta(days=DEFAULT_DAYS - 1), end

    def shown(self) -> "PeriodForm":
        """The form to show: one whose date boxes hold the period being shown (a
        missing date filled in), or this one with its errors and what was typed."""
        if self.is_bound and not self.is_valid():
            return self
        start, end = self.period()
        return PeriodForm(initial={"dari": start, "sampai": end})


def previous_period(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.date, datetime.date]:
    """The period of the same length that ends the day before ``start``."""
    length = end - start
    previous_end = start - datetime.timedelta(days=1)
    return previous_end - length, previous_end


def totals(stats: QuerySet, start: datetime.date, end: datetime.date) -> Totals:
    """Impressions and clicks of ``stats`` from ``start`` to ``end``, one query."""
    found = stats.filter(date__range=(start, end)).aggregate(
        impressions_sum=Sum("impressions"), clicks_sum=Sum("clicks")
    )
    return Totals(found["impressions_sum"] or 0, found["clicks_sum"] or 0)


def change(current: float, previous: float) -> float | None:
    """The change from ``previous`` to ``current`` in percent; None when there
    was nothing before to compare with."""
    if not previous:
        return None
    return round(100 * (current - previous) / previous, 1)


@dataclass(frozen=True)
class Measure:
    """One line of the comparison: a measure in both periods and its change."""

    name: str
    current: float
    previous: float
    is_percent: bool = False

    @property
    def change(self) -> float | None:
        return change(self.current, self.previous)


def comparison(current: Totals, previous: Totals) -> list[Measure]:
    return [
        Measure(_("Tayangan"), current.impressions, previous.impressions),
        Measure(_("Klik"), current.clicks, previous.clicks),
        Measure(_("CTR"), current.ctr, previous.ctr, is_percent=True),
    ]


@dataclass(frozen=True)
class BlockRow:
    title: str
    impressions: int
    clicks: int

    @property
    def ctr(self) -> float:
        return ctr(self.impressions, self.clicks)


def block_totals(
    blocks: QuerySet, start: datetime.date, end: datetime.date
) -> list[BlockRow]:
    """Each of ``blocks`` with its impressions and clicks in the period (0 when
    it was not shown), most seen first, in one query."""
    in_period = Q(daily_stats__date__range=(start, end))
    found = (
        blocks.annotate(
            impressions_sum=Coalesce(
                Sum("daily_stats__impressions", filter=in_period), 0
            ),
            clicks_sum=Coalesce(Sum("daily_stats__clicks", filter=in_period), 0),
        )
        .order_by("-impressions_sum", "title", "pk")
        .values_list("title", "impressions_sum", "clicks_sum")
    )
    return [BlockRow(*row) for row in found]


def report(
    stats: QuerySet, start: datetime.date, end: datetime.date, name: str
) -> dict:
    """What a report page shows of ``stats`` (``DailyStat`` rows) for the period:
    the daily ``rows``, the ``total`` (``Totals``), the ``previous`` period and its
    ``comparison``, the ``chart`` and the ``best_day``; in two queries."""
    rows = daily_rows(stats, start, end)
    total = Totals(
        sum(row.impressions for row in rows), sum(row.clicks for row in rows)
    )
    previous_start, previous_end = previous_period(start, end)
    previous = totals(stats, previous_start, previous_end)
    return {
        "start": start,
        "end": end,
        "rows": rows,
        "total": total,
        "total_impressions": total.impressions,
        "total_clicks": total.clicks,
        "total_ctr": total.ctr,
        "previous_start": previous_start,
        "previous_end": previous_end,
        "comparison": comparison(total, previous),
        "best_day": best_day(rows),
        "chart": chart(rows, name),
    }


def best_day(rows: list[DayRow]) -> DayRow | None:
    """The day with the most clicks (then impressions, then the latest); None
    when nothing was shown in the period."""
    if not any(row.impressions or row.clicks for row in rows):
        return None
    return max(rows, key=lambda row: (row.clicks, row.impressions, row.date))


def daily_rows(
    stats: QuerySet, start: datetime.date, end: datetime.date
) -> list[DayRow]:
    """One row per day of the period (zeros where nothing happened), in one query."""
    totals = {
        row["date"]: row
        for row in stats.filter(date__range=(start, end))
        .values("date")
        .annotate(impressions_sum=Sum("impressions"), clicks_sum=Sum("clicks"))
        .order_by()
    }
    rows = []
    day = start
    while day <= end:
        found = totals.get(day, {})
        rows.append(
            DayRow(day, found.get("impressions_sum") or 0, found.get("clicks_sum") or 0)
        )
        day += datetime.timedelta(days=1)
    return rows


def showing_now(blocks: QuerySet) -> tuple[int, int]:
    """How many of ``blocks`` readers may be shown now (``eligible()``, the rule
    the slot picker follows), and how many there are, in one query."""
    eligible = blocks.model.objects.eligible()
    found = blocks.aggregate(
        total=Count("pk"), showing=Count("pk", filter=Q(pk__in=eligible))
    )
    return found["showing"], found["total"]


def _panel(
    rows, values, heading_y: int, top: int, height: int, width: int, left: int
) -> dict:
    """The geometry of one bar chart: its heading, axis, two ticks and one bar a
    day (each with the day and the exact value for its tooltip)."""
    peak = max(values) or 1
    slot_width = width / len(rows)
    bar_width = max(slot_width * 0.7, 1)
    bars = []
    for index, (row, value) in enumerate(zip(rows, values, strict=True)):
        bar_height = height * value / peak
        bars.append(
            {
                "x": round(left + index * slot_width + (slot_width - bar_width) / 2, 2),
                "y": round(top + height - bar_height, 2),
                "width": round(bar_width, 2),
                "height": round(bar_height, 2),
                "date": row.date,
                "value": value,
            }
        )
    return {
        "heading_y": heading_y,
        "axis_start": left,
        "axis_end": left + width,
        "axis_y": top + height,
        "tick_x": left - 6,
        "peak_y": top + 10,
        "peak": max(values),
        "bars": bars,
    }


def chart(rows: list[DayRow], name: str) -> dict:
    """The numbers of the report's chart: two stacked bar charts (impressions,
    clicks) sharing one time axis, drawn by ``admin/ads/_chart.svg``.

    The shape of the bars tells the story; the template's title and description
    say it in words for screen readers, and each bar carries its exact value as a
    tooltip.
    """
    width, height, left, right = 720, 300, 56, 12
    plot_width = width - left - right
    total_impressions = sum(row.impressions for row in rows)
    total_clicks = sum(row.clicks for row in rows)
    busiest = max(rows, key=lambda row: (row.impressions, row.date))
    return {
        "name": name,
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "label_y": height - 8,
        "start": rows[0].date,
        "end": rows[-1].date,
        "total_impressions": total_impressions,
        "total_clicks": total_clicks,
        "ctr": ctr(total_impressions, total_clicks),
        "busiest": busiest,
        "impressions": _panel(
            rows, [row.impressions for row in rows], 18, 28, 120, plot_width, left
        ),
        "clicks": _panel(
            rows, [row.clicks for row in rows], 182, 190, 80, plot_width, left
        ),
    }


def neutralise(cell):
    """Text a spreadsheet would run as a formula is prefixed with a quote."""
    if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES):
        return "'" + cell
    return cell


def csv_response(rows: list[DayRow], name: str, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so spreadsheet apps read UTF-8 names correctly
    writer = csv.writer(response)
    writer.writerow([_("tanggal"), _("nama"), _("tayangan"), _("klik"), _("CTR (%)")])
    for row in rows:
        writer.writerow(
            [
                neutralise(cell)
                for cell in (
                    row.date.isoformat(),
                    name,
                    row.impressions,
                    row.clicks,
                    f"{row.ctr:.2f}",
                )
            ]
        )
    return response
