"""Benchmark: seed a realistic data set, serve it with gunicorn, load it with wrk.

Usage: make bench  (BENCH_ARTICLES=100000 for the scale run; DATABASE_URL and
REDIS_URL select PostgreSQL and Redis, otherwise a SQLite file under bench/).

It prints requests/s, p50/p99 latency, response size and SQL queries per request for
each page, first with the cache disabled ("cold") and then with the configured cache
("warm"), and writes the figures to bench/results/<date>.json. It never fails on
figures: it is a benchmark, not a test.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8765"))
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
ARTICLES = int(os.environ.get("BENCH_ARTICLES", "2000"))
BROWSER = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)


def bench_env(cache: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wayahsinau.settings.prod",
        "DJANGO_SECRET_KEY": os.environ.get(
            "DJANGO_SECRET_KEY", "bench-only-" + "x" * 40
        ),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'bench.sqlite3'}")
    if cache == "cold":
        # Every request renders the page; the menu, ad candidates and counters
        # keep their small caches, as on a live site whose page cache was cleared.
        env["DJANGO_PAGE_CACHE"] = "off"
    return env


def manage(*args, env):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)


def run_json(env, code: str, *args: str):
    """Runs ``code`` in a Django process with ``env``; the JSON it prints last."""
    out = subprocess.run(
        [PYTHON, "-c", code, *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def pages(env) -> dict[str, str]:
    """Pick representative URLs from the seeded data."""
    code = (
        "import json, django; django.setup()\n"
        "from django.urls import reverse\n"
        "from articles.models import Article, Category\n"
        "from taggit.models import Tag\n"
        "a = Article.objects.published().filter(slug__startswith='bench-')"
        ".order_by('-published_at')[5]\n"
        "c = Category.objects.filter(slug__startswith='bench-').first()\n"
        "t = a.tags.first()\n"
        "print(json.dumps({'home': '/', 'article': a.get_absolute_url(),"
        " 'category': c.get_absolute_url(), 'category-deep': c.get_absolute_url() + "
        "'?page=' + str(max(1, min(500, Article.objects.published().filter("
        "category=c).count() // 12))),\n"
        " 'tag': reverse('articles:tag', args=[t.slug])}))\n"
    )
    urls = run_json(env, code)
    optional = {
        "search": "/cari/?q=belajar",
        "feed": "/feed/",
        "sitemap": "/sitemap.xml",
    }
    urls.update(optional)
    return urls


def count_queries(urls: dict[str, str]) -> dict[str, list[int]]:
    """SQL queries per request through the test client: [cold, warm, empty]. Cold
    and warm are a second request (what each request of the run costs) with the
    page cache off and on; empty is the first request after the cache is cleared."""
    cold = _count_queries(bench_env("cold"), urls)
    warm = _count_queries(bench_env("warm"), urls)
    return {name: [cold[name][1], warm[name][1], warm[name][0]] for name in urls}


def _count_queries(env, urls: dict[str, str]) -> dict[str, list[int]]:
    code = (
        "import json, sys, django; django.setup()\n"
        "from django.core.cache import cache\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "urls = json.loads(sys.argv[1]); client = Client(); result = {}\n"
        "for name, url in urls.items():\n"
        "    cache.clear(); counts = []\n"
        "    for _ in range(2):\n"
        "        with CaptureQueriesContext(connection) as ctx:\n"
        "            status = client.get(url, HTTP_HOST='127.0.0.1').status_code\n"
        "        counts.append(len(ctx.captured_queries) if status == 200 else None)\n"
        "    result[name] = counts\n"
        "print(json.dumps(result))\n"
    )
    return run_json(env, code, json.dumps(urls))


def first_visit(env, url: str) -> dict:
    """What a phone downloads on a first visit to ``url`` (HTML, CSS and every image
    at the 480 px rendition): wayahsinau/page_weight.py, the page-weight test's."""
    code = (
        "import json, sys, django; django.setup()\n"
        "from django.test import Client\n"
        "from wayahsinau.page_weight import first_visit_weight\n"
        "html = Client().get(sys.argv[1], HTTP_HOST='127.0.0.1').content\n"
        "w = first_visit_weight(html, viewport_px=480)\n"
        "print(json.dumps({'total': w.total, 'html': w.html, 'css': w.css,"
        " 'scripts': w.scripts, 'images': w.images,"
        " 'image_count': len(w.image_urls)}))\n"
    )
    return run_json(env, code, url)


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def parse_latency(text: str, percentile: str) -> float | None:
    match = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not match:
        return None
    value, unit = float(match[1]), match[2]
    return round(
        value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 2
    )


def load(url: str) -> dict:
    status, size = None, None
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            status, size = response.status, len(response.read())
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 200:
        return {"status": status}
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{DURATION}",
            "--latency",
            # A browser's user agent and encodings: pages count their reads and ad
            # impressions, and come gzipped.
            "-H",
            f"User-Agent: {BROWSER}",
            "-H",
            "Accept-Encoding: gzip, deflate, br",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {
        "status": status,
        "bytes": size,
        "rps": float(rps[1]) if rps else None,
        "p50_ms": parse_latency(out, "50"),
        "p99_ms": parse_latency(out, "99"),
        "non_2xx": int(errors[1]) if errors else 0,
    }


