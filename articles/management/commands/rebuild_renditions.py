from django.core.management.base import BaseCommand
from django.db.models import F, Q
from django.db.models.fields.json import KeyTextTransform
from tqdm import tqdm

from articles.images import build_renditions
from articles.models import Figure


class Command(BaseCommand):
    help = (
        "Rebuild the resized WebP and JPEG/PNG copies of every figure image, e.g. "
        "after changing WAYAHSINAU_RENDITION_WIDTHS or the encoder settings. Each "
        "distinct file is processed once, even when many figures share it. With "
        "--missing, only figures without up-to-date renditions."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing",
            action="store_true",
            help="Skip figures whose renditions match their current image.",
        )

    def handle(self, *args, missing=False, **options):
        figures = Figure.objects.exclude(Q(image="") | Q(image__isnull=True))
        todo = figures
        if missing:
            todo = figures.annotate(
                rendered=KeyTextTransform("source", "renditions")
            ).filter(Q(rendered__isnull=True) | ~Q(rendered=F("image")))
        names = list(todo.order_by("image").values_list("image", flat=True).distinct())
        storage = Figure._meta.get_field("image").storage
        failed = 0
        for name in tqdm(names, desc="Rendisi gambar", unit="berkas"):
            renditions = build_renditions(storage, name)
            if not renditions:
                failed += 1
            # An update, not save(): the figures are otherwise unchanged, and no
            # revision or search refresh is needed.
            figures.filter(image=name).update(renditions=renditions)
        message = f"Renditions rebuilt for {len(names) - failed} image file(s)."
        if failed:
            self.stderr.write(
                f"{failed} image file(s) could not be read; those figures show "
                "their original image (see the log)."
            )
        self.stdout.write(self.style.SUCCESS(message))
