"""How the admin shows pictures.

Thumbnails are the smallest stored rendition when there is one (``images.py``), so
an admin screen never downloads a full-size original.
"""

PICTURES_CSS = "admin/css/pictures.css"


def thumbnail_url(image) -> str:
    """The URL of the smallest stored copy of ``image`` (an image field's file):
    its smallest JPEG/PNG rendition when they were made from this very file, else
    the file itself."""
    renditions = getattr(image.instance, "renditions", None) or {}
    if renditions.get("source") == image.name:
        copies = [
            item for item in renditions.get("items") or [] if item["format"] != "webp"
        ]
        if copies:
            smallest = min(copies, key=lambda item: item["width"])
            return image.storage.url(smallest["name"])
    return image.url
