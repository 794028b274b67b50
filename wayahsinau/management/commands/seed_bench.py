import random
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem
from tqdm import tqdm

from ads.models import Advertiser, Placement, Slot, SponsoredBlock
from articles.compiled import compile_articles
from articles.demo_images import illustration
from articles.images import cleaned_content, process_image
from articles.models import (
    Article,
    Author,
    Category,
    Figure,
    SearchDocument,
    Section,
)
from articles.search import document_fields

WORDS = (
    "belajar rumah keluarga usaha kecil pasar digital kota malang batu sekolah guru "
    "anak kopi pagi komunitas kesehatan tidur olahraga wisata kuliner teknologi "
    "data aman "
    "tabungan modal pelanggan jualan daring kebiasaan waktu teman kerja kampus buku"
).split()
BATCH = 500


def sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random) -> str:
    return "<p>" + " ".join(sentence(rng) for _ in range(4)) + "</p>"


class Command(BaseCommand):
    help = (
        "Create a realistic benchmark data set with bulk inserts: N published articles "
        "with 4-8 sections, figures and tags over categories and authors."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=20261127)

    def handle(self, *args, articles, seed, **options):
        rng = random.Random(seed)
        self.seed_ads()
        existing = Article.objects.filter(slug__startswith="bench-").count()
        if existing >= articles:
            # Data seeded by older code: compile the pages it has no current one of.
            call_command("compile_articles")
            self.stdout.write(f"Benchmark data ready: {existing} articles.")
            self.analyze()
            return

        categories = [
            Category.objects.get_or_create(
                slug=f"bench-kategori-{i}", defaults={"name": f"Rubrik Uji {i}"}
            )[0]
            for i in range(12)
        ]
        authors = [
            Author.objects.get_or_create(
                slug=f"bench-penulis-{i}", defaults={"name": f"Penulis Uji {i}"}
            )[0]
            for i in range(40)
        ]
        tags = [
            Tag.objects.get_or_create(
                slug=f"bench-{word}-{i}", defaults={"name": f"{word} {i}"}
            )[0]
            for i, word in enumerate(WORDS * 6)
        ]
        # A small pool of real image files; many Figure rows share them, and their
        # renditions too (made once here, when each pool figure is saved).
        images = [
            process_image(illustration((40 + i * 20, 90, 160 - i * 10), f"bench-{i}"))
            for i in range(8)
        ]
        stored = []
        for processed in images:
            figure = Figure.objects.create(
                image=cleaned_content(processed), alt_text="Ilustrasi"
            )
            stored.append(
                (figure.image.name, figure.width, figure.height, figure.renditions)
            )

        content_type = ContentType.objects.get_for_model(Article)
        now = timezone.now()
        with tqdm(total=articles - existing, desc="Artikel", unit="artikel") as bar:
            for start in range(existing, articles, BATCH):
                count = min(BATCH, articles - start)
                with transaction.atomic():
                    self.create_batch(
                        rng,
                        start,
                        count,
                        categories,
                        authors,
                        tags,
                        stored,
                        content_type,
                        now,
                    )
                bar.update(count)
        self.stdout.write(
            self.style.SUCCESS(f"Benchmark data ready: {articles} articles.")
        )
        self.analyze()

    def analyze(self) -> None:
        """Vacuum and analyze the bulk-loaded tables on PostgreSQL.

        A live database gets both from autovacuum; a freshly seeded one may not
        (autovacuum off, or not yet run). Without statistics the planner takes every
        filter for a handful of rows and reads whole tables for a top-12 list; without
        a visibility map it cannot use the covering list indexes for deep pages. The
        benchmark would then measure that instead of the pages.
        """
        if connection.vendor == "postgresql":
            # VACUUM cannot run in a transaction (a test's): analyze alone there.
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            with connection.cursor() as cursor:
                cursor.execute(command)

    def seed_ads(self) -> None:
        """Sponsored blocks in every slot: three paid ones and a house block each,
        so every page of the benchmark picks, renders and counts real ads."""
        if SponsoredBlock.objects.filter(title__startswith="Promo uji").exists():
            return
        advertiser, _created = Advertiser.objects.get_or_create(
            name="Pengiklan Uji",
            defaults={
                "contact_person": "Tim Uji",
                "phone": "+6281200000000",
                "email": "uji@iklan.example",
            },
        )
        now = timezone.now()
        for key, name in (
            ("header", "Atas halaman"),
            ("sidebar", "Kolom samping"),
            ("in-article", "Di dalam artikel"),
            ("footer", "Bawah halaman"),
        ):
            slot, _created = Slot.objects.get_or_create(
                key=key, defaults={"name": name, "max_blocks": 1}
            )
            for number in range(3):
                block = SponsoredBlock.objects.create(
                    advertiser=advertiser,
                    title=f"Promo uji {key} {number}",
                    text="Penawaran khusus untuk pembaca Wayah Sinau.",
                    target_url=f"https://iklan.example/{key}/{number}",
                    starts_at=now - timedelta(days=1),
                    ends_at=now + timedelta(days=60),
                )
                Placement.objects.create(block=block, slot=slot, weight=number + 1)

    def create_batch(
        self, rng, start, count, categories, authors, tags, stored, ct, now
    ):
        covers = Figure.objects.bulk_create(
            [
                Figure(
                    image=name,
                    width=width,
                    height=height,
                    renditions=renditions,
                    alt_text=f"Ilustrasi artikel uji {start + i}",
                    caption=sentence(rng, 6),
                    source="ilustrasi Wayah Sinau",
                )
                for i, (name, width, height, renditions) in (
                    (i, rng.choice(stored)) for i in range(count)
                )
            ]
        )
        new_articles = []
        for i in range(count):
            number = start + i
            title = sentence(rng, 8).rstrip(".")
            new_articles.append(
                Article(
                    title=title,
                    slug=f"bench-{number}-{slugify(title)[:60]}",
                    intro=paragraph(rng),
                    category=rng.choice(categories),
                    author=rng.choice(authors),
                    cover=covers[i],
                    status=Article.Status.PUBLISHED,
                    published_at=now
                    - timedelta(minutes=number * 7 + rng.randint(0, 6)),
                    seo_description=sentence(rng, 12)[:155],
                    is_featured=number % 97 == 0,
                )
            )
        new_articles = Article.objects.bulk_create(new_articles)
        if new_articles[0].pk is None:  # backends that don't return ids
            new_articles = list(
                Article.objects.filter(slug__in=[a.slug for a in new_articles])
            )

        section_figures = []
        sections = []
        for article in new_articles:
            for position in range(1, rng.randint(4, 8) + 1):
                figure = None
                if position == 3:
                    name, width, height, renditions = rng.choice(stored)
                    figure = Figure(
                        image=name,
                        width=width,
                        height=height,
                        renditions=renditions,
                        alt_text="Ilustrasi bagian",
                        caption=sentence(rng, 6),
                        source="dokumentasi Wayah Sinau",
                    )
                    section_figures.append(figure)
                sections.append(
                    Section(
                        article=article,
                        position=position,
                        heading=sentence(rng, 5).rstrip("."),
                        body=paragraph(rng) + paragraph(rng),
                        is_numbered=position < 6,
                        figure=figure,
                    )
                )
        Figure.objects.bulk_create(section_figures)
        Section.objects.bulk_create(sections)
        chosen = {
            article.pk: rng.sample(tags, rng.randint(2, 5)) for article in new_articles
        }
        TaggedItem.objects.bulk_create(
            [
                TaggedItem(tag=tag, content_type=ct, object_id=article.pk)
                for article in new_articles
                for tag in chosen[article.pk]
            ]
        )
        # The search text, as saving each article would build it.
        by_article = {}
        for section in sections:
            by_article.setdefault(section.article_id, []).append(
                {"heading": section.heading, "body": section.body}
            )
        SearchDocument.objects.bulk_create(
            [
                SearchDocument(
                    article=article,
                    **document_fields(
                        article.title,
                        article.intro,
                        by_article.get(article.pk, []),
                        [tag.name for tag in chosen[article.pk]],
                    ),
                )
                for article in new_articles
            ]
        )
        # Their pages, as saving each article would have compiled them.
        compile_articles([article.pk for article in new_articles])
