"""Pre-publish checks: one list of problems for the admin form and the checklist.

Publishing is refused while ``errors`` is not empty; ``warnings`` are shown but
do not block. Drafts and articles in review are saved whatever their state.

Each problem names the form field it is about (``Problem.field``), so the article
screen can link every line of a refusal and of its checklist to that field.
"""

from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Figure
from .richtext import figure_ids

# What search results show of a title before cutting it off.
SEARCH_TITLE_LENGTH = 60

# The article screen's inline formset of sections is prefixed with the relation's
# name, so the form of the n-th section (from 0) is "sections-<n>".
SECTION_PREFIX = "sections"


@dataclass(frozen=True)
class Problem:
    """One line of the checklist, and the form field it is about ("" for none)."""

    message: str
    field: str = ""

    def __str__(self) -> str:
        return self.message


@dataclass
class FigureFacts:
    alt_text: str
    source: str


@dataclass
class SectionFacts:
    heading: str
    body: str
    figure: FigureFacts | None = None
    # The prefix of the section's form ("sections-2"); "" when not from a form.
    prefix: str = ""

    def field(self, name: str) -> str:
        return f"{self.prefix}-{name}" if self.prefix else ""


def has_text(html: str | None) -> bool:
    return bool(strip_tags(html or "").replace("&nbsp;", " ").strip())


def section_label(number: int, heading: str) -> str:
    """How the checklist names a section: its place in the article and heading."""
    return _("Bagian %(number)s (“%(heading)s”)") % {
        "number": number,
        "heading": heading,
    }


def figure_checks(
    figure: FigureFacts, where: str, alt_field: str = "", source_field: str = ""
) -> list[Problem]:
    problems = []
    if not figure.alt_text.strip():
        problems.append(
            Problem(
                _("%(where)s: gambar belum punya teks alternatif.") % {"where": where},
                alt_field,
            )
        )
    if not figure.source.strip():
        problems.append(
            Problem(
                _("%(where)s: gambar belum punya sumber.") % {"where": where},
                source_field,
            )
        )
    return problems


def publish_checks(
    *,
    title: str,
    intro: str,
    has_category: bool,
    has_author: bool,
    cover: FigureFacts | None,
    sections: list[SectionFacts],
) -> tuple[list[Problem], list[Problem]]:
    """Every reason not to publish (errors) and what to improve (warnings), each
    with the field it is about. ``sections`` are in the article's order."""
    errors, warnings = [], []
    if not has_category:
        errors.append(Problem(_("Pilih kategori."), "category"))
    if not has_author:
        errors.append(Problem(_("Pilih penulis."), "author"))
    if not has_text(intro):
        errors.append(Problem(_("Isi paragraf pembuka."), "intro"))
    if cover is not None:
        errors.extend(figure_checks(cover, _("Gambar sampul"), "cover", "cover"))
    for number, section in enumerate(sections, start=1):
        where = section_label(number, section.heading)
        if not has_text(section.body):
            errors.append(
                Problem(
                    _("%(where)s: isinya masih kosong.") % {"where": where},
                    section.field("body"),
                )
            )
        if section.figure is not None:
            errors.extend(
                figure_checks(
                    section.figure,
                    where,
                    section.field("figure_alt_text"),
                    section.field("figure_source"),
                )
            )
    if len(title) > SEARCH_TITLE_LENGTH:
        warnings.append(
            Problem(
                _(
                    "Judul %(length)s karakter; hasil pencarian hanya menampilkan "
                    "sekitar %(limit)s karakter pertama."
                )
                % {"length": len(title), "limit": SEARCH_TITLE_LENGTH},
                "title",
            )
        )
    return errors, warnings


def publish_problems(**facts) -> tuple[list[str], list[str]]:
    """``publish_checks`` as plain messages."""
    errors, warnings = publish_checks(**facts)
    return [p.message for p in errors], [p.message for p in warnings]


def figure_facts(figure) -> FigureFacts | None:
    if figure is None:
        return None
    return FigureFacts(alt_text=figure.alt_text, source=figure.source)


def missing_pictures(sections) -> list[Problem]:
    """A warning for each of ``sections`` (saved, in order) whose text refers to
    pictures since deleted from the library: the page shows nothing there."""
    referenced = {pk for section in sections for pk in figure_ids(section.body)}
    existing = set(
        Figure.objects.filter(pk__in=referenced).values_list("pk", flat=True)
        if referenced
        else ()
    )
    warnings = []
    for index, section in enumerate(sections):
        missing = [pk for pk in figure_ids(section.body) if pk not in existing]
        if missing:
            message = ngettext(
                "Bagian %(number)s (“%(heading)s”): %(count)s gambar di dalam "
                "teks sudah dihapus dari pustaka dan tidak tampil; hapus atau "
                "ganti rujukannya.",
                "Bagian %(number)s (“%(heading)s”): %(count)s gambar di dalam "
                "teks sudah dihapus dari pustaka dan tidak tampil; hapus atau "
                "ganti rujukannya.",
                len(missing),
            ) % {
                "number": index + 1,
                "heading": section.heading,
                "count": len(missing),
            }
            warnings.append(Problem(message, f"{SECTION_PREFIX}-{index}-body"))
    return warnings


def article_checks(article) -> tuple[list[Problem], list[Problem]]:
    """The checklist for a saved article, as stored, with the fields of its form
    (the article screen shows its sections in order)."""
    saved = list(article.sections.select_related("figure").order_by("position"))
    sections = [
        SectionFacts(
            s.heading, s.body, figure_facts(s.figure), f"{SECTION_PREFIX}-{index}"
        )
        for index, s in enumerate(saved)
    ]
    errors, warnings = publish_checks(
        title=article.title,
        intro=article.intro,
        has_category=article.category_id is not None,
        has_author=article.author_id is not None,
        cover=figure_facts(article.cover),
        sections=sections,
    )
    return errors, warnings + missing_pictures(saved)


def article_problems(article) -> tuple[list[str], list[str]]:
    """``article_checks`` as plain messages."""
    errors, warnings = article_checks(article)
    return [p.message for p in errors], [p.message for p in warnings]
