"""Autosave of unpublished articles: what a writer typed and has not saved yet,
kept on the server.

The article form's script (``static/admin/js/article-autosave.js``) posts the
form's text (title, dateline, intro, SEO description, each section's heading and
body) every ``AUTOSAVE_SECONDS`` when something changed, and once more when the
page is hidden or closed. ``AutosaveAdminMixin.autosave_view`` checks the article
rule per object (``permissions.may_change_article``), cleans the rich text with
the one allow-list (``richtext.sanitize_html``) and keeps it as the user's one
``ArticleAutosave`` of that article, overwritten each time. Nothing of the
article itself changes.

The next visit to the form offers what was not saved: a banner "Ada perubahan
yang belum disimpan …" with *Pulihkan* (the script fills the form; nothing is
saved until the user saves) and *Buang*. While the offer stands, the script does
not autosave, so typing before deciding never overwrites it. An autosave made
from an older version than the saved one (an editor saved meanwhile) comes with
a warning; restoring it also puts that older version back into the form's
``opened_version``, so saving meets the optimistic-concurrency check
(``forms.ArticleAdminForm.check_version``) and overwrites the newer version only
after the user has seen the conflict message and saves again.

A new article that was never saved has one autosave per user (no article):
the add form offers it the same way. A successful save of the form deletes the
user's autosave of that article (or their new-article autosave). Only drafts and
articles in review are autosaved: a published article changes only through a
deliberate save.
"""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import TITLE_MAX_LENGTH, Article, ArticleAutosave
from .permissions import may_change_article
from .revisions import last_change
from .richtext import MAX_RICH_TEXT_LENGTH, sanitize_html
from .text import strip_controls

AUTOSAVE_SECONDS = 20
AUTOSAVE_STATUSES = (Article.Status.DRAFT, Article.Status.REVIEW)
MAX_SECTIONS = 200


class AutosaveForm(forms.Form):
    """The article's own text, as the form's script sends it. The limits are the
    model's, so a crafted request gets a clear error instead of a stored
    value the form would refuse."""

    title = forms.CharField(max_length=TITLE_MAX_LENGTH, required=False)
    dateline = forms.CharField(max_length=60, required=False)
    intro = forms.CharField(max_length=MAX_RICH_TEXT_LENGTH, required=False)
    seo_description = forms.CharField(max_length=160, required=False)
    opened_version = forms.IntegerField(min_value=0, required=False)


class AutosaveSectionForm(forms.Form):
    id = forms.IntegerField(min_value=1, required=False)
    heading = forms.CharField(max_length=200, required=False)
    body = forms.CharField(max_length=MAX_RICH_TEXT_LENGTH, required=False)
    delete = forms.BooleanField(required=False)


AutosaveSectionFormSet = forms.formset_factory(
    AutosaveSectionForm,
    extra=0,
    max_num=MAX_SECTIONS,
    absolute_max=MAX_SECTIONS,
    validate_max=True,
)


def _plain(value: str) -> str:
    return strip_controls(value or "")


def cleaned_snapshot(form: AutosaveForm, sections: AutosaveSectionFormSet) -> dict:
    """What to keep of a valid autosave request: plain text without hidden
    controls, rich text through the allow-list, empty new sections left out."""
    data = form.cleaned_data
    kept = []
    for section in sections.cleaned_data:
        if not section:
            continue
        heading = _plain(section.get("heading"))
        body = sanitize_html(section.get("body"))
        if section.get("id") is None and not heading and not body:
            continue
        kept.append(
            {
                "id": section.get("id"),
                "heading": heading,
                "body": body,
                "delete": bool(section.get("delete")),
            }
        )
    return {
        "title": _plain(data["title"]),
        "dateline": _plain(data["dateline"]),
        "intro": sanitize_html(data["intro"]),
        "seo_description": _plain(data["seo_description"]),
        "sections": kept,
    }


def saved_snapshot(article: Article) -> dict:
    """The article as stored, in the shape of ``cleaned_snapshot``."""
    return {
        "title": article.title,
        "dateline": article.dateline,
        "intro": article.intro,
        "seo_description": article.seo_description,
        "sections": [
            {
                "id": section.pk,
                "heading": section.heading,
                "body": section.body,
                "delete": False,
            }
            for section in article.sections.order_by("position")
        ],
    }


def store_autosave(
    article: Article | None, user, data: dict, base_version: int
) -> ArticleAutosave:
    """Keep ``data`` as ``user``'s one autosave of ``article`` (None: of their
    new article), replacing the previous one."""
    autosave, _created = ArticleAutosave.objects.update_or_create(
        article=article,
        user=user,
        defaults={
            "data": data,
            "base_version": base_version,
            "saved_at": timezone.now(),
        },
    )
    return autosave


def discard_autosave(article: Article | None, user) -> None:
    """Forget ``user``'s autosave of ``article`` (None: of their new article)."""
    ArticleAutosave.objects.filter(article=article, user=user).delete()


@dataclass
class AutosaveOffer:
    """An autosave the form offers to restore, and whether the saved article has
    moved on since it was typed (``is_stale``)."""

    data: dict
    saved_at: datetime
    base_version: int
    current_version: int
    changed_by: str = ""
    changed_at: datetime | None = None

    @property
    def is_stale(self) -> bool:
        return self.base_version < self.current_version


