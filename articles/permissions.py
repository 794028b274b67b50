"""Who may see and change which newsroom object: the article rule, written once.

Groups (``roles.py``) grant model permissions: a writer may change figures at all.
This module says *which* ones. Every admin that a writer can reach asks it, for
its list, its change and delete views, its autocomplete and popups and its bulk
actions, so a crafted URL or POST meets the same rule as the screen does:

- editors (and superusers) may change everything in articles;
- a writer sees what belongs to their own articles, and changes it only while
  the article is their draft: once it is submitted or published, readers may see
  it (or are about to), and it is an editor's to change. To change their
  published article, a writer starts a change draft of it (``livedrafts.py``),
  which is their draft again until they submit it;
- a figure belongs to the articles that use it (as a section's picture, inside
  a section's text or as a cover) and to the writer who uploaded it; a writer may
  change it only while no article outside their own drafts uses it, so a
  published article's picture is an editor's alone. The media library also shows
  a writer, to reuse but not to change, every picture that readers already see
  on a published article; another writer's unpublished picture stays hidden.

Sales staff hold no permission in articles at all (``roles.ROLES``), so the
admin refuses them before these rules are asked.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Article, Figure, Section
from .roles import is_editor


def owned_articles(user) -> QuerySet:
    """The articles credited to ``user``'s own author profile."""
    return Article.objects.filter(author__user=user.pk)


def writable_articles(user) -> QuerySet:
    """The articles ``user`` may change: all for an editor, a writer's own drafts."""
    if is_editor(user):
        return Article.objects.all()
    return owned_articles(user).filter(status=Article.Status.DRAFT)


def visible_articles(user, articles: QuerySet) -> QuerySet:
    """``articles`` narrowed to what ``user`` may open in the admin."""
    if is_editor(user):
        return articles
    return articles.filter(author__user=user.pk)


def may_change_article(user, article: Article) -> bool:
    """Whether ``user`` may change ``article`` (see the module's rule)."""
    if is_editor(user):
        return True
    return article.status == Article.Status.DRAFT and is_own(user, article)


def may_start_change_draft(user, article: Article) -> bool:
    """Whether ``user`` may start a change draft of ``article`` (``livedrafts.py``):
    an editor, or the writer of their own article, once it is published."""
    if article.status != Article.Status.PUBLISHED or article.draft_of_id is not None:
        return False
    if is_editor(user):
        return True
    return user.has_perm("articles.add_article") and is_own(user, article)


def is_own(user, article: Article) -> bool:
    author = article.author
    return author is not None and author.user_id == user.pk


def _figures_used_by(articles: QuerySet) -> Q:
    """Figures that one of ``articles`` shows, as a section's picture, inside a
    section's text, or as its cover."""
    in_sections = Section.objects.filter(
        Q(figure=OuterRef("pk")) | Q(figures_in_text=OuterRef("pk")),
        article__in=articles,
    )
    as_cover = articles.filter(cover=OuterRef("pk"))
    return Q(Exists(in_sections)) | Q(Exists(as_cover))


def shown_to_readers(figure: Figure) -> bool:
    """Whether a published article shows ``figure``: a change to it in place is
    at once on readers' pages."""
    published = _figures_used_by(Article.objects.published())
    return Figure.objects.filter(published, pk=figure.pk).exists()


def visible_figures(user, figures: QuerySet) -> QuerySet:
    """``figures`` narrowed to what ``user`` may open and reuse (the media
    library, a cover's or a section's picture, a picture inside the text): a
    writer's own uploads, the pictures of their own articles, and those readers
    see on published articles."""
    if is_editor(user):
        return figures
    return figures.filter(
        Q(created_by=user.pk)
        | _figures_used_by(owned_articles(user))
        | _figures_used_by(Article.objects.published())
    )


def writable_figures(user, figures: QuerySet) -> QuerySet:
    """``figures`` narrowed to what ``user`` may change: for a writer, the visible
    ones that no article outside their own drafts uses."""
    if is_editor(user):
        return figures
    others = Article.objects.exclude(pk__in=writable_articles(user).values("pk"))
    return visible_figures(user, figures).exclude(_figures_used_by(others))


def deletable_figures(user, figures: QuerySet) -> QuerySet:
    """``figures`` narrowed to what ``user`` may delete: for a writer, their own
    uploads that no article outside their own drafts uses (a colleague's upload
    stays in the library even when only this writer's draft shows it)."""
    if is_editor(user):
        return figures
    return writable_figures(user, figures).filter(created_by=user.pk)


def may_change_figure(user, figure: Figure) -> bool:
    """Whether ``user`` may change ``figure``'s image, caption or credit."""
    if is_editor(user):
        return True
    return writable_figures(user, Figure.objects.filter(pk=figure.pk)).exists()
