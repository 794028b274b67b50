"""One canonical tag for names that differ only by case or accents, with limits."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.models import Tag

from .text import strip_controls

MAX_TAGS = 20
MAX_TAG_LENGTH = 50


def canonical_tags(names: list[str]) -> list[str]:
    """Clean the tag names a form received, reusing existing tags where the same
    tag already exists spelt with other case or accents ("Kafé" → "kafe").

    Raises a ValidationError naming every problem: too many tags, or a tag that
    is too long or has no letters or digits at all.
    """
    problems = []
    wanted = {}
    for raw in names:
        name = " ".join(strip_controls(raw).split())
        if not name:
            continue
        if len(name) > MAX_TAG_LENGTH:
            problems.append(
                _("Tag “%(name)s…” terlalu panjang (maksimum %(max)d karakter).")
                % {"name": name[:20], "max": MAX_TAG_LENGTH}
            )
            continue
        slug = slugify(name)
        if not slug:
            problems.append(
                _("Tag “%(name)s” harus memuat huruf atau angka.") % {"name": name}
            )
            continue
        wanted.setdefault(slug, name)
    if len(wanted) > MAX_TAGS:
        problems.append(
            _("Terlalu banyak tag (%(count)d); maksimum %(max)d.")
            % {"count": len(wanted), "max": MAX_TAGS}
        )
    if problems:
        raise ValidationError(problems)
    existing = dict(
        Tag.objects.filter(slug__in=list(wanted)).values_list("slug", "name")
    )
    return [existing.get(slug, name) for slug, name in wanted.items()]


def tags_from_text(text: str) -> list[str]:
    """The tag names in what a writer typed (taggit's ``TAGGIT_TAGS_FROM_STRING``).

    Tags are separated by commas only, so one tag may hold spaces ("kebiasaan
    pagi"); double quotes keep a comma inside a tag ("kopi, susu"). Unbalanced
    quotes are ignored. Returns the names sorted, each once, as taggit does.
    """
    text = text or ""
    if text.count('"') % 2:
        text = text.replace('"', "")
    names, current, quoted = [], [], False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == "," and not quoted:
            names.append("".join(current))
            current = []
        else:
            current.append(char)
    names.append("".join(current))
    return sorted({name.strip() for name in names if name.strip()})


def text_from_tags(tags) -> str:
    """The tags as the tag field shows them (taggit's ``TAGGIT_STRING_FROM_TAGS``):
    "belajar, kebiasaan pagi", quoting only a name with a comma in it, so that
    ``tags_from_text`` reads back the same tags."""
    names = sorted((getattr(tag, "name", tag) for tag in tags), key=str.casefold)
    return ", ".join(f'"{name}"' if "," in name else name for name in names)
