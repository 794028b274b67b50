"""Media storage on the local file system, with cheap URLs.

An article page asks for some sixty media URLs (every rendition in every
``srcset``). Django's ``FileSystemStorage.url`` quotes the name and runs
``urljoin`` each time, which cost more than the rest of a ``<picture>``. For the
names this site stores (random letters and digits, ``-``, ``_``, ``.`` and ``/``)
the URL is the media URL followed by the name, so that is what this storage gives;
any other name goes through Django's ``url``.
"""

import re

from django.core.files import storage

# File names as we store them: nothing a URL would quote or resolve.
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_-]+(?:[./][A-Za-z0-9_-]+)*")


class FileSystemStorage(storage.FileSystemStorage):
    def url(self, name):
        if name and _PLAIN_NAME.fullmatch(name):
            base = self.base_url
            if base.endswith("/"):
                return base + name
        return super().url(name)


def media_urls(storage, names: list[str]) -> list[str]:
    """``storage.url`` of each of ``names``, with the media URL looked up once:
    a ``<picture>`` has six renditions."""
    if isinstance(storage, FileSystemStorage):
        base = storage.base_url
        if base.endswith("/"):
            plain = _PLAIN_NAME.fullmatch
            return [
                base + name if name and plain(name) else storage.url(name)
                for name in names
            ]
    return [storage.url(name) for name in names]
