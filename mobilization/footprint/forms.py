"""The forms of the calculator: a step of the questionnaire (built from the model's questions), and saving.

A step's fields are named `q<n>`, n the question's place in the step (stable for a model version): the
rule names themselves hold spaces and dots, which an HTML id cannot. Every field may be left empty: an
unanswered question takes the model's default. What a field accepts is `services.questions()`'s: the
choices of the rule, "oui"/"non", or a number within the rule's bounds (more than 0 where the model
divides by it); a French decimal comma is read.
"""

import math

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mobilization.footprint import questionnaire, services
from mobilization.territory.models import District

UNANSWERED = ""


def field_name(index: int) -> str:
    return f"q{index}"


class StepForm(forms.Form):
    """The questions of a step that apply to the person; `initial` holds their answers (model syntax)."""

    def __init__(self, *args, step: questionnaire.Step, shown: list[str], language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.names: dict[str, str] = {}  # field name → rule name
        asked = services.questions()
        for index, name in enumerate(step.questions):
            if name not in shown:
                continue
            key = field_name(index)
            self.names[key] = name
            self.fields[key] = self._field(asked[name], questionnaire.text(name, language))

    def _field(self, question: services.Question, text: questionnaire.Text) -> forms.Field:
        skip = (UNANSWERED, _("I don't know: take the model's value"))
        if question.kind == "choice":
            choices = [(written, text.choice_labels.get(written, written)) for written in question.choices]
            return forms.ChoiceField(
                label=text.question, choices=[*choices, skip], required=False, widget=forms.RadioSelect
            )
        if question.kind == "boolean":
            return forms.ChoiceField(
                label=text.question,
                choices=[("oui", _("Yes")), ("non", _("No")), skip],
                required=False,
                widget=forms.RadioSelect,
            )
        return NumberField(question, label=text.question, required=False, localize=True)

    def initial_from(self, answers: dict) -> dict:
        initial = {}
        for key, name in self.names.items():
            value = answers.get(name)
            if value is None:
                continue
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            initial[key] = value
        return initial

    def answers(self) -> tuple[dict, list[str]]:
        """(the answers given, rule name → value; the questions left empty)."""
        given, empty = {}, []
        for key, name in self.names.items():
            value = self.cleaned_data.get(key)
            if value in (None, UNANSWERED):
                empty.append(name)
            else:
                given[name] = value
        return given, empty


class NumberField(forms.FloatField):
    def __init__(self, question: services.Question, **kwargs):
        self.question = question
        maximum = services.MAX_NUMBER if question.maximum is None else question.maximum
        super().__init__(min_value=question.minimum, max_value=maximum, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "step": "any"})

    def clean(self, value):
        value = super().clean(value)
        if value is None:
            return None
        if not math.isfinite(value):
            raise ValidationError(_("Enter a number."), code="invalid")
        if self.question.positive and value <= 0:
            raise ValidationError(_("Enter a number greater than 0."), code="min_value")
        return int(value) if value.is_integer() else value


class SaveForm(forms.Form):
    """Saving the footprint: the arrondissement, optional, counts it in the anonymous figures."""

    district = forms.ModelChoiceField(
        label=_("Your arrondissement (optional)"),
        queryset=District.objects.arrondissements(),
        required=False,
        empty_label=_("I'd rather not say"),
        help_text=_(
            "Only counted in anonymous figures per arrondissement, for groups of at least 10 people."
        ),
    )
