"""Embeds: YouTube, Instagram, TikTok and X posts, and Google Maps, by reference.

A writer pastes a link; ``embed_from_url`` reads it against an allow-list of
providers, their hosts, their address patterns and the query parameters their
share links carry, and gives an ``Embed``: a provider and an id, stored in a
section's body as ``<div data-embed="youtube:dQw4w9WgXcQ"></div>``
(``articles/richtext.py`` keeps nothing else of it). The page never stores a
provider's markup or address: the facade (``includes/embed.html``) and the frame
it loads once the reader asks (``static/js/embeds.js``) are built from the
reference alone, and only from the frame addresses below, which the
Content-Security-Policy's ``frame-src`` allows.

A link to any other site is no embed (None) and stays a plain link. A link that
is not a web address (``javascript:``, ``data:``), that only looks like a
provider's (``youtube.com.evil.example``, ``yоutube.com`` with a Cyrillic "о"),
that carries a name and password or a port, that is a provider's short link we
cannot follow without asking the provider, or that adds parameters the share
links do not carry (``enablejsapi``, ``origin``…) is refused with the reason
(``EmbedRefused``).
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TITLE_MAX_LENGTH = 200


class EmbedRefused(ValueError):
    """A link that may not become an embed, malformed or hostile: a form error.
    ``str()`` says why, for the writer."""


class NotEmbeddable(EmbedRefused):
    """A provider's link that shows no one post, video or map (a channel, a short
    link): on its own paragraph it stays a plain link, with a note."""


@dataclass(frozen=True)
class Provider:
    key: str
    label: str
    kind: object  # what it shows, lazily translated ("video YouTube")
    hosts: frozenset[str]
    # The id part of a stored reference.
    reference: re.Pattern
    # Query parameters its share links carry: anything else is refused.
    parameters: frozenset[str]
    # The id in an address of one of ``hosts``, or None.
    read: Callable[[str, dict[str, str]], str | None]
    frame: Callable[[str], str]
    original: Callable[[str], str]
    # Host labels that make another host look like this provider's.
    names: tuple[str, ...]
    short_hosts: frozenset[str] = frozenset()


def _segments(path: str) -> list[str]:
    return [segment for segment in path.split("/") if segment]


_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")


def _youtube(path: str, query: dict[str, str]) -> str | None:
    segments = _segments(path)
    if segments == ["watch"]:
        candidate = query.get("v", "")
    elif len(segments) == 2 and segments[0] in {"embed", "shorts", "live", "v"}:
        candidate = segments[1]
    elif len(segments) == 1:  # youtu.be/<id>
        candidate = segments[0]
    else:
        return None
    return candidate if _YOUTUBE_ID.fullmatch(candidate) else None


_INSTAGRAM_ID = re.compile(r"[A-Za-z0-9_-]{5,40}")
_INSTAGRAM_TYPES = {"p": "p", "reel": "reel", "reels": "reel", "tv": "tv"}


def _instagram(path: str, query: dict[str, str]) -> str | None:
    segments = _segments(path)
    if segments and segments[0] not in _INSTAGRAM_TYPES:
        segments = segments[1:]  # instagram.com/<account>/p/<id>/
    if segments[2:] in ([], ["embed"], ["embed", "captioned"]) and len(segments) >= 2:
        kind, media = segments[0], segments[1]
        if kind in _INSTAGRAM_TYPES and _INSTAGRAM_ID.fullmatch(media):
            return f"{_INSTAGRAM_TYPES[kind]}/{media}"
    return None


_ACCOUNT = re.compile(r"[A-Za-z0-9._]{1,24}")
_NUMBER = re.compile(r"[0-9]{1,20}")


def _tiktok(path: str, query: dict[str, str]) -> str | None:
    segments = _segments(path)
    if (
        len(segments) == 3
        and segments[0].startswith("@")
        and _ACCOUNT.fullmatch(segments[0][1:])
        and segments[1] == "video"
        and _NUMBER.fullmatch(segments[2])
    ):
        return f"{segments[0][1:]}/{segments[2]}"
    return None


_X_ACCOUNT = re.compile(r"[A-Za-z0-9_]{1,15}")


def _x(path: str, query: dict[str, str]) -> str | None:
    segments = _segments(path)
    if (
        len(segments) in (3, 5)
        and _X_ACCOUNT.fullmatch(segments[0])
        and segments[1] == "status"
        and _NUMBER.fullmatch(segments[2])
        and (len(segments) == 3 or segments[3] in {"photo", "video"})
    ):
        return f"{segments[0]}/{segments[2]}"
    return None


_COORDINATE = r"-?[0-9]{1,3}(?:\.[0-9]{1,15})?"
_AT = re.compile(rf"@({_COORDINATE}),({_COORDINATE}),([0-9]{{1,2}}(?:\.[0-9]+)?)z")
_PAIR = re.compile(rf"({_COORDINATE}),\s*({_COORDINATE})")
_PB = re.compile(rf"!2d({_COORDINATE})!3d({_COORDINATE})")
MAP_ZOOM = 15


def map_reference(latitude: str, longitude: str, zoom: float = MAP_ZOOM) -> str | None:
    """``lat,lng,zoom`` rounded to 6 decimals (about 10 cm), or None when out of
    range."""
    lat, lng = float(latitude), float(longitude)
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return None
    zoom = min(max(round(zoom), 1), 21)
    return f"{_decimal(lat)},{_decimal(lng)},{zoom}"


def _decimal(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _maps(path: str, query: dict[str, str]) -> str | None:
    if not path.startswith("/maps"):
        return None
    if match := _AT.search(path):
        return map_reference(match[1], match[2], float(match[3]))
    if path.startswith("/maps/embed") and (match := _PB.search(query.get("pb", ""))):
        return map_reference(match[2], match[1])
    for name in ("q", "query", "ll"):
        if match := _PAIR.fullmatch(query.get(name, "").strip()):
            zoom = query.get("z", "")
            return map_reference(
                match[1], match[2], float(zoom) if zoom.isdigit() else MAP_ZOOM
            )
    return None


def _map_frame(reference: str) -> str:
    latitude, longitude, zoom = reference.split(",")
    query = urlencode({"q": f"{latitude},{longitude}", "z": zoom, "output": "embed"})
    return f"https://www.google.com/maps?{query}"


def _map_original(reference: str) -> str:
    latitude, longitude, zoom = reference.split(",")
    return "https://www.google.com/maps?" + urlencode(
        {"q": f"{latitude},{longitude}", "z": zoom}
    )


def _split(reference: str) -> tuple[str, str]:
    account, _slash, number = reference.partition("/")
    return account, number


PROVIDERS = {
    provider.key: provider
    for provider in [
        Provider(
            key="youtube",
            label="YouTube",
            kind=gettext_lazy("video YouTube"),
            hosts=frozenset(
                {
                    "youtube.com",
                    "www.youtube.com",
                    "m.youtube.com",
                    "music.youtube.com",
                    "youtu.be",
                    "youtube-nocookie.com",
                    "www.youtube-nocookie.com",
                }
            ),
            reference=_YOUTUBE_ID,
            parameters=frozenset(
                {"v", "t", "start", "si", "feature", "pp", "ab_channel", "list"}
                | {"index", "app"}
            ),
            read=_youtube,
            frame=lambda id_: f"https://www.youtube-nocookie.com/embed/{id_}",
            original=lambda id_: f"https://www.youtube.com/watch?v={id_}",
            names=("youtube", "youtu", "ytimg"),
        ),
        Provider(
            key="instagram",
            label="Instagram",
            kind=gettext_lazy("unggahan Instagram"),
            hosts=frozenset({"instagram.com", "www.instagram.com", "instagr.am"}),
            reference=re.compile(r"(?:p|reel|tv)/[A-Za-z0-9_-]{5,40}"),
            parameters=frozenset(
                {"igsh", "igshid", "utm_source", "utm_medium", "utm_campaign"}
                | {"img_index", "hl"}
            ),
            read=_instagram,
            frame=lambda ref: f"https://www.instagram.com/{ref}/embed/",
            original=lambda ref: f"https://www.instagram.com/{ref}/",
            names=("instagram", "instagr"),
        ),
        Provider(
            key="tiktok",
            label="TikTok",
            kind=gettext_lazy("video TikTok"),
            hosts=frozenset({"tiktok.com", "www.tiktok.com", "m.tiktok.com"}),
            reference=re.compile(r"[A-Za-z0-9._]{1,24}/[0-9]{1,20}"),
            parameters=frozenset(
                {"is_from_webapp", "sender_device", "lang", "is_copy_url"}
                | {"web_id", "_r", "_t"}
            ),
            read=_tiktok,
            frame=lambda ref: f"https://www.tiktok.com/embed/v2/{_split(ref)[1]}",
            original=lambda ref: (
                f"https://www.tiktok.com/@{_split(ref)[0]}/video/{_split(ref)[1]}"
            ),
            names=("tiktok",),
            short_hosts=frozenset({"vm.tiktok.com", "vt.tiktok.com"}),
        ),
        Provider(
            key="x",
            label="X",
            kind=gettext_lazy("unggahan X"),
            hosts=frozenset(
                {
                    "x.com",
                    "www.x.com",
                    "mobile.x.com",
                    "twitter.com",
                    "www.twitter.com",
                    "mobile.twitter.com",
                }
            ),
            reference=re.compile(r"[A-Za-z0-9_]{1,15}/[0-9]{1,20}"),
            parameters=frozenset({"s", "t", "ref_src"}),
            read=_x,
            frame=lambda ref: (
                "https://platform.twitter.com/embed/Tweet.html?"
                + urlencode({"id": _split(ref)[1], "dnt": "true"})
            ),
            original=lambda ref: (
                f"https://x.com/{_split(ref)[0]}/status/{_split(ref)[1]}"
            ),
            names=("twitter", "twimg"),
            short_hosts=frozenset({"t.co"}),
        ),
        Provider(
            key="maps",
            label="Google Maps",
            kind=gettext_lazy("peta Google Maps"),
            hosts=frozenset(
                {
                    "google.com",
                    "www.google.com",
                    "maps.google.com",
                    "google.co.id",
                    "www.google.co.id",
                    "maps.google.co.id",
                }
            ),
            reference=re.compile(
                rf"{_COORDINATE},{_COORDINATE},(?:[1-9]|1[0-9]|2[01])"
            ),
            parameters=frozenset(
                {"q", "query", "api", "ll", "z", "hl", "entry", "g_ep", "pb"}
                | {"authuser", "ftid", "shorturl", "coh", "skid", "g_st", "gl"}
            ),
            read=_maps,
            frame=_map_frame,
            original=_map_original,
            names=("google", "googlemaps", "gmaps"),
            short_hosts=frozenset({"maps.app.goo.gl", "goo.gl", "g.co"}),
        ),
    ]
}
_BY_HOST = {
    host: provider for provider in PROVIDERS.values() for host in provider.hosts
}
# Google's own hosts in every country: a map there is Google Maps; anything else
# on them (a search) is a plain link.
_GOOGLE = re.compile(r"(?:www\.|maps\.)?google\.(?:com|[a-z]{2}|com?\.[a-z]{2})")
_SHORT = {host: p for p in PROVIDERS.values() for host in p.short_hosts}
# The origins of every frame an embed loads (settings: CONTENT_SECURITY_POLICY).
FRAME_ORIGINS = {
    "youtube": "https://www.youtube-nocookie.com",
    "instagram": "https://www.instagram.com",
    "tiktok": "https://www.tiktok.com",
    "x": "https://platform.twitter.com",
    "maps": "https://www.google.com",
}


@dataclass(frozen=True)
class Embed:
    """One embed: its ``provider`` and its ``id`` there, and the ``title`` the
    writer gave it (else the provider's kind of content)."""

    provider: Provider
    id: str
    given_title: str = ""

    @property
    def reference(self) -> str:
        """What the body stores: ``provider:id``."""
        return f"{self.provider.key}:{self.id}"

    @property
    def title(self) -> str:
        if self.given_title:
            return self.given_title
        kind = str(self.provider.kind)
        if self.provider.key in {"tiktok", "x"}:
            return _("%(kind)s dari @%(account)s") % {
                "kind": kind[:1].upper() + kind[1:],
                "account": _split(self.id)[0],
            }
        return kind[:1].upper() + kind[1:]

    @property
    def frame_src(self) -> str:
        return self.provider.frame(self.id)

    @property
    def url(self) -> str:
        """The original, for the facade's plain link."""
        return self.provider.original(self.id)


def parse_reference(value: str, title: str = "") -> Embed | None:
    """The ``Embed`` a stored reference names, or None when it is not valid."""
    key, _colon, id_ = (value or "").strip().partition(":")
    provider = PROVIDERS.get(key)
    if provider is None or not provider.reference.fullmatch(id_):
        return None
    if key == "maps":
        latitude, longitude, zoom = id_.split(",")
        if map_reference(latitude, longitude, int(zoom)) is None:
            return None
    return Embed(provider, id_, " ".join((title or "").split())[:TITLE_MAX_LENGTH])


# Letters that look like Latin ones in a host name (a homograph attack).
_LOOK_ALIKES = str.maketrans(
    {
        "\u0430": "a",  # Cyrillic a
        "\u0435": "e",
        "\u043e": "o",
        "\u0440": "p",
        "\u0441": "c",
        "\u0443": "y",
        "\u0445": "x",
        "\u0456": "i",
        "\u0458": "j",
        "\u0501": "d",
        "\u0578": "n",  # Armenian
        "\u057d": "u",
        "\u0455": "s",
        "\u0261": "g",  # Latin script g
        "\u0131": "i",  # dotless i
        "\u03bf": "o",  # Greek
        "\u03c4": "t",
        "\u03ba": "k",
        "\u03bd": "v",
        "0": "o",
        "1": "l",
    }
)


def _skeleton(host: str) -> str:
    """``host`` as it reads: punycode decoded, accents and look-alikes folded."""
    labels = []
    for label in host.split("."):
        if label.startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except UnicodeError:
                pass
        labels.append(label)
    text = unicodedata.normalize("NFKD", ".".join(labels))
    text = "".join(char for char in text if not unicodedata.combining(char))
    return text.lower().translate(_LOOK_ALIKES)


def _imitates(host: str, path: str) -> Provider | None:
    """The provider whose hosts ``host`` imitates without being one of them."""
    skeleton = _skeleton(host)
    labels = skeleton.split(".")
    for provider in PROVIDERS.values():
        if skeleton in provider.hosts or (
            provider.key == "maps" and _GOOGLE.fullmatch(skeleton)
        ):
            if skeleton != host:
                return provider  # a homograph of the real host
            continue
        if provider.key == "maps" and not path.startswith("/maps"):
            continue  # Google's other sites are not maps
        for name in provider.names:
            if any(name in label for label in labels):
                return provider
        if provider.key == "x" and any(
            labels[i : i + 2] == ["x", "com"] for i in range(len(labels) - 1)
        ):
            return provider
    return None


def _refuse(message: str, **values) -> EmbedRefused:
    return EmbedRefused(message % values if values else message)


def embed_from_url(url: str, title: str = "") -> Embed | None:
    """The ``Embed`` a pasted link names; None for a link to any other site (it
    stays a plain link); ``EmbedRefused`` for a link that may not become one (see
    the module)."""
    text = (url or "").strip()
    if not text or any(
        char.isspace() or ord(char) < 32 or char in '\\"<>' for char in text
    ):
        raise _refuse(_("Alamat ini rusak: berisi spasi atau karakter terlarang."))
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise _refuse(_("Alamat ini rusak dan tidak bisa dibaca.")) from None
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise _refuse(
            _(
                "Hanya alamat web (https://…) yang bisa disematkan, bukan "
                "“%(scheme)s:”."
            ),
            scheme=scheme or "?",
        )
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise _refuse(_("Alamat ini tidak punya nama situs."))
    if parts.username is not None or parts.password is not None:
        # "https://www.youtube.com@evil.example/" leads to evil.example.
        raise _refuse(
            _(
                "Tautan ini memuat nama pengguna atau sandi sebelum “@”; alamat "
                "seperti itu bisa menyamar sebagai situs lain."
            )
        )
    provider = _BY_HOST.get(host) or (
        PROVIDERS["maps"] if _GOOGLE.fullmatch(host) else None
    )
    if (
        provider is not None
        and provider.key == "maps"
        and not parts.path.startswith("/maps")
    ):
        return None  # Google, but not a map: a plain link
    short = _SHORT.get(host)
    if provider is None and short is None:
        imitated = _imitates(host, parts.path)
        if imitated is not None:
            raise _refuse(
                _(
                    "“%(host)s” menyerupai alamat %(label)s, tetapi bukan: tautan "
                    "ini tidak disematkan."
                ),
                host=host,
                label=imitated.label,
            )
        return None
    label = (provider or short).label
    if port not in (None, 80, 443):
        raise _refuse(_("Tautan %(label)s ini memakai port lain."), label=label)
    if provider is None:
        raise NotEmbeddable(
            _(
                "Tautan pendek %(label)s tidak bisa dibaca tanpa membukanya. Buka "
                "tautan itu, lalu salin alamat lengkapnya dari peramban."
            )
            % {"label": label}
        )
    query = parse_qsl(parts.query, keep_blank_values=True)
    found = provider.read(parts.path, dict(query))
    if found is None:
        raise NotEmbeddable(
            _("Alamat ini bukan tautan %(kind)s yang bisa disematkan.")
            % {"kind": provider.kind}
        )
    extra = sorted({name for name, _value in query} - provider.parameters)
    if extra:
        raise _refuse(
            _(
                "Tautan %(label)s ini membawa parameter yang tidak diizinkan: "
                "%(names)s. Salin tautan dari tombol “Bagikan” %(label)s."
            ),
            label=label,
            names=", ".join(extra)[:120],
        )
    return Embed(provider, found, " ".join((title or "").split())[:TITLE_MAX_LENGTH])
