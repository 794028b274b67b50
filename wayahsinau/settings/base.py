"""Settings shared by every environment; what differs comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import redis
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin, on a site that asks staff for their second step (apps.py).
    "wayahsinau.apps.AdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # Django's own widget templates, for the form renderer below.
    "django.forms",
    "taggit",
    "ckeditor",
    "reversion",
    "wayahsinau.apps.AxesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "articles",
    "ads",
    # The glue: site-wide commands, the counters' flush at exit (apps.py).
    "wayahsinau.apps.WayahsinauConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so cached pages get the policy too (no nonce: public
    # pages have no inline script, and a cached page must never carry one).
    "wayahsinau.middleware.ContentSecurityPolicyMiddleware",
    "wayahsinau.middleware.RejectNullBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "wayahsinau.middleware.GZipMiddleware",
    # WordPress's "/?p=ID" to imported articles, before the cached home page.
    "articles.redirects.WordPressAddressMiddleware",
    # Before sessions, auth and CSRF: cached pages skip them (wayahsinau/pagecache.py).
    "wayahsinau.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a refused login into the lockout page (wayahsinau/lockout.py).
    "axes.middleware.AxesMiddleware",
    # Last, so it sees the final 404 and answers old addresses with a 301.
    "articles.redirects.RedirectFallbackMiddleware",
]

ROOT_URLCONF = "wayahsinau.urls"
WSGI_APPLICATION = "wayahsinau.wsgi.application"
ASGI_APPLICATION = "wayahsinau.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wayahsinau.context_processors.site",
            ],
        },
    },
]

# Widgets render with the project's templates too (templates/admin/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database: SQLite unless DATABASE_URL points somewhere else (PostgreSQL in production).
DATABASES = {
    # An empty DATABASE_URL means unset, as an empty REDIS_URL does.
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        # A kept connection is checked (Django's SELECT 1) before a request's first
        # query, so one the server dropped (a restart, a failover) costs no 500.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout keep concurrent writers from "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# On PostgreSQL, parameters are bound on the server (Django's
# ``server_side_binding``) and psycopg prepares a statement the fifth time a
# connection runs it, so the pages' few query shapes are planned once per
# connection instead of on every request (planning cost more than running them).
# Turn off behind a pooler that cannot keep prepared statements: PgBouncer in
# transaction mode before 1.21, or without max_prepared_statements.
DATABASE_PREPARED_STATEMENTS = env_bool("DJANGO_DB_PREPARED_STATEMENTS", True)
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]
    )
    # In tests the replica alias reads the primary's test database.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["wayahsinau.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(1, "wayahsinau.db_router.ReplicaReadsMiddleware")
for _database in DATABASES.values():
    if DATABASE_PREPARED_STATEMENTS and "postgresql" in _database["ENGINE"]:
        _database.setdefault("OPTIONS", {})["prepare_threshold"] = 5
        _database["OPTIONS"]["server_side_binding"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "wayahsinau",
            "OPTIONS": {
                # A connection Redis dropped mid-command (a restart, an idle
                # timeout) is opened again and the command sent once more.
                "retry_on_error": [redis.ConnectionError],
            },
        }
    }
    CACHES["versions"] = CACHES["default"]
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "wayahsinau",
        },
        # The version keys (articles/caching.py) must be one for every process,
        # or a change saved by one (the shell, another gunicorn worker) would not
        # reach the pages another keeps: without Redis they are files.
        "versions": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get(
                "DJANGO_VERSIONS_DIR", str(BASE_DIR / "var" / "versions")
            ),
        },
    }

_VALIDATORS = "django.contrib.auth.password_validation"
if os.environ.get("DJANGO_CACHE") == "dummy":
    # The benchmark's "cold" run measures every request without any cache.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    CACHES["versions"] = CACHES["default"]

# Whole pages for anonymous readers (wayahsinau/pagecache.py); "off" renders every
# request, as the benchmark's cold run does.
WAYAHSINAU_PAGE_CACHE = os.environ.get("DJANGO_PAGE_CACHE", "on") != "off"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia"))]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "articles.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# DJANGO_MEDIA_STORAGE=s3 keeps uploads and renditions in S3-compatible object
# storage (AWS S3, MinIO, Cloudflare R2…), shared by every app server. Credentials
# come from the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) or the
# machine's role, never from this file. See docs/deploy.md.
MEDIA_STORAGE = os.environ.get("DJANGO_MEDIA_STORAGE", "filesystem").strip().lower()
if MEDIA_STORAGE == "s3":
    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured(
            "DJANGO_MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME."
        )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            # Public, cacheable URLs: images are public and served through a CDN.
            "querystring_auth": False,
            "default_acl": None,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000"},
        },
    }
    if os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        MEDIA_URL = f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}/"
elif MEDIA_STORAGE != "filesystem":
    raise ImproperlyConfigured("DJANGO_MEDIA_STORAGE must be 'filesystem' or 's3'.")

# Uploads larger than this stream to a temporary file, so memory use stays flat.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 4000
FILE_UPLOAD_PERMISSIONS = 0o644

# Our own limits for images (see articles/images.py).
WAYAHSINAU_IMAGE_MAX_BYTES = 10 * 1024 * 1024
WAYAHSINAU_IMAGE_MAX_PIXELS = 40_000_000
WAYAHSINAU_IMAGE_MAX_SIDE = 8000
# Widths of the resized copies readers get (WebP + JPEG/PNG); never enlarged.
WAYAHSINAU_RENDITION_WIDTHS = (480, 800, 1200)

SITE_NAME = "Wayah Sinau"
SITE_TAGLINE = _("Portal berita dan gaya hidup")
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://127.0.0.1:8000")

LOGIN_URL = "admin:login"

SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# Staff logins (README, "Keamanan"). The first backend only refuses a locked-out
# account or address; the second checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After this many failed logins within the cool-off, the account and the address are
# refused until the cool-off has passed since the last failure, or an admin lifts it.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(
    minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "30"))
)
# Either one locks: a guessed account from many addresses, or many accounts
# guessed from one address.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "articles.visitors.client_address"
AXES_LOCKOUT_CALLABLE = "wayahsinau.lockout.lockout_response"
# A backup code typed with a wrong password stays out of the attempts' records.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "otp_token"]
# Editors and superusers must use a second step (an authenticator app) before the
# admin when this is on (wayahsinau/twofactor.py); prod.py turns it on by default.
WAYAHSINAU_REQUIRE_2FA = env_bool("DJANGO_REQUIRE_2FA", False)
OTP_TOTP_ISSUER = "Wayah Sinau"
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Content-Security-Policy (django-csp), enforced; prod.py can make it report-only.
# No inline script runs without the request's nonce, and public pages have none.
# The admin may also use inline styles, and its add/change forms inline event
# handlers, which CKEditor 4 needs (wayahsinau/middleware.py). Uploads may come
# from another host (AWS_S3_CUSTOM_DOMAIN), whose origin images may load from.
_MEDIA_ORIGIN = urlsplit(MEDIA_URL)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF]
        + (
            [f"{_MEDIA_ORIGIN.scheme}://{_MEDIA_ORIGIN.netloc}"]
            if _MEDIA_ORIGIN.netloc
            else []
        ),
        "font-src": [SELF],
        "connect-src": [SELF],
        # Embeds load a provider's frame only when a reader asks for it
        # (articles/embeds.py FRAME_ORIGINS; a test keeps the two lists equal).
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://www.instagram.com",
            "https://www.tiktok.com",
            "https://platform.twitter.com",
            "https://www.google.com",
        ],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "report-uri": env_list("DJANGO_CSP_REPORT_URI") or None,
    }
}

TAGGIT_CASE_INSENSITIVE = True
TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING = True
# Tags are separated by commas only, and shown without quotes ("belajar, kebiasaan
# pagi"): taggit's own format quotes every name with a space.
TAGGIT_TAGS_FROM_STRING = "articles.tags.tags_from_text"
TAGGIT_STRING_FROM_TAGS = "articles.tags.text_from_tags"

# CKEditor 4 is only a form widget here: no uploader, no image plugin, and a toolbar
# limited to what articles/richtext.py keeps. Stored HTML is sanitised on save, so
# the widget can be replaced without touching data.
CKEDITOR_BASEPATH = "/static/ckeditor/ckeditor/"
CKEDITOR_CONFIGS = {
    "default": {
        "toolbar": "WayahSinau",
        "toolbar_WayahSinau": [
            ["Bold", "Italic"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["RemoveFormat", "Undo", "Redo"],
        ],
        "allowedContent": "p br strong em b i ul ol li blockquote; a[!href]",
        "removePlugins": "image,uploadimage,uploadwidget,filebrowser,iframe,flash,"
        "forms,smiley,specialchar,table,tabletools,elementspath",
        # Edit in a <div>, not an iframe: the iframe starts itself with an inline
        # script, which the Content-Security-Policy refuses.
        "extraPlugins": "divarea",
        "format_tags": "p",
        # The link dialog's upload and advanced tabs: nothing to upload to, and
        # the upload tab's iframe starts itself with an inline script.
        # The target tab too: the allow-list keeps no target attribute.
        "removeDialogTabs": "link:upload;link:advanced;link:target",
        "height": 220,
        "width": "100%",
        "language": "id",
        "versionCheck": False,
    },
}

# A section's body also places pictures of the media library and embeds inside
# the text: the same editor with two more buttons, and the reference elements
# they insert (articles/richtext.py keeps them, static/admin/ckeditor/ holds the
# plugins).
_DEFAULT_EDITOR = CKEDITOR_CONFIGS["default"]
CKEDITOR_CONFIGS["references"] = {
    **_DEFAULT_EDITOR,
    "toolbar": "WayahSinauReferences",
    "toolbar_WayahSinauReferences": [
        *_DEFAULT_EDITOR["toolbar_" + _DEFAULT_EDITOR["toolbar"]],
        ["LibraryFigure", "LinkEmbed"],
    ],
    "allowedContent": _DEFAULT_EDITOR["allowedContent"]
    + "; figure[!data-figure,data-caption]; div[!data-embed,data-title]",
    "extraPlugins": _DEFAULT_EDITOR["extraPlugins"] + ",widget,libraryfigure,linkembed",
}

# ckeditor.W001 warns that django-ckeditor bundles CKEditor 4, which is past end of
# life. We use only its form widget: ckeditor_uploader is never installed or mounted,
# the toolbar is locked down (base.CKEDITOR_CONFIGS), and every rich-text value is
# cleaned by the nh3 allow-list in articles/richtext.py on save, whatever path it
# arrives by. The editor never decides what is stored, so the warning is answered.
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
    },
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "redaksi@wayahsinau.test"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# "Terpopuler" shows how many times an article was read only from this many
# reads (in its 7 days) up: "1 kali dibaca" tells readers nothing good.
WAYAHSINAU_POPULAR_MIN_VIEWS_SHOWN = int(
    os.environ.get("DJANGO_POPULAR_MIN_VIEWS_SHOWN", "100")
)

# Ads: where enquiries from /layanan/ go, and how many a client may send per window.
# How many search rankings the cache holds at once (wayahsinau/views.py).
WAYAHSINAU_SEARCH_CACHE_SLOTS = 1024
WAYAHSINAU_SALES_EMAIL = os.environ.get("DJANGO_SALES_EMAIL", "sales@wayahsinau.test")
WAYAHSINAU_ENQUIRY_RATE_LIMIT = 5
WAYAHSINAU_ENQUIRY_RATE_WINDOW = 60 * 60
# A reader's clicks on one block count once in each period of this many seconds.
WAYAHSINAU_CLICK_WINDOW = 30 * 60

# How many proxies in front of the app append to X-Forwarded-For (nginx alone: 1;
# a CDN then nginx: 2). 0 means the app is reached directly and the header is
# ignored: the client's address is the connection's (articles/visitors.py).
try:
    WAYAHSINAU_TRUSTED_PROXY_COUNT = int(
        os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "").strip() or "0"
    )
except ValueError as error:
    raise ImproperlyConfigured(
        "DJANGO_TRUSTED_PROXY_COUNT must be a whole number of proxies (0, 1, 2…)."
    ) from error
if WAYAHSINAU_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("DJANGO_TRUSTED_PROXY_COUNT cannot be negative.")
