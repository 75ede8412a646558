from django import forms
from django.utils.translation import gettext_lazy as _

from mobilization.notifications import kinds, services
from mobilization.notifications.kinds import Channel


def preference_choices() -> list[tuple[str, str]]:
    """Every kind × channel pair the page could send, allowed or not: the form says which are refused."""
    return [
        (services.preference_value(kind.key, channel), f"{kind.label} · {label}")
        for kind in kinds.shown_in_preferences()
        for channel, label in Channel.choices
    ]


class ChannelPreferencesForm(forms.Form):
    """The preferences page: one checkbox per kind and channel, its value "<kind>:<channel>"."""

    enabled = forms.MultipleChoiceField(
        label=_("Channels turned on"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enabled"].choices = preference_choices()

    def clean_enabled(self) -> set[tuple[str, str]]:
        pairs = set()
        errors = []
        for value in self.cleaned_data["enabled"]:
            kind_key, _separator, channel = value.partition(":")
            try:
                services.check_preference(kind_key, channel)
            except services.PreferenceNotAllowed as refusal:
                errors.append(forms.ValidationError(str(refusal), code="not_allowed"))
            else:
                pairs.add((kind_key, channel))
        if errors:
            raise forms.ValidationError(errors)
        return pairs
