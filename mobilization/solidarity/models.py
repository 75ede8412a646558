"""Solidarity in extreme events, first part: the registry of vulnerable residents, and the buddies.

The registry is the one the law asks each commune to keep (Code de l'action sociale et des familles,
L121-6-1 and R121-2 to R121-12): people aged 65 and over, 60 and over and unfit for work, or disabled
adults, who ask to be registered — themselves, or a relative, a doctor or a care service on their
behalf — so that the city and its volunteers can check on them during a heatwave, a cold wave or a
flood. Registration is voluntary and can be withdrawn at any time; withdrawing erases the record.

What is stored is what a check-in needs, each field says why, and the details that would let
someone find or reach the person (address, phones, emergency contact, care service, building access
notes) are encrypted at rest (encryption.py). The map point is kept in the clear, rounded to about a
hundred metres, because the dispatch computes distances between thousands of people and buddies at
once: it tells the district and the neighbourhood, not the door.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilization.core.models import TimeStampedModel
from mobilization.solidarity.encryption import EncryptedCharField, EncryptedTextField

# About 110 m of latitude and 75 m of longitude in Paris: the point says the block, not the building.
POINT_DECIMALS = 3


def rounded_point(lat: float, lon: float) -> tuple[float, float]:
    return round(lat, POINT_DECIMALS), round(lon, POINT_DECIMALS)


class Language(models.TextChoices):
    """Languages a resident speaks and a buddy can use: the most spoken in Paris after French."""

    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")
    ARABIC = "ar", _("Arabic")
    BERBER = "ber", _("Berber languages")
    CHINESE = "zh", _("Chinese")
    SPANISH = "es", _("Spanish")
    PORTUGUESE = "pt", _("Portuguese")
    ITALIAN = "it", _("Italian")
    POLISH = "pl", _("Polish")
    RUSSIAN = "ru", _("Russian")
    TURKISH = "tr", _("Turkish")
    VIETNAMESE = "vi", _("Vietnamese")
    TAMIL = "ta", _("Tamil")
    WOLOF = "wo", _("Wolof")
    SIGN = "lsf", _("French Sign Language")


class ContactMode(models.TextChoices):
    CALL = "call", _("A phone call")
    VISIT = "visit", _("A visit")


class ResidentQuerySet(models.QuerySet):
    def in_districts(self, districts):
        """The residents of these districts; `None` means every district (a city-wide coordinator)."""
        return self if districts is None else self.filter(district__in=districts)

    def for_list(self):
        """What the coordinators' list shows, without the encrypted fields (never decrypted for a list)."""
        return self.select_related("district").defer(
            *ENCRYPTED_FIELDS, "consent_wording", "district__geometry"
        )


# The columns that hold Fernet tokens: never read for a list, never searched.
ENCRYPTED_FIELDS = ("address", "access_notes", "phone", "other_phone", "emergency_contact", "care_service")


