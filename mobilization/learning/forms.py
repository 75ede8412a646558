"""The learning app's forms: attendance, the quiz, looking up a certification by its code."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from mobilization.learning.models import CODE_ALPHABET, CODE_LENGTH


class AttendanceForm(forms.Form):
    """The trainer ticks the people who came, among those registered."""

    present = forms.TypedMultipleChoiceField(
        label=_("Present"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(line.user_id, line.name) for line in sheet]
        if not self.is_bound:
            self.initial["present"] = [line.user_id for line in sheet if line.present]


class QuizForm(forms.Form):
    """One question of radio buttons per quiz question, named by its place (question_1, question_2...)."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = {f"question_{index}": question for index, question in enumerate(questions, start=1)}
        for name, question in self.questions.items():
            self.fields[name] = forms.TypedChoiceField(
                label=question.text,
                coerce=int,
                choices=[(choice.pk, choice.text) for choice in question.choices.all()],
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer.")},
            )

    def answers(self) -> dict[int, int]:
        return {self.questions[name].pk: value for name, value in self.cleaned_data.items()}


_CODE_CHARS = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")


def normal_code(value: str) -> str:
    """A code as typed ("k7q4 mz3p-xa") in its printed form ("K7Q4-MZ3P-XA"), or "" when it cannot be one."""
    raw = re.sub(r"[\s\-]", "", value or "").upper()
    if not _CODE_CHARS.match(raw):
        return ""
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


class VerifyForm(forms.Form):
    """Anyone checks a certification by the code printed on it (a GET form: no cookie)."""

    code = forms.CharField(
        label=_("Certification code"),
        max_length=40,
        help_text=_("The code on the certificate, for example K7Q4-MZ3P-XA."),
    )

    def clean_code(self):
        code = normal_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(_("A code has 10 letters and digits, for example K7Q4-MZ3P-XA."))
        return code
