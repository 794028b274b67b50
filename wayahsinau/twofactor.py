"""Two-step verification for staff (django-otp): who must use it, enrolment, and
the code asked at login.

Staff add an authenticator app (TOTP) on the admin page "Verifikasi dua langkah"
and get one-time backup codes with it. Whoever has a device gives a code at every
admin login. Editors and superusers (``articles.roles.is_editor``) must have one
when ``WAYAHSINAU_REQUIRE_2FA`` is on: until they have verified, the admin shows
them only that page. Writers and sales may enrol if they wish.
"""

from base64 import b32encode

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.roles import is_editor

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Aplikasi autentikator"
BACKUP_DEVICE_NAME = "Kode cadangan"

THROTTLED = _("Terlalu banyak kode yang salah. Tunggu sebentar, lalu coba lagi.")


def is_required(user) -> bool:
    """Whether ``user`` must pass a second step before using the admin."""
    return settings.WAYAHSINAU_REQUIRE_2FA and is_editor(user)


def has_app(user) -> bool:
    """Whether ``user`` has a confirmed authenticator app."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def must_enrol(user) -> bool:
    """Whether ``user`` must first set up an authenticator app: required for them,
    not verified in this session, and no app to verify with yet."""
    return is_required(user) and not user.is_verified() and not has_app(user)


def must_verify(user) -> bool:
    """Whether ``user`` is required to verify and has not in this session."""
    return is_required(user) and not user.is_verified()


def may_change_app(user) -> bool:
    """Whether ``user`` may set up, replace or get new backup codes in this session:
    always before they have an app, afterwards only once verified with it, so a
    password alone cannot swap in someone else's phone."""
    return not has_app(user) or user.is_verified()


def find_pending_app(user) -> TOTPDevice | None:
    """The authenticator app ``user`` is setting up, if any."""
    devices = TOTPDevice.objects.devices_for_user(user, confirmed=False)
    return devices.order_by("-pk").first()


def pending_app(user) -> TOTPDevice:
    """The authenticator app ``user`` is setting up, created on first ask; it stays
    unconfirmed (and is never asked at login) until a code from it is entered."""
    device = find_pending_app(user)
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=APP_DEVICE_NAME, confirmed=False
        )
    return device


def secret_text(device: TOTPDevice) -> str:
    """The device's secret as people type it into an app: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def activate_app(request: HttpRequest, device: TOTPDevice) -> list[str]:
    """Make ``device`` the user's only authenticator app, mark this session as
    verified by it, and return a fresh set of backup codes (replacing the old)."""
    user = device.user
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    otp_login(request, device)
    return new_backup_codes(user)


@transaction.atomic
def new_backup_codes(user) -> list[str]:
    """Replace ``user``'s backup codes with ``BACKUP_CODE_COUNT`` new ones, each
    accepted once at login instead of a code from the app."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME)
    codes = [StaticToken.random_token() for _i in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes


def remaining_backup_codes(user) -> int:
    """How many of ``user``'s backup codes are still unused."""
    return StaticToken.objects.filter(device__user=user).count()


def normalise_code(code: str) -> str:
    """What the user typed, without spaces and in lower case (backup codes)."""
    return "".join(code.split()).lower()


def check_code(device: Device, code: str) -> bool:
    """Whether ``code`` is accepted by ``device`` now. Raises ``ValidationError``
    while the device refuses codes after recent wrong ones (django-otp's growing
    delay). Call inside a transaction holding the device's row."""
    allowed, _extra = device.verify_is_allowed()
    if not allowed:
        raise forms.ValidationError(THROTTLED, code="throttled")
    return device.verify_token(code)


def verified_device(user, code: str) -> Device | None:
    """The confirmed device of ``user`` that accepts ``code``: six digits go to the
    authenticator app, anything else to the backup codes (only the device the
    code is meant for counts a wrong try)."""
    code = normalise_code(code)
    model = TOTPDevice if len(code) == 6 and code.isdigit() else StaticDevice
    with transaction.atomic():
        devices = model.objects.devices_for_user(user, confirmed=True)
        for device in devices.select_for_update():
            if check_code(device, code):
                return device
    return None


class LoginForm(AdminAuthenticationForm):
    """The admin login, with the code from the authenticator app (or a backup
    code) for staff who use two-step verification."""

    otp_token = forms.CharField(
        label=_("Kode verifikasi"),
        required=False,
        max_length=20,
        help_text=_(
            "Enam angka dari aplikasi autentikator, atau satu kode cadangan. "
            "Kosongkan bila Anda belum memakai verifikasi dua langkah."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )

    code_messages = {
        "code_required": _(
            "Akun ini memakai verifikasi dua langkah: masukkan kode dari aplikasi "
            "autentikator atau satu kode cadangan."
        ),
        "invalid_code": _("Kode verifikasi salah atau sudah kedaluwarsa."),
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is None or not user_has_device(user):
            return cleaned_data
        code = cleaned_data.get("otp_token", "")
        if not normalise_code(code):
            raise forms.ValidationError(
                self.code_messages["code_required"], code="code_required"
            )
        device = verified_device(user, code)
        if device is None:
            # A wrong code counts as a failed login (django-axes locks out).
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            raise forms.ValidationError(
                self.code_messages["invalid_code"], code="invalid_code"
            )
        # django-otp keeps the device in the session when the user is logged in.
        user.otp_device = device
        return cleaned_data


class ConfirmAppForm(forms.Form):
    """The first code from a new authenticator app, which confirms it."""

    otp_token = forms.CharField(
        label=_("Kode dari aplikasi"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )

    def __init__(self, *args, device: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        code = normalise_code(self.cleaned_data["otp_token"])
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=self.device.pk)
            accepted = check_code(device, code)
        # Raised outside the transaction, which keeps the count of wrong tries.
        if not accepted:
            raise forms.ValidationError(
                _(
                    "Kode salah atau sudah kedaluwarsa. Masukkan enam angka yang "
                    "sedang tampil di aplikasi."
                ),
                code="invalid_code",
            )
        self.device = device
        return code