class VulnerableResident(TimeStampedModel):
    """A person on the city's registry, with their consent: checked on during an extreme event."""

    class Category(models.TextChoices):
        """Who the law lets register (CASF L121-6-1)."""

        AGED_65 = "aged_65", _("Aged 65 or over")
        AGED_60_UNFIT = "aged_60_unfit", _("Aged 60 or over and recognised unfit for work")
        DISABLED_ADULT = "disabled_adult", _("Disabled adult")

    class RegisteredBy(models.TextChoices):
        """Who filled in the registration: the law lets a third party ask on the person's behalf."""

        SELF = "self", _("The person themselves")
        RELATIVE = "relative", _("A relative or a neighbour, on their behalf")
        CARE = "care", _("Their doctor or care service, on their behalf")
        STAFF_PHONE = "staff_phone", _("City staff, taking it by phone")

    class PreferredTime(models.TextChoices):
        ANY = "any", _("Any time of day")
        MORNING = "morning", _("In the morning")
        AFTERNOON = "afternoon", _("In the afternoon")
        EVENING = "evening", _("In the early evening")

    # --- Who ------------------------------------------------------------------------------------------
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="vulnerable_registration",
        verbose_name=_("the person's own account"),
        help_text=_("Set when the person registered themselves: they see and withdraw their registration."),
    )
    first_name = models.CharField(_("first name"), max_length=80, help_text=_("To greet the person."))
    last_name = models.CharField(_("last name"), max_length=80, help_text=_("To find the person's record."))
    date_of_birth = models.DateField(_("date of birth"), help_text=_("The law registers people by age."))
    category = models.CharField(
        _("why the person may register"),
        max_length=20,
        choices=Category,
        help_text=_("The law's conditions of registration."),
    )

    # --- Where: the address is encrypted; the point is rounded (see the module's docstring) --------------
    address = EncryptedTextField(
        _("address"), max_length=300, help_text=_("Where a buddy goes for a visit, and help is sent.")
    )
    lat = models.FloatField(_("latitude (rounded)"))
    lon = models.FloatField(_("longitude (rounded)"))
    district = models.ForeignKey(
        "territory.District",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("arrondissement"),
        help_text=_("Computed from the map point: coordinators follow their arrondissements."),
    )
    access_notes = EncryptedTextField(
        _("building access notes"),
        max_length=500,
        blank=True,
        help_text=_("Door code, floor, staircase. Sealed: shown to a buddy only on the day of a visit."),
    )

    # --- How to reach them ----------------------------------------------------------------------------
    phone = EncryptedCharField(_("phone"), max_length=20, help_text=_("The number a buddy calls."))
    other_phone = EncryptedCharField(
        _("other phone"), max_length=20, blank=True, help_text=_("A mobile, or a landline.")
    )
    languages = models.JSONField(
        _("languages"), default=list, help_text=_("So that a buddy who speaks them calls.")
    )
    lives_alone = models.BooleanField(_("lives alone"), default=False, help_text=_("Checked on first."))
    has_tele_alarm = models.BooleanField(
        _("has a tele-alarm"), default=False, help_text=_("A tele-alarm service already watches over them.")
    )
    preferred_contact = models.CharField(
        _("preferred contact"), max_length=10, choices=ContactMode, default=ContactMode.CALL
    )
    preferred_time = models.CharField(
        _("preferred time"), max_length=10, choices=PreferredTime, default=PreferredTime.ANY
    )
    emergency_contact = EncryptedTextField(
        _("emergency contact"),
        max_length=200,
        blank=True,
        help_text=_("Someone to call when the person cannot be reached: name, relationship, phone."),
    )
    care_service = EncryptedTextField(
        _("care service"),
        max_length=200,
        blank=True,
        help_text=_("A home-help or nursing service that visits: its name and phone."),
    )

    # --- Consent and its record ------------------------------------------------------------------------
    registered_as = models.CharField(_("registered by"), max_length=12, choices=RegisteredBy)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("account that registered the person"),
        help_text=_("They see the record and may withdraw it; they receive the acknowledgement."),
    )
    consent_version = models.CharField(_("consent wording version"), max_length=20)
    consent_wording = models.TextField(_("consent wording shown"))
    consent_given_at = models.DateTimeField(_("consent given at"))
    acknowledged_at = models.DateTimeField(
        _("acknowledgement sent at"),
        null=True,
        blank=True,
        help_text=_("The law asks for an acknowledgement within eight days; we send it at once."),
    )
    confirmed_at = models.DateTimeField(
        _("last confirmed at"),
        default=timezone.now,
        help_text=_("Registration, or the last yearly review: a record not confirmed in time is deleted."),
    )
    review_reminded_at = models.DateTimeField(_("review reminder sent at"), null=True, blank=True)

    objects = ResidentQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("vulnerable resident")
        verbose_name_plural = _("vulnerable residents")
        indexes = [
            models.Index(fields=["district", "category"]),
            models.Index(fields=["confirmed_at"]),
        ]

    def __str__(self):
        # Admin lists and logs name a record by its number: the name is not for every screen.
        return str(_("Registered resident #%(pk)s") % {"pk": self.pk})

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("solidarity:resident", kwargs={"pk": self.pk})

    @staticmethod
    def readable_phone(number: str) -> str:
        """+33199004321 as 01 99 00 43 21 (a foreign number in its international form)."""
        import phonenumbers

        try:
            parsed = phonenumbers.parse(number, "FR")
        except phonenumbers.NumberParseException:
            return number
        style = phonenumbers.PhoneNumberFormat
        return phonenumbers.format_number(
            parsed, style.NATIONAL if parsed.country_code == 33 else style.INTERNATIONAL
        )

    @property
    def phone_shown(self) -> str:
        return self.readable_phone(self.phone)

    @property
    def other_phone_shown(self) -> str:
        return self.readable_phone(self.other_phone) if self.other_phone else ""

    def language_labels(self) -> list[str]:
        labels = dict(Language.choices)
        return [str(labels.get(code, code)) for code in self.languages]

    def age_on(self, day) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class Absence(models.Model):
    """A period when the person is away ("in August at my daughter's"): they are not checked on then."""

    resident = models.ForeignKey(VulnerableResident, on_delete=models.CASCADE, related_name="absences")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="solidarity_absence_ends_after"
            )
        ]

    def __str__(self):
        return f"{self.starts_on} → {self.ends_on}"


