"""The Wagtail article page, measured as bench/run.py measures ours.

Usage: make bench-wagtail  (or any Python 3.11+: python3 bench/wagtail/run.py;
this script uses the standard library only).

It creates bench/wagtail/.venv (Wagtail 7.0 LTS, requirements.txt there) and the
PostgreSQL database ``wagtail_bench`` when they are missing, migrates, collects the
static files, seeds BENCH_ARTICLES articles (2,000 by default; a second run reuses
them), then measures in one run:

- the framework floor: bench/floor.py serving the Wagtail article page's bytes,
  with the same gunicorn and wrk settings as bench/run.py;
- the Wagtail article page: gunicorn, 2 sync workers, wrk -t2 -c16 for
  BENCH_DURATION with a browser's user agent and Accept-Encoding.

It prints requests/s, p50/p99 latency, the page's size, the SQL queries one
request makes and the × floor ratio, and writes them to
bench/results/<date>-wagtail-<N>.json. Like bench/run.py, it never fails on figures.
"""

import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def project_bench():
    """bench/run.py, whose wrk flags, headers and parsing and gunicorn readiness
    check this run shares (it imports the standard library only)."""
    spec = importlib.util.spec_from_file_location("site_bench", ROOT / "bench/run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


site_bench = project_bench()

VENV = HERE / ".venv"
VENV_PYTHON = VENV / "bin" / "python"
REQUIREMENTS = HERE / "requirements.txt"
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "2000"))
DATABASE = os.environ.get("WAGTAIL_BENCH_DB", "wagtail_bench")


