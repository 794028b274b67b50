"""Revisions of whole articles (django-reversion): saving, reading and restoring.

A revision is taken explicitly after the article, its sections, figures and tags
are all saved, so it holds the final state of one save, never a half-way one.
"""

import difflib
import re
from dataclasses import dataclass

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from . import compiled
from .models import Article, Author, Category, Figure, Section

POSITION_OFFSET = 1_000_000
# Restoring brings back content, never a publication state: an old revision must
# not republish an article an editor has withdrawn, nor take an advertorial's
# label or sponsor away (only Sales or an admin may: articles/sponsorship.py).
KEPT_ON_RESTORE = (
    "status",
    "published_at",
    "expires_at",
    "review_note",
    "is_sponsored",
    "sponsor_name",
)


def save_revision(article: Article, user, comment: str) -> None:
    """Store the article as it is now in the database, with all it follows."""
    with reversion.create_revision(manage_manually=True):
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(comment)
        reversion.add_to_revision(Article.objects.get(pk=article.pk))


def article_versions(article: Article):
    """The article's versions, newest first, with who saved them."""
    return Version.objects.get_for_object(article).select_related("revision__user")


def last_change(article: Article):
    """The revision of the latest save, or None."""
    version = article_versions(article).first()
    return version.revision if version else None


def _versions_of(revision, model) -> list:
    content_type = ContentType.objects.get_for_model(model)
    return [
        v for v in revision.version_set.all() if v.content_type_id == content_type.pk
    ]


def _plain(html: str) -> str:
    return normalize_newlines(strip_tags(html or "").replace("&nbsp;", " ")).strip()


def _text_lines(html: str) -> list[str]:
    """The text's lines without blank ones: the editor's spacing between
    paragraphs changes from save to save and is no change to the text."""
    return [line.strip() for line in _plain(html).splitlines() if line.strip()]


def status_label(value: str) -> str:
    try:
        return str(Article.Status(value).label)
    except ValueError:
        return value


def revision_lines(version: Version) -> list[str]:
    """The article of one revision as readable lines of text, for diffs."""
    revision = version.revision
    fields = version.field_dict
    figures = {int(v.object_id): v.field_dict for v in _versions_of(revision, Figure)}
    tag_names = {
        int(v.object_id): v.field_dict["name"] for v in _versions_of(revision, Tag)
    }
    tag_ids = [v.field_dict["tag_id"] for v in _versions_of(revision, TaggedItem)]
    tags = [
        tag_names.get(tag_id)
        or Tag.objects.filter(pk=tag_id).values_list("name", flat=True).first()
        or "?"
        for tag_id in tag_ids
    ]
    sections = sorted(
        (v.field_dict for v in _versions_of(revision, Section)),
        key=lambda section: section["position"],
    )
    return content_lines(
        fields,
        authors=Author.objects.in_bulk(
            [fields.get("author_id"), fields.get("co_author_id")]
        ),
        category=Category.objects.filter(pk=fields.get("category_id")).first(),
        tags=tags,
        figures=figures,
        sections=sections,
    )


def article_lines(article: Article, *, with_state: bool = True) -> list[str]:
    """The article as it is saved now, in the lines of ``revision_lines``; without
    its address and status when ``with_state`` is false (a change draft's own
    ones differ from its live article's by design)."""
    fields = {
        field.attname: getattr(article, field.attname)
        for field in Article._meta.concrete_fields
    }
    sections = list(
        article.sections.order_by("position").values(
            "position",
            "heading",
            "body",
            "is_numbered",
            "figure_id",
            "figure_caption_override",
        )
    )
    figure_ids = {article.cover_id, *(s["figure_id"] for s in sections)} - {None}
    figures = {
        figure["id"]: figure
        for figure in Figure.objects.filter(pk__in=figure_ids).values(
            "id", "alt_text", "caption", "source"
        )
    }
    return content_lines(
        fields,
        authors=Author.objects.in_bulk([article.author_id, article.co_author_id]),
        category=article.category,
        tags=list(article.tags.names()),
        figures=figures,
        sections=sections,
        with_state=with_state,
    )


