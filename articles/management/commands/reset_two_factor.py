from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp import devices_for_user


class Command(BaseCommand):
    help = (
        "Remove a staff member's two-step verification (authenticator app and "
        "backup codes), e.g. after a lost phone. They set it up again on "
        "'Verifikasi dua langkah' at their next login."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist as error:
            raise CommandError(f"Pengguna {username!r} tidak ada.") from error
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        self.stdout.write(
            self.style.SUCCESS(
                f"Verifikasi dua langkah {username} dihapus ({len(devices)} perangkat)."
            )
        )
