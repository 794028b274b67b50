"""Revisions of whole articles (django-reversion): saving, reading and restoring.

A revision is taken explicitly after the article, its sections, figures and tags
are all saved, so it holds the final state of one save, never a half-way one.
"""

import difflib

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
    tags = sorted(
        tag_names.get(tag_id)
        or Tag.objects.filter(pk=tag_id).values_list("name", flat=True).first()
        or "?"
        for tag_id in tag_ids
    )
    category = Category.objects.filter(pk=fields.get("category_id")).first()
    author = Author.objects.filter(pk=fields.get("author_id")).first()
    co_author = Author.objects.filter(pk=fields.get("co_author_id")).first()

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

    lines = [
        _("Judul: %s") % fields.get("title", ""),
        _("Slug: %s") % fields.get("slug", ""),
        _("Kategori: %s") % (category or "-"),
        _("Penulis: %s") % (author or "-"),
        _("Penulis kedua: %s") % (co_author or "-"),
        _("Kontributor: %s") % (fields.get("contributor_name") or "-"),
        _("Tag: %s") % (", ".join(tags) or "-"),
        _("Status: %s") % status_label(fields.get("status", "")),
        _("Deskripsi SEO: %s") % fields.get("seo_description", ""),
        _("Sampul:"),
        *figure_line(fields.get("cover_id")),
        "",
        _("Pembuka:"),
        *_plain(fields.get("intro", "")).splitlines(),
    ]
    sections = sorted(
        (v.field_dict for v in _versions_of(revision, Section)),
        key=lambda section: section["position"],
    )
    for section in sections:
        marker = "#" if section["is_numbered"] else "-"
        lines += ["", f"{marker} {section['heading']}"]
        lines += figure_line(section.get("figure_id"))
        lines += _plain(section["body"]).splitlines()
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
