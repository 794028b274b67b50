"""The Content-Security-Policy in a real browser, and staff enrolment under it."""

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from articles.roles import EDITOR
from tests.articles.factories import ArticleFactory, UserFactory
from tests.browser.conftest import CSP_VIOLATIONS

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 900}


def test_an_injected_inline_script_is_blocked_and_reported(live_server, page):
    article = ArticleFactory(title="Jadwal Ujian Sekolah")
    page.goto(live_server.url + article.get_absolute_url())

    page.evaluate(
        """() => {
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.append(script);
    }"""
    )

    assert page.evaluate("() => window.injected") is None
    page.wait_for_timeout(200)  # the violation event is dispatched after the insert
    assert any("script-src" in violation for violation in CSP_VIOLATIONS)
    CSP_VIOLATIONS.clear()  # this one was the point of the test


def test_an_editor_sets_up_two_step_verification_in_the_browser(
    live_server, browser, settings
):
    settings.WAYAHSINAU_REQUIRE_2FA = True
    editor = UserFactory(username="dimas", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    context = browser.new_context(viewport=DESKTOP, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", "dimas")
        page.fill("#id_password", "rahasia-uji-123")
        page.click("input[type=submit]")

        expect(page.locator("h1")).to_have_text("Verifikasi dua langkah")
        qr = page.locator("img[alt='Kode QR untuk aplikasi autentikator']")
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=qr.element_handle()
        )
        device = TOTPDevice.objects.get(user=editor, confirmed=False)
        page.fill("#id_otp_token", f"{totp(device.bin_key):06d}")
        page.click("input[type=submit]")

        expect(page.locator(".backup-codes li")).to_have_count(10)
        page.click("text=Lanjut ke admin")
        expect(page.locator("#user-tools")).to_be_visible()
        expect(page.locator("h1")).to_have_text("Redaksi")
    finally:
        context.close()


def test_the_editor_toolbar_works_under_the_policy_with_no_inline_handlers(
    live_server, browser
):
    """CKEditor 4 wires its buttons and dialogs with inline event handlers; the
    policy refuses them, and ckeditor-csp.js turns them into listeners. Bold, a
    link through the link dialog, and undo all work, and nothing is refused."""
    editor = UserFactory(username="dimas", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    article = ArticleFactory(title="Jadwal Ujian Sekolah", intro="<p>Awal</p>")
    context = browser.new_context(viewport=DESKTOP, locale="id-ID")
    context_page = context.new_page()
    context_page.set_default_timeout(15_000)
    page = context_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "dimas")
    page.fill("#id_password", "rahasia-uji-123")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")

    intro = page.locator("#cke_id_intro .cke_editable")
    expect(intro).to_have_attribute("contenteditable", "true")
    assert page.locator("#cke_id_intro [onclick]").count() == 0
    intro.click()
    page.keyboard.press("Control+A")
    page.locator("#cke_id_intro .cke_button__bold").click()
    expect(intro.locator("strong")).to_have_text("Awal")

    page.locator("#cke_id_intro .cke_button__link").click()
    dialog = page.locator(".cke_dialog").last
    expect(dialog).to_be_visible()
    dialog.locator("input.cke_dialog_ui_input_text").nth(1).fill(
        "wayahsinau.test/ujian"
    )
    dialog.locator(".cke_dialog_ui_button_ok").click()
    expect(intro.locator("a")).to_have_attribute("href", "http://wayahsinau.test/ujian")

    page.locator("#cke_id_intro .cke_button__undo").click()
    expect(intro.locator("a")).to_have_count(0)
    context.close()
