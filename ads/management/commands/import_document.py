from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError
from tqdm import tqdm

from ads.intake import save_press_release
from ads.models import Advertiser, Enquiry
from articles.importing import DocumentError, ImagesBeside, read_document


class Command(BaseCommand):
    help = (
        "Impor naskah (.docx, HTML, Markdown, teks) menjadi draf artikel: satu baris "
        "per berkas dengan judul, jumlah bagian, gambar, penulis, dan peringatan. "
        "Gambar yang disebut naskah teks/HTML dicari di folder berkasnya. Dengan "
        "--advertiser, draf ditandai advertorial untuk pengiklan itu; dengan "
        "--enquiry pula, advertorialnya dicatat dari permintaan penawaran itu."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--advertiser",
            type=int,
            metavar="ID",
            help="Id pengiklan: draf ditandai advertorial dan dicatat untuknya.",
        )
        parser.add_argument(
            "--enquiry",
            type=int,
            metavar="ID",
            help="Id permintaan penawaran asal advertorial (perlu --advertiser).",
        )

    def handle(self, *args, files, advertiser=None, enquiry=None, **options):
        sponsor = lead = None
        if advertiser is not None:
            sponsor = Advertiser.objects.filter(pk=advertiser).first()
            if sponsor is None:
                raise CommandError(f"Pengiklan dengan id {advertiser} tidak ada.")
        if enquiry is not None:
            if sponsor is None:
                raise CommandError("--enquiry hanya bersama --advertiser.")
            lead = Enquiry.objects.filter(pk=enquiry).first()
            if lead is None:
                raise CommandError(
                    f"Permintaan penawaran dengan id {enquiry} tidak ada."
                )
        failed = 0
        for name in tqdm(
            files, desc="Impor naskah", unit="berkas", disable=len(files) < 2
        ):
            path = Path(name)
            try:
                data = path.read_bytes()
                result = read_document(
                    data, path.name, images=ImagesBeside(path.parent)
                )
                article = save_press_release(result, sponsor, enquiry=lead)
            except (DocumentError, OSError, ValidationError, DatabaseError) as error:
                failed += 1
                reason = error.strerror if isinstance(error, OSError) else error
                self.stderr.write(f"GAGAL {name}: {reason}")
                continue
            stored_figures = article.sections.exclude(figure=None).count() + (
                1 if article.cover_id else 0
            )
            self.stdout.write(
                f"OK {name}: «{article.title}» (id {article.pk}) · "
                f"{len(result.sections)} bagian · {stored_figures} gambar · "
                f"penulis: {article.author or '-'} · "
                f"{len(result.warnings)} peringatan"
                + "".join(f"\n  - {warning}" for warning in result.warnings)
            )
        if failed:
            raise CommandError(f"{failed} dari {len(files)} berkas gagal diimpor.")
