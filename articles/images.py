"""Validation and re-encoding for every uploaded image (figures, author photos, ads).

An upload is accepted only when its bytes are a real JPEG, PNG, WebP or GIF within
our size and pixel limits. It is decoded fully (so truncated files fail here, not on
the page), turned upright by its EXIF orientation, re-encoded without any metadata,
and stored under a random name. Its renditions are encoded the same way: pixels,
transparency and colour profile only (``_encode``).
"""

import io
import logging
import posixpath
import uuid
import warnings
from dataclasses import dataclass
from typing import NamedTuple

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from .storage import media_urls

logger = logging.getLogger(__name__)

ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# Byte strings that have no business inside an image but make it parse as a page.
_MARKUP_MARKERS = (
    b"<html",
    b"<script",
    b"<svg",
    b"<!doctype",
    b"<iframe",
    b"<?php",
    b"<body",
)


@dataclass(frozen=True)
class ProcessedImage:
    content: ContentFile
    width: int
    height: int
    format: str


def _fail(message, code):
    raise ValidationError(message, code=code)


def process_image(uploaded) -> ProcessedImage:
    """Validate an uploaded file-like object and return it re-encoded and cleaned."""
    max_bytes = settings.WAYAHSINAU_IMAGE_MAX_BYTES
    max_pixels = settings.WAYAHSINAU_IMAGE_MAX_PIXELS
    max_side = settings.WAYAHSINAU_IMAGE_MAX_SIDE

    size = getattr(uploaded, "size", None)
    if size is None:
        uploaded.seek(0, io.SEEK_END)
        size = uploaded.tell()
    if size == 0:
        _fail(_("Berkas gambar kosong (0 byte)."), "empty")
    if size > max_bytes:
        _fail(
            _("Berkas gambar terlalu besar: %(size)s MB, maksimum %(max)s MB.")
            % {"size": round(size / 1_048_576, 1), "max": max_bytes // 1_048_576},
            "too_large",
        )

    uploaded.seek(0)
    raw = uploaded.read()
    lowered = raw.lower()
    if any(marker in lowered for marker in _MARKUP_MARKERS):
        _fail(
            _("Berkas ini berisi kode HTML atau skrip, bukan gambar murni."),
            "polyglot",
        )

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(raw))
            image_format = probe.format
            width, height = probe.size
            if image_format not in ALLOWED_FORMATS:
                _fail(
                    _(
                        "Format gambar tidak didukung (%(format)s). Gunakan JPEG, PNG, "
                        "WebP, atau GIF."
                    )
                    % {"format": image_format or "?"},
                    "format",
                )
            if width * height > max_pixels or max(width, height) > max_side:
                _fail(
                    _("Dimensi gambar terlalu besar: %(w)d×%(h)d piksel.")
                    % {"w": width, "h": height},
                    "too_many_pixels",
                )
            probe.verify()

            image = Image.open(io.BytesIO(raw))
            if getattr(image, "is_animated", False):
                image.seek(0)
            image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        _fail(_("Dimensi gambar terlalu besar untuk diproses."), "too_many_pixels")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        _fail(
            _("Berkas bukan gambar yang valid atau rusak/terpotong."),
            "corrupt",
        )

    image = ImageOps.exif_transpose(image)
    icc_profile = image.info.get("icc_profile")
    out = io.BytesIO()
    if image_format == "JPEG":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        _encode(
            image, out, "JPEG", icc_profile, quality=85, optimize=True, progressive=True
        )
    elif image_format == "WEBP":
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA")
        _encode(image, out, "WEBP", icc_profile, quality=82, method=4)
    elif image_format == "GIF":
        image = image.convert("RGBA") if image.mode != "P" else image
        _encode(image, out, "GIF", icc_profile)
    else:
        if image.mode in ("I;16", "I;16B", "I;16L", "I"):
            image = image.point(lambda value: value / 256).convert("L")
        elif image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        _encode(image, out, "PNG", icc_profile, optimize=True)

    extension = ALLOWED_FORMATS[image_format]
    return ProcessedImage(
        content=ContentFile(out.getvalue(), name=f"{uuid.uuid4().hex}.{extension}"),
        width=image.width,
        height=image.height,
        format=image_format,
    )


# The colour space an ICC profile must describe to be kept with pixels of a mode.
_PROFILE_SPACES = {
    "RGB": "RGB ",
    "RGBA": "RGB ",
    "P": "RGB ",
    "L": "GRAY",
    "LA": "GRAY",
}


