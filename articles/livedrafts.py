"""Change drafts: editing a published article while readers keep the live version.

A writer (on their own article) or an editor starts a change draft of a published
article: a copy, an ``Article`` row with ``draft_of`` pointing at the live one,
made of the same fields, sections, pictures and tags. It is edited on the same
desk as any draft, with its own revisions, autosave, preview links and version
check; a database constraint keeps it out of every public page, since only a
published article is shown and a copy is never published.

The writer submits it for review. The editor reads it beside a diff against the
live version (``changes``) and then:

- publishes it (``publish``): its content replaces the live article's, which
  keeps its address, publication time, notes, statistics and front-page place;
  the live article records a revision, and the copy is deleted;
- schedules it (``schedule``): the same happens at the chosen time, through
  ``apply_due_changes``, which the first request to find it due runs
  (``caching.next_scheduled_change``), so the live article changes exactly then
  with no job that can miss it (``publish_scheduled_changes`` does the same from
  cron, for a quiet site's feeds and sitemaps);
- or sends it back to the writer with a note (``reject``).

The version check covers both versions: the copy remembers the live article's
``version`` it was made from (``base_version``). When the live article has been
saved since (a quick fix by an editor), publishing asks the editor to confirm
that the copy's content replaces that change, after showing it, and a scheduled
change is not applied but returned to the review queue.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from . import compiled, revisions
from .models import Article, ArticleNote, Section
from .publishing import article_problems
from .search import refresh_search_document

# The content a copy takes from its live article and gives back when published.
# Not the address, the publication state and times, the front page's choices,
# the import's origin or the sponsor Sales recorded: those stay the live
# article's, and are changed on it.
CONTENT_FIELDS = (
    "title",
    "dateline",
    "intro",
    "category",
    "author",
    "co_author",
    "contributor_name",
    "cover",
    "cover_caption_override",
    "seo_description",
    "is_sponsored",
)
SECTION_FIELDS = (
    "position",
    "heading",
    "body",
    "is_numbered",
    "figure",
    "figure_caption_override",
)


class ChangeRefused(Exception):
    """The change draft is not published, for ``reasons`` (Indonesian)."""

    def __init__(self, reasons: list[str]):
        super().__init__(reasons)
        self.reasons = reasons


class LiveChanged(ChangeRefused):
    """The live article was saved after the copy was made: publishing the copy
    would replace that change, so the editor must confirm it first."""


def change_draft_of(live: Article) -> Article | None:
    """The open change draft of ``live``, if any."""
    return Article.objects.filter(draft_of=live).first()


def start(live: Article, user) -> tuple[Article, bool]:
    """The change draft of ``live``: the open one, or a new copy of it now.
    Returns it and whether it was made now. ``live`` must be published."""
    with transaction.atomic(), compiled.batched():
        live = Article.objects.select_for_update().get(pk=live.pk)
        existing = change_draft_of(live)
        if existing is not None:
            return existing, False
        if live.draft_of_id is not None or live.status != Article.Status.PUBLISHED:
            raise ChangeRefused([_("Hanya artikel yang sudah terbit punya draf.")])
        draft = Article(
            draft_of=live,
            base_version=live.version,
            status=Article.Status.DRAFT,
            sponsor_name=live.sponsor_name,
            **{name: getattr(live, name) for name in CONTENT_FIELDS},
        )
        draft.save()
        draft.tags.set(list(live.tags.all()))
        for section in live.sections.order_by("position"):
            Section.objects.create(
                article=draft,
                **{name: getattr(section, name) for name in SECTION_FIELDS},
            )
        refresh_search_document(draft)
        revisions.save_revision(
            draft,
            user,
            _("Draf perubahan dibuat dari versi tayang (versi %(version)s)")
            % {"version": live.version},
        )
    return draft, True


@dataclass
class Changes:
    """What a change draft would change on its live article."""

    draft: Article
    live: Article
    rows: list[revisions.DiffRow]
    # The live article was saved after the copy was made (see the module).
    live_changed: bool
    errors: list[str]
    warnings: list[str]


def changes(draft: Article) -> Changes:
    live = draft.draft_of
    errors, warnings = article_problems(draft)
    return Changes(
        draft=draft,
        live=live,
        rows=revisions.readable_diff(
            revisions.article_lines(live, with_state=False),
            revisions.article_lines(draft, with_state=False),
        ),
        live_changed=live.version != draft.base_version,
        errors=errors,
        warnings=warnings,
    )


def _locked(draft_pk: int) -> tuple[Article, Article]:
    draft = (
        Article.objects.select_for_update()
        .filter(pk=draft_pk, draft_of__isnull=False)
        .first()
    )
    if draft is None:
        raise ChangeRefused(
            [_("Draf perubahan ini sudah tidak ada: sudah diterbitkan atau dibuang.")]
        )
    live = Article.objects.select_for_update().get(pk=draft.draft_of_id)
    return draft, live


def _check(draft: Article, live: Article, overwrite: bool) -> None:
    errors, _warnings = article_problems(draft)
    if errors:
        raise ChangeRefused(errors)
    if live.version != draft.base_version and not overwrite:
        raise LiveChanged(
            [
                _(
                    "Versi tayang sudah disunting sesudah draf ini dibuat. Periksa "
                    "perbedaannya, lalu konfirmasi bahwa isi draf menggantikan "
                    "suntingan itu."
                )
            ]
        )


def publish(
    draft_pk: int,
    user,
    *,
    overwrite: bool = False,
    note_kind: str = "",
    note_text: str = "",
) -> Article:
    """Put the change draft's content into its live article, now; returns the
    live article. ``note_kind`` and ``note_text`` add a note for readers
    (``ArticleNote``: a correction or an update) in the same step."""
    with transaction.atomic(), compiled.batched():
        draft, live = _locked(draft_pk)
        _check(draft, live, overwrite)
        for name in CONTENT_FIELDS:
            setattr(live, name, getattr(draft, name))
        # A label Sales tied to a sponsor stays (articles/sponsorship.py).
        live.is_sponsored = draft.is_sponsored or bool(live.sponsor_name)
        live.version += 1
        live.save()
        live.sections.all().delete()
        # The copy's sections become the live article's, with their pictures.
        for section in draft.sections.order_by("position"):
            section.article = live
            section.save()
        live.tags.set(list(draft.tags.all()))
        if note_kind and note_text.strip():
            ArticleNote.objects.create(
                article=live, kind=note_kind, text=note_text, created_by=user
            )
        refresh_search_document(live)
        revisions.save_revision(live, user, _("Perubahan dari draf diterbitkan"))
        draft.delete()
    return live


def schedule(
    draft_pk: int,
    user,
    when,
    *,
    overwrite: bool = False,
    note_kind: str = "",
    note_text: str = "",
) -> Article:
    """Publish the change draft at ``when`` (``apply_due_changes``), with the
    note for readers, if any, that ``publish`` adds then."""
    if when <= timezone.now():
        raise ChangeRefused([_("Waktu jadwal harus di masa depan.")])
    with transaction.atomic(), compiled.batched():
        draft, live = _locked(draft_pk)
        _check(draft, live, overwrite)
        # Confirmed: the live version the editor has just seen is the base now.
        draft.base_version = live.version
        draft.status = Article.Status.REVIEW
        draft.change_publish_at = when
        draft.change_scheduled_by = user
        draft.change_note_kind = note_kind if note_text.strip() else ""
        draft.change_note_text = note_text if note_kind else ""
        draft.version += 1
        draft.save()
        revisions.save_revision(
            draft,
            user,
            _("Dijadwalkan terbit %(when)s")
            % {"when": date_format(localtime(when), "j F Y H:i")},
        )
    return draft


def _unscheduled(draft: Article, user, status: str, note: str, comment: str):
    """The change draft without its schedule, in ``status``, with ``note`` for
    its writer when given: saved and recorded as a revision."""
    with transaction.atomic():
        draft = Article.objects.select_for_update().get(pk=draft.pk)
        draft.change_publish_at = None
        draft.change_scheduled_by = None
        draft.change_note_kind = draft.change_note_text = ""
        draft.status = status
        if note:
            draft.review_note = note
        draft.version += 1
        draft.save()
        revisions.save_revision(draft, user, comment)


def unschedule(draft: Article, user, reason: str = "") -> None:
    """Take the change draft's schedule away; it waits in the review queue."""
    _unscheduled(
        draft, user, Article.Status.REVIEW, reason, reason or _("Jadwal dibatalkan")
    )


