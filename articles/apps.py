from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = _("Artikel")

    def ready(self):
        # The receivers import the models, which load only once the registry is
        # ready: Django's documented place for this import.
        from . import signals

        # Permissions of apps migrated after ours (ads) exist only after their
        # post_migrate, so the roles are re-applied then too.
        post_migrate.connect(signals.refresh_roles, dispatch_uid="articles-roles")
        signals.register_revisions()
