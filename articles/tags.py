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