def serve_and_load(
    env, urls, app="wayahsinau.wsgi", cwd=ROOT, python=PYTHON, port=PORT
) -> dict:
    """Serve ``app`` with gunicorn (2 sync workers) and load each of ``urls`` with
    wrk; ``python`` and ``port`` let another site be measured the same way
    (``bench/wagtail/run.py``)."""
    server = subprocess.Popen(
        [
            python,
            "-m",
            "gunicorn",
            app,
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=cwd,
        env=env,
        start_new_session=True,
    )
    try:
        wait_for_port(port)
        return {
            name: load(f"http://127.0.0.1:{port}{url}") for name, url in urls.items()
        }
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


# The issue's figures, measured on its machine, and its targets for this code.
ISSUE_FLOOR = 4300
# Issue 17's speed budget, as fractions of the floor measured in the same run.
TARGETS = [
    ("article", "cold", 0.10),
    ("article", "warm", 0.40),
    ("home", "warm", 0.40),
    ("home", "cold", 0.03),
]


def framework_floor(env, article_url: str) -> float | None:
    """Requests/s of ``bench/floor.py`` serving the article page's bytes."""
    with tempfile.TemporaryDirectory() as folder:
        body = Path(folder) / "article.html"
        code = (
            "import json, sys, django; django.setup()\n"
            "from django.test import Client\n"
            "html = Client().get(sys.argv[1], HTTP_HOST='127.0.0.1').content\n"
            "open(sys.argv[2], 'wb').write(html)\n"
            "print(json.dumps(len(html)))\n"
        )
        run_json(env, code, article_url, str(body))
        floor_env = {**os.environ, "BENCH_FLOOR_BODY": str(body)}
        floor_env.pop("DJANGO_SETTINGS_MODULE", None)
        row = serve_and_load(floor_env, {"floor": "/"}, app="floor", cwd=ROOT / "bench")
    return row["floor"].get("rps")


def against_targets(results: dict, floor: float | None) -> list[dict]:
    """Each target of the budget (a fraction of the floor) next to what this run
    measured, as requests/s and as a fraction of this run's floor."""
    rows = []
    for page, phase, target in TARGETS:
        measured = results[phase][page].get("rps")
        ratio = measured / floor if measured and floor else None
        rows.append(
            {
                "page": page,
                "phase": phase,
                "target_x_floor": target,
                "target_rps": round(target * floor) if floor else None,
                "measured": measured,
                "measured_x_floor": round(ratio, 3) if ratio else None,
                "met": ratio >= target if ratio else None,
            }
        )
    return rows


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (make bench installs it with apt-get)")
    env = bench_env("warm")
    manage("migrate", "--noinput", "-v0", env=env)
    # Before seeding: compiled pages name the hashed static files (the logo).
    manage("collectstatic", "--noinput", "-v0", env=env)
    manage("seed_bench", "--articles", str(ARTICLES), env=env)
    urls = pages(env)
    queries = count_queries(urls)
    weight = first_visit(env, urls["article"])
    print(
        f"Article page, first visit on a phone: {weight['total'] / 1000:.1f} KB "
        f"(HTML {weight['html'] / 1000:.1f}, CSS {weight['css'] / 1000:.1f}, "
        f"{weight['image_count']} images at 480 px {weight['images'] / 1000:.1f}; "
        "budget 500 KB)"
    )
    floor = framework_floor(env, urls["article"])
    print(
        f"Framework floor on this machine (Django returning the article page as fixed "
        f"bytes; no middleware, template or database): {floor or 0:.0f} requests/s "
        f"(the issue's machine: about {ISSUE_FLOOR:,})"
    )
    results = {}
    for phase in ("cold", "warm"):
        label = "page cache off" if phase == "cold" else "page cache on"
        print(f"\n== {phase} ({label})")
        figures = serve_and_load(bench_env(phase), urls)
        for name, row in figures.items():
            row["queries"] = queries[name][0 if phase == "cold" else 1]
            row["queries_empty_cache"] = queries[name][2]
        results[phase] = figures
        print(
            f"{'page':<15}{'req/s':>9}{'x floor':>9}{'p50 ms':>9}{'p99 ms':>9}"
            f"{'KB':>8}{'SQL':>5}"
        )
        for name, row in figures.items():
            if row.get("status") != 200:
                print(f"{name:<15} HTTP {row.get('status')} (not measured)")
                continue
            share = row["rps"] / floor if floor else 0
            print(
                f"{name:<15}{row['rps']:>9.0f}{share:>9.3f}{row['p50_ms'] or 0:>9.2f}"
                f"{row['p99_ms'] or 0:>9.2f}{row['bytes'] / 1024:>8.1f}"
                f"{row['queries'] if row['queries'] is not None else '-':>5}"
            )
    targets = against_targets(results, floor)
    print("\n== issue 17's budget, against this run's floor")
    for row in targets:
        verdict = {True: "met", False: "NOT met", None: "-"}[row["met"]]
        print(
            f"{row['page']} {row['phase']}: {row['measured'] or 0:.0f} req/s "
            f"({row['measured_x_floor'] or 0:.3f} x floor); budget "
            f"{row['target_x_floor']:.2f} x floor = {row['target_rps'] or 0:,} "
            f"req/s: {verdict}"
        )
    database = env["DATABASE_URL"].split(":", 1)[0]
    record = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "articles": ARTICLES,
        "database": database,
        "cache": "redis" if os.environ.get("REDIS_URL") else "locmem",
        "machine": f"{os.cpu_count()} cores, {sys.platform}",
        "wrk": {"connections": CONNECTIONS, "duration": DURATION, "threads": 2},
        "gunicorn": {"workers": 2, "worker_class": "sync"},
        "urls": urls,
        "article_first_visit_bytes": weight,
        "framework_floor_rps": floor,
        "results": results,
        "targets": targets,
    }
    out = (
        ROOT
        / "bench"
        / "results"
        / f"{datetime.now():%Y-%m-%d}-{database}-{ARTICLES}.json"
    )
    out.write_text(json.dumps(record, indent=2))
    print(f"\nWritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
