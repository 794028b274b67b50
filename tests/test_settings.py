import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args, env_overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "wayahsinau.settings.prod",
            "DJANGO_SECRET_KEY": "x" * 20
            + "-long-and-random-enough-for-the-check-0123456789",
            "DJANGO_ALLOWED_HOSTS": "wayahsinau.example",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_manage(
        "check",
        env_overrides={
            "DJANGO_SETTINGS_MODULE": "wayahsinau.settings.prod",
            "DJANGO_ALLOWED_HOSTS": "wayahsinau.example",
        },
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_embedded_default_runs_on_sqlite_and_local_memory_cache():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'])",
        env_overrides={},
    )
    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout and "LocMemCache" in result.stdout


def test_database_and_redis_urls_switch_backends():
    result = run_manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'])",
        env_overrides={
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/wayahsinau",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "postgresql" in result.stdout and "RedisCache" in result.stdout


def test_ckeditor_uploader_is_never_installed_or_mounted():
    from django.conf import settings
    from django.urls import get_resolver

    assert "ckeditor_uploader" not in settings.INSTALLED_APPS
    patterns = str(get_resolver().url_patterns)
    assert "ckeditor" not in patterns


def test_an_empty_database_url_means_the_embedded_default():
    """``DATABASE_URL=`` (set but empty, as CI templates often leave it) runs on
    SQLite like an unset one, instead of failing with a KeyError."""
    result = run_manage(
        "shell",
        "-c",
        "from django.db import connection; print(connection.vendor)",
        env_overrides={"DATABASE_URL": "", "REDIS_URL": ""},
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "sqlite"
