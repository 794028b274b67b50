"""Publish the change drafts whose scheduled time has come (articles/livedrafts.py).

The site does this by itself at most once a minute while it has readers; run this
from cron or a systemd timer every minute where changes must land on the minute
even on a quiet site (docs/deploy.md).
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
