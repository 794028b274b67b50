from django import template

from articles.images import Picture, picture_for

register = template.Library()


@register.filter
def picture(image) -> Picture | None:
    """``{{ block.image|picture }}``: the stored renditions of an image field whose
    model keeps them (``articles.images.WithRenditions``), or None when there are
    none yet, so the template shows the original. Reads no database."""
    renditions = getattr(getattr(image, "instance", None), "renditions", None)
    return picture_for(image, renditions) if renditions else None