def reject(draft: Article, user, note: str) -> None:
    """Send the change draft back to its writer, with the editor's note."""
    _unscheduled(draft, user, Article.Status.DRAFT, note, _("Dikembalikan ke penulis"))


def discard(draft: Article) -> None:
    """Delete the change draft; the live article is untouched."""
    Article.objects.filter(pk=draft.pk, draft_of__isnull=False).delete()


def apply_due_changes(now=None) -> list[tuple[Article, list[str]]]:
    """Publish every scheduled change draft whose time has come, oldest first.
    Returns each live article and the reasons it was not changed ([] when it
    was). A draft that cannot be published goes back to the review queue with
    those reasons as its note, so an editor sees why."""
    now = now or timezone.now()
    due = (
        Article.objects.filter(draft_of__isnull=False, change_publish_at__lte=now)
        .select_related("draft_of", "change_scheduled_by")
        .order_by("change_publish_at", "pk")
    )
    results = []
    for draft in due:
        try:
            live = publish(
                draft.pk,
                draft.change_scheduled_by,
                note_kind=draft.change_note_kind,
                note_text=draft.change_note_text,
            )
        except ChangeRefused as refused:
            if not Article.objects.filter(pk=draft.pk).exists():
                continue  # another process published it a moment ago
            reason = _("Jadwal terbit %(when)s dibatalkan: %(reasons)s") % {
                "when": date_format(localtime(draft.change_publish_at), "j F Y H:i"),
                "reasons": " ".join(refused.reasons),
            }
            unschedule(draft, draft.change_scheduled_by, reason)
            results.append((draft.draft_of, refused.reasons))
        else:
            results.append((live, []))
    return results