def venv() -> None:
    """Creates bench/wagtail/.venv, and installs requirements.txt when it changed."""
    marker = VENV / ".installed"
    if not VENV_PYTHON.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    if marker.exists() and marker.stat().st_mtime >= REQUIREMENTS.stat().st_mtime:
        return
    pip = [str(VENV_PYTHON), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-r", str(REQUIREMENTS)], check=True)
    marker.touch()


def wagtail_env() -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wtsite.settings"}
    env["WAGTAIL_BENCH_DB"] = DATABASE
    env.pop("PYTHONPATH", None)
    return env


def run_json(code: str, *args: str):
    """Runs ``code`` with the Wagtail venv's Python; the JSON it prints last."""
    out = subprocess.run(
        [str(VENV_PYTHON), "-c", code, *args],
        cwd=HERE,
        env=wagtail_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def create_database() -> None:
    """Creates the database when it is missing (psycopg, from the venv)."""
    code = (
        "import json, os, sys, psycopg\n"
        "name = sys.argv[1]\n"
        "with psycopg.connect(dbname='postgres', autocommit=True,"
        " host=os.environ.get('WAGTAIL_BENCH_DB_HOST', '127.0.0.1'),"
        " port=os.environ.get('WAGTAIL_BENCH_DB_PORT', '5432'),"
        " user=os.environ.get('WAGTAIL_BENCH_DB_USER', 'postgres'),"
        " password=os.environ.get('WAGTAIL_BENCH_DB_PASSWORD', '')) as conn:\n"
        "    exists = conn.execute('SELECT 1 FROM pg_database WHERE datname = %s',"
        " [name]).fetchone()\n"
        "    if not exists:\n"
        "        conn.execute(psycopg.sql.SQL('CREATE DATABASE {}').format("
        "psycopg.sql.Identifier(name)))\n"
        "print(json.dumps(not exists))\n"
    )
    if run_json(code, DATABASE):
        print(f"Created the database {DATABASE}")


def manage(*args: str) -> None:
    subprocess.run(
        [str(VENV_PYTHON), "manage.py", *args],
        cwd=HERE,
        env=wagtail_env(),
        check=True,
    )


def article_page(body_file: Path) -> dict:
    """The article measured (the sixth latest, as bench/run.py picks ours), its
    HTML written to ``body_file`` for the floor, and the SQL queries of a first
    and a second request through the test client."""
    code = (
        "import json, sys, django; django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "from news.models import ArticlePage\n"
        "page = ArticlePage.objects.live().filter(slug__startswith='bench-')"
        ".order_by('-first_published_at')[5]\n"
        "url = page.get_url(); client = Client(); counts = []\n"
        "for _ in range(2):\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        response = client.get(url, HTTP_HOST='127.0.0.1')\n"
        "    counts.append(len(ctx.captured_queries))\n"
        "open(sys.argv[1], 'wb').write(response.content)\n"
        "print(json.dumps({'url': url, 'status': response.status_code,"
        " 'bytes': len(response.content), 'queries_first': counts[0],"
        " 'queries': counts[1]}))\n"
    )
    return run_json(code, str(body_file))


def free_port() -> int:
    if os.environ.get("BENCH_WAGTAIL_PORT"):
        return int(os.environ["BENCH_WAGTAIL_PORT"])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_and_load(python: str, app: str, cwd: Path, env: dict, path: str) -> dict:
    """gunicorn with 2 sync workers and wrk, by bench/run.py's own code."""
    loaded = site_bench.serve_and_load(
        env, {"page": path}, app=app, cwd=cwd, python=python, port=free_port()
    )
    return loaded["page"]


def floor_python() -> str:
    """The interpreter that serves the floor: this one, as bench/run.py does under
    `make`, when it has Django and gunicorn; otherwise the Wagtail venv's."""
    probe = subprocess.run(
        [sys.executable, "-c", "import django, gunicorn"], capture_output=True
    )
    return sys.executable if probe.returncode == 0 else str(VENV_PYTHON)


def framework_floor(body_file: Path) -> tuple[float | None, str]:
    python = floor_python()
    env = {**os.environ, "BENCH_FLOOR_BODY": str(body_file)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    row = serve_and_load(python, "floor", ROOT / "bench", env, "/")
    return row.get("rps"), python


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (make bench installs it with apt-get)")
    venv()
    create_database()
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")
    manage("seed_wagtail", "--articles", str(ARTICLES))
    with tempfile.TemporaryDirectory() as folder:
        body_file = Path(folder) / "article.html"
        page = article_page(body_file)
        print(
            f"Wagtail article page: {page['url']}, {page['bytes'] / 1024:.1f} KB of "
            f"HTML, {page['queries']} SQL queries a request "
            f"({page['queries_first']} for a process's first)"
        )
        floor, python = framework_floor(body_file)
    print(
        f"Framework floor on this machine (Django returning the Wagtail article page "
        f"as fixed bytes): {floor or 0:.0f} requests/s"
    )
    row = serve_and_load(
        str(VENV_PYTHON), "wtsite.wsgi", HERE, wagtail_env(), page["url"]
    )
    row["queries"] = page["queries"]
    row["queries_first"] = page["queries_first"]
    ratio = row["rps"] / floor if row.get("rps") and floor else None
    row["x_floor"] = round(ratio, 3) if ratio else None
    version = wagtail_version()
    print(f"\n== Wagtail {version} (no page cache)")
    print(
        f"{'page':<15}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'KB':>8}{'SQL':>5}"
        f"{'× floor':>9}"
    )
    if row.get("status") != 200:
        print(f"{'article':<15} HTTP {row.get('status')} (not measured)")
    else:
        print(
            f"{'article':<15}{row['rps'] or 0:>9.0f}{row['p50_ms'] or 0:>9.2f}"
            f"{row['p99_ms'] or 0:>9.2f}{row['bytes'] / 1024:>8.1f}"
            f"{row['queries']:>5}{ratio or 0:>9.3f}"
        )
    budget = None
    if row.get("rps"):
        # The budget: our cold article about twice Wagtail's, our warm
        # article at least 7 times; in req/s on this machine and × floor.
        budget = {
            "article_cold_rps": round(2 * row["rps"]),
            "article_warm_rps": round(7 * row["rps"]),
            "article_cold_x_floor": round(2 * ratio, 3) if ratio else None,
            "article_warm_x_floor": round(7 * ratio, 3) if ratio else None,
        }
        print(
            f"\nThe issue's budget from this run: our cold article about "
            f"{budget['article_cold_rps']} req/s ({budget['article_cold_x_floor']} "
            f"× floor), our warm article at least {budget['article_warm_rps']} req/s "
            f"({budget['article_warm_x_floor']} × floor)"
        )
    record = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "site": "wagtail",
        "wagtail": version,
        "articles": ARTICLES,
        "database": "postgres",
        "cache": "locmem (Django's default; no page cache)",
        "machine": f"{os.cpu_count()} cores, {sys.platform}",
        "wrk": {
            "connections": site_bench.CONNECTIONS,
            "duration": site_bench.DURATION,
            "threads": 2,
        },
        "gunicorn": {"workers": 2, "worker_class": "sync"},
        "url": page["url"],
        "framework_floor_rps": floor,
        "framework_floor_python": python,
        "results": {"article": row},
        "budget": budget,
    }
    out = (
        ROOT
        / "bench"
        / "results"
        / f"{datetime.now():%Y-%m-%d}-wagtail-{ARTICLES}.json"
    )
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(record, indent=2))
    print(f"\nWritten to {out.relative_to(ROOT)}")


def wagtail_version() -> str:
    return run_json("import json, wagtail; print(json.dumps(wagtail.__version__))")


if __name__ == "__main__":
    main()
