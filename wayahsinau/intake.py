""" "Impor naskah" in the admin: a press release (a file or pasted text) becomes a
draft article through the import pipeline (``articles/importing.py``), after
the editor has seen the structure it found.

Site glue, because it ties both apps: the draft may be marked advertorial for
an advertiser (``ads/intake.py``). The document waits between "Periksa" and
"Simpan" in the media storage under a random name that only the session knows.
"""

import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ads.intake import save_press_release
from ads.models import Advertiser, Enquiry
from articles.importing import MAX_DOCUMENT_BYTES, DocumentError, read_document
from articles.models import Author
from articles.roles import is_editor

SESSION_KEY = "import_document"
PENDING_DIRECTORY = "impor-naskah"


class ImportForm(forms.Form):
    document = forms.FileField(
        label=gettext_lazy("Berkas naskah"),
        required=False,
        help_text=gettext_lazy(".docx, .html, .md, atau .txt, maksimum 20 MB."),
    )
    text = forms.CharField(
        label=gettext_lazy("Atau tempel teks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 80}),
        help_text=gettext_lazy(
            "Baris pertama judul; judul bagian bernomor “1. …”; "
            "baris kredit “Penulis: …”."
        ),
    )
    advertiser = forms.ModelChoiceField(
        label=gettext_lazy("Pengiklan (advertorial)"),
        queryset=Advertiser.objects.filter(is_active=True),
        required=False,
        help_text=gettext_lazy(
            "Diisi: draf ditandai advertorial dan dicatat untuk pengiklan ini."
        ),
    )

    enquiry = forms.ModelChoiceField(
        label=gettext_lazy("Permintaan penawaran"),
        queryset=Enquiry.objects.select_related("listing"),
        required=False,
        help_text=gettext_lazy(
            "Opsional, bersama pengiklan: advertorial dicatat dari permintaan "
            "penawaran ini."
        ),
    )

    def __init__(self, *args, may_sponsor=False, may_see_enquiries=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_sponsor:
            del self.fields["advertiser"]
        if not (may_sponsor and may_see_enquiries):
            del self.fields["enquiry"]

    def clean(self):
        cleaned = super().clean()
        document, text = cleaned.get("document"), (cleaned.get("text") or "").strip()
        if document is None and not text:
            raise forms.ValidationError(_("Pilih berkas naskah atau tempel teksnya."))
        if document is not None and text:
            raise forms.ValidationError(
                _("Pilih salah satu: berkas naskah atau teks tempelan.")
            )
        if document is not None and document.size > MAX_DOCUMENT_BYTES:
            raise forms.ValidationError(_("Berkas terlalu besar (maksimum 20 MB)."))
        if cleaned.get("enquiry") is not None and cleaned.get("advertiser") is None:
            self.add_error(
                "enquiry",
                _(
                    "Pilih juga pengiklannya: permintaan penawaran dicatat bersama "
                    "advertorial."
                ),
            )
        return cleaned

    def document_bytes(self) -> tuple[bytes, str]:
        document = self.cleaned_data.get("document")
        if document is not None:
            return document.read(), document.name
        return self.cleaned_data["text"].strip().encode(), ""


def import_document_view(request, admin_site):
    user = request.user
    if not user.has_perm("articles.add_article"):
        raise PermissionDenied
    may_sponsor = user.has_perm("ads.add_advertorial")
    may_see_enquiries = may_sponsor and user.has_perm("ads.view_enquiry")
    context = {
        **admin_site.each_context(request),
        "title": _("Impor naskah"),
    }
    if request.method == "POST" and request.POST.get("action") == "save":
        return save_pending(request, may_sponsor, may_see_enquiries)
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        may_sponsor=may_sponsor,
        may_see_enquiries=may_see_enquiries,
    )
    if request.method == "POST" and form.is_valid():
        data, name = form.document_bytes()
        try:
            result = read_document(data, name)
        except DocumentError as error:
            form.add_error(None, str(error))
        else:
            forget_pending(request)
            stored = default_storage.save(
                f"{PENDING_DIRECTORY}/{secrets.token_hex(16)}.bin", ContentFile(data)
            )
            advertiser = form.cleaned_data.get("advertiser")
            enquiry = form.cleaned_data.get("enquiry")
            request.session[SESSION_KEY] = {
                "stored": stored,
                "name": name,
                "advertiser": advertiser.pk if advertiser else None,
                "enquiry": enquiry.pk if enquiry else None,
            }
            context.update(result=result, advertiser=advertiser, enquiry=enquiry)
            return TemplateResponse(request, "admin/import_document.html", context)
    context["form"] = form
    return TemplateResponse(request, "admin/import_document.html", context)


def forget_pending(request) -> None:
    pending = request.session.pop(SESSION_KEY, None)
    if pending:
        default_storage.delete(pending["stored"])


def save_pending(request, may_sponsor: bool, may_see_enquiries: bool = False):
    user = request.user
    here = reverse("admin:import_document")
    pending = request.session.get(SESSION_KEY)
    if not pending or not default_storage.exists(pending["stored"]):
        messages.error(request, _("Naskah yang diperiksa tidak ada lagi; unggah lagi."))
        return HttpResponseRedirect(here)
    with default_storage.open(pending["stored"]) as stored:
        data = stored.read()
    try:
        result = read_document(data, pending["name"])
    except DocumentError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(here)
    advertiser = None
    if may_sponsor and pending.get("advertiser"):
        advertiser = Advertiser.objects.filter(pk=pending["advertiser"]).first()
    enquiry = None
    if advertiser is not None and may_see_enquiries and pending.get("enquiry"):
        enquiry = Enquiry.objects.filter(pk=pending["enquiry"]).first()
    author = None
    if not is_editor(user):
        # A writer's import is their own draft, so that they may go on editing it.
        author = Author.objects.filter(user=user).first() or Author.objects.create(
            user=user, name=user.get_full_name() or user.get_username()
        )
    article = save_press_release(
        result, advertiser, user=user, author=author, enquiry=enquiry
    )
    forget_pending(request)
    messages.success(
        request,
        _("Naskah “%(title)s” disimpan sebagai draf. Periksa lalu lengkapi.")
        % {"title": article.title},
    )
    for warning in result.warnings:
        messages.warning(request, warning)
    return HttpResponseRedirect(
        reverse("admin:articles_article_change", args=[article.pk])
    )
