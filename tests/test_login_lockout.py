"""Failed staff logins are limited per account and per address (django-axes), and an
admin can lift a lockout."""

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from articles.roles import EDITOR, WRITER
from tests.articles.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "rahasia-uji-123"
OFFICE = "203.0.113.7"
ELSEWHERE = "198.51.100.4"


def staff(username: str, role: str):
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def log_in(client, username: str, password: str, address: str = OFFICE):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def assert_locked_out(response, settings):
    assert response.status_code == 429
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds()) // 60
    assert response["Retry-After"] == str(minutes * 60)
    text = response.content.decode()
    assert f"login dikunci selama {minutes} menit" in text
    assert "hubungi admin redaksi" in text
    assert "_auth_user_id" not in response.client.session


def test_a_burst_of_wrong_passwords_locks_the_account_until_an_admin_lifts_it(
    client, settings
):
    staff("dimas", EDITOR)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = log_in(client, "dimas", "tebakan-salah")
        assert response.status_code == 200  # the form says the password is wrong
    assert_locked_out(log_in(client, "dimas", "tebakan-salah"), settings)

    # The right password is refused too, from this address and from any other.
    assert_locked_out(log_in(client, "dimas", PASSWORD), settings)
    assert_locked_out(log_in(Client(), "dimas", PASSWORD, ELSEWHERE), settings)

    # An admin deletes the attempts in the admin ("Keamanan login" > "Upaya akses").
    admin_client = Client()
    admin_client.force_login(
        UserFactory(username="kepala", is_staff=True, is_superuser=True)
    )
    attempts = AccessAttempt.objects.filter(username="dimas")
    response = admin_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": list(attempts.values_list("pk", flat=True)),
            "post": "yes",
        },
    )
    assert response.status_code == 302
    assert not attempts.exists()

    response = log_in(client, "dimas", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_many_accounts_guessed_from_one_address_lock_that_address(client, settings):
    staff("rina", WRITER)
    for number in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, f"tebakan{number}", "tebakan-salah")

    # Another person at that address is refused with the right password...
    assert_locked_out(log_in(Client(), "rina", PASSWORD), settings)
    # ...while the same account from another address logs in.
    response = log_in(Client(), "rina", PASSWORD, ELSEWHERE)
    assert response.status_code == 302


def test_the_lockout_is_lifted_with_axes_reset(client, settings):
    staff("dimas", EDITOR)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "dimas", "tebakan-salah")
    assert_locked_out(log_in(client, "dimas", PASSWORD), settings)

    reset(username="dimas")  # what `manage.py axes_reset_username dimas` runs

    assert log_in(client, "dimas", PASSWORD).status_code == 302


def test_login_security_pages_in_the_admin_are_in_indonesian(client):
    client.force_login(UserFactory(username="kepala", is_staff=True, is_superuser=True))
    log_in(Client(), "tebakan", "tebakan-salah")

    response = client.get(reverse("admin:axes_accessattempt_changelist"))

    text = response.content.decode()
    for label in ["Keamanan login", "Upaya akses", "Login Gagal", "Terkunci"]:
        assert label in text
    for english in ["Axes", "Access attempts", "Attempt Remaining", "Locked Out"]:
        assert english not in text
