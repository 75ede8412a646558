"""The forms of initiatives: what organisers, members, visitors and moderators fill in.

Every text is stripped, refuses control characters (a text of several lines keeps its line breaks) and has
a length limit; names and titles need a visible character.
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilization.core.themes import Theme
from mobilization.core.validators import has_a_visible_character, printable_text
from mobilization.initiatives import images
from mobilization.initiatives.models import ImpactRecord, Initiative
from mobilization.initiatives.services import ReportAction
from mobilization.territory import services as territory
from mobilization.territory.models import District

LONG_TEXT = 20_000
MESSAGE = 2_000


def line(label, max_length, *, required=True, visible=False, help_text="", **attrs):
    validators = [printable_text()] + ([has_a_visible_character] if visible else [])
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        validators=validators,
        widget=forms.TextInput(attrs=attrs) if attrs else None,
    )


def text(label, max_length=MESSAGE, *, required=True, help_text="", rows=5, visible=True):
    validators = [printable_text(multiline=True)] + (
        [has_a_visible_character] if visible and required else []
    )
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        validators=validators,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class InitiativeForm(forms.Form):
    """Create or edit an initiative. The point may be typed (or clicked on the map when JavaScript runs);
    without one, the arrondissement's centre is used. A point must lie in the chosen arrondissement."""

    title = line(_("Title"), 120, visible=True)
    summary = line(_("Summary"), 280, visible=True, help_text=_("One or two sentences."))
    description = text(
        _("Description"),
        LONG_TEXT,
        required=False,
        rows=10,
        help_text=_("Markdown: **bold**, *italics*, lists, [links](https://example.org)."),
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes"), choices=Theme.choices, widget=forms.CheckboxSelectMultiple
    )
    district = forms.ModelChoiceField(
        label=_("Arrondissement"),
        queryset=District.objects.none(),
        required=False,
        help_text=_("Leave empty to take the arrondissement of the point below."),
    )
    location = line(
        _("Where"),
        160,
        required=False,
        help_text=_("A street, a square, a building people know: never a private home address."),
    )
    lat = forms.FloatField(
        label=_("Latitude"),
        required=False,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        widget=forms.NumberInput(attrs={"step": "any"}),
        help_text=_("For example 48.8566. Optional: click the map to fill it in."),
    )
    lon = forms.FloatField(
        label=_("Longitude"),
        required=False,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        widget=forms.NumberInput(attrs={"step": "any"}),
        help_text=_("For example 2.3522."),
    )
    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https")
    image = forms.FileField(
        label=_("Picture"),
        required=False,
        help_text=_("JPEG, PNG, WebP or GIF, at most 5 MB. Its location data (EXIF) is removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    remove_image = forms.BooleanField(label=_("Remove the current picture"), required=False)
    needs = line(_("Needs"), 280, required=False, help_text=_('For example "5 volunteers on Saturdays".'))
    volunteers_needed = forms.IntegerField(
        label=_("Volunteers needed"),
        min_value=0,
        max_value=10_000,
        initial=0,
        help_text=_("How many more volunteers you are looking for."),
    )
    skills_wanted = line(
        _("Skills wanted"), 500, required=False, help_text=_("Separated by commas: bike repair, gardening…")
    )

    def __init__(self, *args, initiative: Initiative | None = None, **kwargs):
        self.initiative = initiative
        if initiative is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{name: getattr(initiative, name) for name in ("title", "summary", "description", "themes")},
                "district": initiative.district_id,
                **{name: getattr(initiative, name) for name in ("location", "lat", "lon", "website")},
                **{name: getattr(initiative, name) for name in ("needs", "volunteers_needed")},
                "skills_wanted": ", ".join(initiative.skills_wanted or []),
            }
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = District.objects.arrondissements()
        self.fields["district"].label_from_instance = lambda district: district.label
        if initiative is None or not initiative.image:
            del self.fields["remove_image"]

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload:
            images.validate(upload)
        return upload

    def clean_skills_wanted(self):
        value = self.cleaned_data.get("skills_wanted", "")
        skills = [skill.strip() for skill in value.split(",")]
        skills = list(dict.fromkeys(skill for skill in skills if skill))
        if any(len(skill) > 60 for skill in skills):
            raise forms.ValidationError(_("Keep each skill under 60 characters."), code="too_long")
        return skills[:20]

    def clean(self):
        cleaned = super().clean()
        lat, lon, district = cleaned.get("lat"), cleaned.get("lon"), cleaned.get("district")
        if self.errors.keys() & {"lat", "lon", "district"}:
            return cleaned
        if (lat is None) != (lon is None):
            raise forms.ValidationError(_("Give both the latitude and the longitude, or neither."))
        if lat is None:
            if district is None:
                self.add_error("district", _("Choose the arrondissement, or give a point on the map."))
                return cleaned
            cleaned["lat"], cleaned["lon"] = district.centroid_lat, district.centroid_lon
            return cleaned
        found = territory.district_at(lat, lon)
        if found is None:
            self.add_error("lat", _("This point is outside the city."))
        elif district is None:
            cleaned["district"] = found
        elif found.pk != district.pk:
            self.add_error(
                "lat",
                _("This point is in %(found)s, not in %(chosen)s.")
                % {"found": found.label, "chosen": district.label},
            )
        return cleaned

    def values(self) -> dict:
        """What the services take."""
        data = self.cleaned_data
        names = ("title", "summary", "description", "themes", "district", "location", "lat", "lon", "website")
        return {
            **{name: data[name] for name in names},
            "needs": data["needs"],
            "volunteers_needed": data["volunteers_needed"],
            "skills_wanted": data["skills_wanted"],
        }


class JoinForm(forms.Form):
    message = text(
        _("A message to the organiser (optional)"),
        required=False,
        rows=3,
        help_text=_(
            "Say what you would like to do, when you are free. The organiser sees your display name."
        ),
    )


class ContactForm(forms.Form):
    message = text(
        _("Your message"), help_text=_("The organiser sees your display name, not your e-mail address.")
    )


class ContactReplyForm(forms.Form):
    reply = text(_("Your reply"), help_text=_("They see your display name, not your e-mail address."), rows=6)


class MembersMessageForm(forms.Form):
    subject = line(_("Subject"), 120, visible=True)
    body = text(_("Message"), 5_000, rows=8)


class NewsPostForm(forms.Form):
    title = line(_("Title"), 120, visible=True)
    body = text(_("Text"), LONG_TEXT, rows=8, help_text=_("Markdown: **bold**, lists, links."))


class ImpactRecordForm(forms.Form):
    unit = forms.ChoiceField(label=_("Unit"), choices=ImpactRecord.Unit.choices)
    quantity = forms.DecimalField(
        label=_("Quantity"), min_value=0, max_digits=12, decimal_places=2, widget=forms.NumberInput
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    method = text(
        _("Method"),
        required=False,
        rows=3,
        help_text=_("How it was measured or estimated. Required for tonnes of CO2e avoided."),
    )

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("An outcome cannot be dated in the future."), code="future")
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("unit") == ImpactRecord.Unit.CO2E_AVOIDED_T and not cleaned.get("method"):
            self.add_error("method", _("Say how the tonnes of CO2e avoided were estimated."))
        return cleaned


class ReportForm(forms.Form):
    reason = text(_("What is wrong?"), rows=4, help_text=_("Only the moderators read it."))


class RejectForm(forms.Form):
    reason = text(_("Reason, sent to the organiser"), rows=3)


class UnpublishForm(forms.Form):
    reason = text(_("Reason, sent to the organiser"), rows=3)


class PauseForm(forms.Form):
    reason = text(_("Why"), required=False, rows=2, help_text=_("Visitors read it on the initiative's page."))


class ReportResolutionForm(forms.Form):
    action = forms.ChoiceField(label=_("Decision"), choices=ReportAction.CHOICES, widget=forms.RadioSelect)
    resolution = text(
        _("What you did and why"),
        rows=3,
        help_text=_("The organiser reads it if you unpublish the initiative or hide the post."),
    )

    def __init__(self, *args, report=None, **kwargs):
        """With `report`: its own form on the list of reports (its own ids), whose decisions leave out
        hiding a news post when the report is about the initiative itself."""
        if report is not None:
            kwargs.setdefault("auto_id", f"report-{report.pk}-%s")
        super().__init__(*args, **kwargs)
        if report is not None and report.news_post_id is None:
            self.fields["action"].choices = [
                choice for choice in ReportAction.CHOICES if choice[0] != ReportAction.HIDE_NEWS
            ]


class PartnershipRequestForm(forms.Form):
    requester = forms.ModelChoiceField(
        label=_("Which of your initiatives?"), queryset=Initiative.objects.none()
    )
    message = text(_("A message to their organiser"), required=False, rows=4)

    def __init__(self, *args, organiser, partner: Initiative, **kwargs):
        super().__init__(*args, **kwargs)
        choices = (
            Initiative.objects.public().filter(organiser=organiser).exclude(pk=partner.pk).order_by("title")
        )
        self.fields["requester"].queryset = choices
        if choices.count() == 1:
            self.fields["requester"].initial = choices.first().pk
