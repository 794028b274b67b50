"""Pre-publish checks: one list of problems for the admin form and the checklist.

Publishing is refused while ``errors`` is not empty; ``warnings`` are shown but
do not block. Drafts and articles in review are saved whatever their state.
"""

from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import Figure
from .richtext import figure_ids

# What search results show of a title before cutting it off.
SEARCH_TITLE_LENGTH = 60


@dataclass
class FigureFacts:
    alt_text: str
    source: str


@dataclass
class SectionFacts:
    heading: str
    body: str
    figure: FigureFacts | None = None


def has_text(html: str | None) -> bool:
    return bool(strip_tags(html or "").replace("&nbsp;", " ").strip())


def figure_problems(figure: FigureFacts, where: str) -> list[str]:
    problems = []
    if not figure.alt_text.strip():
        problems.append(
            _("%(where)s: gambar belum punya teks alternatif.") % {"where": where}
        )
    if not figure.source.strip():
        problems.append(_("%(where)s: gambar belum punya sumber.") % {"where": where})
    return problems


def publish_problems(
    *,
    title: str,
    intro: str,
    has_category: bool,
    has_author: bool,
    cover: FigureFacts | None,
    sections: list[SectionFacts],
) -> tuple[list[str], list[str]]:
    """Every reason not to publish (errors) and what to improve (warnings)."""
    errors, warnings = [], []
    if not has_category:
        errors.append(_("Pilih kategori."))
    if not has_author:
        errors.append(_("Pilih penulis."))
    if not has_text(intro):
        errors.append(_("Isi paragraf pembuka."))
    if cover is not None:
        errors.extend(figure_problems(cover, _("Gambar sampul")))
    for number, section in enumerate(sections, start=1):
        where = _("Bagian %(number)s (“%(heading)s”)") % {
            "number": number,
            "heading": section.heading,
        }
        if not has_text(section.body):
            errors.append(_("%(where)s: isinya masih kosong.") % {"where": where})
        if section.figure is not None:
            errors.extend(figure_problems(section.figure, where))
    if len(title) > SEARCH_TITLE_LENGTH:
        warnings.append(
            _(
                "Judul %(length)s karakter; hasil pencarian hanya menampilkan sekitar "
                "%(limit)s karakter pertama."
            )
            % {"length": len(title), "limit": SEARCH_TITLE_LENGTH}
        )
    return errors, warnings


def figure_facts(figure) -> FigureFacts | None:
    if figure is None:
        return None
    return FigureFacts(alt_text=figure.alt_text, source=figure.source)


def missing_pictures(sections) -> list[str]:
    """A warning for each of ``sections`` (saved, in order) whose text refers to
    pictures since deleted from the library: the page shows nothing there."""
    referenced = {pk for section in sections for pk in figure_ids(section.body)}
    existing = set(
        Figure.objects.filter(pk__in=referenced).values_list("pk", flat=True)
        if referenced
        else ()
    )
    warnings = []
    for number, section in enumerate(sections, start=1):
        missing = [pk for pk in figure_ids(section.body) if pk not in existing]
        if missing:
            warnings.append(
                ngettext(
                    "Bagian %(number)s (“%(heading)s”): %(count)s gambar di dalam "
                    "teks sudah dihapus dari pustaka dan tidak tampil; hapus atau "
                    "ganti rujukannya.",
                    "Bagian %(number)s (“%(heading)s”): %(count)s gambar di dalam "
                    "teks sudah dihapus dari pustaka dan tidak tampil; hapus atau "
                    "ganti rujukannya.",
                    len(missing),
                )
                % {
                    "number": number,
                    "heading": section.heading,
                    "count": len(missing),
                }
            )
    return warnings


def article_problems(article) -> tuple[list[str], list[str]]:
    """The checklist for a saved article, as stored."""
    saved = list(article.sections.select_related("figure").order_by("position"))
    sections = [SectionFacts(s.heading, s.body, figure_facts(s.figure)) for s in saved]
    errors, warnings = publish_problems(
        title=article.title,
        intro=article.intro,
        has_category=article.category_id is not None,
        has_author=article.author_id is not None,
        cover=figure_facts(article.cover),
        sections=sections,
    )
    return errors, warnings + missing_pictures(saved)
