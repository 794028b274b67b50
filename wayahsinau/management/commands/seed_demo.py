import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from tqdm import tqdm

from ads.demo import load_ads_demo
from articles import demo_content
from articles.demo_images import illustration
from articles.images import cleaned_content, process_image
from articles.models import (
    Article,
    ArticleNote,
    Author,
    Category,
    Figure,
    Page,
    Section,
    SocialLink,
)
from articles.roles import EDITOR, SALES, WRITER, apply_roles
from articles.search import refresh_search_document

# One demo account per newsroom role: (username, group, full name). The writer's
# and the editor's bylines are demo authors (``demo_content.AUTHORS``' "username").
ROLE_USERS = [
    ("penulis", WRITER, "Nindya Puspitasari"),
    ("editor", EDITOR, "Rahmi Kusumawardani"),
    ("sales", SALES, "Sales Demo"),
]


def make_figure(spec: dict, seed: str) -> Figure:
    image = cleaned_content(process_image(illustration(tuple(spec["color"]), seed)))
    return Figure.objects.create(
        image=image,
        alt_text=spec["alt"],
        caption=spec.get("caption", ""),
        source=spec.get("source", ""),
    )


class Command(BaseCommand):
    help = (
        "Load the original Indonesian demo content (categories, authors, articles with "
        "generated images and notes, the newsroom's pages and social links). Safe to "
        "run again: existing items are left as they are."
    )

    def handle(self, *args, **options):
        categories = {
            spec["slug"]: Category.objects.update_or_create(
                slug=spec["slug"],
                defaults={
                    "name": spec["name"],
                    "description": spec.get("description", ""),
                    "position": index,
                },
            )[0]
            for index, spec in enumerate(demo_content.CATEGORIES)
        }
        authors = {
            spec["slug"]: Author.objects.get_or_create(
                slug=spec["slug"], defaults={"name": spec["name"], "bio": spec["bio"]}
            )[0]
            for spec in demo_content.AUTHORS
        }

        created = 0
        now = timezone.now()
        for spec in tqdm(demo_content.ARTICLES, desc="Artikel demo", unit="artikel"):
            if Article.objects.filter(slug=spec["slug"]).exists():
                continue
            with transaction.atomic():
                self.create_article(spec, categories, authors, now)
            created += 1

        self.add_notes(now)
        if not Article.objects.filter(is_lead=True).exists():
            lead = Article.objects.filter(slug=demo_content.LEAD_ARTICLE).first()
            if lead is not None:
                lead.is_lead = True
                lead.save()
        self.add_pages()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {created} new article(s), "
                f"{Article.objects.count()} in total."
            )
        )
        load_ads_demo(self.stdout)
        self.ensure_admin()
        self.ensure_role_users()
        self.link_bylines()

    def create_article(self, spec, categories, authors, now):
        article = Article.objects.create(
            title=spec["title"],
            slug=spec["slug"],
            intro=spec["intro"],
            category=categories[spec["category"]],
            author=authors[spec["author"]],
            co_author=authors.get(spec.get("co_author")),
            contributor_name=spec.get("contributor", ""),
            cover=make_figure(spec["cover"], f"{spec['slug']}-cover"),
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(hours=spec.get("hours_ago", 1)),
            seo_description=spec.get("seo_description", ""),
            is_featured=spec.get("is_featured", False),
        )
        article.tags.set(spec.get("tags", []))
        for position, section in enumerate(spec["sections"], start=1):
            figure = section.get("figure")
            Section.objects.create(
                article=article,
                position=position,
                heading=section["heading"],
                body=section["body"],
                is_numbered=section.get("is_numbered", True),
                figure=make_figure(figure, f"{spec['slug']}-{position}")
                if figure
                else None,
            )
        refresh_search_document(article)

    def add_notes(self, now):
        """The demo's corrections, updates and right of reply, once each."""
        for slug, notes in demo_content.NOTES.items():
            article = Article.objects.filter(slug=slug).first()
            if article is None:
                continue
            for note in notes:
                ArticleNote.objects.get_or_create(
                    article=article,
                    kind=note["kind"],
                    party=note.get("party", ""),
                    defaults={
                        "text": note["text"],
                        "noted_at": now - timedelta(hours=note["hours_ago"]),
                    },
                )

    def add_pages(self):
        """The newsroom's pages and social links; what an editor changed stays."""
        for position, spec in enumerate(demo_content.PAGES):
            link_name = spec.get("link_url_name")
            Page.objects.get_or_create(
                slug=spec["slug"],
                defaults={
                    "title": spec["title"],
                    "description": spec["description"],
                    "body": spec["body"],
                    "link_path": reverse(link_name) if link_name else "",
                    "link_text": spec.get("link_text", ""),
                    "position": position,
                },
            )
        for position, spec in enumerate(demo_content.SOCIAL_LINKS):
            SocialLink.objects.get_or_create(
                name=spec["name"], defaults={"url": spec["url"], "position": position}
            )

    def ensure_admin(self):
        User = get_user_model()
        admin_url = settings.SITE_URL.rstrip("/") + reverse("admin:index")
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                f"Admin: {admin_url} with your existing superuser "
                "(reset a password with `python manage.py changepassword <username>`)."
            )
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@wayahsinau.test", password)
        self.stdout.write(
            self.style.WARNING(
                f"Admin: {admin_url}  username: admin  "
                f"password: {password}  (shown once; change it with "
                "`python manage.py changepassword admin`)"
            )
        )

    def ensure_role_users(self):
        """One staff account per role; existing accounts are never touched."""
        apply_roles()
        User = get_user_model()
        for username, role, full_name in ROLE_USERS:
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            first_name, _space, last_name = full_name.partition(" ")
            user = User.objects.create_user(
                username,
                f"{username}@wayahsinau.test",
                password,
                is_staff=True,
                first_name=first_name,
                last_name=last_name,
            )
            user.groups.add(Group.objects.get(name=role))
            self.stdout.write(
                self.style.WARNING(
                    f"{role}: username: {username}  password: {password}  (shown once)"
                )
            )

    def link_bylines(self):
        """Tie each demo account to its demo author, unless the account or the
        author already has a byline."""
        User = get_user_model()
        for spec in demo_content.AUTHORS:
            user = User.objects.filter(username=spec.get("username")).first()
            if user is None or Author.objects.filter(user=user).exists():
                continue
            Author.objects.filter(slug=spec["slug"], user__isnull=True).update(
                user=user
            )
