"""The registration form, the absence form, the buddy profile form and the read log's filter form.

Each field says why it is asked (its help text is shown beside it). Phones are checked and stored in
the international format; the map point must be inside the city, and its arrondissement is computed
from it (services), not chosen.
"""

from datetime import date, timedelta

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilization.core.validators import has_a_visible_character, printable_text
from mobilization.solidarity.models import BuddyProfile, ContactMode, Language, VulnerableResident
from mobilization.territory.models import District

Category = VulnerableResident.Category
MINIMUM_AGE = {Category.AGED_65: 65, Category.AGED_60_UNFIT: 60, Category.DISABLED_ADULT: 18}
OLDEST_BIRTH_YEAR = 1900


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def line(label, max_length, *, required=True, help_text="", **attrs):
    validators = [printable_text()] + ([has_a_visible_character] if required else [])
    widget = forms.TextInput(attrs=attrs) if attrs else None
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        validators=validators,
        widget=widget,
    )


def text(label, max_length, *, required=True, help_text="", rows=3):
    validators = [printable_text(multiline=True)] + ([has_a_visible_character] if required else [])
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        validators=validators,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class PhoneField(forms.CharField):
    """A French or international phone number, stored as +33…; anything else is refused."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        try:
            number = phonenumbers.parse(value, "FR")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise ValidationError(_("Enter a phone number, like 01 40 00 00 00 or +33 6 00 00 00 00."))
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class ResidentForm(forms.Form):
    first_name = line(_("First name"), 80, autocomplete="off")
    last_name = line(_("Last name"), 80, autocomplete="off")
    date_of_birth = forms.DateField(
        label=_("Date of birth"), widget=DateInput, help_text=_("The law registers people by age.")
    )
    category = forms.ChoiceField(
        label=_("The person may register because they are"),
        choices=Category.choices,
        widget=forms.RadioSelect,
        help_text=_("The law's conditions (Code de l'action sociale et des familles, L121-6-1)."),
    )
    address = text(
        _("Address"),
        300,
        help_text=_("Street, number and postcode: where a buddy goes for a visit. Stored encrypted."),
        rows=2,
    )
    lat = forms.FloatField(
        label=_("Latitude of the home"),
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_(
            "For example 48.8566: the point a map app gives for the address. It tells the arrondissement; "
            "we keep it rounded to about a hundred metres."
        ),
    )
    lon = forms.FloatField(
        label=_("Longitude of the home"),
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("For example 2.3522."),
    )
    access_notes = text(
        _("Building access notes"),
        500,
        required=False,
        help_text=_("Door code, floor, staircase. Sealed: a buddy sees them only on the day of a visit."),
    )
    phone = PhoneField(label=_("Phone"), help_text=_("The number a buddy calls. Stored encrypted."))
    other_phone = PhoneField(label=_("Other phone"), required=False, help_text=_("A mobile, or a landline."))
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=Language.choices,
        initial=[Language.FRENCH],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("So that a buddy who speaks them calls."),
    )
    lives_alone = forms.BooleanField(label=_("The person lives alone"), required=False)
    has_tele_alarm = forms.BooleanField(label=_("The person has a tele-alarm"), required=False)
    preferred_contact = forms.ChoiceField(
        label=_("Preferred contact"),
        choices=ContactMode.choices,
        widget=forms.RadioSelect,
        initial=ContactMode.CALL,
    )
    preferred_time = forms.ChoiceField(
        label=_("Preferred time"),
        choices=VulnerableResident.PreferredTime.choices,
        initial=VulnerableResident.PreferredTime.ANY,
    )
    emergency_contact = text(
        _("Emergency contact"),
        200,
        required=False,
        help_text=_("Someone to call when the person cannot be reached: name, relationship, phone."),
        rows=2,
    )
    care_service = text(
        _("Care service"),
        200,
        required=False,
        help_text=_("A home-help or nursing service that visits: its name and phone."),
        rows=2,
    )

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born.year < OLDEST_BIRTH_YEAR or born > timezone.localdate():
            raise ValidationError(_("Enter the date of birth, like 14/07/1940."))
        return born

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self):
        return self.cleaned_data["last_name"].strip()

    def clean(self):
        cleaned = super().clean()
        born, category = cleaned.get("date_of_birth"), cleaned.get("category")
        if born and category:
            today = timezone.localdate()
            age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
            if age < MINIMUM_AGE[category]:
                self.add_error(
                    "category",
                    _("This condition needs the person to be %(age)s or over.")
                    % {"age": MINIMUM_AGE[category]},
                )
        return cleaned

    def values(self) -> dict:
        return dict(self.cleaned_data)


class RegistrationForm(ResidentForm):
    """A new registration: the resident's fields, an absence to come, and the consent."""

    absence_from = forms.DateField(
        label=_("Away from"), required=False, widget=DateInput, help_text=_('For example "away in August".')
    )
    absence_until = forms.DateField(label=_("Away until"), required=False, widget=DateInput)
    consent = forms.BooleanField(label=_("I agree"), required=True)

    def __init__(self, *args, consent_wording: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_wording

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("absence_from"), cleaned.get("absence_until")
        if (start is None) != (end is None):
            self.add_error("absence_until", _("Give both days of the absence, or neither."))
        elif start and end and end < start:
            self.add_error("absence_until", _("The absence ends before it starts."))
        return cleaned

    def values(self) -> dict:
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in {"absence_from", "absence_until", "consent"}
        }

    def absences(self) -> list[tuple[date, date]]:
        start, end = self.cleaned_data.get("absence_from"), self.cleaned_data.get("absence_until")
        return [(start, end)] if start and end else []


