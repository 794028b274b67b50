from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def iso_datetime(value: datetime | None) -> str:
    """``value`` in WIB for a ``datetime`` attribute: ``2026-11-27T09:30:00+07:00``.

    Django's ``c`` format keeps microseconds, which HTML does not allow.
    """
    if not value:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")
