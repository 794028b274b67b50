"""Real image files made with Pillow, for upload tests."""

import functools
import io
import struct

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageCms, PngImagePlugin


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


# Metadata an upload may carry, and what of it is left in a stored file.

SECRET = b"RAHASIA-GPS-123"
_XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999'
    '/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/'
    f'1.1/"><dc:creator>{SECRET.decode()}</dc:creator></rdf:Description></rdf:RDF>'
    "</x:xmpmeta>"
)


@functools.cache
def srgb_profile() -> bytes:
    """One sRGB profile for the whole run: each made carries its creation time."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def cmyk_profile() -> bytes:
    """A profile whose header says CMYK: what print-ready photos carry."""
    profile = srgb_profile()
    return profile[:16] + b"CMYK" + profile[20:]


def _exif(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = SECRET.decode()  # Make
    exif[0x8825] = {1: "S", 2: (7.0, 58.0, 0.0), 3: "E", 4: (112.0, 37.0, 0.0)}
    return exif.tobytes()


def _photoshop_app13() -> bytes:
    """A JPEG APP13 segment holding an IPTC by-line (photographer's name)."""
    iptc = b"\x1c\x02\x50" + struct.pack(">H", len(SECRET)) + SECRET
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc
    body = b"Photoshop 3.0\x00" + resource + b"\x00" * (len(resource) % 2)
    return b"\xff\xed" + struct.pack(">H", len(body) + 2) + body


def with_metadata(fmt: str, size=(64, 48), mode="RGB", orientation=1) -> bytes:
    """An image whose every metadata slot its format has holds ``SECRET``: a JPEG
    with a comment, EXIF with GPS, XMP, IPTC and an ICC profile; a PNG with tEXt,
    zTXt, iTXt, XMP, eXIf and a profile; a WebP with EXIF, XMP and a profile; an
    animated GIF with a comment and a transparent colour."""
    buffer = io.BytesIO()
    if fmt == "GIF":
        frames = [Image.new("P", size, index) for index in range(3)]
        frames[0].save(
            buffer,
            "GIF",
            save_all=True,
            append_images=frames[1:],
            comment=SECRET,
            duration=120,
            loop=0,
            transparency=0,
        )
        return buffer.getvalue()
    color = {"RGBA": (20, 140, 60, 90), "CMYK": (0, 100, 200, 0)}.get(
        mode, (20, 140, 60)
    )
    image = Image.new(mode, size, color)
    image.putpixel((0, 0), (255,) * len(mode))
    profile = cmyk_profile() if mode == "CMYK" else srgb_profile()
    exif = _exif(orientation)
    if fmt == "JPEG":
        image.save(
            buffer,
            "JPEG",
            comment=SECRET,
            exif=exif,
            xmp=_XMP.encode(),
            icc_profile=profile,
            extra=_photoshop_app13(),
        )
    elif fmt == "PNG":
        text = PngImagePlugin.PngInfo()
        text.add_text("Comment", SECRET.decode())
        text.add_text("Author", SECRET.decode(), zip=True)
        text.add_itxt("Description", SECRET.decode())
        text.add_itxt("XML:com.adobe.xmp", _XMP)
        image.save(buffer, "PNG", pnginfo=text, exif=exif, icc_profile=profile)
    else:
        image.save(buffer, fmt, exif=exif, xmp=_XMP.encode(), icc_profile=profile)
    data = buffer.getvalue()
    assert SECRET in data
    return data


def _jpeg_segments(data: bytes):
    offset = 2
    while data[offset] == 0xFF and data[offset + 1] != 0xDA:  # up to the scan
        marker = data[offset + 1]
        length = struct.unpack(">H", data[offset + 2 : offset + 4])[0]
        body = data[offset + 4 : offset + 2 + length]
        if marker == 0xFE:
            yield "COM"
        elif 0xE0 <= marker <= 0xEF:
            name = body.split(b"\0")[0][:14].decode("latin-1")
            yield f"APP{marker - 0xE0}:{name}"
        offset += 2 + length


def _png_chunks(data: bytes):
    offset = 8
    while offset < len(data):
        length = struct.unpack(">I", data[offset : offset + 4])[0]
        yield data[offset + 4 : offset + 8].decode("latin-1")
        offset += 12 + length


def _webp_chunks(data: bytes):
    offset = 12
    while offset < len(data):
        length = struct.unpack("<I", data[offset + 4 : offset + 8])[0]
        yield data[offset : offset + 4].decode("latin-1")
        offset += 8 + length + length % 2


def _gif_blocks(data: bytes):
    def skip_sub_blocks(offset):
        while data[offset]:
            offset += data[offset] + 1
        return offset + 1

    flags = data[10]
    offset = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    while data[offset] != 0x3B:
        if data[offset] == 0x21:
            label = data[offset + 1]
            yield {0xF9: "control", 0xFE: "comment", 0xFF: "application"}.get(
                label, f"extension {label:#x}"
            )
            offset = skip_sub_blocks(offset + 2)
        else:  # an image: descriptor, local colour table, LZW data
            flags = data[offset + 9]
            offset += 10 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
            yield "image"
            offset = skip_sub_blocks(offset + 1)


_NEEDED = {
    # Pixels, palette, transparency and colour profile; nothing else.
    "JPEG": (_jpeg_segments, {"APP0:JFIF", "APP2:ICC_PROFILE", "APP14:Adobe"}),
    "PNG": (_png_chunks, {"IHDR", "PLTE", "tRNS", "iCCP", "IDAT", "IEND"}),
    "WEBP": (_webp_chunks, {"VP8 ", "VP8L", "VP8X", "ALPH", "ICCP"}),
    "GIF": (_gif_blocks, {"control", "image"}),
}


def metadata_left(data: bytes) -> list[str]:
    """What of an upload's metadata a stored image file still holds: the secret
    anywhere in its bytes, what Pillow reads as a comment, EXIF, XMP, IPTC or text,
    and every segment or chunk that is neither pixels nor the colour profile."""
    found = ["secret"] if SECRET in data else []
    image = Image.open(io.BytesIO(data))
    harmless = {"icc_profile", "transparency", "background", "version", "dpi"}
    harmless |= {"jfif", "jfif_version", "jfif_unit", "jfif_density"}
    harmless |= {"progressive", "progression", "adobe", "adobe_transform"}
    harmless |= {"loop", "duration"}  # read from the block that holds transparency
    found += [f"info:{key}" for key in image.info if key not in harmless]
    if image.getexif():
        found.append("exif")
    blocks, needed = _NEEDED[image.format]
    found += [f"block:{block}" for block in blocks(data) if block not in needed]
    return found
