"""The framework floor: Django returning fixed bytes, with no middleware, template
or database, as the issue measured it (~4,300 requests/s on its machine).

``bench/run.py`` serves this with the same gunicorn and wrk settings as the site,
so every figure can be read against what this machine can do at all. The bytes
are the benchmark's article page (``BENCH_FLOOR_BODY``, a file).
"""

import os

from django.conf import settings

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="bench-floor-" + "x" * 40,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

with open(os.environ["BENCH_FLOOR_BODY"], "rb") as body_file:
    BODY = body_file.read()


def page(request):
    return HttpResponse(BODY)


urlpatterns = [path("", page)]
application = get_wsgi_application()
