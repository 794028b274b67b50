"""The site's own middleware: paths with NUL bytes refused, the
Content-Security-Policy header, and gzip, for rendered responses and for cached
pages joined from pieces compressed once (the page cache's stored format).

Gzip from pieces: a cached page is the same for every reader except its ad slots,
which are picked per request. Compressing the whole page again on every hit cost
more than everything else the hit does, so each unchanging piece is compressed once,
when the page is stored, and a hit only compresses its ad slots (each distinct
slot's HTML once per process) and joins the pieces.

This is possible because a gzip body is one deflate stream, and a deflate stream
may be cut into independently compressed segments: each segment comes from a
fresh compressor, so it refers back only to itself, and ends with a sync flush, so
it ends on a byte boundary and is not the final block. An empty final block closes
the stream, and the gzip trailer carries the CRC-32 and length of the whole page,
combined from each segment's own (``crc32_combine``), so a hit never encodes or
reads the page's text. Varnish stitches ESI pages together the same way.

The header repeats what Django's ``GZipMiddleware`` does against BREACH: a file
name of random length.

A page rendered for one response only (a search, a page the cache does not keep,
every page with the page cache off) is compressed whole by ``GZipMiddleware``
below, with Intel's ISA-L (``isal``) at ``RENDERED_LEVEL``: on an article page,
inside a worker, it took 64 µs where zlib at level 3 took 185 µs, for 5% more
bytes (nginx compresses at zlib's level 1 by default). The output is plain
deflate in a gzip wrapper, as zlib's. What is stored is still compressed once, by
zlib at ``LEVEL``.

Kept rather than replaced by Django's ``GZipMiddleware`` (issue 17), because that
measured well over the 10% the issue allows (bench/README.md): 3.87 M instead of
1.71 M instructions for a cached article page and 7.91 M instead of 1.88 M for
the home page, and 7.01 M instead of 5.26 M for a rendered article page (zlib at
level 6 took 225 µs for its 22.9 KB where ISA-L takes 33 µs).
"""

import functools
import re
import secrets
import struct
import zlib
from typing import NamedTuple

from csp.constants import HEADER, HEADER_REPORT_ONLY, UNSAFE_INLINE
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponseBadRequest
from django.middleware.gzip import GZipMiddleware as DjangoGZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from isal import isal_zlib
from isal.isal_zlib import crc32, crc32_combine

