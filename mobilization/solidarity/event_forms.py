"""The forms of the events part: a CAP file to import."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_CAP_BYTES = 1_000_000


class CapUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CAP 1.2 alert (XML file)"),
        help_text=_(
            "An alert from Météo-France or MeteoAlarm, or from the prefecture: it creates an event, or "
            "updates or cancels the one it refers to."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,.cap,application/xml,text/xml"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CAP_BYTES:
            raise forms.ValidationError(_("This file is too large for a CAP alert (1 MB at most)."))
        return upload.read()
