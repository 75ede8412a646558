from django import forms
from django.utils.translation import gettext_lazy as _

from mobilization.codesign.models import Idea, SurveyQuestion, Tool, Workshop
from mobilization.codesign.services import STATUSES_STAFF_SET
from mobilization.core.validators import has_a_visible_character, printable_text

LINE = [printable_text(), has_a_visible_character]
TEXT = [printable_text(multiline=True), has_a_visible_character]


def _text(label, *, max_length=2_000, rows=3, required=True, help_text="", lang=None):
    attrs = {"rows": rows}
    if lang:
        attrs["lang"] = lang
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs=attrs),
        validators=TEXT if required else [printable_text(multiline=True)],
        help_text=help_text,
    )


class SuggestionForm(forms.Form):
    trying_to = _text(_("What were you trying to do?"))
    would_help = _text(_("What would help?"))
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        max_length=254,
        help_text=_("To be told what became of your suggestion; erased once you are told."),
    )
    # The page it came from: read from the link's query string, checked by the service (a local path).
    page = forms.CharField(
        required=False, max_length=300, widget=forms.HiddenInput, validators=[printable_text()]
    )

    def __init__(self, *args, signed_in: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if signed_in:
            del self.fields["email"]


class IdeaForm(forms.Form):
    """Staff write the idea drawn from a suggestion (or from a workshop)."""

    title = forms.CharField(label=_("Title"), max_length=160, validators=LINE)
    body = _text(_("Description"), max_length=5_000, rows=5)
    tool = forms.ChoiceField(label=_("Tool"), choices=Tool.choices)


class NewIdeaForm(IdeaForm):
    """Staff put an idea on the board themselves: one a co-design workshop produced, say."""

    workshop = forms.ModelChoiceField(
        label=_("Co-design workshop it came from"), queryset=Workshop.objects.all(), required=False
    )


class CommentForm(forms.Form):
    body = _text(_("Your comment"), max_length=3_000, rows=4)


class ReasonForm(forms.Form):
    reason = _text(_("Reason"), help_text=_("Shown to everyone."))


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("New status"), choices=[(s.value, s.label) for s in STATUSES_STAFF_SET]
    )
    reason = _text(_("The team's reason"), help_text=_("Shown on the roadmap; the supporters are told."))


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(
        label=_("Merge into the idea"), queryset=Idea.objects.none(), empty_label=None
    )

    def __init__(self, *args, duplicate: Idea, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = (
            Idea.objects.public()
            .exclude(pk=duplicate.pk)
            .exclude(status=Idea.Status.DECLINED)
            .order_by("title")
        )


class ReleaseForm(forms.Form):
    version = forms.RegexField(
        label=_("Version"),
        max_length=30,
        regex=r"^[0-9][0-9A-Za-z.\-]*$",
        error_messages={"invalid": _("A version starts with a digit: letters, digits, dots and dashes.")},
        help_text=_("For example 2.4 or 2026.12."),
    )
    title_fr = forms.CharField(
        label=_("Title (French)"),
        max_length=160,
        validators=LINE,
        widget=forms.TextInput(attrs={"lang": "fr"}),
    )
    title_en = forms.CharField(
        label=_("Title (English)"), max_length=160, required=False, validators=[printable_text()],
        widget=forms.TextInput(attrs={"lang": "en"}),
    )  # fmt: skip
    notes_fr = _text(
        _("Release notes (French)"), max_length=10_000, rows=6, lang="fr", help_text=_("Markdown.")
    )
    notes_en = _text(_("Release notes (English)"), max_length=10_000, rows=6, lang="en", required=False)
    released_on = forms.DateField(
        label=_("Released on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    ideas = forms.ModelMultipleChoiceField(
        label=_("Ideas it brings (they become done)"),
        queryset=Idea.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ideas"].queryset = Idea.objects.filter(
            status__in=[Idea.Status.UNDER_STUDY, Idea.Status.PLANNED, Idea.Status.IN_PROGRESS]
        ).order_by("title")

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "version": data["version"],
            "title": {"fr": data["title_fr"], "en": data.get("title_en", "")},
            "notes": {"fr": data["notes_fr"], "en": data.get("notes_en", "")},
            "released_on": data["released_on"],
            "ideas": list(data["ideas"]),
        }


class SurveyResponseForm(forms.Form):
    """One field per question, named by its place in the survey: `question_1`, `question_2`…"""

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.prefetch_related("options"))
        for index, question in enumerate(self.questions, start=1):
            name = f"question_{index}"
            options = [(option.pk, option.label) for option in question.options.all()]
            if question.kind == SurveyQuestion.Kind.SINGLE:
                field = forms.TypedChoiceField(choices=options, coerce=int, widget=forms.RadioSelect)
            elif question.kind == SurveyQuestion.Kind.MULTIPLE:
                field = forms.TypedMultipleChoiceField(
                    choices=options, coerce=int, widget=forms.CheckboxSelectMultiple
                )
            elif question.kind == SurveyQuestion.Kind.SCALE:
                scale = [(value, str(value)) for value in range(1, 6)]
                field = forms.TypedChoiceField(
                    choices=scale, coerce=int, widget=forms.RadioSelect,
                    help_text=_("1: not at all, 5: very much."),
                )  # fmt: skip
            else:
                field = forms.CharField(
                    required=False, max_length=2_000, widget=forms.Textarea(attrs={"rows": 3}),
                    validators=[printable_text(multiline=True)],
                    help_text=_("Optional. Shown only among all the answers, never with the rest of yours."),
                )  # fmt: skip
            field.label = question.text
            self.fields[name] = field

    def answers(self) -> dict:
        return {
            str(question.pk): self.cleaned_data.get(f"question_{index}")
            for index, question in enumerate(self.questions, start=1)
        }
