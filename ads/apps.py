from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdsConfig(AppConfig):
    name = "ads"
    verbose_name = _("Iklan dan layanan")

    def ready(self):
        # The receivers import the models, which load only once the registry is
        # ready: Django's documented place for this import.
        from . import signals  # noqa: F401
