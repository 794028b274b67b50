"""Advertorials readers can trust: who paid, said on the page, and a label that
stays on.

Sales records who paid for an advertorial in the ads app; this app may not
import it, so the tie is kept here, on the article: ``Article.sponsor_name``,
set through ``name_sponsor`` (by the ads app's signals) and never in the
article form. While an article is tied:

- readers see "Advertorial · kerja sama dengan <sponsor>" above the article and
  on its card (``templates/articles/_sponsor_note.html``), and its structured
  data names the sponsor (``seo.article_meta``);
- only Sales or an admin may remove the label (``may_remove_label``): the article
  form refuses anyone else, and Sales remove it from the ads admin
  (``remove_label``), which records the change in the article's history (its
  revisions and the admin log).

A renamed sponsor gives its articles a new revision (``compiled.mark_stale``)
and makes every cached page stale, so no page or card keeps the old name.
"""

from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext as _

from . import compiled, revisions
from .caching import bump_generation
from .models import Article
from .roles import SALES


def may_remove_label(user) -> bool:
    """Whether ``user`` may remove the label of an advertorial that is tied to a
    sponsor: an admin (superuser) or Sales."""
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=SALES).exists()
    )


def name_sponsor(articles: QuerySet, name: str) -> int:
    """Tie ``articles`` to the sponsor ``name`` ("" unties them) and make their
    pages and cards, and every cached page, stale. Returns how many changed."""
    changed = list(articles.exclude(sponsor_name=name).values_list("pk", flat=True))
    if not changed:
        return 0
    rows = Article.objects.filter(pk__in=changed)
    rows.update(sponsor_name=name)
    compiled.mark_stale(rows)
    bump_generation()
    transaction.on_commit(bump_generation)
    return len(changed)


def remove_label(article: Article, user) -> Article:
    """Take the advertorial label and the sponsor off ``article`` for ``user``
    (Sales or an admin: callers check ``may_remove_label``), and record it in
    the article's revisions and admin history. The version goes up, so an
    editor's form opened before cannot put the label back unnoticed."""
    with transaction.atomic():
        locked = Article.objects.select_for_update().get(pk=article.pk)
        sponsor = locked.sponsor_name
        locked.is_sponsored = False
        locked.sponsor_name = ""
        locked.version = F("version") + 1
        locked.save(
            update_fields=["is_sponsored", "sponsor_name", "version", "updated_at"]
        )
        locked.refresh_from_db()
        if sponsor:
            message = _("Label advertorial dilepas (sponsor: %(sponsor)s).") % {
                "sponsor": sponsor
            }
        else:
            message = _("Label advertorial dilepas.")
        revisions.save_revision(locked, user, message)
        LogEntry.objects.log_actions(
            user_id=user.pk,
            queryset=[locked],
            action_flag=CHANGE,
            change_message=message,
            single_object=True,
        )
    return locked
