"""The admin site: Django's, with two-step verification (wayahsinau/twofactor.py).

Installed as the default site by ``wayahsinau.apps.AdminConfig``, so every
``admin.site.register`` in the apps lands here.
"""

from functools import wraps

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp.qr import write_qrcode_image

from articles.pictures import PictureAutocompleteJsonView

from . import intake, twofactor


class StaffAdminSite(admin.AdminSite):
    """Asks for the code of staff who have a device when they log in; editors who
    must use one reach only the enrolment page until they have verified."""

    login_form = twofactor.LoginForm
    login_template = "admin/two_factor/login.html"

    def has_permission(self, request):
        return super().has_permission(request) and not twofactor.must_verify(
            request.user
        )

    def admin_view(self, view, cacheable=False):
        checked = super().admin_view(view, cacheable)

        @wraps(checked)
        def enrol_first(request, *args, **kwargs):
            user = request.user
            if user.is_active and user.is_staff and twofactor.must_enrol(user):
                return redirect("admin:two_factor")
            return checked(request, *args, **kwargs)

        return enrol_first

    def autocomplete_view(self, request):
        # A figure's answer carries its thumbnail (the chosen cover shows at once).
        return PictureAutocompleteJsonView.as_view(admin_site=self)(request)

    def get_urls(self):
        # Reachable by staff who have not verified yet: only the enrolment pages.
        def staff_only(view):
            return never_cache(staff_member_required(view, login_url="admin:login"))

        return [
            path(
                "verifikasi-dua-langkah/",
                staff_only(self.two_factor_view),
                name="two_factor",
            ),
            path(
                "verifikasi-dua-langkah/kode-qr.svg",
                staff_only(self.two_factor_qr_view),
                name="two_factor_qr",
            ),
            path(
                "impor-naskah/",
                self.admin_view(self.import_document_view),
                name="import_document",
            ),
            *super().get_urls(),
        ]

    def import_document_view(self, request):
        """ "Impor naskah": a press release in, a draft article out."""
        return intake.import_document_view(request, self)

    def two_factor_view(self, request):
        """Set up an authenticator app, see the state of one, replace it, or get new
        backup codes (``twofactor.may_change_app`` says who may change what)."""
        user = request.user
        has_app = twofactor.has_app(user)
        may_change = twofactor.may_change_app(user)
        context = {
            **self.each_context(request),
            "title": _("Verifikasi dua langkah"),
            "is_required": twofactor.is_required(user),
            "has_app": has_app,
            "may_change": may_change,
        }
        action = request.POST.get("action") if request.method == "POST" else None
        if action == "backup-codes" and has_app and may_change:
            return self.show_backup_codes(
                request, context, twofactor.new_backup_codes(user)
            )
        replacing = may_change and (not has_app or "ganti" in request.GET)
        if not replacing:
            context["backup_codes_left"] = twofactor.remaining_backup_codes(user)
            return TemplateResponse(request, "admin/two_factor/setup.html", context)
        device = twofactor.pending_app(user)
        form = twofactor.ConfirmAppForm(
            request.POST if action == "confirm" else None, device=device
        )
        if form.is_valid():
            codes = twofactor.activate_app(request, form.device)
            return self.show_backup_codes(request, context, codes, is_new=True)
        context.update(
            {
                "form": form,
                "replacing": has_app,
                "secret": twofactor.secret_text(device),
            }
        )
        return TemplateResponse(request, "admin/two_factor/setup.html", context)

    def show_backup_codes(self, request, context, codes, is_new=False):
        context = {**context, "backup_codes": codes, "is_new": is_new}
        if is_new:
            # Verified just now: the page may offer the admin and its menu.
            context.update(self.each_context(request), has_app=True)
        response = TemplateResponse(
            request, "admin/two_factor/backup_codes.html", context
        )
        response["Cache-Control"] = "no-store"
        return response

    def two_factor_qr_view(self, request):
        """The QR code of the app being set up, as an SVG image."""
        user = request.user
        may_change = twofactor.may_change_app(user)
        device = twofactor.find_pending_app(user) if may_change else None
        if device is None:
            raise Http404(_("Tidak ada aplikasi yang sedang disiapkan."))
        response = HttpResponse(content_type="image/svg+xml")
        write_qrcode_image(device.config_url, response)
        return response
