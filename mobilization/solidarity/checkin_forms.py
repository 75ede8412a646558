"""The forms of the check-ins and escalations: a buddy's outcome, a coordinator's note and resolution."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mobilization.core.validators import has_a_visible_character
from mobilization.solidarity.forms import text
from mobilization.solidarity.models import CheckIn, Escalation, Need


class OutcomeForm(forms.Form):
    """What came of a call or a visit. `key` is made on the phone (checkins.js), or here for a page read
    without JavaScript: the same key sent twice records one outcome."""

    key = forms.UUIDField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("How is the person?"), choices=CheckIn.Outcome.choices, widget=forms.RadioSelect
    )
    needs = forms.MultipleChoiceField(
        label=_("What they need (when they need help)"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = text(
        _("Note for the coordinators"),
        500,
        required=False,
        help_text=_("What would help them help. No diagnosis: “medical” is enough."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("key", uuid.uuid4())
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == CheckIn.Outcome.NEEDS_HELP and not data.get("needs"):
            self.add_error("needs", _("Say what the person needs."))
        return data


class EscalationNoteForm(forms.Form):
    text = text(_("Note"), 1000, help_text=_("What you did or learnt: calls made, who was reached."))


class ResolveForm(forms.Form):
    resolution = forms.ChoiceField(
        label=_("What was done"), choices=Escalation.Resolution.choices, widget=forms.RadioSelect
    )
    note = text(_("Details"), 1000, required=False, help_text=_("Needed when the resolution is “Other”."))

    def clean_note(self):
        note = self.cleaned_data["note"]
        has_a_visible_character(note)
        return note

    def clean(self):
        data = super().clean()
        if data.get("resolution") == Escalation.Resolution.OTHER and not (data.get("note") or "").strip():
            self.add_error("note", ValidationError(_("Say what was done.")))
        return data
