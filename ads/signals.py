from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from articles.models import Article
from articles.sponsorship import name_sponsor

from . import slots
from .models import (
    Advertiser,
    Advertorial,
    Placement,
    ServiceListing,
    Slot,
    SponsoredBlock,
)


@receiver([post_save, post_delete], sender=Advertiser)
@receiver([post_save, post_delete], sender=ServiceListing)
@receiver([post_save, post_delete], sender=Slot)
@receiver([post_save, post_delete], sender=SponsoredBlock)
@receiver([post_save, post_delete], sender=Placement)
def forget_cached_slots(sender, **kwargs):
    slots.forget_cached_slots()


# Advertorials: the article keeps who paid (``Article.sponsor_name``), because
# articles may not import this app (``articles/sponsorship.py``).


@receiver(pre_save, sender=Advertorial)
def note_previous_article(sender, instance, raw=False, **kwargs):
    instance.previous_article_id = None
    if instance.pk and not raw:
        instance.previous_article_id = (
            Advertorial.objects.filter(pk=instance.pk)
            .values_list("article_id", flat=True)
            .first()
        )


@receiver(post_save, sender=Advertorial)
def tie_sponsor(sender, instance, raw=False, **kwargs):
    """Recorded or changed: its article names the advertiser as its sponsor (a
    label Sales removed stays off until an editor ticks it again)."""
    if raw:
        return
    previous = getattr(instance, "previous_article_id", None)
    if previous and previous != instance.article_id:
        name_sponsor(Article.objects.filter(pk=previous), "")
    name_sponsor(
        Article.objects.filter(pk=instance.article_id, is_sponsored=True),
        instance.advertiser.name,
    )


@receiver(post_delete, sender=Advertorial)
def untie_sponsor(sender, instance, **kwargs):
    """No longer recorded: the article keeps its label, and editors may again
    decide about it."""
    name_sponsor(Article.objects.filter(pk=instance.article_id), "")


@receiver(post_save, sender=Advertiser)
def rename_sponsor(sender, instance, created=False, raw=False, **kwargs):
    """A renamed advertiser: its advertorials' pages and cards say the new name."""
    if created or raw:
        return
    tied = Article.objects.filter(advertorial__advertiser=instance).exclude(
        sponsor_name=""
    )
    name_sponsor(tied, instance.name)
