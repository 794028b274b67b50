"""axe-core and Lighthouse on the public pages, in Debian's chromium."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import CHROMIUM_ARGS, chromium_path
from tests.pages import load_demo, public_pages

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parent.parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
# Rules the issue names explicitly: each must have run on every page (passed or
# found nothing to check), so a silent misconfiguration cannot hide them.
REQUIRED_RULES = {
    "color-contrast",
    "landmark-one-main",
    "region",
    "heading-order",
    "link-name",
    "label",
    "image-alt",
    "document-title",
    "html-has-lang",
}


def test_axe_finds_no_serious_or_critical_violations(live_server, page):
    load_demo()
    axe = Axe()
    problems = []
    for name, path in public_pages().items():
        page.goto(live_server.url + path)
        results = axe.run(page).response
        for violation in results["violations"]:
            if violation["impact"] in {"serious", "critical"}:
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{name}: {violation['id']} {targets}")
        checked = {rule["id"] for rule in results["passes"] + results["inapplicable"]}
        checked |= {rule["id"] for rule in results["violations"]}
        missing = REQUIRED_RULES - checked
        assert not missing, f"{name}: axe did not run {missing}"
        # Every image, ads included, carries alt text (empty only when decorative).
        unlabelled = page.locator("img:not([alt])").count()
        assert unlabelled == 0, f"{name}: {unlabelled} image(s) without alt"
    assert problems == [], "\n".join(problems)


@pytest.fixture
def lighthouse():
    node = shutil.which("node")
    if node and LIGHTHOUSE.exists() and chromium_path():
        return LIGHTHOUSE
    message = "node, Lighthouse (npm install) or chromium missing: Lighthouse skipped"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


ASSERTED = "accessibility,best-practices,seo"


def run_lighthouse(
    binary: Path, url: str, output: Path, performance: bool = True, attempts: int = 3
) -> dict:
    """One Lighthouse report. A run where Lighthouse itself fails (not one that
    scores low) is tried again, up to three times: on a loaded 2-core machine Chrome
    start-up sometimes times out, and now and then Lighthouse loses its own trace of
    the page load ("NO_NAVSTART", twice in a row once in CI, on a page that scored
    100 before and after). The performance score is only printed, so when every try
    fails, a last run leaves out the trace-based performance audits and still checks
    everything the test asserts: the three scores, the page weight and the requests.
    """
    categories = ("performance," if performance else "") + ASSERTED
    result = subprocess.run(
        [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={output}",
            "--form-factor=mobile",
            f"--only-categories={categories}",
            # Network-only audits, without the trace (a union with the categories).
            "--only-audits=total-byte-weight,network-requests",
            "--chrome-flags=" + " ".join(CHROMIUM_ARGS),
        ],
        env={**os.environ, "CHROME_PATH": chromium_path()},
        capture_output=True,
        text=True,
        timeout=240,
    )
    if result.returncode != 0 and attempts > 1:
        return run_lighthouse(binary, url, output, performance, attempts - 1)
    if result.returncode != 0 and performance:
        return run_lighthouse(binary, url, output, performance=False, attempts=1)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(output.read_text())


def test_lighthouse_scores_100_for_accessibility_best_practices_and_seo(
    live_server, lighthouse, tmp_path, capsys
):
    load_demo()
    pages = public_pages()
    failures = []
    for name in [
        "home",
        "article-seed-like",
        "article-embeds",
        "article-with-notes",
        "newsroom-page",
    ]:
        report = run_lighthouse(
            lighthouse, live_server.url + pages[name], tmp_path / "lh.json"
        )
        scores = {key: cat["score"] for key, cat in report["categories"].items()}
        weight = report["audits"]["total-byte-weight"]["numericValue"]
        with capsys.disabled():
            print(
                f"\nLighthouse {name}: performance {scores.get('performance', '-')}, "
                f"accessibility {scores['accessibility']:.2f}, "
                f"best-practices {scores['best-practices']:.2f}, "
                f"seo {scores['seo']:.2f}, "
                f"page weight {weight / 1024:.0f} KB"
            )
        # Page budget on a phone: everything the first visit loads stays small, and
        # nothing comes from (or blocks rendering on) another origin.
        if name == "article-seed-like":
            assert weight < 500 * 1024, f"article page weighs {weight / 1024:.0f} KB"
        requests = report["audits"]["network-requests"]["details"]["items"]
        foreign = [
            r["url"] for r in requests if not r["url"].startswith(live_server.url)
        ]
        assert foreign == [], f"{name} loads third-party resources: {foreign}"
        for category in ["accessibility", "best-practices", "seo"]:
            if scores[category] != 1:
                failed = [
                    ref["id"]
                    for ref in report["categories"][category]["auditRefs"]
                    if ref["weight"] and (report["audits"][ref["id"]]["score"] or 0) < 1
                ]
                failures.append(f"{name} {category} {scores[category]}: {failed}")
    assert failures == [], "\n".join(failures)
