import shutil

import pytest
from django.core.cache import cache, caches

from articles.localcache import reset_local_caches


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    """Each test gets its own media folder and an empty cache."""
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    caches["versions"].clear()
    # Per-process state that mirrors the cache starts afresh with it.
    reset_local_caches()
    yield
    cache.clear()
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture
def staff_editor(db, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(
        "editor", "editor@wayahsinau.test", "rahasia-uji-123", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label__in=["articles", "taggit"])
    )
    return user
