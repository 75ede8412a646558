"""The learning app's forms: attendance, the quiz, looking up a certification by its code."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from mobilization.core.validators import has_a_visible_character, printable_text
from mobilization.learning import files
from mobilization.learning.models import CODE_ALPHABET, CODE_LENGTH, Resource
from mobilization.learning.services import ResourceDetails


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


LINE = [printable_text(), has_a_visible_character]
TEXT = [printable_text(multiline=True)]
BIGGEST_KEY = 2**63 - 1


class KeyChoices(forms.ModelMultipleChoiceField):
    """Several things chosen by key: a key no database can hold is refused as unknown, not sent to it."""

    def _check_values(self, value):
        for key in value:
            try:
                number = int(str(key))
            except (TypeError, ValueError):
                continue  # the base class refuses it with its own message
            if not -BIGGEST_KEY <= number <= BIGGEST_KEY:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": key}
                )
        return super()._check_values(value)


class ResourceForm(forms.ModelForm):
    """A writer's resource: its texts, what it is, a link or a file, and what it helps with."""

    upload = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("A PDF or a picture, at most 10 MB. Leave empty to keep the current file."),
    )

    class Meta:
        model = Resource
        fields = [
            "title",
            "summary",
            "body",
            "kind",
            "theme",
            "language",
            "level",
            "link",
            "objectives",
            "initiatives",
        ]
        widgets = {
            "objectives": forms.CheckboxSelectMultiple,
            "initiatives": forms.SelectMultiple(attrs={"size": 6}),
        }
        field_classes = {"objectives": KeyChoices, "initiatives": KeyChoices}

    def __init__(self, *args, objectives, initiatives, **kwargs):
        super().__init__(*args, **kwargs)
        # The querysets come from the registry of what resources may point to (links.py).
        self.fields["objectives"].queryset = objectives
        self.fields["initiatives"].queryset = initiatives
        self.fields["objectives"].required = False
        self.fields["initiatives"].required = False
        self.checked_file = None
        for name in ("title", "summary"):
            self.fields[name].validators += LINE
        self.fields["body"].validators += TEXT

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            self.checked_file = files.check(upload)
        return upload

    def clean(self):
        data = super().clean()
        has_file = self.checked_file is not None or (self.instance.pk and self.instance.file)
        if data.get("kind") in (Resource.Kind.VIDEO,) and not data.get("link"):
            self.add_error("link", _("A video needs its link."))
        if data.get("kind") == Resource.Kind.DOCUMENT and not (has_file or data.get("link")):
            self.add_error("upload", _("A document needs a file or a link."))
        return data

    def details(self):
        data = self.cleaned_data
        return ResourceDetails(**{name: data[name] for name in ResourceDetails.__dataclass_fields__})


class RejectResourceForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is sent back"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The author reads it: say what to change."),
        validators=TEXT,
    )


class FeedbackForm(forms.Form):
    useful = forms.TypedChoiceField(
        label=_("Was this useful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What was missing?"), max_length=500, required=False, validators=LINE[:1]
    )
