from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.importing import DocumentError
from articles.wxr import import_wxr


class Command(BaseCommand):
    help = (
        "Impor ekspor WordPress (WXR 1.1/1.2): pos dengan kategori, tag, penulis, "
        "gambar, dan pengalihan 301 dari alamat lama. Aman dijalankan ulang."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", metavar="EXPORT.xml")
        parser.add_argument(
            "--media-dir", type=Path, help="Folder berkas lampiran dari ekspor."
        )

    def handle(self, *args, export, media_dir=None, **options):
        try:
            data = Path(export).read_bytes()
            outcome = import_wxr(
                data,
                media_dir,
                progress=lambda posts: tqdm(posts, desc="Pos WordPress", unit="pos"),
            )
        except OSError as error:
            raise CommandError(f"{export}: {error.strerror}") from error
        except DocumentError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Diimpor {len(outcome.imported)}, diperbarui {len(outcome.updated)}, "
            f"dilewati {len(outcome.skipped)}."
        )
        for line in outcome.skipped:
            self.stdout.write(f"  dilewati: {line}")
        for line in outcome.warnings:
            self.stdout.write(f"  peringatan: {line}")