LEVEL = 6  # as Django's GZipMiddleware
RENDERED_LEVEL = 2  # ISA-L's levels are 0 to 3
MAX_RANDOM_BYTES = 100  # as Django's GZipMiddleware
MIN_LENGTH = 200  # shorter bodies are not worth compressing (GZipMiddleware)
# ID1 ID2, deflate, FNAME set; no modification time; no extra flags; unknown OS.
_HEADER = b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\xff"
_FINAL_BLOCK = zlib.compressobj(LEVEL, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_MEMO_SIZE = 512
_memo: dict[str, "Segment"] = {}


def _random_name() -> bytes:
    return b"a" * secrets.randbelow(MAX_RANDOM_BYTES) + b"\x00"


def _trailer(crc: int, size: int) -> bytes:
    return struct.pack("<II", crc, size & 0xFFFFFFFF)


def gzip_bytes(data: bytes) -> bytes:
    """``data`` gzipped in one go, at ``RENDERED_LEVEL``."""
    compressor = isal_zlib.compressobj(RENDERED_LEVEL, isal_zlib.DEFLATED, -15)
    deflated = compressor.compress(data) + compressor.flush()
    return b"".join(
        (_HEADER, _random_name(), deflated, _trailer(crc32(data), len(data)))
    )


def accepts_gzip(request) -> bool:
    return bool(_ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


class Segment(NamedTuple):
    """A piece of a page as a deflate segment that can stand anywhere in a stream,
    with the CRC-32 and length of its UTF-8 text: a hit combines those
    (``crc32_combine``) instead of encoding and checksumming the page again."""

    deflated: bytes
    crc: int
    size: int


_EMPTY = Segment(b"", 0, 0)


def deflate_segment(text: str) -> Segment:
    """``text`` compressed as a ``Segment``."""
    data = text.encode()
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    deflated = compressor.compress(data) + compressor.flush(zlib.Z_SYNC_FLUSH)
    return Segment(deflated, crc32(data), len(data))


def _slot_segment(html: str) -> Segment:
    """The segment of an ad slot's HTML; a slot has few distinct renderings (its
    blocks' cards are fixed per ads version), so each is compressed once."""
    segment = _memo.get(html)
    if segment is None:
        if len(_memo) >= _MEMO_SIZE:
            _memo.clear()
        segment = _memo[html] = deflate_segment(html) if html else _EMPTY
    return segment


def gzip_pieces(pieces: list[str], segments: list[Segment]) -> tuple[bytes, int]:
    """The gzip body of ``"".join(pieces)``, and that text's length in bytes.
    ``pieces`` alternate text that ``segments`` hold compressed (even positions)
    and ad slots (odd positions)."""
    body = [_HEADER, _random_name()]
    crc = 0
    size = 0
    for index, piece in enumerate(pieces):
        segment = _slot_segment(piece) if index % 2 else segments[index // 2]
        crc = crc32_combine(crc, segment.crc, segment.size)
        size += segment.size
        body.append(segment.deflated)
    body.append(_FINAL_BLOCK)
    body.append(_trailer(crc, size))
    return b"".join(body), size


def page_body(request, pieces: list[str], segments) -> tuple[str | bytes, bool]:
    """The body of a cached page for this request: gzipped from ``segments`` (its
    text compressed when it was stored) when the client accepts gzip and that is
    worth it, as ``GZipMiddleware`` decides; otherwise the text. True when
    gzipped."""
    if segments is not None and accepts_gzip(request):
        compressed, size = gzip_pieces(pieces, segments)
        if size >= MIN_LENGTH and len(compressed) < size:
            return compressed, True
    return "".join(pieces), False


def mark_gzipped(response) -> None:
    """The headers ``GZipMiddleware`` sets on what it compresses (that middleware
    then leaves the response alone): encoding, length, ``Vary`` and a weak
    ``ETag``."""
    patch_vary_headers(response, ("Accept-Encoding",))
    response["Content-Length"] = str(len(response.content))
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        response["ETag"] = "W/" + etag
    response["Content-Encoding"] = "gzip"


class GZipMiddleware(DjangoGZipMiddleware):
    """Django's ``GZipMiddleware``, compressing a whole response at
    ``RENDERED_LEVEL`` (see the module doc); streaming responses as Django does."""

    def process_response(self, request, response):
        if (
            response.streaming
            or response.has_header("Content-Encoding")
            or len(response.content) < MIN_LENGTH
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        if not accepts_gzip(request):
            return response
        compressed = gzip_bytes(response.content)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        mark_gzipped(response)
        return response


class RejectNullBytesMiddleware:
    """Answer 400 to a path holding a NUL byte.

    No address needs one, and PostgreSQL refuses NUL in text, so letting it reach
    a lookup (a slug, a redirect) would turn a bad URL into a 500. Query values are
    read only by views that clean them (search drops NUL, pages must be numbers),
    and form fields refuse NUL on their own (ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return HttpResponseBadRequest(
                _("Alamat berisi karakter yang tidak sah."), content_type="text/plain"
            )
        return self.get_response(request)


# What a response that asks for nothing of its own gets: no per-view policy
# (django-csp's decorators), no nonce, no admin allowance.
_SITE_PARTS = PolicyParts()
# Each mode's header, its setting and the mark django-csp's ``csp_exempt``
# decorators leave on a response.
_MODES = (
    (False, HEADER, "CONTENT_SECURITY_POLICY", "_csp_exempt"),
    (True, HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", "_csp_exempt_ro"),
)


@functools.cache
def site_policies() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """The site's policy headers, built by django-csp's ``build_policy`` once per
    process and settings: ``(header, policy, exempt mark, excluded prefixes)`` for
    each mode that has a policy."""
    result = []
    for report_only, header, setting, exempt in _MODES:
        policy = build_policy(report_only=report_only)
        if policy:
            config = getattr(settings, setting, None) or {}
            prefixes = tuple(config.get("EXCLUDE_URL_PREFIXES") or ())
            result.append((header, policy, exempt, prefixes))
    return tuple(result)


@receiver(setting_changed)
def _forget_site_policies(*, setting, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY") or setting == "DEBUG":
        site_policies.cache_clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's header (settings ``CONTENT_SECURITY_POLICY``), loosened for the
    admin only where its editors need it (``admin_allowances``).

    Most responses ask for nothing of their own (no nonce, no per-view policy, not
    the admin): their header is the site's policy, the same every time, so it is
    built once per process (``site_policies``) instead of on every response, where
    it was a fifth of a cached article page's instructions (bench/README.md). Any
    other response goes through django-csp as it is.
    """

    def process_response(self, request, response):
        if (
            self.get_policy_parts(request, response) != _SITE_PARTS
            or self.get_policy_parts(request, response, report_only=True) != _SITE_PARTS
            or settings.DEBUG
        ):
            return super().process_response(request, response)
        for header, policy, exempt, prefixes in site_policies():
            if (
                header not in response
                and getattr(response, exempt, False) is False
                and not request.path_info.startswith(prefixes)
            ):
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written fails.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        allowances = admin_allowances(getattr(request, "resolver_match", None))
        if allowances:
            parts.update = {**(parts.update or {}), **allowances}
        return parts


def admin_allowances(match) -> dict[str, list[str]]:
    """What an admin page may do beyond the site's policy: inline styles, which
    CKEditor 4, select2 and the admin's widgets set as attributes. Scripts get no
    allowance: CKEditor's inline event handlers are turned into listeners before
    they can run (``static/admin/js/ckeditor-csp.js``)."""
    if match is None or "admin" not in match.namespaces:
        return {}
    return {"style-src": [UNSAFE_INLINE]}
