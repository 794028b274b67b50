"""Two-step verification for staff: editors must enrol when it is required, staff
with an authenticator app give its code at login, and backup codes work once."""

from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from articles.roles import EDITOR, SALES, WRITER
from tests.articles.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "rahasia-uji-123"
SETUP = "/admin/verifikasi-dua-langkah/"


@pytest.fixture
def required(settings):
    settings.WAYAHSINAU_REQUIRE_2FA = True
    # Each test types several codes in a row; the delay after a wrong one is
    # django-otp's own and tested there.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def staff(username: str, role: str):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def code_for(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code the phone shows now (or ``steps_ahead`` periods later: a code is
    accepted once, and the next period's is within the allowed drift)."""
    value = totp(
        device.bin_key, step=device.step, digits=device.digits, drift=steps_ahead
    )
    return f"{value:0{device.digits}d}"


def log_in(client, username: str, code: str = ""):
    return client.post(
        reverse("admin:login"),
        {
            "username": username,
            "password": PASSWORD,
            "otp_token": code,
            "next": "/admin/",
        },
    )


def enrol(client) -> tuple[TOTPDevice, list[str]]:
    response = client.get(SETUP)
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=response.wsgi_request.user, confirmed=False)
    response = client.post(SETUP, {"action": "confirm", "otp_token": code_for(device)})
    assert response.status_code == 200
    return device, response.context["backup_codes"]


def test_an_editor_without_an_app_is_sent_to_enrolment(client, required):
    staff("dimas", EDITOR)
    assert log_in(client, "dimas")["Location"] == "/admin/"

    for address in ["/admin/", "/admin/articles/article/", "/admin/password_change/"]:
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"] == SETUP

    response = client.get(SETUP)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Verifikasi dua langkah" in text
    assert "wajib memakai verifikasi dua langkah" in text
    device = TOTPDevice.objects.get(user__username="dimas", confirmed=False)
    assert response.context["secret"].replace(" ", "") in text.replace(" ", "")
    qr = client.get(reverse("admin:two_factor_qr"))
    assert qr["Content-Type"] == "image/svg+xml"
    assert qr.content.lstrip().startswith(b"<?xml") or b"<svg" in qr.content[:200]
    assert device.config_url.startswith("otpauth://totp/Wayah%20Sinau%3Adimas?")


def test_enrolment_with_a_valid_code_unlocks_the_admin_and_login_then_needs_a_code(
    client, required
):
    staff("dimas", EDITOR)
    log_in(client, "dimas")
    device, backup_codes = enrol(client)

    device.refresh_from_db()
    assert device.confirmed
    assert len(backup_codes) == 10
    assert client.get("/admin/").status_code == 200

    client.post(reverse("admin:logout"))
    response = log_in(client, "dimas")
    assert response.status_code == 200
    assert "masukkan kode dari aplikasi autentikator" in response.content.decode()
    assert "_auth_user_id" not in client.session

    response = log_in(client, "dimas", code_for(device, steps_ahead=1))
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_gets_an_indonesian_form_error(client, required):
    staff("dimas", EDITOR)
    log_in(client, "dimas")
    client.get(SETUP)

    response = client.post(SETUP, {"action": "confirm", "otp_token": "000000"})

    assert response.status_code == 200
    assert response.context["form"].errors["otp_token"] == [
        "Kode salah atau sudah kedaluwarsa. Masukkan enam angka yang sedang tampil "
        "di aplikasi."
    ]
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.get("/admin/")["Location"] == SETUP


def test_a_wrong_code_at_login_is_refused_and_counts_as_a_failed_login(
    client, required
):
    staff("dimas", EDITOR)
    log_in(client, "dimas")
    device, _codes = enrol(client)
    client.post(reverse("admin:logout"))

    response = log_in(client, "dimas", "123456")

    assert response.status_code == 200
    assert "Kode verifikasi salah atau sudah kedaluwarsa." in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="dimas").failures_since_start == 1


def test_a_backup_code_logs_in_once(client, required):
    staff("dimas", EDITOR)
    log_in(client, "dimas")
    _device, backup_codes = enrol(client)
    client.post(reverse("admin:logout"))

    assert log_in(client, "dimas", backup_codes[0].upper()).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.post(reverse("admin:logout"))

    assert log_in(client, "dimas", backup_codes[0]).status_code == 200
    assert StaticToken.objects.filter(device__user__username="dimas").count() == 9


def test_an_editor_with_an_app_but_an_unverified_session_must_log_in_again(
    client, settings
):
    staff("dimas", EDITOR)
    log_in(client, "dimas")
    device, _codes = enrol(client)
    # A session that began before the rule was turned on, without a code.
    other = Client()
    other.force_login(device.user)
    settings.WAYAHSINAU_REQUIRE_2FA = True

    response = other.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    # Nor can it replace the app or draw new backup codes with a password alone.
    assert other.get(SETUP + "?ganti=1").context.get("form") is None
    assert other.get(reverse("admin:two_factor_qr")).status_code == 404
    response = other.post(SETUP, {"action": "backup-codes"})
    assert "backup_codes" not in response.context


@pytest.mark.parametrize("role", [WRITER, SALES])
def test_writers_and_sales_are_not_forced_but_may_enrol(client, required, role):
    staff("rina", role)
    log_in(client, "rina")

    response = client.get("/admin/")
    assert response.status_code == 200
    assert f'<a href="{SETUP}">Verifikasi dua langkah</a>' in response.content.decode()

    device, _codes = enrol(client)
    client.post(reverse("admin:logout"))
    assert log_in(client, "rina").status_code == 200  # the code is now asked
    assert log_in(client, "rina", code_for(device, steps_ahead=1)).status_code == 302


def test_nothing_is_required_while_the_setting_is_off(client, settings):
    settings.WAYAHSINAU_REQUIRE_2FA = False
    staff("dimas", EDITOR)
    log_in(client, "dimas")

    assert client.get("/admin/").status_code == 200


def test_reset_two_factor_removes_a_lost_phone(client, required):
    staff("dimas", EDITOR)
    log_in(client, "dimas")
    enrol(client)

    call_command("reset_two_factor", "dimas", stdout=StringIO())

    assert not TOTPDevice.objects.filter(user__username="dimas").exists()
    assert client.get("/admin/")["Location"] == SETUP


def test_codes_typed_too_fast_after_a_wrong_one_are_refused_in_indonesian(client):
    staff("dimas", EDITOR)
    log_in(client, "dimas")
    client.get(SETUP)
    client.post(SETUP, {"action": "confirm", "otp_token": "000000"})

    response = client.post(SETUP, {"action": "confirm", "otp_token": "111111"})

    assert response.context["form"].errors["otp_token"] == [
        "Terlalu banyak kode yang salah. Tunggu sebentar, lalu coba lagi."
    ]