def content_lines(
    fields: dict,
    *,
    authors: dict,
    category,
    tags: list[str],
    figures: dict,
    sections: list[dict],
    with_state: bool = True,
) -> list[str]:
    """An article's fields, tags, pictures and sections (in order) as readable
    lines: the one format of every diff an editor reads."""

    def figure_line(figure_id) -> list[str]:
        figure = figures.get(figure_id)
        if not figure:
            return []
        return [
            _("Gambar: %(alt)s | keterangan: %(caption)s | sumber: %(source)s")
            % {
                "alt": figure["alt_text"],
                "caption": figure["caption"],
                "source": figure["source"],
            }
        ]

    def override_line(caption) -> list[str]:
        if not caption:
            return []
        return [_("Keterangan di artikel ini: %s") % caption]

    author = authors.get(fields.get("author_id"))
    co_author = authors.get(fields.get("co_author_id"))
    lines = [_("Judul: %s") % fields.get("title", "")]
    if with_state:
        lines.append(_("Slug: %s") % fields.get("slug", ""))
    lines += [
        _("Kategori: %s") % (category or "-"),
        _("Penulis: %s") % (author or "-"),
        _("Penulis kedua: %s") % (co_author or "-"),
        _("Kontributor: %s") % (fields.get("contributor_name") or "-"),
        _("Tag: %s") % (", ".join(sorted(tags)) or "-"),
    ]
    if with_state:
        lines.append(_("Status: %s") % status_label(fields.get("status", "")))
    lines += [
        _("Deskripsi SEO: %s") % fields.get("seo_description", ""),
        _("Sampul:"),
        *figure_line(fields.get("cover_id")),
        *override_line(fields.get("cover_caption_override")),
        "",
        _("Pembuka:"),
        *_text_lines(fields.get("intro", "")),
    ]
    for section in sections:
        marker = "#" if section["is_numbered"] else "-"
        lines += ["", f"{marker} {section['heading']}"]
        lines += figure_line(section.get("figure_id"))
        lines += override_line(section.get("figure_caption_override"))
        lines += _text_lines(section["body"])
    return lines


def revision_diff(old: Version, new: Version) -> list[tuple[str, str]]:
    """(kind, text) pairs: kind is "add", "remove", "same" or "gap"."""
    rows = []
    for line in difflib.unified_diff(
        revision_lines(old), revision_lines(new), lineterm="", n=2
    ):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            rows.append(("gap", "…"))
        elif line.startswith("+"):
            rows.append(("add", line[1:]))
        elif line.startswith("-"):
            rows.append(("remove", line[1:]))
        else:
            rows.append(("same", line[1:]))
    return rows


@dataclass
class DiffRow:
    """One line of a readable diff: ``kind`` is "same", "add", "remove" or "gap";
    ``parts`` are (changed, text) pieces, so a changed line marks its words."""

    kind: str
    parts: list[tuple[bool, str]]


def _word_changes(old: str, new: str) -> tuple[list, list]:
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    old_parts, new_parts = [], []

    def add(parts, changed, words):
        text = "".join(words)
        if not text:
            return
        if parts and parts[-1][0] == changed:
            parts[-1] = (changed, parts[-1][1] + text)
        else:
            parts.append((changed, text))

    matcher = difflib.SequenceMatcher(None, old_words, new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        add(old_parts, tag != "equal", old_words[i1:i2])
        add(new_parts, tag != "equal", new_words[j1:j2])
    return old_parts, new_parts


def readable_diff(old: list[str], new: list[str], context: int = 2) -> list[DiffRow]:
    """The lines of two versions of an article (``article_lines``), as an editor
    reads a change: what was removed and added, a changed line beside its old
    form with the changed words marked, two unchanged lines around each change,
    and a gap for the rest. Empty when both are the same."""
    if old == new:
        return []
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        if rows or group[0][1] > 0:
            rows.append(DiffRow("gap", [(False, "…")]))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                rows += [DiffRow("same", [(False, line)]) for line in old[i1:i2]]
                continue
            removed, added = old[i1:i2], new[j1:j2]
            paired = min(len(removed), len(added))
            for before, after in zip(removed[:paired], added[:paired], strict=True):
                old_parts, new_parts = _word_changes(before, after)
                rows += [DiffRow("remove", old_parts), DiffRow("add", new_parts)]
            rows += [DiffRow("remove", [(True, line)]) for line in removed[paired:]]
            rows += [DiffRow("add", [(True, line)]) for line in added[paired:]]
    return rows


def restore_revision(article: Article, version: Version, user) -> Article:
    """Bring back the article's content as of ``version``; a new revision records it.

    Sections and tags that did not exist then are removed. The publication state
    (status, times, editor's note) stays as it is now.
    """
    revision = version.revision
    with transaction.atomic(), compiled.batched():
        current = Article.objects.select_for_update().get(pk=article.pk)
        kept = {name: getattr(current, name) for name in KEPT_ON_RESTORE}
        section_ids = [int(v.object_id) for v in _versions_of(revision, Section)]
        tagged_ids = [int(v.object_id) for v in _versions_of(revision, TaggedItem)]
        Section.objects.filter(article=current).exclude(pk__in=section_ids).delete()
        current.tagged_items.exclude(pk__in=tagged_ids).delete()
        # Make room, so restored positions never collide with today's.
        Section.objects.filter(article=current).update(
            position=F("position") + POSITION_OFFSET
        )
        revision.revert(delete=False)
        restored = Article.objects.get(pk=article.pk)
        for name, value in kept.items():
            setattr(restored, name, value)
        restored.version = current.version + 1
        restored.save()
        save_revision(
            restored,
            user,
            _("Dipulihkan dari revisi %(date)s")
            % {"date": date_format(localtime(revision.date_created), "j F Y H:i")},
        )
    return restored
