"""The climate team's forms: a figure of an indicator, a target of an objective."""

import math
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mobilization.core.translation import LANGUAGE_CODES, localized_field_names
from mobilization.plan.models import Indicator, IndicatorValue, Target

# Plain digits only (no "1_000", no full-width or Arabic-Indic digits), "." or "," as the decimal mark.
NUMBER = re.compile(r"^[-+]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)(?:[eE][-+]?[0-9]{1,3})?$")
MIN_YEAR, MAX_YEAR = 1900, 2100


def parse_number(text: str) -> float | None:
    """A figure as a person types it: "22.7", "22,7", "-25"; None for anything else (or not finite)."""
    text = (text or "").strip()
    if not NUMBER.match(text):
        return None
    number = float(text.replace(",", "."))
    return number if math.isfinite(number) else None


class FigureField(forms.Field):
    """A finite decimal number typed with plain digits."""

    MAX_LENGTH = 40

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("Digits, with “.” or “,” as the decimal mark: 22.7"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off"}

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, int | float):
            return float(value)
        number = parse_number(value) if len(value) <= self.MAX_LENGTH else None
        if number is None:
            raise ValidationError(_("Enter a number such as 22.7 (digits, “.” or “,” for decimals)."))
        return number

    def prepare_value(self, value):
        if isinstance(value, float) and "e" not in str(value):
            return str(value).rstrip("0").rstrip(".")
        return value


def no_control_characters(multiline: bool = False):
    allowed = {"\n", "\r", "\t"} if multiline else set()

    def validate(value: str) -> None:
        if any(unicodedata.category(char) == "Cc" and char not in allowed for char in value or ""):
            raise ValidationError(_("Remove the control characters from this text."))

    return validate


def language_widgets(model, texts: dict) -> dict:
    """The widgets of a text's columns in every language, each with its `lang` (spell-checkers, screen
    readers): {"title": None, "description": {"rows": 8}} → title_fr, title_en, description_fr…"""
    widgets = {}
    for name, rows in texts.items():
        multiline = rows is not None
        for code in LANGUAGE_CODES:
            attrs = {"lang": code, **(rows or {})}
            widget = forms.Textarea if multiline else forms.TextInput
            widgets[f"{name}_{code}"] = widget(attrs=attrs)
    return widgets


def clean_texts(form, name: str, *, multiline: bool, required=None) -> None:
    """Check a text's versions (no control characters; a one-line text trimmed); with `required`, at least
    one language must have letters or digits: the other one is shown, marked, where it is missing."""
    found = False
    for field in localized_field_names(name):
        if field not in form.cleaned_data:
            continue
        value = form.cleaned_data[field] or ""
        value = value if multiline else value.strip()
        try:
            no_control_characters(multiline)(value)
        except ValidationError as error:
            form.add_error(field, error)
            continue
        form.cleaned_data[field] = value
        found = found or any(unicodedata.category(character)[0] in "LN" for character in value)
    if required and not found and not any(field in form.errors for field in localized_field_names(name)):
        form.add_error(localized_field_names(name)[0], ValidationError(required, code="blank"))


def validate_web_link(value: str) -> None:
    if not re.match(r"^https?://", value or "", re.I):
        raise ValidationError(_("Give the full web address, starting with https://"))


class IndicatorValueForm(forms.Form):
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), queryset=Indicator.objects.none(), empty_label=None
    )
    year = forms.IntegerField(label=_("Year"), min_value=MIN_YEAR, max_value=MAX_YEAR)
    value = FigureField(label=_("Value"))
    status = forms.ChoiceField(label=_("Status"), choices=IndicatorValue.Status.choices)
    source_citation = forms.CharField(
        label=_("Source"),
        max_length=300,
        validators=[no_control_characters()],
        help_text=_("Who published the figure, and where: “Ville de Paris, bilan carbone 2018”."),
    )
    source_url = forms.CharField(
        label=_("Source link"),
        max_length=500,
        validators=[no_control_characters(), validate_web_link, forms.URLField.default_validators[0]],
        help_text=_("The web address of the publication."),
    )
    note_fr = forms.CharField(
        label=_("Note (French)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "fr"}),
        validators=[no_control_characters(multiline=True)],
        help_text=_("How the figure was computed, what changed in the method…"),
    )
    note_en = forms.CharField(
        label=_("Note (English)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "lang": "en"}),
        validators=[no_control_characters(multiline=True)],
        help_text=_("English pages show the French note, marked as French, when this one is empty."),
    )

    def __init__(self, *args, objective, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(objective=objective).order_by(
            "-is_headline", "position", "title"
        )

    def clean_value(self):
        value = self.cleaned_data["value"]
        if value is None:
            raise ValidationError(_("This field is required."))
        return value


class TargetForm(forms.ModelForm):
    value = FigureField(label=_("Value"), required=False, help_text=_("In the objective's unit."))
    percent_of_baseline = FigureField(
        label=_("Change against the baseline (%)"),
        required=False,
        help_text=_("−50 means half the baseline value. Give this or a value, not both."),
    )
    source = forms.CharField(
        label=_("Source"), max_length=300, required=False, validators=[no_control_characters()]
    )
    note_fr = forms.CharField(
        label=_("Note (French)"),
        max_length=300,
        required=False,
        validators=[no_control_characters()],
        widget=forms.TextInput(attrs={"lang": "fr"}),
    )
    note_en = forms.CharField(
        label=_("Note (English)"),
        max_length=300,
        required=False,
        validators=[no_control_characters()],
        widget=forms.TextInput(attrs={"lang": "en"}),
        help_text=_("English pages show the French note, marked as French, when this one is empty."),
    )

    class Meta:
        model = Target
        fields = ["year", "value", "percent_of_baseline", "is_net_zero", "source", "note_fr", "note_en"]

    def __init__(self, *args, objective, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.objective = objective
        self.fields["year"].min_value = MIN_YEAR
        self.fields["year"].max_value = MAX_YEAR
        self.fields["year"].widget.attrs.update(min=MIN_YEAR, max=MAX_YEAR)

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year is None or not MIN_YEAR <= year <= MAX_YEAR:
            raise ValidationError(
                _("Give a year between %(min)s and %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}
            )
        others = Target.objects.filter(objective=self.instance.objective, year=year).exclude(
            pk=self.instance.pk
        )
        if others.exists():
            raise ValidationError(_("This objective already has a target for that year."))
        return year

    def clean(self):
        cleaned = super().clean()
        value, percent = cleaned.get("value"), cleaned.get("percent_of_baseline")
        if "value" in self.errors or "percent_of_baseline" in self.errors:
            return cleaned
        if (value is None) == (percent is None):
            raise ValidationError(_("Give either a value or a change against the baseline, not both."))
        if cleaned.get("is_net_zero") and value != 0:
            raise ValidationError(_("A carbon neutral (zero) target has the value 0."))
        return cleaned
