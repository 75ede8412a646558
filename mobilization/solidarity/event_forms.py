"""The forms of the events part: a CAP file to import, an event made by hand, and its changes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mobilization.core.validators import has_a_visible_character, printable_text
from mobilization.events.forms import CityDateTimeField
from mobilization.solidarity.event_models import Hazard, Level
from mobilization.territory.models import District

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


def _districts_field():
    return forms.ModelMultipleChoiceField(
        label=_("Affected arrondissements"),
        queryset=District.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one arrondissement.")},
    )


class EventChangeForm(forms.Form):
    """What changes during an event, as a CAP Update would: its level, its arrondissements, its end."""

    level = forms.ChoiceField(label=_("Vigilance level"), choices=Level.choices)
    districts = _districts_field()
    expected_end_at = CityDateTimeField(
        label=_("Expected end"), required=False, help_text=_("Paris time. Leave empty if not known.")
    )

    def __init__(self, *args, starts_at=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.starts_at = starts_at
        self.fields["districts"].queryset = District.objects.arrondissements()

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("starts_at", self.starts_at)
        end = cleaned.get("expected_end_at")
        if start and end and end <= start:
            self.add_error("expected_end_at", _("The expected end must come after the start."))
        return cleaned

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("level", "expected_end_at")}


class EventForm(EventChangeForm):
    """A new event, made by hand (when no CAP alert came): created on watch."""

    hazard = forms.ChoiceField(label=_("Hazard"), choices=Hazard.choices)
    starts_at = CityDateTimeField(label=_("Start"), help_text=_("Paris time."))
    headline = forms.CharField(
        label=_("Headline"),
        max_length=200,
        validators=[printable_text(), has_a_visible_character],
        help_text=_("One line, as the alert would say it (for example “Canicule : vigilance orange”)."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=4000,
        required=False,
        validators=[printable_text(multiline=True)],
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What is expected, and what people should do."),
    )

    field_order = ["hazard", "level", "districts", "starts_at", "expected_end_at", "headline", "description"]

    def values(self) -> dict:
        names = ("hazard", "level", "starts_at", "expected_end_at", "headline", "description")
        return {name: self.cleaned_data[name] for name in names}
