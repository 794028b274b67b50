import io
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Author, Category, Figure
from articles.publishing import article_problems
from articles.roles import EDITOR, SALES, WRITER

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_seed_demo_loads_original_articles_and_is_idempotent(client):
    first = seed()
    counts = (Article.objects.count(), Figure.objects.count(), Category.objects.count())
    second = seed()

    assert (
        Article.objects.count(),
        Figure.objects.count(),
        Category.objects.count(),
    ) == counts
    assert Article.objects.published().count() >= 8
    assert Article.objects.values("category").distinct().count() >= 3
    assert Author.objects.filter(articles__isnull=False).distinct().count() >= 2
    assert "password:" in first and "password:" not in second
    assert client.get(reverse("home")).status_code == 200
    # Editors can save every demo article: none fails the pre-publish checks.
    for article in Article.objects.all():
        assert article_problems(article)[0] == [], article.title
    # One staff user per newsroom role, each password printed once.
    for username, role in (("penulis", WRITER), ("editor", EDITOR), ("sales", SALES)):
        user = get_user_model().objects.get(username=username)
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert f"username: {username}  password: " in first


def test_one_demo_article_carries_every_structural_element_of_the_seed_page(client):
    seed()
    candidates = []
    for article in Article.objects.for_detail():
        sections = article.numbered_sections()
        numbered = [s for s in sections if s.number]
        if (
            len(numbered) == 4
            and not sections[-1].is_numbered
            and any(s.figure and s.figure.source for s in sections)
            and any("<ul>" in s.body for s in sections)
        ):
            candidates.append(article)
    assert candidates
    article = candidates[0]
    html = client.get(article.get_absolute_url()).content.decode()
    for fragment in (
        "Wayah Sinau -</strong>",
        "<h2>1. ",
        "<h2>4. ",
        "(sumber: ",
        "<ul>",
        "(Artikel ini ditulis oleh ",
    ):
        assert fragment in html


def test_demo_images_are_real_and_go_through_validation():
    seed()
    figure = Figure.objects.first()
    assert figure.width and figure.height
    assert figure.image.name.startswith("figures/")
    assert len(figure.image.name.rsplit("/", 1)[-1]) == len("0" * 32 + ".jpg")


def test_make_run_serves_every_absolute_address_on_its_own_port(client, settings):
    """``make run PORT=8765``: the demo and the server both get the site address
    on that port, and every absolute address the site writes follows it."""
    plan = subprocess.run(
        ["make", "-n", "run", "PORT=8765"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for command in ("manage.py seed_demo", "manage.py runserver 127.0.0.1:8765"):
        line = next(line for line in plan.splitlines() if command in line)
        assert "DJANGO_SITE_URL=http://127.0.0.1:8765 " in line

    settings.SITE_URL = "http://127.0.0.1:8765"
    assert "Admin: http://127.0.0.1:8765/admin/" in seed()
    article = Article.objects.published().first()
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'href="http://127.0.0.1:8765{article.get_absolute_url()}"' in page
    assert "8000" not in page
    for path in ("/robots.txt", "/sitemap.xml", "/feed/"):
        body = b"".join(client.get(path)).decode()
        assert "127.0.0.1:8765" in body, path
        assert "127.0.0.1:8000" not in body, path
