import io
import random
from datetime import timedelta

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Page, Site

from news.models import ArticlePage, Author, CategoryPage, HomePage

try:
    from tqdm import tqdm
except ImportError:  # the bar is a nicety
    tqdm = None

# The words, categories, authors and tag pool of the Wayah Sinau benchmark
# (wayahsinau/management/commands/seed_bench.py), so both sites carry the same
# kind of text.
WORDS = (
    "belajar rumah keluarga usaha kecil pasar digital kota malang batu sekolah guru "
    "anak kopi pagi komunitas kesehatan tidur olahraga wisata kuliner teknologi "
    "data aman "
    "tabungan modal pelanggan jualan daring kebiasaan waktu teman kerja kampus buku"
).split()
SECTIONS = 6
# Paragraphs per section: the Wagtail page has no ads, sidebar or structured data,
# so its body carries more text to weigh what the Wayah Sinau article page weighs
# (about 26 KB of HTML).
PARAGRAPHS = 6
BATCH = 100
RENDITIONS = ("fill-800x450", "fill-400x225", "width-800")


def sentence(rng: random.Random, words: int = 14) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    return "<p>" + " ".join(sentence(rng) for _ in range(sentences)) + "</p>"


def illustration(number: int) -> ImageFile:
    """A 1600x900 JPEG: a colour gradient with a few shapes."""
    colour = (40 + number * 20, 90, 160 - number * 10)
    picture = PILImage.new("RGB", (1600, 900), colour)
    draw = ImageDraw.Draw(picture)
    for step in range(0, 900, 6):
        shade = tuple(min(255, c + step // 8) for c in colour)
        draw.line([(0, step), (1600, step)], fill=shade, width=6)
    draw.ellipse((500 + number * 40, 200, 1000 + number * 40, 700), fill="#f4e9d8")
    draw.rectangle((80, 640, 560, 820), fill="#1d1d1b")
    data = io.BytesIO()
    picture.save(data, "JPEG", quality=85)
    return ImageFile(data, name=f"bench-{number}.jpg")


class Command(BaseCommand):
    help = (
        "Create the Wagtail comparison data set: a home page, 12 category pages, 40 "
        "authors, 8 images and N live article pages with 6 sections, a cover, a "
        "figure and 2-5 tags. Idempotent: existing articles are kept and counted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=20261127)

    def handle(self, *args, articles, seed, **options):
        rng = random.Random(seed)
        home = self.home()
        categories = self.categories(home)
        authors = [
            Author.objects.get_or_create(
                slug=f"bench-penulis-{i}", defaults={"name": f"Penulis Uji {i}"}
            )[0]
            for i in range(40)
        ]
        images = self.images()
        tags = [f"{word} {i}" for i, word in enumerate(WORDS * 6)]
        existing = ArticlePage.objects.filter(slug__startswith="bench-").count()
        if existing < articles:
            now = timezone.now()
            bar = tqdm(total=articles - existing, unit="artikel") if tqdm else None
            for start in range(existing, articles, BATCH):
                count = min(BATCH, articles - start)
                with transaction.atomic():
                    for number in range(start, start + count):
                        self.article(
                            rng, number, now, categories, authors, images, tags
                        )
                if bar:
                    bar.update(count)
            if bar:
                bar.close()
        self.stdout.write(
            self.style.SUCCESS(
                f"Wagtail benchmark data ready: {max(existing, articles)} articles."
            )
        )
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Bulk-loaded tables get their statistics, as autovacuum would give them.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")

    def home(self) -> HomePage:
        """The site's home page, in place of the one Wagtail's migrations create."""
        home = HomePage.objects.first()
        if home:
            return home
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(title="Wayah Sinau", slug="beranda", live=True)
        )
        site = Site.objects.filter(is_default_site=True).first()
        welcome = site.root_page if site else None
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "Wayah Sinau",
            },
        )
        if welcome and welcome.specific_class is Page:
            welcome.delete()
        return home

    def categories(self, home: HomePage) -> list[CategoryPage]:
        categories = []
        for i in range(12):
            slug = f"rubrik-uji-{i}"
            category = CategoryPage.objects.filter(slug=slug).first()
            if category is None:
                category = home.add_child(
                    instance=CategoryPage(
                        title=f"Rubrik Uji {i}",
                        slug=slug,
                        description=sentence(random.Random(i), 12),
                        show_in_menus=True,
                        live=True,
                    )
                )
            categories.append(category)
        return categories

    def images(self) -> list[Image]:
        """A pool of 8 images that the articles share, with their renditions made
        here (the first reader would otherwise make them)."""
        images = []
        for number in range(8):
            title = f"Ilustrasi uji {number}"
            image = Image.objects.filter(title=title).first()
            if image is None:
                image = Image.objects.create(title=title, file=illustration(number))
            image.get_renditions(*RENDITIONS)
            images.append(image)
        return images

    def article(self, rng, number, now, categories, authors, images, tags):
        title = sentence(rng, 8).rstrip(".")
        body = []
        for position in range(1, SECTIONS + 1):
            body.append(("heading", sentence(rng, 5).rstrip(".")))
            body.append(
                (
                    "paragraph",
                    "".join(paragraph(rng, 6) for _ in range(PARAGRAPHS)),
                )
            )
            if position == 3:
                body.append(
                    (
                        "figure",
                        {
                            "image": rng.choice(images),
                            "caption": sentence(rng, 6),
                            "source": "dokumentasi Wayah Sinau",
                        },
                    )
                )
        published_at = now - timedelta(minutes=number * 7 + rng.randint(0, 6))
        page = ArticlePage(
            title=title,
            slug=f"bench-{number}-{slugify(title)[:60]}",
            intro=paragraph(rng),
            cover=rng.choice(images),
            author=rng.choice(authors),
            body=body,
            search_description=sentence(rng, 12)[:155],
            live=True,
            first_published_at=published_at,
            last_published_at=published_at,
        )
        page.tags.add(*rng.sample(tags, rng.randint(2, 5)))
        rng.choice(categories).add_child(instance=page)
