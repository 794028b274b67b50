"""The rule for invisible control characters in stored text, and the one receiver
that applies it to every save.

Removed (``strip_controls``):

- the bidirectional embeddings, overrides and isolates, U+202A–U+202E and
  U+2066–U+2069. They reverse or reorder the text after them, so a title can show
  as another title in a list, a search result or a share card, and "gpj.exe" as
  "exe.jpg". Nobody types them on purpose and pasted text carries them unseen, so
  they are dropped rather than refused with an error the editor cannot see;
- the C0 control characters other than tab, line feed and carriage return. XML 1.0
  forbids them, so one of them in a title breaks the feeds and the news sitemap,
  and PostgreSQL refuses NUL.

Kept on purpose:

- ZWJ U+200D and the variation selectors (U+FE0F): emoji such as 👩‍💻 are built
  with them;
- ZWNJ U+200C: Persian, Hindi and other scripts need it to spell words;
- LRM U+200E, RLM U+200F and ALM U+061C. They are marks, not overrides: each acts
  as one invisible letter of its direction, so it decides on which side a nearby
  "?" or number sits but cannot reverse a run of text. Writers of Arabic and of
  mixed-direction titles need them to put that punctuation where it belongs.

``strip_text_fields`` runs on ``pre_save`` for every model of the project's own
apps (any app package at the top of the project, so the next app and the next
model are covered without a line of code) and for taggit's ``Tag``, whose names
are ours: every ``CharField`` and ``TextField``, whoever saves (the admin, a form,
the shell, an import, a restored revision). Rich text goes through
``articles.richtext.sanitize_html``, which applies the same rule after nh3, so
controls written as character references (``&#x202E;``) go too. ``bulk_create()``
and ``QuerySet.update()`` send no signals: the project uses them only for derived
rows, counters and the benchmark's generated data.

A form checks uniqueness before the save strips: a unique plain-text field also
strips in its model's ``clean()`` (``Category.name``), or a twin name carrying a
control would pass the form and fail the insert. Redirect paths refuse controls.
"""

import functools
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models

_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069]")

# Apps outside the project whose rows hold text our editors write.
THIRD_PARTY_TEXT_APPS = frozenset({"taggit"})


def strip_controls(text: str) -> str:
    """``text`` without bidirectional embeddings, overrides and isolates, nor the
    control characters XML forbids; emoji joiners, ZWNJ and LRM/RLM/ALM stay."""
    if not text:
        return text
    return _CONTROLS.sub("", text)


def has_controls(text: str) -> bool:
    """Whether ``strip_controls`` would change ``text``."""
    return bool(text) and _CONTROLS.search(text) is not None


@functools.cache
def _text_attnames(model: type[models.Model]) -> tuple[str, ...]:
    try:
        config = apps.get_app_config(model._meta.app_label)
    except LookupError:  # Django's own rows outside any app (migration history)
        return ()
    is_ours = Path(config.path).parent == Path(settings.BASE_DIR)
    if not (is_ours or config.label in THIRD_PARTY_TEXT_APPS):
        return ()
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    )


def strip_text_fields(sender, instance, **kwargs) -> None:
    """``pre_save``: apply ``strip_controls`` to every loaded text field of
    ``instance`` (deferred fields are not saved, so they are not read)."""
    attnames = _text_attnames(sender)
    if not attnames:
        return
    deferred = instance.get_deferred_fields()
    for attname in attnames:
        if attname in deferred:
            continue
        value = getattr(instance, attname)
        if isinstance(value, str) and has_controls(value):
            setattr(instance, attname, strip_controls(value))