def autosave_offer(article: Article | None, user) -> AutosaveOffer | None:
    """``user``'s autosave of ``article`` (None: of their new article) to offer,
    or None. An autosave that holds exactly what is saved is deleted instead:
    there is nothing to restore."""
    autosave = ArticleAutosave.objects.filter(article=article, user=user).first()
    if autosave is None:
        return None
    if article is None:
        return AutosaveOffer(autosave.data, autosave.saved_at, 0, 0)
    if autosave.data == saved_snapshot(article):
        autosave.delete()
        return None
    offer = AutosaveOffer(
        autosave.data, autosave.saved_at, autosave.base_version, article.version
    )
    if offer.is_stale:
        revision = last_change(article)
        if revision is not None:
            offer.changed_at = revision.date_created
            if revision.user is not None:
                offer.changed_by = (
                    revision.user.get_full_name() or revision.user.get_username()
                )
    return offer


def is_autosaved(article: Article) -> bool:
    """Whether ``article``'s status is one that autosaves (unpublished)."""
    return article.status in AUTOSAVE_STATUSES


def _error(message: str, status: int, errors=None) -> JsonResponse:
    return JsonResponse({"error": message, "errors": errors or {}}, status=status)


class AutosaveAdminMixin:
    """The article admin's autosave endpoints, the restore offer on its add and
    change forms, and the clean-up after a successful save (see the module)."""

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view
        return [
            path(
                "simpan-otomatis/",
                view(require_POST(self.autosave_view)),
                name="{}_{}_autosave".format(*info),
            ),
            path(
                "simpan-otomatis/buang/",
                view(require_POST(self.discard_autosave_view)),
                name="{}_{}_autosave_discard".format(*info),
            ),
            path(
                "<path:object_id>/simpan-otomatis/",
                view(require_POST(self.autosave_view)),
                name="{}_{}_autosave".format(*info),
            ),
            path(
                "<path:object_id>/simpan-otomatis/buang/",
                view(require_POST(self.discard_autosave_view)),
                name="{}_{}_autosave_discard".format(*info),
            ),
            *super().get_urls(),
        ]

    def autosave_article(self, request, object_id) -> Article | None:
        """The article ``object_id`` if ``request.user`` may autosave it (None for
        a new article); raises 404 for an article they may not open and 403 for one
        they may not change."""
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        article = self.get_object(request, unquote(object_id))
        if not may_change_article(request.user, article):
            raise PermissionDenied
        return article

    def autosave_view(self, request, object_id=None):
        article = self.autosave_article(request, object_id)
        if article is not None and not is_autosaved(article):
            return _error(
                _(
                    "Artikel ini sudah terbit atau ditarik, jadi tidak disimpan "
                    "otomatis. Simpan perubahan dengan tombol Simpan."
                ),
                status=409,
            )
        form = AutosaveForm(request.POST)
        sections = AutosaveSectionFormSet(request.POST, prefix="sections")
        if not sections.management_form.is_valid():
            return _error(_("Data simpan otomatis tidak lengkap."), status=400)
        if not (form.is_valid() and sections.is_valid()):
            errors = {**form.errors.get_json_data()}
            for number, section_errors in enumerate(sections.errors, start=1):
                if section_errors:
                    errors[f"bagian-{number}"] = section_errors.get_json_data()
            if sections.non_form_errors():
                errors["bagian"] = sections.non_form_errors().get_json_data()
            return _error(
                _("Simpan otomatis gagal: periksa isian yang terlalu panjang."),
                status=400,
                errors=errors,
            )
        data = cleaned_snapshot(form, sections)
        if article is None:
            base_version = 0
        else:
            sent = form.cleaned_data["opened_version"]
            base_version = article.version if sent is None else sent
            base_version = min(base_version, article.version)
        autosave = store_autosave(article, request.user, data, base_version)
        saved_at = localtime(autosave.saved_at)
        return JsonResponse(
            {
                "saved_at": saved_at.isoformat(),
                "message": _("Tersimpan otomatis pukul %(time)s.")
                % {"time": saved_at.strftime("%H.%M")},
            }
        )

    def discard_autosave_view(self, request, object_id=None):
        article = self.autosave_article(request, object_id)
        discard_autosave(article, request.user)
        return JsonResponse({"message": _("Perubahan yang belum disimpan dibuang.")})

    def autosave_context(self, request, article: Article | None) -> dict:
        """What the form's autosave include needs: nothing when the article is
        not one this user may autosave."""
        if article is None:
            if not self.has_add_permission(request):
                return {}
            args = []
        else:
            if not (
                is_autosaved(article) and may_change_article(request.user, article)
            ):
                return {}
            args = [article.pk]
        info = self.opts.app_label, self.opts.model_name
        return {
            "autosave_url": reverse("admin:{}_{}_autosave".format(*info), args=args),
            "autosave_discard_url": reverse(
                "admin:{}_{}_autosave_discard".format(*info), args=args
            ),
            "autosave_seconds": AUTOSAVE_SECONDS,
            # A refused save shows what was sent: keep it, at the first tick.
            "autosave_dirty": request.method == "POST",
            # Offered on a fresh visit only, not over a refused save's form.
            "autosave_offer": autosave_offer(article, request.user)
            if request.method == "GET"
            else None,
        }

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            **self.autosave_context(request, None),
        }
        return super().add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        extra_context = {
            **(extra_context or {}),
            **self.autosave_context(request, article),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Inside the admin's transaction: if the rest of the save fails, the
        # autosave is kept with everything else.
        discard_autosave(obj if change else None, request.user)
