import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Enquiry, Placement, ReportLink

# A report link lives at most this long; a new one is a click away.
REPORT_LINK_MAX_DAYS = 366

# 0812…, 62812…, +62 812…, and landlines such as 021 / 0341: 8 to 12 digits after 0.
_PHONE_SEPARATORS = re.compile(r"[\s\-.()]")
_PHONE_PATTERN = re.compile(r"^(?:\+62|62|0)([1-9]\d{7,11})$")


def normalise_phone(value: str) -> str | None:
    """``+62…`` for a plausible Indonesian number, None for anything else."""
    compact = _PHONE_SEPARATORS.sub("", value or "")
    match = _PHONE_PATTERN.match(compact)
    if not match:
        return None
    return f"+62{match.group(1)}"


class EnquiryForm(forms.ModelForm):
    # Hidden from people by CSS; bots that fill every field reveal themselves.
    website = forms.CharField(
        label=_("Situs web (biarkan kosong)"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Enquiry
        fields = ["name", "company", "phone", "email", "message"]
        labels = {
            "name": _("Nama"),
            "company": _("Perusahaan/usaha (opsional)"),
            "phone": _("Nomor telepon/WhatsApp"),
            "email": _("Email"),
            "message": _("Pesan"),
        }
        help_texts = {"phone": _("Contoh: 0812-3456-7890 atau +62 812 3456 7890.")}
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "company": forms.TextInput(attrs={"autocomplete": "organization"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].max_length = 30
        self.fields["phone"].widget.attrs["maxlength"] = 30

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def clean_phone(self):
        phone = normalise_phone(self.cleaned_data["phone"])
        if phone is None:
            raise forms.ValidationError(
                _(
                    "Masukkan nomor Indonesia yang valid, misalnya 0812-3456-7890 "
                    "atau +62 812 3456 7890."
                ),
                code="phone",
            )
        return phone

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if len(message) < 10:
            raise forms.ValidationError(
                _("Ceritakan sedikit kebutuhan Anda (minimal 10 karakter)."),
                code="short",
            )
        return message


class PlacementForm(forms.ModelForm):
    """A block's place in a slot, as the block admin's inline edits it."""

    weight = forms.IntegerField(
        label=_("bobot"),
        initial=1,
        min_value=1,
        max_value=100,
        help_text=Placement._meta.get_field("weight").help_text,
        error_messages={
            "min_value": _(
                "Bobot paling kecil 1: blok berbobot 0 atau kurang tidak pernah "
                "tampil. Untuk menghentikan blok, matikan “aktif” atau hapus "
                "penempatannya."
            ),
            "max_value": _("Bobot paling besar 100."),
            "invalid": _("Bobot harus bilangan bulat, misalnya 1, 2, atau 5."),
        },
    )

    class Meta:
        model = Placement
        fields = ["slot", "weight"]


class ReportLinkForm(forms.ModelForm):
    """A new report link: whose report, and the last day the client may open it."""

    valid_until = forms.DateField(
        label=_("Berlaku sampai tanggal"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "Tautan bisa dibuka sampai akhir hari ini (23.59 WIB), lalu "
            "menampilkan halaman tidak ditemukan. Bisa dicabut kapan saja."
        ),
    )

    class Meta:
        model = ReportLink
        fields = ["advertiser", "block"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and "valid_until" not in self.initial:
            self.initial["valid_until"] = timezone.localdate() + datetime.timedelta(
                days=30
            )

    def clean_valid_until(self):
        day = self.cleaned_data["valid_until"]
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError(
                _("Tanggal berlaku sudah lewat; pilih hari ini atau sesudahnya."),
                code="past",
            )
        if (day - today).days > REPORT_LINK_MAX_DAYS:
            raise forms.ValidationError(
                _("Tautan berlaku paling lama %(days)d hari; buat yang baru nanti.")
                % {"days": REPORT_LINK_MAX_DAYS},
                code="too_long",
            )
        return day

    def save(self, commit=True):
        link = super().save(commit=False)
        # The end of the chosen day in WIB, the site's time zone.
        next_day = self.cleaned_data["valid_until"] + datetime.timedelta(days=1)
        link.expires_at = timezone.make_aware(
            datetime.datetime.combine(next_day, datetime.time.min),
            timezone.get_default_timezone(),
        )
        if commit:
            link.save()
        return link
