"""Instructions per request, counted by valgrind's callgrind: a figure that does not
move with the machine's load, for comparing two versions of the code.

Usage (after ``make bench`` has seeded the data and collected static files):

    DATABASE_URL=… REDIS_URL=… .venv/bin/python bench/instructions.py [PATH …]

For each path (default: an article page, cold and warm; a query string may
follow it, as in ``/cari/?q=belajar``) it starts Django under
callgrind with instrumentation off, makes 20 requests to warm up, counts the
instructions of the next 20 and prints the mean. Only this process is counted,
not PostgreSQL or Redis. Ad picks use a fixed seed and the counter thread stays
idle, so two runs of the same code agree within a fraction of a percent.
Requires valgrind (``apt-get install valgrind``).
"""

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARMUP = 20
MEASURED = 20


def child(path: str) -> None:
    """Runs inside valgrind: warm up, then switch counting on around the requests."""
    sys.path.insert(0, str(ROOT))
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    from django.conf import settings

    import ads.slots

    settings.WAYAHSINAU_COUNTER_PUSH_SECONDS = 3600
    ads.slots._random.seed(7)

    path_info, _, query = path.partition("?")

    def call():
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path_info,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14) Chrome/131.0 Mobile",
            "HTTP_ACCEPT_ENCODING": "gzip, deflate, br",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }
        b"".join(application(environ, lambda status, headers: None))

    for _ in range(WARMUP):
        call()
    control = ["callgrind_control", "-i"]
    subprocess.run([*control, "on", str(os.getpid())], capture_output=True)
    for _ in range(MEASURED):
        call()
    subprocess.run([*control, "off", str(os.getpid())], capture_output=True)


def count(path: str, page_cache: str) -> int:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wayahsinau.settings.prod",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-" + "x" * 50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_PAGE_CACHE": page_cache,
        "PYTHONHASHSEED": "0",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'bench.sqlite3'}")
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "callgrind.out"
        subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--instr-atstart=no",
                f"--callgrind-out-file={output}",
                sys.executable,
                __file__,
                "--child",
                path,
            ],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        for line in output.read_text().splitlines():
            if line.startswith("totals:"):
                return int(line.split()[1]) // MEASURED
    raise RuntimeError("callgrind wrote no totals")


def article_path() -> str:
    code = (
        "import django; django.setup()\n"
        "from articles.models import Article\n"
        "print(Article.objects.published().filter(slug__startswith='bench-')"
        ".order_by('-published_at')[5].get_absolute_url())\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wayahsinau.settings.dev"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return out.stdout.strip().splitlines()[-1]


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2])
        return
    paths = sys.argv[1:] or [article_path()]
    for path in paths:
        for label, page_cache in (("cold", "off"), ("warm", "on")):
            print(f"{path:60} {label}: {count(path, page_cache):>12,} instructions")


if __name__ == "__main__":
    main()
