"""The Content-Security-Policy header: on every page, cached or not, with no inline
script allowed without the request's nonce."""

import re
from html.parser import HTMLParser

import pytest
from csp.constants import SELF
from csp.decorators import csp_exempt, csp_update
from csp.utils import build_policy
from django.contrib.auth.models import Group
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from articles.roles import EDITOR
from tests.ads.factories import ServiceListingFactory
from tests.articles.factories import (
    ArticleFactory,
    FigureFactory,
    SectionFactory,
    UserFactory,
)
from tests.test_settings import run_manage
from wayahsinau.middleware import ContentSecurityPolicyMiddleware

DATA_BLOCK_TYPES = {"application/ld+json", "application/json"}


def parse(text: str) -> dict[str, list[str]]:
    directives = {}
    for part in text.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def policy(response) -> dict[str, list[str]]:
    return parse(response["Content-Security-Policy"])


class InlineScripts(HTMLParser):
    """The attributes of every <script> without ``src``."""

    def __init__(self):
        super().__init__()
        self.found: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs:
            self.found.append(attrs)


def assert_no_inline_script_runs_without_the_nonce(response):
    directives = policy(response)
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert "'self'" in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    nonces = {
        value[len("'nonce-") : -1]
        for value in directives["script-src"]
        if value.startswith("'nonce-")
    }
    parser = InlineScripts()
    parser.feed(response.content.decode())
    for attrs in parser.found:
        # JSON-LD and the admin's JSON constants are data, which no browser runs.
        if attrs.get("type") not in DATA_BLOCK_TYPES:
            assert attrs.get("nonce") in nonces, attrs


@pytest.mark.django_db
def test_public_pages_send_the_policy_and_run_no_inline_script(client):
    article = ArticleFactory(title="Musim Hujan Tiba")
    SectionFactory(article=article, figure=FigureFactory())
    listing = ServiceListingFactory()
    pages = [
        "/",
        article.get_absolute_url(),
        article.category.get_absolute_url(),
        reverse("search") + "?q=hujan",
        listing.get_absolute_url(),
        "/tidak-ada/",
    ]
    for address in pages:
        for _visit in range(2):  # rendered, then served by the page cache
            response = client.get(address)
            assert response.status_code in (200, 404), address
            assert_no_inline_script_runs_without_the_nonce(response)
            directives = policy(response)
            assert "'unsafe-inline'" not in directives["style-src"], address
            assert "script-src-attr" not in directives, address


@pytest.mark.django_db
def test_admin_pages_allow_inline_styles_and_only_change_forms_event_handlers(
    client,
):
    editor = UserFactory(username="dimas", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    client.force_login(editor)
    article = ArticleFactory()

    change_form = client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    )
    changelist = client.get(reverse("admin:articles_article_changelist"))
    login = client.get(reverse("admin:login"))

    for response in (change_form, changelist, login):
        assert response.status_code in (200, 302)
        assert_no_inline_script_runs_without_the_nonce(response)
        assert "'unsafe-inline'" in policy(response)["style-src"]
    # CKEditor 4's inline event handlers become listeners (ckeditor-csp.js):
    # no page, its form included, allows inline handlers.
    for response in (change_form, changelist, login):
        assert "script-src-attr" not in policy(response)
    assert "admin/js/ckeditor-csp.js" in change_form.content.decode()


def test_an_inline_script_carrying_the_request_nonce_is_named_in_the_header():
    template = Template('<script nonce="{{ request.csp_nonce }}">mulai()</script>')

    def view(request):
        return HttpResponse(template.render(Context({"request": request})))

    request = RequestFactory().get("/")
    response = ContentSecurityPolicyMiddleware(view)(request)

    nonce = re.search(r'nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in policy(response)["script-src"]
    assert "'unsafe-inline'" not in policy(response)["script-src"]


PROD = {
    "DJANGO_SETTINGS_MODULE": "wayahsinau.settings.prod",
    "DJANGO_SECRET_KEY": "x" * 20 + "-long-and-random-enough-for-the-check-0123456789",
    "DJANGO_ALLOWED_HOSTS": "wayahsinau.example",
}
SHOW_HEADERS = (
    "from django.test import Client; "
    "r = Client(HTTP_HOST='wayahsinau.example').get('/robots.txt', secure=True); "
    "print('ENFORCED', r.headers.get('Content-Security-Policy')); "
    "print('REPORT', r.headers.get('Content-Security-Policy-Report-Only'))"
)


def headers_under(env: dict) -> dict[str, str]:
    result = run_manage("shell", "-c", SHOW_HEADERS, env_overrides={**PROD, **env})
    assert result.returncode == 0, result.stderr
    return dict(
        line.split(" ", 1) for line in result.stdout.splitlines() if " " in line
    )


def test_production_enforces_the_policy_and_can_switch_to_report_only():
    enforced = headers_under(
        {
            "DJANGO_MEDIA_STORAGE": "s3",
            "AWS_STORAGE_BUCKET_NAME": "media",
            "AWS_S3_CUSTOM_DOMAIN": "cdn.wayahsinau.example",
        }
    )
    assert enforced["REPORT"] == "None"
    directives = parse(enforced["ENFORCED"])
    assert directives["script-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "https://cdn.wayahsinau.example"]
    assert directives["frame-ancestors"] == ["'none'"]

    report_only = headers_under(
        {"DJANGO_CSP_REPORT_ONLY": "1", "DJANGO_CSP_REPORT_URI": "/csp-laporan/"}
    )
    assert report_only["ENFORCED"] == "None"
    directives = parse(report_only["REPORT"])
    assert directives["script-src"] == ["'self'"]
    assert directives["report-uri"] == ["/csp-laporan/"]


def test_the_site_policy_built_once_is_django_csps_own(settings):
    """Responses that ask for nothing of their own get the policy built once per
    process; it is exactly what django-csp builds, and follows a changed setting."""
    view = ContentSecurityPolicyMiddleware(lambda request: HttpResponse("ok"))
    plain = view(RequestFactory().get("/"))
    assert plain["Content-Security-Policy"] == build_policy()

    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]}
        | {"img-src": [SELF, "https://gambar.example"]}
    }
    changed = view(RequestFactory().get("/"))
    assert parse(changed["Content-Security-Policy"])["img-src"] == [
        "'self'",
        "https://gambar.example",
    ]


def test_a_views_own_policy_and_exemption_still_go_through_django_csp():
    @csp_update({"img-src": "https://peta.example"})
    def updated(request):
        return HttpResponse("peta")

    @csp_exempt()
    def exempt(request):
        return HttpResponse("tanpa kebijakan")

    request = RequestFactory().get("/")
    response = ContentSecurityPolicyMiddleware(updated)(request)
    assert "https://peta.example" in policy(response)["img-src"]
    response = ContentSecurityPolicyMiddleware(exempt)(RequestFactory().get("/"))
    assert "Content-Security-Policy" not in response
