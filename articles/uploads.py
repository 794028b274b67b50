"""A refused save keeps every chosen picture.

A browser never sends a chosen file twice: when a form comes back with an error
(on any field, of the article or of any section), every picture of it that passed
validation is stored as the user's ``PendingUpload``, through the same validation
and re-encoding as any image (``images.py``). The re-shown form refers to it by a
hidden token next to a thumbnail ("Gambar terpilih: … (akan disimpan)"), and the
next submit uses it without a new pick. A token is only good for its owner; a used
upload is deleted with the save that used it, an unused one a day later by
``manage.py clean_pending_uploads``.
"""

import logging
import posixpath
from collections.abc import Callable, Iterable
from datetime import timedelta
from functools import partial

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .images import ValidatedImageField, ValidatedImageFormField
from .models import Figure, PendingUpload
from .pictures import FigureSelect, PendingToken, PictureInput
from .text import strip_controls

logger = logging.getLogger(__name__)

PENDING_LIFETIME = timedelta(hours=24)


class KeptPictureField(ValidatedImageFormField):
    """An image field whose valid upload outlives a refused save (see the module).

    ``owner`` is the user whose kept uploads a token may name; the form sets it
    for its request.
    """

    widget = PictureInput
    default_error_messages = {
        "pending_gone": _(
            "Gambar yang Anda pilih sebelumnya tidak tersedia lagi; pilih berkasnya "
            "sekali lagi."
        ),
    }

    def __init__(self, *args, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner

    def to_python(self, data):
        if isinstance(data, PendingToken):
            return self.claim(data)
        return super().to_python(data)

    def claim(self, token: str) -> ContentFile:
        """The kept upload named by ``token``, when it is the owner's and its file
        is still there, as an already cleaned file to save."""
        pending = owned_upload(self.owner, token)
        if pending is None:
            raise ValidationError(
                self.error_messages["pending_gone"], code="pending_gone"
            )
        try:
            with pending.image.open("rb") as handle:
                data = handle.read()
        except OSError:
            logger.warning("Kept upload %s has lost its file", pending.pk)
            raise ValidationError(
                self.error_messages["pending_gone"], code="pending_gone"
            ) from None
        # The form shows it again if this submit is refused too.
        self.widget.pending = pending
        content = ContentFile(data, name=posixpath.basename(pending.image.name))
        content.is_cleaned_image = True  # validated and re-encoded when kept
        content.pending_upload = pending
        return content


def owned_upload(owner, token: str) -> PendingUpload | None:
    """``owner``'s kept upload named ``token``, or None (someone else's, unknown,
    or already used or cleaned up)."""
    if owner is None or not owner.is_authenticated or not token:
        return None
    return PendingUpload.objects.filter(owner=owner, token=token[:64]).first()


def keep(owner, content, original_name: str) -> PendingUpload | None:
    """Store ``content`` (a validated, cleaned image) as ``owner``'s kept upload;
    None when storage or the database fails, which the form then simply does not
    offer."""
    name = strip_controls(posixpath.basename(original_name.replace("\\", "/")))
    try:
        with transaction.atomic():
            return PendingUpload.objects.create(
                owner=owner, image=content, original_name=name[:255]
            )
    except (DatabaseError, OSError):
        logger.exception("Could not keep an upload of user %s", owner.pk)
        return None


def keep_uploads(owner, forms: Iterable) -> int:
    """After a refused save: keep each new valid picture of ``forms`` for
    ``owner`` and let its field's widget refer to it. Returns how many were kept."""
    kept = 0
    for form in forms:
        cleaned = getattr(form, "cleaned_data", None) or {}
        for name, field in form.fields.items():
            if not isinstance(field, KeptPictureField):
                continue
            widget = field.widget
            if widget.current is None and form.initial.get(name):
                widget.current = form.initial[name]
            value = cleaned.get(name)
            if not getattr(value, "is_cleaned_image", False) or hasattr(
                value, "pending_upload"
            ):
                continue  # nothing new, or already kept
            upload = form.files.get(form.add_prefix(name))
            pending = keep(owner, value, getattr(upload, "name", "") or "")
            if pending is not None:
                value.pending_upload = pending
                widget.pending = pending
                kept += 1
    return kept


def discard(pending: PendingUpload) -> None:
    """Delete a kept upload; its file goes once the deletion is committed."""
    storage, name = pending.image.storage, pending.image.name
    pending.delete()
    if name:
        transaction.on_commit(partial(storage.delete, name))


def discard_used(forms: Iterable) -> None:
    """After a save: delete the kept uploads it used."""
    for form in forms:
        cleaned = getattr(form, "cleaned_data", None) or {}
        for value in cleaned.values():
            pending = getattr(value, "pending_upload", None)
            if isinstance(pending, PendingUpload):
                discard(pending)


def clean_pending_uploads(
    older_than: timedelta = PENDING_LIFETIME,
    progress: Callable[[Iterable], Iterable] | None = None,
) -> int:
    """Delete the kept uploads nobody used within ``older_than``, files included.

    ``progress`` optionally wraps the rows (tqdm). Returns how many were deleted.
    """
    cutoff = timezone.now() - older_than
    old = list(PendingUpload.objects.filter(created_at__lt=cutoff).order_by("pk"))
    rows = progress(old) if progress is not None else old
    deleted = 0
    for pending in rows:
        name, storage = pending.image.name, pending.image.storage
        pending.delete()
        if name:
            try:
                storage.delete(name)
            except OSError:
                logger.exception("Could not delete kept upload file %s", name)
        deleted += 1
    return deleted


def forms_of(context) -> list:
    """The main form and every inline form of an admin change form's context."""
    forms = [context["adminform"].form]
    for inline_formset in context.get("inline_admin_formsets", []):
        forms.extend(inline_formset.formset.forms)
    return forms


class PictureAdminMixin:
    """For a ``ModelAdmin``: its picture fields show what is saved and keep a
    chosen upload across a refused save; a figure chosen by autocomplete (a cover)
    shows its thumbnail."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, ValidatedImageField):
            return db_field.formfield(
                form_class=KeptPictureField, owner=request.user, **kwargs
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if (
            db_field.related_model is Figure
            and "widget" not in kwargs
            and db_field.name in self.get_autocomplete_fields(request)
        ):
            kwargs["widget"] = FigureSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def render_change_form(
        self, request, context, add=False, change=False, form_url="", obj=None
    ):
        if request.method == "POST":
            # A POST that is shown again was refused (a saved one redirects).
            keep_uploads(request.user, forms_of(context))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        discard_used([form, *(f for formset in formsets for f in formset.forms)])
