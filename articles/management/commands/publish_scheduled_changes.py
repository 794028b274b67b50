"""Publish the change drafts whose scheduled time has come (articles/livedrafts.py).

The first page request after a change's time does this by itself, before it
renders (articles/caching.py); run this from cron every minute where a site nobody
reads at that minute must still change on time (docs/deploy.md).
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from articles.livedrafts import apply_due_changes


class Command(BaseCommand):
    help = _("Menerbitkan draf perubahan yang jadwal terbitnya sudah tiba.")

    def handle(self, *args, **options):
        results = apply_due_changes()
        for live, reasons in results:
            if reasons:
                self.stderr.write(
                    _("Tidak diterbitkan: “%(title)s”: %(reasons)s")
                    % {"title": live.title, "reasons": " ".join(reasons)}
                )
            else:
                self.stdout.write(_("Terbit: “%(title)s”") % {"title": live.title})
        published = sum(1 for _live, reasons in results if not reasons)
        self.stdout.write(
            _("%(count)s perubahan terjadwal diterbitkan.") % {"count": published}
        )