class AbsenceForm(forms.Form):
    starts_on = forms.DateField(label=_("Away from"), widget=DateInput)
    ends_on = forms.DateField(label=_("Away until"), widget=DateInput)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end:
            if end < start:
                self.add_error("ends_on", _("The absence ends before it starts."))
            elif end < timezone.localdate():
                self.add_error("ends_on", _("This absence is over already."))
            elif end - start > timedelta(days=366):
                self.add_error(
                    "ends_on", _("An absence lasts a year at most: withdraw the registration instead.")
                )
        return cleaned


class BuddyProfileForm(forms.Form):
    checkins_per_day = forms.IntegerField(
        label=_("Check-ins per day"),
        min_value=1,
        max_value=10,
        initial=3,
        help_text=_("How many people you can call or visit in a day during an extreme event."),
    )
    max_distance_km = forms.FloatField(
        label=_("Maximum distance (km)"),
        min_value=0.2,
        max_value=20,
        initial=2,
        widget=forms.NumberInput(attrs={"step": "0.1"}),
        help_text=_("How far from your base you would walk or ride for a visit."),
    )
    does_calls = forms.BooleanField(label=_("I can call people"), required=False, initial=True)
    does_visits = forms.BooleanField(label=_("I can visit people"), required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages I speak"),
        choices=Language.choices,
        initial=[Language.FRENCH],
        widget=forms.CheckboxSelectMultiple,
    )
    base = forms.ChoiceField(
        label=_("I start from"),
        choices=BuddyProfile.Base.choices,
        widget=forms.RadioSelect,
        initial=BuddyProfile.Base.DISTRICT_CENTRE,
    )
    district = forms.ModelChoiceField(
        label=_("My arrondissement"),
        queryset=District.objects.none(),
        required=False,
        help_text=_("Its centre is your base, unless you give a point."),
    )
    lat = forms.FloatField(
        label=_("Latitude of my base"),
        required=False,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text=_("Only if you start from a point you choose; kept rounded to about a hundred metres."),
    )
    lon = forms.FloatField(
        label=_("Longitude of my base"),
        required=False,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.arrondissements()

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("does_calls") or cleaned.get("does_visits")):
            self.add_error("does_calls", _("Choose calls, visits or both."))
        if cleaned.get("base") == BuddyProfile.Base.OWN_POINT:
            if cleaned.get("lat") is None or cleaned.get("lon") is None:
                self.add_error("lat", _("Give the latitude and the longitude of your base."))
        elif cleaned.get("base") and cleaned.get("district") is None and "district" not in self.errors:
            self.add_error("district", _("Choose your arrondissement."))
        return cleaned


class PauseForm(forms.Form):
    days = forms.TypedChoiceField(
        label=_("Away for"),
        coerce=int,
        choices=[(7, _("a week")), (14, _("two weeks")), (31, _("a month"))],
        initial=7,
    )


class ResidentFilterForm(forms.Form):
    """The coordinators' list: by arrondissement and by category (a plain form: no encrypted field can
    be searched, and none is)."""

    district = forms.ModelChoiceField(
        label=_("Arrondissement"), queryset=District.objects.none(), required=False, empty_label=_("All")
    )
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All")), *Category.choices]
    )

    def __init__(self, *args, districts=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = District.objects.arrondissements()
        if districts is not None:
            queryset = queryset.filter(pk__in=districts)
        self.fields["district"].queryset = queryset


class ReadLogFilterForm(forms.Form):
    """The read log's filters: who, which record, what, which part was read, from which day to which day."""

    actor = forms.EmailField(label=_("E-mail of the person who read"), required=False, max_length=254)
    resident = forms.IntegerField(label=_("Record number"), required=False, min_value=1, max_value=2**31 - 1)
    action = forms.ChoiceField(label=_("What happened"), required=False)
    part = forms.ChoiceField(label=_("Part read"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DateInput)
    until = forms.DateField(label=_("Until"), required=False, widget=DateInput)

    def __init__(self, *args, actions=(), parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("Everything")), *actions]
        self.fields["part"].choices = [("", _("Any part")), *parts]

    def clean(self):
        cleaned = super().clean()
        for name in ("since", "until"):
            day = cleaned.get(name)
            if day and not OLDEST_BIRTH_YEAR <= day.year <= 2100:
                self.add_error(name, _("Enter a date between 1900 and 2100."))
        return cleaned


class PrefectExtractForm(forms.Form):
    """The coordinator states why they produce the extract: the law allows it for this purpose only."""

    alert_plan = forms.BooleanField(
        label=_(
            "The prefect's alert plan is triggered and the prefecture asks for the registry of these "
            "arrondissements."
        ),
        required=True,
        error_messages={"required": _("Tick this box: the extract is for the prefect's alert plan only.")},
    )
