from django import forms
from django.utils.translation import gettext_lazy as _

from mobilization.challenges.models import ChallengeAction
from mobilization.core.validators import display_name_validators
from mobilization.territory.models import District


class DistrictTeamForm(forms.Form):
    """Join one's arrondissement's team."""

    district = forms.ModelChoiceField(
        label=_("Your arrondissement"),
        queryset=District.objects.arrondissements(),
        empty_label=None,
    )


class OrganisationTeamForm(forms.Form):
    """Join the team of an organisation one represents (its key, from the affiliations registry)."""

    organisation = forms.CharField(max_length=80, widget=forms.HiddenInput)


class TeamForm(forms.Form):
    """Form a team with friends, neighbours or colleagues, and invite them by a link."""

    name = forms.CharField(
        label=_("Team name"),
        max_length=80,
        validators=display_name_validators(),
        help_text=_("Shown on the leaderboard to everyone."),
    )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())


class CheckInForm(forms.Form):
    """Today's tick on one action of the challenge."""

    action = forms.ModelChoiceField(queryset=ChallengeAction.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *args, challenge, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = ChallengeAction.objects.filter(challenge=challenge)
