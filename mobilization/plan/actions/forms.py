"""Forms of plan actions: the CSV upload and the confirmation of its preview, the staff edit of an action, a
new milestone."""

import os
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from mobilization.core.importing import MAX_UPLOAD_SIZE, ImportFileError, decode
from mobilization.plan.actions import importers
from mobilization.plan.actions.models import Action, Milestone
from mobilization.plan.forms import clean_texts, language_widgets
from mobilization.plan.models import Objective

ALLOWED_EXTENSIONS = {".csv", ".txt"}


class ActionImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file of actions"),
        help_text=_(
            "This platform's format (comma-separated) or a Decidim accountability export "
            "(semicolon-separated), UTF-8, at most 5 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name or ""
        if any(unicodedata.category(character) in {"Cc", "Cf"} for character in name) or len(name) > 200:
            raise forms.ValidationError(_("The file name is not acceptable: rename the file."), code="name")
        if os.path.splitext(name)[1].lower() not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError(_("Choose a .csv file."), code="extension")
        if upload.size > MAX_UPLOAD_SIZE:
            raise forms.ValidationError(_("The file is larger than 5 MB."), code="size")
        data = upload.read(MAX_UPLOAD_SIZE + 1)
        try:
            text = decode(data)
            self.detected_format, _delimiter = importers.detect_format(text)
        except ImportFileError as error:
            raise forms.ValidationError(error.message, code="content") from error
        self.text = text
        self.file_name = os.path.basename(name.replace("\\", "/"))[:255]
        return upload


class ImportConfirmForm(forms.Form):
    """Staff confirm an import's preview, choosing the sector of each Decidim category of the file.

    The categories are the preview's, stored with the import: the form's fields are numbered in their
    order, so a submission names no category of its own."""

    def __init__(self, *args, categories: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = categories
        for index, category in enumerate(categories):
            self.fields[f"sector_{index}"] = forms.ChoiceField(
                label=category["name"],
                choices=Action.Sector.choices,
                initial=category["sector"],
            )

    def sector_mapping(self) -> dict[str, str]:
        return {
            category["name"]: self.cleaned_data[f"sector_{index}"]
            for index, category in enumerate(self.categories)
        }


class ActionForm(forms.ModelForm):
    """What staff change on an action. Its progress is not here: it follows from the status, the override
    and the children."""

    objectives = forms.ModelMultipleChoiceField(
        label=_("Objectives"),
        queryset=Objective.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Action
        fields = [
            "title_fr",
            "title_en",
            "description_fr",
            "description_en",
            "sector",
            "department_fr",
            "department_en",
            "status",
            "progress_override",
            "start_date",
            "end_date",
            "budget_planned",
            "budget_spent",
            "parent",
            "weight",
            "latitude",
            "longitude",
        ]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
            **language_widgets(Action, {"title": None, "description": {"rows": 8}, "department": None}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Action.objects.exclude(pk=self.instance.pk).only(
            "reference", "title"
        )
        self.fields["parent"].label_from_instance = lambda action: f"{action.reference} — {action.title}"
        if self.instance.pk:
            self.fields["objectives"].initial = list(self.instance.objectives.values_list("pk", flat=True))

    def clean(self):
        cleaned = super().clean()
        clean_texts(self, "title", multiline=False, required=_("Give the action a title."))
        clean_texts(self, "description", multiline=True)
        clean_texts(self, "department", multiline=False)
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            self.add_error("longitude", _("Give both the latitude and the longitude, or neither."))
        return cleaned

    def _post_clean(self):
        # The model's own checks (progress 0-100, dates) run in the service, which also saves.
        pass


class MilestoneForm(forms.ModelForm):
    class Meta:
        model = Milestone
        fields = ["date", "title_fr", "title_en", "description_fr", "description_en", "status", "progress"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            **language_widgets(Milestone, {"title": None, "description": {"rows": 4}}),
        }
        help_texts = {
            "status": _("Optional: the action's status from that date on."),
            "progress": _("Optional: the action's progress from that date on, 0 to 100."),
        }

    def clean(self):
        cleaned = super().clean()
        clean_texts(self, "title", multiline=False, required=_("Give the milestone a title."))
        clean_texts(self, "description", multiline=True)
        return cleaned
