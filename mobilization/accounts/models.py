"""Accounts: the people who use the platform, their volunteer profile and the consents they gave.

Personal data is kept to what a purpose needs, and each field says why it is asked (its help text is
shown next to it on the profile form). Deleting an account anonymises the `User` row instead of
removing it, so that public contributions in other apps keep their author as "Former member".
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField

from mobilization.core.models import TimeStampedModel
from mobilization.core.themes import Theme
from mobilization.core.validators import display_name_validators


class EmailUserManager(UserManager):
    """Users sign in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    deleted_at = models.DateTimeField(
        _("deleted at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set when the person deleted their account: their personal data has been erased."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = EmailUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.email

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class Skill(models.TextChoices):
    """What a volunteer can bring to an initiative; anything else goes in "other skills"."""

    REPAIR = "repair", _("Repairing and DIY")
    GARDENING = "gardening", _("Gardening")
    COOKING = "cooking", _("Cooking")
    FACILITATION = "facilitation", _("Leading a group or a workshop")
    TEACHING = "teaching", _("Teaching and explaining")
    COMMUNICATION = "communication", _("Communication, writing, graphic design")
    DIGITAL = "digital", _("Computers and digital tools")
    PHOTO_VIDEO = "photo_video", _("Photography and video")
    LOGISTICS = "logistics", _("Logistics and organising")
    ACCOUNTING = "accounting", _("Accounting and fundraising")
    LEGAL = "legal", _("Law")
    TRANSLATION = "translation", _("Translation")
    FIRST_AID = "first_aid", _("First aid")
    CARE = "care", _("Listening and caring for people")
    CYCLING = "cycling", _("Cycling and bike repair")


class Language(models.TextChoices):
    """Languages a volunteer speaks: useful to pair buddies with residents and to run workshops."""

    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    SPANISH = "es", _("Spanish")
    PORTUGUESE = "pt", _("Portuguese")
    ITALIAN = "it", _("Italian")
    GERMAN = "de", _("German")
    ARABIC = "ar", _("Arabic")
    TAMAZIGHT = "ber", _("Tamazight (Berber)")
    CHINESE = "zh", _("Chinese")
    VIETNAMESE = "vi", _("Vietnamese")
    TAMIL = "ta", _("Tamil")
    TURKISH = "tr", _("Turkish")
    ROMANIAN = "ro", _("Romanian")
    POLISH = "pl", _("Polish")
    RUSSIAN = "ru", _("Russian")
    UKRAINIAN = "uk", _("Ukrainian")
    WOLOF = "wo", _("Wolof")
    BAMBARA = "bm", _("Bambara")
    SONINKE = "snk", _("Soninke")
    FRENCH_SIGN_LANGUAGE = "fsl", _("French Sign Language (LSF)")


class Weekday(models.TextChoices):
    MONDAY = "mon", _("Monday")
    TUESDAY = "tue", _("Tuesday")
    WEDNESDAY = "wed", _("Wednesday")
    THURSDAY = "thu", _("Thursday")
    FRIDAY = "fri", _("Friday")
    SATURDAY = "sat", _("Saturday")
    SUNDAY = "sun", _("Sunday")


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")


def availability_choices() -> list[tuple[str, str]]:
    """Every weekday × part of day slot, e.g. ("mon-morning", "Monday morning"), weekday by weekday."""
    return [
        (
            f"{day.value}-{part.value}",
            format_lazy(_("{weekday}: {part_of_day}"), weekday=day.label, part_of_day=part.label),
        )
        for day in Weekday
        for part in PartOfDay
    ]


class Profile(TimeStampedModel):
    """A volunteer's profile: what they like to do, where and when, so initiatives can find them.

    Every field is optional except the display name, and none of them is a street address: the home
    district is an arrondissement at most.
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        validators=display_name_validators(),
        help_text=_(
            "Shown next to what you publish and to the organisers of initiatives you join. "
            "A first name or a nickname is enough."
        ),
    )
    home_district = models.ForeignKey(
        "territory.District",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"level": "arrondissement"},
        verbose_name=_("home arrondissement"),
        help_text=_("Used to suggest initiatives and events near you. We never ask for your street address."),
    )
    themes = models.JSONField(
        _("themes of interest"),
        default=list,
        blank=True,
        help_text=_("Used to suggest initiatives, events and guides on the themes you chose."),
    )
    skills = models.JSONField(
        _("skills"),
        default=list,
        blank=True,
        help_text=_("Organisers looking for a helping hand see the skills of volunteers who joined them."),
    )
    other_skills = models.CharField(
        _("other skills"),
        max_length=200,
        blank=True,
        help_text=_("Anything else you can bring, in a few words, separated by commas."),
    )
    languages = models.JSONField(
        _("languages spoken"),
        default=list,
        blank=True,
        help_text=_("Used to pair you with residents and organisers who speak the same language."),
    )
    availability = models.JSONField(
        _("availability"),
        default=list,
        blank=True,
        help_text=_("Used to suggest events at times that suit you."),
    )
    phone = PhoneNumberField(
        _("phone number"),
        region="FR",
        blank=True,
        help_text=_(
            "Only used to send you text messages (an alert during an extreme event, for instance) if you "
            "choose that channel in your notification preferences. Never shown to other members."
        ),
    )
    preferred_language = models.CharField(
        _("language of our messages"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the e-mails and text messages we send you."),
    )
    bio = models.TextField(
        _("about me"),
        max_length=600,
        blank=True,
        help_text=_(
            "A few words shown on your public profile. Do not write anything you want to keep private."
        ),
    )

    class Meta:
        verbose_name = _("volunteer profile")
        verbose_name_plural = _("volunteer profiles")

    def __str__(self):
        return self.display_name or str(_("Profile"))

    def clean(self):
        super().clean()
        if self.home_district_id and self.home_district.level != "arrondissement":
            raise ValidationError({"home_district": _("Choose an arrondissement.")})

    @property
    def theme_labels(self) -> list[str]:
        return _labels(Theme, self.themes)

    @property
    def skill_labels(self) -> list[str]:
        return _labels(Skill, self.skills)

    @property
    def language_labels(self) -> list[str]:
        return _labels(Language, self.languages)

    @property
    def availability_by_weekday(self) -> list[tuple[str, list[str]]]:
        """[("Monday", ["Morning", "Evening"]), ...] for the weekdays with at least one slot."""
        chosen = set(self.availability or [])
        rows = []
        for day in Weekday:
            parts = [part.label for part in PartOfDay if f"{day.value}-{part.value}" in chosen]
            if parts:
                rows.append((day.label, parts))
        return rows


def _labels(choices: type[models.TextChoices], values: list[str]) -> list[str]:
    labels = dict(choices.choices)
    return [labels[value] for value in values if value in labels]


class ConsentRecord(models.Model):
    """One consent one person gave, to one purpose, on the wording of one version; kept when withdrawn.

    The record proves what the person agreed to: the version and the exact wording shown. When an
    account is deleted its consents are withdrawn and the records stay, tied to the anonymised account.
    """

    class Purpose(models.TextChoices):
        TERMS = "terms", _("Terms of use")
        PRIVACY = "privacy", _("Privacy notice")
        VULNERABLE_REGISTRATION = "vulnerable_registration", _("Registration as a vulnerable resident")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents", verbose_name=_("user")
    )
    purpose = models.CharField(_("purpose"), max_length=40, choices=Purpose, db_index=True)
    wording_version = models.CharField(_("wording version"), max_length=20)
    wording = models.TextField(_("wording shown"))
    given_at = models.DateTimeField(_("given at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        indexes = [models.Index(fields=["user", "purpose", "withdrawn_at"])]

    def __str__(self):
        return f"{self.get_purpose_display()} v{self.wording_version}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None
