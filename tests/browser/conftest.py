"""Playwright driving Debian's chromium. Never downloads a browser.

Outside CI the tests skip, saying why, when chromium is missing. In CI (CI=true)
a missing browser is a failure, because .ci/run installs it.

The live server sends the enforced Content-Security-Policy of the settings, and a
test fails if any page it opened reported a violation of it (a blocked script,
style, image or frame), whether the page or chromium itself noticed.
"""

import os
import shutil
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# Every context a test opens reports violations here (see ``browser``).
CSP_VIOLATIONS: list[str] = []
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.effectiveDirective} blocked `
    + `${event.blockedURI || "inline code"} on ${event.documentURI}`);
});
"""


def record_violation(message) -> None:
    text = message.text
    if "CSP violation" in text or "Content Security Policy" in text:
        CSP_VIOLATIONS.append(text)


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    )


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if chromium_path() or not browser_items:
        return
    if os.environ.get("CI"):
        return  # the fixture fails loudly below
    reason = "chromium not found: browser tests skipped (install Debian's chromium)"
    print(f"\n*** {reason} ***")
    for item in browser_items:
        item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not path:
        pytest.fail("chromium is required in CI (.ci/run installs it with apt-get)")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        new_context = browser.new_context

        def watched_context(**options):
            context = new_context(**options)
            context.add_init_script(REPORT_VIOLATIONS)
            context.on("console", record_violation)
            return context

        browser.new_context = watched_context
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def no_csp_violations(settings):
    """Fails the test if a page broke the policy; the policy is on and enforced."""
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert "'unsafe-inline'" not in directives["script-src"]
    CSP_VIOLATIONS.clear()
    yield
    assert not CSP_VIOLATIONS, "\n".join(CSP_VIOLATIONS)


@pytest.fixture
def page(browser):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="id-ID"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
