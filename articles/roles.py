"""The newsroom roles, defined once: the data migration, ``setup_roles`` and the
``post_migrate`` hook all call :func:`apply_roles`.

Groups only grant model permissions; what a writer may do with *which* article,
figure or preview link (their own drafts only, never publish) is the article rule
in ``articles/permissions.py``, which every admin asks.
"""

from django.apps import apps as global_apps
from django.db.models import Q

WRITER = "Penulis"
EDITOR = "Editor"
SALES = "Sales"

PUBLISH_PERMISSION = "articles.publish_article"

# Codenames per app label. "*" means every permission of that app, so apps that add
# models later (ads) are picked up by the next ``setup_roles`` or migration.
ROLES: dict[str, dict[str, list[str] | str]] = {
    WRITER: {
        "articles": [
            "add_article",
            "change_article",
            "view_article",
            "add_section",
            "change_section",
            "delete_section",
            "view_section",
            "add_figure",
            "change_figure",
            # Their own pictures that no colleague's article uses
            # (``permissions.deletable_figures``).
            "delete_figure",
            "view_figure",
            "view_category",
            "view_author",
            "view_changeproposal",
            # Preview links for their own drafts, to show a source or an editor.
            "add_previewlink",
            "change_previewlink",
            "view_previewlink",
        ],
        "taggit": ["add_tag", "view_tag"],
    },
    EDITOR: {"articles": "*", "taggit": "*"},
    SALES: {"ads": "*"},
}


def role_permissions(role: str, apps=global_apps):
    """The Permission queryset a role should hold."""
    Permission = apps.get_model("auth", "Permission")
    query = Q(pk__in=[])
    for app_label, codenames in ROLES[role].items():
        if codenames == "*":
            query |= Q(content_type__app_label=app_label)
        else:
            query |= Q(content_type__app_label=app_label, codename__in=codenames)
    return Permission.objects.filter(query)


def apply_roles(apps=global_apps) -> dict[str, int]:
    """Create the groups and set exactly their permissions; safe to run again.

    Returns the number of permissions each group now holds.
    """
    Group = apps.get_model("auth", "Group")
    counts = {}
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        permissions = list(role_permissions(role, apps))
        group.permissions.set(permissions)
        counts[role] = len(permissions)
    return counts


def is_editor(user) -> bool:
    """Editors (and superusers) may publish, schedule, unpublish and reject."""
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)
