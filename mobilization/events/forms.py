"""The organisers' event form, the cancellation form, and the filters' date fields.

Times are typed in the city's time zone (Europe/Paris), whatever the server's or the browser's zone.
"""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilization.core.validators import has_a_visible_character, printable_text
from mobilization.events import hosts, services
from mobilization.events.models import Event

EARLIEST_YEAR = 2000
LATEST_YEAR = 2100
INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]


class CityDateTimeField(forms.DateTimeField):
    """A date and time typed in the city's time zone, returned aware; a time the clocks skip is refused."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", INPUT_FORMATS)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and len(value) > 40:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        with timezone.override(services.city_zone()):
            result = super().to_python(value)
        if result is not None and not EARLIEST_YEAR <= result.year <= LATEST_YEAR:
            raise ValidationError(_("Enter a date between 2000 and 2100."), code="out_of_range")
        return result

    def prepare_value(self, value):
        if isinstance(value, datetime) and timezone.is_aware(value):
            return timezone.localtime(value, services.city_zone())
        return value


class EventForm(forms.ModelForm):
    starts_at = CityDateTimeField(label=_("Starts at"), help_text=_("Paris time."))
    ends_at = CityDateTimeField(label=_("Ends at"), help_text=_("Paris time."))
    capacity = forms.IntegerField(
        label=_("Capacity"),
        required=False,
        min_value=1,
        max_value=100_000,
        help_text=_("How many people can come. Leave empty for no limit."),
    )
    # Offered when the host's kind has co-hosts (an initiative's partners); removed otherwise.
    cohosts = forms.ModelMultipleChoiceField(
        label=_("Co-hosted with"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Partner initiatives hosting the event with you: it shows on their pages too."),
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "description",
            "starts_at",
            "ends_at",
            "address",
            "lat",
            "lon",
            "online_url",
            "capacity",
            "cohosts",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "lat": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            "lon": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        }
        help_texts = {
            "address": _("Street and number, as people will look for it."),
            "lat": _("Of the meeting point, in Paris (for example 48.8566)."),
            "lon": _("Of the meeting point, in Paris (for example 2.3522)."),
        }

    def __init__(self, *args, host, **kwargs):
        super().__init__(*args, **kwargs)
        self.host = host
        cohosting = hosts.kind_for(host).cohosting
        candidates = cohosting.candidates(host) if cohosting else None
        if candidates is not None and candidates.exists():
            self.fields["cohosts"].queryset = candidates
        else:
            del self.fields["cohosts"]
        self.fields["title"].validators += [printable_text(), has_a_visible_character]
        self.fields["address"].validators += [printable_text(), has_a_visible_character]
        self.fields["description"].validators.append(printable_text(multiline=True))
        self.fields["description"].max_length = 10_000
        self.fields["description"].validators.append(MaxLengthValidator(10_000))
        self.fields["description"].widget.attrs["maxlength"] = 10_000
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("lat", host.lat)
            self.initial.setdefault("lon", host.lon)

    def clean(self):
        data = super().clean()
        problems = services.event_problems(
            starts_at=data.get("starts_at"),
            ends_at=data.get("ends_at"),
            lat=data.get("lat"),
            lon=data.get("lon"),
            capacity=data.get("capacity"),
            is_new=self.instance.pk is None,
        )
        for field, message in problems.items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return data

    def details(self) -> services.EventDetails:
        data = self.cleaned_data
        return services.EventDetails(
            title=data["title"],
            description=data["description"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            address=data["address"],
            lat=data["lat"],
            lon=data["lon"],
            capacity=data["capacity"],
            online_url=data.get("online_url", ""),
        )

    def chosen_cohosts(self):
        return list(self.cleaned_data.get("cohosts") or []) if "cohosts" in self.fields else None


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it cancelled?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text=_("Everyone registered or on the waiting list receives it."),
        validators=[printable_text(multiline=True)],
    )
