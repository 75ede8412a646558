"""Forms of organisations, commitments and progress reports. Texts are checked for what a person never
types (control characters) and names must show something; numbers are finite and bounded."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from mobilization.commitments import evidence, identifiers
from mobilization.commitments.models import Commitment, Organisation
from mobilization.core.themes import Theme
from mobilization.core.validators import has_a_visible_character, printable_text
from mobilization.plan.models import Objective
from mobilization.territory.models import District

BIG = 1e12
YEARS = [MinValueValidator(1990), MaxValueValidator(2100)]


def line(label, max_length, *, required=True, visible=True, help_text=""):
    validators = [printable_text()] + ([has_a_visible_character] if visible else [])
    return forms.CharField(
        label=label, max_length=max_length, required=required, validators=validators, help_text=help_text
    )


def text(label, max_length, *, required=False, help_text=""):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        validators=[printable_text(multiline=True)],
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=help_text,
    )


def number(label, *, required=True, help_text=""):
    return forms.FloatField(
        label=label,
        required=required,
        validators=[MinValueValidator(-BIG), MaxValueValidator(BIG)],
        help_text=help_text,
    )


class OrganisationForm(forms.Form):
    name = line(_("Name"), 160)
    kind = forms.ChoiceField(label=_("Kind"), choices=Organisation.Kind.choices)
    size_band = forms.ChoiceField(label=_("Size"), choices=Organisation.SizeBand.choices)
    district = forms.ModelChoiceField(
        label=_("Arrondissement"),
        queryset=District.objects.arrondissements(),
        required=False,
        empty_label=_("Several, or outside Paris"),
    )
    website = forms.URLField(label=_("Website"), required=False, max_length=300, assume_scheme="https")
    siren = forms.CharField(
        label=_("SIREN"),
        required=False,
        max_length=20,
        help_text=_("The nine digits of a French company or association registered with INSEE."),
    )
    siret = forms.CharField(
        label=_("SIRET"),
        required=False,
        max_length=24,
        help_text=_("Fourteen digits: the SIREN followed by the establishment's number."),
    )
    description = text(_("What the organisation does"), 2000)

    def clean_siren(self):
        return identifiers.clean_siren(self.cleaned_data["siren"])

    def clean_siret(self):
        return identifiers.clean_siret(self.cleaned_data["siret"])

    def clean_website(self):
        website = self.cleaned_data["website"]
        if website and not website.lower().startswith(("http://", "https://")):
            raise ValidationError(_("Give an address starting with https://"), code="scheme")
        return website

    def clean(self):
        data = super().clean()
        siren, siret = data.get("siren"), data.get("siret")
        if siren and siret and not siret.startswith(siren):
            self.add_error("siret", _("A SIRET begins with its organisation's SIREN."))
        return data


class RejectionForm(forms.Form):
    reason = text(_("Why the organisation is not verified"), 2000, required=True)


class InvitationForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address of the person to invite"),
        max_length=254,
        help_text=_("We send them a link, valid for 14 days. The address is erased once they accept."),
    )


class CommitmentForm(forms.Form):
    title = line(_("Title"), 160)
    indicator = line(
        _("Indicator"), 160, help_text=_("What is measured: “Greenhouse gas emissions of our sites”.")
    )
    unit = line(_("Unit"), 40, help_text=_("tCO2e, MWh, %, tonnes…"))
    theme = forms.ChoiceField(label=_("Theme"), choices=Theme.choices)
    scope = forms.ChoiceField(label=_("Scope"), choices=Commitment.Scope.choices)
    direction = forms.ChoiceField(label=_("Direction"), choices=Commitment.Direction.choices)
    baseline_year = forms.IntegerField(label=_("Baseline year"), validators=YEARS)
    baseline_value = number(_("Baseline value"))
    target_year = forms.IntegerField(label=_("Target year"), validators=YEARS)
    target_value = number(
        _("Target value"), required=False, help_text=_("In the unit above; or give a change in % below.")
    )
    target_percent = forms.FloatField(
        label=_("Target as a change against the baseline (%)"),
        required=False,
        validators=[MinValueValidator(-100), MaxValueValidator(1000)],
        # xgettext:no-python-format
        help_text=_("−40 for a 40 % reduction."),
    )
    interim_targets = forms.CharField(
        label=_("Interim targets"),
        required=False,
        max_length=500,
        validators=[printable_text()],
        help_text=_("Year and value pairs, separated by semicolons: “2027: 80; 2030: 60”."),
    )
    reporting_frequency = forms.ChoiceField(
        label=_("Reporting frequency"), choices=Commitment.Frequency.choices
    )
    objectives = forms.ModelMultipleChoiceField(
        label=_("Climate Plan objectives it contributes to"),
        queryset=Objective.objects.order_by("title"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean_interim_targets(self):
        pairs = []
        for part in filter(
            None, (piece.strip() for piece in self.cleaned_data["interim_targets"].split(";"))
        ):
            year, separator, value = part.partition(":")
            try:
                year, value = int(year.strip()), float(value.strip().replace(",", "."))
            except ValueError:
                raise ValidationError(_("Write each interim target as “2030: 60”."), code="format") from None
            if not separator or not abs(value) < BIG or not 1990 <= year <= 2100:
                raise ValidationError(_("Write each interim target as “2030: 60”."), code="format")
            pairs.append((year, value))
        if len({year for year, _value in pairs}) != len(pairs):
            raise ValidationError(_("Give one interim target a year."), code="duplicate")
        return sorted(pairs)

    def clean(self):
        data = super().clean()
        value, percent, baseline = (
            data.get("target_value"),
            data.get("target_percent"),
            data.get("baseline_value"),
        )
        if value is None and percent is None:
            self.add_error("target_value", _("Give the target as a value or as a change in %."))
        elif value is None and baseline is not None:
            data["target_value"] = baseline * (1 + percent / 100)
        if (
            data.get("baseline_year")
            and data.get("target_year")
            and data["target_year"] <= data["baseline_year"]
        ):
            self.add_error("target_year", _("The target year must come after the baseline year."))
        for year, _value in data.get("interim_targets") or []:
            if (
                data.get("baseline_year")
                and data.get("target_year")
                and not (data["baseline_year"] < year < data["target_year"])
            ):
                self.add_error(
                    "interim_targets",
                    _("Each interim target's year must fall between the baseline and the target."),
                )
                break
        return data

    def commitment_fields(self) -> dict:
        data = self.cleaned_data
        names = ("title", "indicator", "unit", "theme", "scope", "direction", "baseline_year",
                 "baseline_value", "target_year", "target_value", "reporting_frequency")  # fmt: skip
        return {name: data[name] for name in names}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceFilesField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(uploads) > 5:
            raise ValidationError(_("Send at most 5 files."), code="too_many")
        return [super(EvidenceFilesField, self).clean(upload, initial) for upload in uploads]


class ReportForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=8,
        validators=[printable_text()],
        help_text=_("2025 for a year, 2025-H1 for a half-year, 2025-Q3 for a quarter."),
    )
    value = number(_("Value"))
    narrative = text(_("What happened"), 5000, help_text=_("What you did, what changed, what held you back."))
    links = forms.CharField(
        label=_("Links to evidence"),
        required=False,
        max_length=2000,
        validators=[printable_text(multiline=True)],
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One address a line: a published report, a certificate, a page of your website."),
    )
    files = EvidenceFilesField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF or images, at most 5 files of 5 MB each. Seen by the city's staff and you only."),
    )

    def __init__(self, *args, period_locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if period_locked:
            self.fields["period"].disabled = True

    def clean_links(self):
        validator = forms.URLField(max_length=500, assume_scheme="https")
        links = []
        for address in filter(None, (piece.strip() for piece in self.cleaned_data["links"].splitlines())):
            link = validator.clean(address)
            if not link.lower().startswith(("http://", "https://")):
                raise ValidationError(_("Give addresses starting with https://"), code="scheme")
            links.append(link)
        if len(links) > 10:
            raise ValidationError(_("Give at most 10 links."), code="too_many")
        return links

    def clean_files(self):
        return [evidence.checked(upload) for upload in self.cleaned_data.get("files") or []]


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("verified", _("Verified")),
            ("more_information", _("More information needed")),
            ("rejected", _("Rejected")),
        ],
        widget=forms.RadioSelect,
    )
    comment = text(
        _("Comment to the organisation"),
        2000,
        help_text=_("Required when you ask for more information or reject the report."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("decision") in {"more_information", "rejected"}
            and not (data.get("comment") or "").strip()
        ):
            self.add_error("comment", _("Say what is missing or wrong: the organisation will read it."))
        return data


class WithdrawForm(forms.Form):
    reason = text(_("Why the commitment is withdrawn"), 2000, required=True)


class ApiTokenForm(forms.Form):
    label = line(
        _("What the key is for"),
        80,
        help_text=_("“Our energy management software”: to tell your keys apart."),
    )


class JoinCoalitionForm(forms.Form):
    """A representative picks which of their verified organisations asks to join."""

    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            organisations if organisations is not None else Organisation.objects.none()
        )


class MembershipDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve")), ("decline", _("Decline"))]
    )


class RunInitiativeForm(forms.Form):
    """A representative who organises initiatives picks the one the organisation runs."""

    initiative = forms.ModelChoiceField(label=_("Initiative"), queryset=None)

    def __init__(self, *args, initiatives=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives
