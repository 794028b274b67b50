from django.core.management.base import BaseCommand

from articles.roles import apply_roles


class Command(BaseCommand):
    help = (
        "Create the Penulis, Editor and Sales groups and set exactly their "
        "permissions (articles/roles.py). Safe to run again at any time."
    )

    def handle(self, *args, **options):
        for role, count in apply_roles().items():
            self.stdout.write(f"{role}: {count} izin")
        self.stdout.write(self.style.SUCCESS("Peran diperbarui."))
