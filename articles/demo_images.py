"""Flat-colour illustrations for demo content, drawn with Pillow."""

import io
import random

from PIL import Image, ImageDraw


def illustration(
    color: tuple[int, int, int], seed: str, size=(1200, 675)
) -> io.BytesIO:
    """A JPEG with a soft gradient and a few shapes, the same for the same seed."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        shade = int(60 * y / height)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(max(0, channel - shade) for channel in color),
        )
    for _ in range(7):
        radius = rng.randint(40, 220)
        x, y = rng.randint(0, width), rng.randint(0, height)
        tint = tuple(min(255, channel + rng.randint(30, 90)) for channel in color)
        draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=tint)
    draw.rectangle([0, height - 90, width, height], fill=tuple(c // 2 for c in color))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    buffer.seek(0)
    buffer.name = f"{seed}.jpg"
    return buffer
