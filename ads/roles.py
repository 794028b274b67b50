"""Creating the Sales group from the ads migration.

What Sales may do is defined once, in ``articles.roles.ROLES`` (every permission
of the ads app, nothing else); this module only makes sure the ads permissions
exist before the group is given them.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

from articles.roles import SALES as SALES_GROUP
from articles.roles import role_permissions


def apply_sales_role(apps=global_apps) -> None:
    """Create or refresh the "Sales" group with exactly its role's permissions.

    Pass a migration's historical ``apps`` from a data migration; commands call it
    without arguments. Permissions are created first, because on a fresh database
    they would otherwise only appear after ``post_migrate``.
    """
    app_config = apps.get_app_config("ads")
    if getattr(app_config, "models_module", None) is None:
        app_config.models_module = True  # historical app configs have none
    create_permissions(app_config, apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=SALES_GROUP)
    group.permissions.set(role_permissions(SALES_GROUP, apps))
