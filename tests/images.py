"""Real image files made with Pillow, for upload tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(
    fmt="JPEG", size=(64, 48), color=(200, 60, 30), mode="RGB", **save_kwargs
):
    image = Image.new(mode, size, color)
    buffer = io.BytesIO()
    image.save(buffer, fmt, **save_kwargs)
    return buffer.getvalue()


def upload(data: bytes, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def jpeg_upload(name="foto.jpg", **kwargs):
    return upload(image_bytes("JPEG", **kwargs), name)
