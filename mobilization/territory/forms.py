from django import forms
from django.utils.translation import gettext_lazy as _

from mobilization.territory.filters import arrondissements
from mobilization.territory.services import ReferencePoint


class NearForm(forms.Form):
    """Where "nearest" is measured from: a point (clicked on the map, or typed), or a district's centre."""

    near_district = forms.ModelChoiceField(
        label=_("Near the centre of"),
        queryset=arrondissements(),
        to_field_name="code",
        required=False,
        empty_label=_("No arrondissement"),
    )
    lat = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    lon = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )

    def clean(self):
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lon") is None):
            raise forms.ValidationError(_("Give both a latitude and a longitude, or neither."))
        return data

    def reference_point(self) -> ReferencePoint | None:
        """The point to measure from: the typed or clicked point first, else the arrondissement's centre."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        if data.get("lat") is not None:
            return ReferencePoint(data["lat"], data["lon"], _("the chosen point"))
        district = data.get("near_district")
        if district is not None:
            return ReferencePoint(
                district.centroid_lat,
                district.centroid_lon,
                _("the centre of %(district)s") % {"district": district.name},
            )
        return None
