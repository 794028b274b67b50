"""Fast settings for the tests. DATABASE_URL and REDIS_URL still switch backends."""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret-wayahsinau"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
if not REDIS_URL:  # noqa: F405
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "wayahsinau-test",
        },
        # Shared by the processes a test starts, as on a site without Redis.
        "versions": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("DJANGO_VERSIONS_DIR")
            or tempfile.mkdtemp(prefix="wayahsinau-versions-"),
        },
    }
SERVE_MEDIA = True
# Serve static files from the app folders without collectstatic.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Only the replica test turns replica reads on, so other tests need not declare
# the replica alias (see tests/test_replica.py).
MIDDLEWARE = [m for m in MIDDLEWARE if not m.endswith("ReplicaReadsMiddleware")]  # noqa: F405

# Tests clear the cache themselves; the test database is gone when pytest exits.
WAYAHSINAU_FLUSH_AT_EXIT = False

# Every page pushes its reads and impressions at once, so a test can flush right
# after a request (production pushes every second: wayahsinau/tally.py).
WAYAHSINAU_COUNTER_PUSH_SECONDS = 0