class CoordinatorScope(models.Model):
    """The arrondissements a solidarity coordinator follows; without one, they follow the whole city."""

    coordinator = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="solidarity_scope"
    )
    districts = models.ManyToManyField(
        "territory.District", related_name="+", verbose_name=_("arrondissements")
    )

    class Meta:
        verbose_name = _("coordinator's arrondissements")
        verbose_name_plural = _("coordinators' arrondissements")

    def __str__(self):
        return str(self.coordinator)


class BuddyProfile(TimeStampedModel):
    """A volunteer's offer to check on vulnerable residents near them during an extreme event.

    Whether they may take check-ins is `buddies.is_trained_buddy(user)`, not this row: having a profile
    says what they offer; a valid certification of the buddies' training is what makes them a buddy."""

    class Base(models.TextChoices):
        DISTRICT_CENTRE = "district", _("The centre of my arrondissement")
        OWN_POINT = "point", _("A point I choose")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buddy_profile"
    )
    checkins_per_day = models.PositiveSmallIntegerField(
        _("check-ins per day"), default=3, help_text=_("How many people you can call or visit in a day.")
    )
    max_distance_km = models.FloatField(
        _("maximum distance (km)"), default=2.0, help_text=_("How far from your base you would go.")
    )
    does_calls = models.BooleanField(_("I can call"), default=True)
    does_visits = models.BooleanField(_("I can visit"), default=False)
    languages = models.JSONField(_("languages"), default=list)
    base = models.CharField(_("base"), max_length=10, choices=Base, default=Base.DISTRICT_CENTRE)
    base_district = models.ForeignKey(
        "territory.District", on_delete=models.PROTECT, related_name="+", verbose_name=_("arrondissement")
    )
    base_lat = models.FloatField(_("base latitude (rounded)"))
    base_lon = models.FloatField(_("base longitude (rounded)"))
    paused_until = models.DateField(
        _("away until"), null=True, blank=True, help_text=_("No check-in is given to you until this day.")
    )

    class Meta:
        verbose_name = _("buddy profile")
        verbose_name_plural = _("buddy profiles")

    def __str__(self):
        return str(_("Buddy profile #%(pk)s") % {"pk": self.pk})

    def is_paused(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.paused_until is not None and self.paused_until >= today

    def modes(self) -> list[str]:
        return [
            mode
            for mode, offered in ((ContactMode.CALL, self.does_calls), (ContactMode.VISIT, self.does_visits))
            if offered
        ]


# The check-ins and escalations (checkin_models.py) build on the assignments; the events, dispatch runs,
# assignments and call list (event_models.py): modules of their own, defined here for Django.
from mobilization.solidarity.checkin_models import CheckIn, Escalation, EscalationNote, Need  # noqa: E402, I001
from mobilization.solidarity.event_models import (  # noqa: E402
    Assignment,
    CallListEntry,
    CapMessage,
    DispatchRun,
    ExtremeEvent,
    Hazard,
    Level,
)
from mobilization.solidarity.extract_models import PrefectExtract  # noqa: E402

__all__ = [
    "Absence",
    "Assignment",
    "BuddyProfile",
    "CallListEntry",
    "CapMessage",
    "CheckIn",
    "ContactMode",
    "CoordinatorScope",
    "DispatchRun",
    "Escalation",
    "EscalationNote",
    "ExtremeEvent",
    "Hazard",
    "Language",
    "Level",
    "Need",
    "PrefectExtract",
    "VulnerableResident",
]