def _matching_profile(icc_profile: bytes | None, mode: str) -> bytes | None:
    """The ICC profile when it is readable and describes pixels of ``mode``. A CMYK
    profile left on pixels converted to RGB would make browsers show wrong colours."""
    if not icc_profile:
        return None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
    except OSError:
        return None
    if profile.profile.xcolor_space != _PROFILE_SPACES.get(mode):
        return None
    return icc_profile


def _encode(
    image: Image.Image, out, pil_format: str, icc_profile: bytes | None, **options
) -> None:
    """Write the pixels of ``image``, its transparency and its colour profile, and
    nothing else that came with the upload.

    Pillow copies parts of ``image.info`` into the file on its own: a JPEG or GIF
    comment, a GIF's loop and extensions, a PNG's profile. ``info`` is emptied first,
    so comments, EXIF/GPS, XMP, IPTC and text chunks never reach a stored file."""
    image.info = {
        key: image.info[key] for key in ("transparency",) if key in image.info
    }
    if profile := _matching_profile(icc_profile, image.mode):
        options["icc_profile"] = profile
    image.save(out, pil_format, **options)


@deconstructible
class RandomUploadPath:
    """An ``upload_to`` that keeps only a random name and the real extension."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def __call__(self, instance, filename: str) -> str:
        extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
        if extension not in ALLOWED_FORMATS.values():
            extension = "bin"
        return f"{self.prefix}/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomUploadPath) and other.prefix == self.prefix


class ValidatedImageFormField(forms.ImageField):
    """A form field that hands the model a cleaned, re-encoded image."""

    default_error_messages = {
        "invalid_image": _("Berkas bukan gambar yang valid atau rusak/terpotong."),
    }

    def to_python(self, data):
        if data in self.empty_values:
            return None
        return cleaned_content(process_image(data))

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs["accept"] = "image/jpeg,image/png,image/webp,image/gif"
        return attrs


def cleaned_content(processed: ProcessedImage) -> ContentFile:
    """The re-encoded file of ``processed``, marked so that saving it does not
    clean it a second time (a JPEG would lose quality with each pass)."""
    content = processed.content
    content.is_cleaned_image = True
    return content


class CleanedImageFieldFile(ImageFieldFile):
    """Whoever stores a file (a form, the shell, an importer, a factory), it is
    validated and re-encoded on the way in, so no stored original keeps the
    upload's metadata; a bad file raises the form's ``ValidationError``."""

    def save(self, name, content, save=True):
        if not getattr(content, "is_cleaned_image", False):
            content = cleaned_content(process_image(content))
            name = content.name
        super().save(name, content, save)


class ValidatedImageField(models.ImageField):
    """``ImageField`` that validates and re-encodes every file it stores, and
    whose rows load even when their file is gone."""

    attr_class = CleanedImageFieldFile

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": ValidatedImageFormField, **kwargs})

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        """Django fills a missing width and height when a row is loaded by opening
        its file. A file lost from storage (or unreadable, or the storage down)
        would then fail every page listing that row: the size stays empty instead,
        the image is shown without it, and the failure is logged. A new file
        (``force``) is still measured, and fails as before."""
        if force:
            return super().update_dimension_fields(instance, force, *args, **kwargs)
        try:
            return super().update_dimension_fields(instance, force, *args, **kwargs)
        except Exception:
            name = instance.__dict__.get(self.attname)
            logger.warning("Could not read the size of %s", name, exc_info=True)


# Renditions: the resized copies readers download instead of the original upload.
#
# They are made once, when a figure's image changes (or by ``rebuild_renditions``),
# and stored through the storage API next to the originals. What was made is kept
# on the figure as JSON (``Figure.renditions``), so a page needs no extra query to
# find them, however many figures it shows.


RENDITION_PREFIX = "renditions"
_FORMATS = {
    "webp": ("WEBP", {"quality": 74, "method": 4}),
    "jpg": ("JPEG", {"quality": 78, "optimize": True, "progressive": True}),
    "png": ("PNG", {"optimize": True}),
}
MIME_TYPES = {"webp": "image/webp", "jpg": "image/jpeg", "png": "image/png"}


def rendition_name(source_name: str, width: int, extension: str) -> str:
    """Where the ``width`` px copy of ``source_name`` lives in storage."""
    stem = posixpath.splitext(source_name)[0]
    return f"{RENDITION_PREFIX}/{stem}-{width}w.{extension}"


def _has_alpha(image: Image.Image) -> bool:
    if image.mode in ("RGBA", "LA", "PA"):
        return image.getextrema()[-1][0] < 255
    return image.mode == "P" and "transparency" in image.info


def build_renditions(storage, source_name: str) -> dict:
    """Make the WebP and JPEG (PNG when transparent) copies of a stored image.

    Widths come from ``WAYAHSINAU_RENDITION_WIDTHS``; an image is never enlarged, so
    a small one gets a single size, its own. Files are written under deterministic
    names (rebuilding overwrites them). Returns what ``Figure.renditions`` stores:
    ``{"source": name, "items": [{"width", "height", "format", "name", "size"}]}``,
    or ``{}`` when anything fails: the figure then shows its original image, and the
    upload itself is never lost.
    """
    try:
        with storage.open(source_name, "rb") as handle:
            source = Image.open(handle)
            source.load()
        transparent = _has_alpha(source)
        # Only the profile is carried over: a file stored before uploads were
        # cleaned may still hold a comment or EXIF, and `_encode` leaves them out.
        icc_profile = source.info.get("icc_profile")
        source = source.convert("RGBA" if transparent else "RGB")
        fallback = "png" if transparent else "jpg"
        widths = sorted(
            {min(width, source.width) for width in settings.WAYAHSINAU_RENDITION_WIDTHS}
        )
        items = []
        for width in widths:
            height = max(1, round(source.height * width / source.width))
            resized = (
                source
                if width == source.width
                # reducing_gap: a fast box reduction first, then Lanczos; the same
                # result to the eye, several times faster on large photos.
                else source.resize(
                    (width, height), Image.Resampling.LANCZOS, reducing_gap=3.0
                )
            )
            for extension in ("webp", fallback):
                pil_format, options = _FORMATS[extension]
                buffer = io.BytesIO()
                _encode(resized, buffer, pil_format, icc_profile, **options)
                name = rendition_name(source_name, width, extension)
                if storage.exists(name):
                    storage.delete(name)
                stored = storage.save(name, ContentFile(buffer.getvalue()))
                items.append(
                    {
                        "width": width,
                        "height": height,
                        "format": extension,
                        "name": stored,
                        "size": buffer.tell(),
                    }
                )
    except Exception:
        # Broken or missing source, full disk, storage outage: readers get the
        # original image and `rebuild_renditions` can try again later.
        logger.exception("Could not build renditions of %s", source_name)
        return {}
    return {"source": source_name, "items": items}


class Picture(NamedTuple):
    """What a ``<picture>`` needs: a WebP ``srcset``, a fallback ``srcset`` and
    ``src``, and the intrinsic size that reserves the space (no layout shift)."""

    webp_srcset: str
    srcset: str
    src: str
    fallback_type: str
    width: int
    height: int


def picture_for(image, renditions: dict) -> Picture | None:
    """The ``Picture`` of an image field from its stored renditions, or None when
    they are missing or were made from another file than the current one."""
    if not image or not renditions or renditions.get("source") != image.name:
        return None
    items = renditions.get("items") or []
    webp = [item for item in items if item["format"] == "webp"]
    fallback = [item for item in items if item["format"] != "webp"]
    if not webp or not fallback:
        return None
    urls = media_urls(image.storage, [item["name"] for item in webp + fallback])
    webp_urls, fallback_urls = urls[: len(webp)], urls[len(webp) :]
    webp_srcset = ", ".join(
        f"{url} {item['width']}w" for url, item in zip(webp_urls, webp, strict=True)
    )
    srcset = ", ".join(
        f"{url} {item['width']}w"
        for url, item in zip(fallback_urls, fallback, strict=True)
    )
    largest = fallback[-1]
    # The plain `src`, for browsers without srcset, is the middle size.
    middle = min(1, len(fallback) - 1)
    return Picture(
        webp_srcset,
        srcset,
        fallback_urls[middle],
        MIME_TYPES[largest["format"]],
        largest["width"],
        largest["height"],
    )


class WithRenditions(models.Model):
    """An ``image`` field served as renditions: they are made whenever a new file is
    saved, and recorded in ``renditions`` so pages need no query to find them."""

    renditions = models.JSONField(
        _("ukuran tersimpan"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Salinan WebP/JPEG 480, 800, dan 1200 px, dibuat saat unggah."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.image:
            # Store a new upload first, as saving the row would anyway, so its final
            # name is known and the renditions land in the same write, before any
            # post_save receiver (cache invalidation) runs.
            self._meta.get_field("image").pre_save(self, add=self.pk is None)
            # Only a new file needs new renditions; editing a caption costs nothing.
            if self.renditions.get("source") != self.image.name:
                self.renditions = build_renditions(self.image.storage, self.image.name)
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], "renditions"}
        super().save(*args, **kwargs)

    @property
    def picture(self) -> Picture | None:
        """The renditions as a ``Picture`` for templates, or None: then the
        original image is shown."""
        return picture_for(self.image, self.renditions)
