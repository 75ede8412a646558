from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from phonenumber_field.widgets import RegionalPhoneNumberWidget

from mobilization.accounts import consents, services
from mobilization.accounts.models import (
    ConsentRecord,
    Language,
    PartOfDay,
    Profile,
    Skill,
    Weekday,
    availability_choices,
)
from mobilization.core.themes import Theme
from mobilization.core.validators import display_name_validators, printable_text


def _arrondissements():
    from mobilization.territory.models import District

    return District.objects.arrondissements()


class SignupConsentForm(forms.Form):
    """What allauth's sign-up form adds: a display name and the two required consents.

    allauth makes this class the base of its sign-up form (ACCOUNT_SIGNUP_FORM_CLASS) and calls
    `signup()` once the user is saved.
    """

    field_order = ["display_name", "email", "password1", "password2", "accept_terms", "accept_privacy"]

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=80,
        help_text=Profile._meta.get_field("display_name").help_text,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        validators=display_name_validators(),
    )
    accept_terms = forms.BooleanField(
        label=consents.WORDINGS[ConsentRecord.Purpose.TERMS].text,
        required=True,
        error_messages={"required": _("You need to accept the terms of use to join.")},
    )
    accept_privacy = forms.BooleanField(
        label=consents.WORDINGS[ConsentRecord.Purpose.PRIVACY].text,
        required=True,
        error_messages={"required": _("You need to agree to the privacy notice to join.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accept_terms"].help_text = _link(
            "accounts:terms", _("Read the terms of use (opens in a new tab)")
        )
        self.fields["accept_privacy"].help_text = _link(
            "accounts:privacy", _("Read the privacy notice (opens in a new tab)")
        )

    def signup(self, request, user):
        services.sign_up(
            user,
            display_name=self.cleaned_data["display_name"],
            preferred_language=translation.get_language() or "",
            consents_given=[ConsentRecord.Purpose.TERMS, ConsentRecord.Purpose.PRIVACY],
        )


def _link(url_name: str, text) -> str:
    return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', reverse(url_name), text)


class ProfileForm(forms.ModelForm):
    """The volunteer's profile. Each field's help text says why it is asked."""

    home_district = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("Home arrondissement"),
        empty_label=_("I prefer not to say"),
        help_text=Profile._meta.get_field("home_district").help_text,
    )
    themes = forms.MultipleChoiceField(
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Themes of interest"),
        help_text=Profile._meta.get_field("themes").help_text,
    )
    skills = forms.MultipleChoiceField(
        choices=Skill.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Skills"),
        help_text=Profile._meta.get_field("skills").help_text,
    )
    languages = forms.MultipleChoiceField(
        choices=Language.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Languages spoken"),
        help_text=Profile._meta.get_field("languages").help_text,
    )
    availability = forms.MultipleChoiceField(
        choices=availability_choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("When are you usually available?"),
        help_text=_("Used to suggest events at times that suit you."),
    )

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "home_district",
            "themes",
            "skills",
            "other_skills",
            "languages",
            "availability",
            "phone",
            "preferred_language",
            "bio",
        ]
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "nickname"}),
            "phone": RegionalPhoneNumberWidget(region="FR", attrs={"autocomplete": "tel"}),
            "bio": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"display_name": _("Display name"), "phone": _("Phone number")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["home_district"].queryset = _arrondissements()
        self.fields["preferred_language"].choices = [("", _("The site's language")), *settings.LANGUAGES]
        self.fields["other_skills"].validators.append(printable_text())
        self.fields["bio"].validators.append(printable_text(multiline=True))

    @property
    def availability_rows(self) -> list[tuple[str, list]]:
        """The availability checkboxes as a weekday × part-of-day grid, for an accessible table."""
        options = list(self["availability"])
        width = len(PartOfDay.choices)
        return [
            (label, options[index * width : (index + 1) * width])
            for index, (_value, label) in enumerate(Weekday.choices)
        ]

    @property
    def parts_of_day(self) -> list[str]:
        return [label for _value, label in PartOfDay.choices]


class AccountDeletionForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I understand that my account and my personal data will be erased, "
            "and that this cannot be undone."
        ),
        required=True,
        error_messages={"required": _("Tick the box to confirm that you want to delete your account.")},
    )


class ConsentWithdrawalForm(forms.Form):
    purpose = forms.ChoiceField(choices=ConsentRecord.Purpose.choices, widget=forms.HiddenInput)

    def clean_purpose(self):
        purpose = self.cleaned_data["purpose"]
        if consents.is_required(purpose):
            raise forms.ValidationError(
                _("This consent is needed to have an account. To withdraw it, delete your account.")
            )
        return purpose
