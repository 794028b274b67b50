from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wayahsinau.context_processors import NAV_CACHE_KEY

from .models import Category


@receiver([post_save, post_delete], sender=Category)
def forget_navigation(sender, **kwargs):
    cache.delete(NAV_CACHE_KEY)


def refresh_roles(sender, using="default", **kwargs):
    from .roles import apply_roles

    if using == "default":
        apply_roles()


def register_revisions():
    """Every saved revision holds the whole article: fields, sections in order,
    their figures, the cover and the tags. ``version`` is left out, because it
    counts saves and must never go back on restore."""
    import reversion
    from taggit.models import Tag, TaggedItem

    from .models import Article, Figure, Section

    if reversion.is_registered(Article):
        return
    reversion.register(Figure)
    reversion.register(Tag)
    reversion.register(TaggedItem, follow=["tag"])
    reversion.register(Section, follow=["figure"])
    article_fields = [
        field.name
        for field in Article._meta.concrete_fields
        if field.name not in {"version"}
    ]
    reversion.register(
        Article,
        fields=article_fields,
        follow=["sections", "cover", "tagged_items"],
    )
