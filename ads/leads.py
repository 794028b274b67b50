"""Following up leads (``Enquiry``): how to reach the customer, how long they
have waited, and which leads have waited more than a working day."""

import datetime
from urllib.parse import quote, urlencode

from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from .forms import normalise_phone

WORKING_DAYS = range(0, 5)  # Monday to Friday


def whatsapp_number(phone: str) -> str | None:
    """``phone`` (0812…, +62 812…, 62812…) as WhatsApp's digits, "62812…";
    None when it is not an Indonesian number."""
    normalised = normalise_phone(phone)
    return normalised.removeprefix("+") if normalised else None


def contact_links(enquiry) -> dict[str, str | None]:
    """The addresses that call, message or mail the customer: ``tel``,
    ``whatsapp`` (wa.me, with a greeting ready to send) and ``mailto``."""
    digits = whatsapp_number(enquiry.phone)
    greeting = _(
        "Halo %(name)s, terima kasih atas minat Anda pada %(listing)s di Wayah Sinau."
    ) % {"name": enquiry.name, "listing": enquiry.listing.name}
    subject = _("Penawaran %(listing)s") % {"listing": enquiry.listing.name}
    return {
        "tel": f"tel:+{digits}" if digits else None,
        "whatsapp": (
            f"https://wa.me/{digits}?{urlencode({'text': greeting}, quote_via=quote)}"
            if digits
            else None
        ),
        "mailto": f"mailto:{quote(enquiry.email, safe='@')}?"
        + urlencode({"subject": subject}, quote_via=quote),
    }


def waited(since: datetime.datetime, now: datetime.datetime | None = None) -> str:
    """How long ago ``since`` was, in its largest unit: "3 jam lalu"."""
    now = now or timezone.now()
    if now - since < datetime.timedelta(minutes=1):
        return _("baru saja")
    return _("%(time)s lalu") % {"time": timesince(since, now, depth=1)}


def working_days_before(now: datetime.datetime, days: int = 1) -> datetime.datetime:
    """The moment ``days`` working days before ``now``, counting Monday to
    Friday in WIB only: a lead that came in before it has waited longer than
    that. Saturday and Sunday do not count (public holidays do)."""
    zone = timezone.get_default_timezone()
    remaining = datetime.timedelta(days=days)
    end = timezone.localtime(now, zone)
    day = end.date()
    while True:
        start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
        if day.weekday() in WORKING_DAYS:
            available = end - start
            if available >= remaining:
                return end - remaining
            remaining -= available
        day -= datetime.timedelta(days=1)
        end = start
