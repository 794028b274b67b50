from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import slots
from .models import Advertiser, Placement, ServiceListing, Slot, SponsoredBlock


@receiver([post_save, post_delete], sender=Advertiser)
@receiver([post_save, post_delete], sender=ServiceListing)
@receiver([post_save, post_delete], sender=Slot)
@receiver([post_save, post_delete], sender=SponsoredBlock)
@receiver([post_save, post_delete], sender=Placement)
def forget_cached_slots(sender, **kwargs):
    slots.forget_cached_slots()
