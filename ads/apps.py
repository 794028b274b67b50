import atexit
import logging

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


def flush_at_exit() -> None:
    """A stopping worker writes what its cache still counts (with the local-memory
    cache those counters die with the process)."""
    from django.core.cache import caches
    from django.core.cache.backends.locmem import LocMemCache

    from articles.popularity import flush_counters
    from wayahsinau.tally import tally

    from .counting import flush_impressions

    try:
        tally.push()  # what this process counted in its last second
        flush_impressions()
        # A shared cache (Redis) keeps the running minute for the other workers.
        flush_counters(include_current=isinstance(caches["default"], LocMemCache))
    except Exception:
        logger.exception("Could not flush the counters at exit")


class AdsConfig(AppConfig):
    name = "ads"
    verbose_name = _("Iklan dan layanan")

    def ready(self):
        from . import signals  # noqa: F401

        if getattr(settings, "WAYAHSINAU_FLUSH_AT_EXIT", True):
            atexit.register(flush_at_exit)
