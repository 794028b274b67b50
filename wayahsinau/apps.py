"""Third-party apps, configured for this site: Django's admin on a site that asks
staff for their second step, and django-axes under an Indonesian name."""

from axes.apps import AppConfig as AxesAppConfig
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.utils.translation import gettext_lazy as _


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
