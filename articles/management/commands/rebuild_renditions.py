from django.apps import apps
from django.core.management.base import BaseCommand
from django.db.models import F, Q
from django.db.models.fields.json import KeyTextTransform
from tqdm import tqdm

from articles.caching import bump_generation
from articles.compiled import recompile, showing
from articles.images import WithRenditions, build_renditions
from articles.models import Figure


def models_with_renditions() -> list:
    return [model for model in apps.get_models() if issubclass(model, WithRenditions)]


class Command(BaseCommand):
    help = (
        "Rebuild the resized WebP and JPEG/PNG copies of every image served as "
        "renditions (figures, sponsored blocks, service listings), e.g. after "
        "changing WAYAHSINAU_RENDITION_WIDTHS or restoring media. Each distinct file "
        "is processed once, even when many rows share it. With --missing, only rows "
        "whose renditions are absent or were made from another file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--missing",
            action="store_true",
            help="Skip rows whose renditions match their current image.",
        )

    def handle(self, *args, missing=False, **options):
        work = []  # (model, image name)
        for model in models_with_renditions():
            rows = model._default_manager.exclude(Q(image="") | Q(image__isnull=True))
            if missing:
                rows = rows.annotate(
                    rendered=KeyTextTransform("source", "renditions")
                ).filter(Q(rendered__isnull=True) | ~Q(rendered=F("image")))
            names = rows.order_by("image").values_list("image", flat=True).distinct()
            work += [(model, name) for name in names]

        built: dict[str, dict] = {}
        for model, name in tqdm(work, desc="Rendisi gambar", unit="berkas"):
            if name not in built:
                storage = model._meta.get_field("image").storage
                built[name] = build_renditions(storage, name)
            # An update, not save(): the rows are otherwise unchanged, and no
            # revision or search refresh is due. Cached pages are dropped below.
            model._default_manager.filter(image=name).update(renditions=built[name])
        if built:
            # Pages compiled with the old renditions show the new ones.
            recompile(showing(Figure.objects.filter(image__in=list(built))))
            bump_generation()

        failed = sum(1 for renditions in built.values() if not renditions)
        if failed:
            self.stderr.write(
                f"{failed} image file(s) could not be read; they are shown as their "
                "original image (see the log)."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Renditions rebuilt for {len(built) - failed} image file(s)."
            )
        )
