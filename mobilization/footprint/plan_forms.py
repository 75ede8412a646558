"""The one form of the action plan: a change to one action of the model (choose, done, planned, remove)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mobilization.footprint import actions

CHANGES = (
    ("choose", _("Add to my plan")),
    ("done", _("Mark done")),
    ("planned", _("Mark planned")),
    ("remove", _("Remove from my plan")),
)


class PlanChangeForm(forms.Form):
    rule = forms.CharField(label=_("Action"), max_length=255, widget=forms.HiddenInput)
    do = forms.ChoiceField(label=_("Change"), choices=CHANGES, widget=forms.HiddenInput)

    def clean_rule(self):
        rule = self.cleaned_data["rule"]
        if rule not in actions.action_rules():
            raise forms.ValidationError(_("This is not an action of the model."))
        return rule
