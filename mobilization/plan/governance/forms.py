from django import forms
from django.utils.translation import gettext_lazy as _

from mobilization.core.validators import has_a_visible_character, printable_text
from mobilization.plan.governance.models import CityResponse, Consultation, Meeting, Proposal
from mobilization.plan.models import Objective

LINE = [printable_text(), has_a_visible_character]
TEXT = [printable_text(multiline=True), has_a_visible_character]


def _visible(text: str) -> bool:
    """Has a letter, digit, punctuation or symbol: not empty, not only spaces or zero-width characters."""
    if not text.strip():
        return False
    try:
        has_a_visible_character(text)
    except forms.ValidationError:
        return False
    return True


def in_languages(form, data: dict, name: str, required_message) -> None:
    """Gather a text's versions (`title_fr`, `title_en`) into one {"fr": …, "en": …} under `name`, for the
    service; one of them at least must have a visible character (an invisible one counts as empty)."""
    versions = {code: (data.pop(f"{name}_{code}", "") or "").strip() for code in ("fr", "en")}
    refused = {f"{name}_fr", f"{name}_en"} & set(form.errors)
    if not refused and not any(_visible(text) for text in versions.values()):
        form.add_error(f"{name}_fr", required_message)
    data[name] = {code: text if _visible(text) else "" for code, text in versions.items()}


def text_in_each_language(label_fr, label_en, *, max_length: int, rows: int | None = None, help_text=""):
    """The French and the English field of one text the city writes (`agenda_fr, agenda_en = …`): either
    may stay empty, `in_languages` asks for one at least. A text area when `rows` is given; the help text
    goes under the first."""

    def field(code: str, label, help_text):
        multiline = rows is not None
        return forms.CharField(
            label=label,
            max_length=max_length,
            required=False,
            widget=(
                forms.Textarea(attrs={"rows": rows, "lang": code})
                if multiline
                else forms.TextInput(attrs={"lang": code})
            ),
            validators=[printable_text(multiline=multiline)],
            help_text=help_text,
        )

    return field("fr", label_fr, help_text), field("en", label_en, "")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def objectives_field():
    return forms.ModelMultipleChoiceField(
        label=_("Objectives of the plan it serves"),
        queryset=Objective.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
    )
    place = forms.CharField(
        label=_("Place"), max_length=Meeting._meta.get_field("place").max_length, validators=LINE
    )
    agenda_fr, agenda_en = text_in_each_language(
        _("Agenda (in French)"),
        _("Agenda (in English)"),
        max_length=20_000,
        rows=8,
        help_text=_("Markdown: lists with “-”, **bold**."),
    )

    def clean(self):
        data = super().clean()
        in_languages(self, data, "agenda", _("Write the agenda."))
        return data


class MinutesForm(forms.Form):
    minutes_fr, minutes_en = text_in_each_language(
        _("Minutes (in French)"),
        _("Minutes (in English)"),
        max_length=100_000,
        rows=16,
        help_text=_("Markdown. Once published, the minutes are public."),
    )

    def clean(self):
        data = super().clean()
        in_languages(self, data, "minutes", _("Write the minutes first."))
        return data


class RecommendationForm(forms.Form):
    reference = forms.CharField(
        label=_("Reference"), max_length=30, validators=LINE, help_text=_("For instance R-2026-03.")
    )
    # In French and in English: either is enough, the other language's page shows it marked as such.
    title_fr, title_en = text_in_each_language(
        _("Title (in French)"), _("Title (in English)"), max_length=200
    )
    text_fr, text_en = text_in_each_language(
        _("Recommendation (in French)"), _("Recommendation (in English)"), max_length=20_000, rows=10
    )
    meeting = forms.ModelChoiceField(
        label=_("Adopted at the meeting of"), queryset=Meeting.objects.none(), required=False
    )
    objectives = objectives_field()
    issued_on = forms.DateField(label=_("Issued on"), widget=DateInput())
    response_due_on = forms.DateField(label=_("The city must answer by"), widget=DateInput())

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = committee.meetings.all()

    def clean(self):
        data = super().clean()
        in_languages(self, data, "title", _("Give the recommendation a title."))
        in_languages(self, data, "text", _("Write the recommendation."))
        issued, due = data.get("issued_on"), data.get("response_due_on")
        if issued and due and due < issued:
            self.add_error("response_due_on", _("The answer is due after the recommendation is issued."))
        return data


class CityResponseForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=CityResponse.Decision.choices, widget=forms.RadioSelect
    )
    # The city's answer in French and in English: either is enough, the other language's page shows it marked.
    justification_fr, justification_en = text_in_each_language(
        _("Justification (in French)"),
        _("Justification (in English)"),
        max_length=20_000,
        rows=8,
        help_text=_("Public. Say why, and what the city will do."),
    )
    implementation_due_on = forms.DateField(
        label=_("To be carried out by"),
        required=False,
        widget=DateInput(),
        help_text=_("Required when the recommendation is accepted, wholly or partly."),
    )

    def clean(self):
        data = super().clean()
        in_languages(self, data, "justification", _("Say why: a response needs a justification."))
        accepted = data.get("decision") in (
            CityResponse.Decision.ACCEPTED,
            CityResponse.Decision.PARTLY_ACCEPTED,
        )
        if accepted and not data.get("implementation_due_on") and "implementation_due_on" not in self.errors:
            self.add_error(
                "implementation_due_on", _("Say by when an accepted recommendation will be carried out.")
            )
        return data


class ProposalForm(forms.Form):
    title = forms.CharField(
        label=_("Title"), max_length=Proposal._meta.get_field("title").max_length, validators=LINE
    )
    body = forms.CharField(
        label=_("Your proposal"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        validators=TEXT,
        help_text=_("What should the city do, where, and why? Markdown."),
    )
    objectives = objectives_field()


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=5_000, widget=forms.Textarea(attrs={"rows": 4}), validators=TEXT
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        validators=TEXT,
        help_text=_("Shown to the author."),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("The city's official answer"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        validators=TEXT,
        help_text=_("Public. Markdown."),
    )


class BallotForm(forms.Form):
    """One field per question: radio buttons for one choice, check boxes for several."""

    def __init__(self, *args, consultation: Consultation, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(consultation.questions.prefetch_related("options"))
        for index, question in enumerate(self.questions, start=1):
            choices = [(str(option.pk), option.label) for option in question.options.all()]
            if question.kind == question.Kind.SINGLE:
                field = forms.ChoiceField(label=question.text, choices=choices, widget=forms.RadioSelect)
            else:
                field = forms.MultipleChoiceField(
                    label=question.text,
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Choose up to %(count)d.") % {"count": question.choice_limit},
                )
            self.fields[self.field_name(index)] = field

    def clean(self):
        data = super().clean()
        for index, question in enumerate(self.questions, start=1):
            value = data.get(self.field_name(index))
            if isinstance(value, list) and len(value) > question.choice_limit:
                self.add_error(
                    self.field_name(index),
                    _("Choose at most %(count)d options.") % {"count": question.choice_limit},
                )
        return data

    @staticmethod
    def field_name(index: int) -> str:
        """Fields are named by the question's rank (answer_1, answer_2…), not by its id."""
        return f"answer_{index}"

    def answers(self) -> dict[int, list[int]]:
        answers = {}
        for index, question in enumerate(self.questions, start=1):
            value = self.cleaned_data[self.field_name(index)]
            answers[question.pk] = [int(v) for v in (value if isinstance(value, list) else [value])]
        return answers
