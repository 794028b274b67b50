"""The Sales role: every permission of the ads app, nothing anywhere else."""

from django.apps import apps as global_apps

SALES_GROUP = "Sales"


def apply_sales_role(apps=global_apps) -> None:
    """Create or refresh the "Sales" group with exactly the ads app's permissions.

    Pass a migration's historical ``apps`` from a data migration; commands call it
    without arguments. Permissions are created first, because on a fresh database
    they would otherwise only appear after ``post_migrate``.
    """
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("ads")
    if getattr(app_config, "models_module", None) is None:
        app_config.models_module = True  # historical app configs have none
    create_permissions(app_config, apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=SALES_GROUP)
    group.permissions.set(Permission.objects.filter(content_type__app_label="ads"))
