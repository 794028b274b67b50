"""The site's own app (the glue: its commands, the receivers that keep cached
pages fresh, and the counters' flush when a process stops), and third-party apps
configured for this site: Django's admin on a site that asks staff for their
second step, and django-axes under an Indonesian name."""

import atexit

from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig, apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.utils.translation import gettext_lazy as _


class WayahsinauConfig(AppConfig):
    """The glue between ``articles`` and ``ads``: no models; site-wide management
    commands (``flush_counters``, ``seed_demo``, ``seed_bench``) and the receivers
    of ``wayahsinau/signals.py``."""

    name = "wayahsinau"
    verbose_name = "Wayah Sinau"

    def ready(self):
        # These import both apps' models, which load only once the registry is
        # ready: Django's documented place for such imports.
        from . import signals  # noqa: F401 (connects the receivers)
        from .tally import flush_at_exit

        if getattr(settings, "WAYAHSINAU_FLUSH_AT_EXIT", True):
            atexit.register(flush_at_exit)


class AdminConfig(DjangoAdminConfig):
    default_site = "wayahsinau.admin_site.StaffAdminSite"

    def ready(self):
        super().ready()
        # django-otp's own device pages are in English and can show a device's
        # secret to other admins. Staff enrol on "Verifikasi dua langkah"; an admin
        # removes a lost device with `manage.py reset_two_factor`.
        for label in ("otp_totp.TOTPDevice", "otp_static.StaticDevice"):
            model = apps.get_model(label)
            if admin.site.is_registered(model):
                admin.site.unregister(model)


class AxesConfig(AxesAppConfig):
    verbose_name = _("Keamanan login")
