from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mobilization.core.models import TimeStampedModel
from mobilization.territory import hours


class City(TimeStampedModel):
    name = models.CharField(_("name"), max_length=120)
    insee_code = models.CharField(_("INSEE code"), max_length=5, unique=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def __str__(self):
        return self.name


class DistrictQuerySet(models.QuerySet):
    def arrondissements(self):
        """The arrondissements in order, without their outlines: menus and lists never need them, and
        decoding a hundred polygons costs more than the rest of a page."""
        return self.filter(level=District.Level.ARRONDISSEMENT).defer("geometry").order_by("number")


class District(TimeStampedModel):
    """An arrondissement, or a quartier inside one. Geometry is GeoJSON in WGS84 (lon, lat)."""

    class Level(models.TextChoices):
        ARRONDISSEMENT = "arrondissement", _("Arrondissement")
        QUARTIER = "quartier", _("Quartier")

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="districts")
    level = models.CharField(_("level"), max_length=16, choices=Level)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("parent"),
    )
    code = models.CharField(_("code"), max_length=10, help_text=_("Official code, e.g. INSEE 75104."))
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("1 to 20 for arrondissements."))
    name = models.CharField(_("name"), max_length=120)
    official_name = models.CharField(_("official name"), max_length=160, blank=True)
    geometry = models.JSONField(_("geometry"), help_text=_("GeoJSON geometry, WGS84."))
    area_m2 = models.FloatField(_("area (m²)"))
    centroid_lat = models.FloatField(_("centroid latitude"))
    centroid_lon = models.FloatField(_("centroid longitude"))

    objects = DistrictQuerySet.as_manager()

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["level", "number"]
        constraints = [models.UniqueConstraint(fields=["city", "level", "code"], name="unique_district_code")]

    def __str__(self):
        return self.name

    @property
    def area_km2(self) -> float:
        return self.area_m2 / 1_000_000

    @property
    def label(self) -> str:
        """The name residents know, with the official one beside it: "4ème Ardt (Hôtel-de-Ville)"."""
        if self.official_name and self.official_name != self.name:
            return f"{self.name} ({self.official_name})"
        return self.name


class Place(TimeStampedModel):
    """A place residents can go to: a cool place in a heatwave, a drinking fountain, a green space."""

    class Kind(models.TextChoices):
        COOL_PLACE = "cool_place", _("Cool place")
        FOUNTAIN = "fountain", _("Drinking fountain")
        GREEN_SPACE = "green_space", _("Cool green space")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind, db_index=True)
    category = models.CharField(
        _("category"), max_length=120, blank=True, help_text=_("The source's own type, e.g. 'Piscines'.")
    )
    name = models.CharField(_("name"), max_length=255)
    address = models.CharField(_("address"), max_length=255, blank=True)
    district = models.ForeignKey(
        District,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="places",
        verbose_name=_("district"),
    )
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    geometry = models.JSONField(_("geometry"), null=True, blank=True, help_text=_("GeoJSON outline, if any."))
    opening_hours = models.JSONField(
        _("opening hours"),
        default=dict,
        blank=True,
        help_text=_("Per weekday 0-6: a list of [open, close] 'HH:MM'."),
    )
    is_free = models.BooleanField(_("free"), null=True)
    is_available = models.BooleanField(_("available"), default=True)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    source_dataset = models.CharField(_("source dataset"), max_length=120)
    source_id = models.CharField(_("source id"), max_length=120)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["source_dataset", "source_id"], name="unique_place_source"),
        ]
        indexes = [
            models.Index(fields=["kind", "district"]),
            # The list's order: a page of 25 reads 25 rows of the index, not every place to sort them.
            models.Index(fields=["name", "id"], name="territory_place_by_name"),
            # The places' version (services.places_version) reads the last change on every list.
            models.Index(fields=["updated_at"], name="territory_place_by_change"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("territory:place", args=[self.pk])

    def hours_on(self, weekday: int) -> list[list[str]] | None:
        """The opening intervals of a weekday (0 is Monday): [] when closed, None when not known."""
        return self.opening_hours.get(str(weekday))

    @property
    def hours_today(self) -> str:
        """Today's hours in words, in the city's time zone."""
        return hours.describe(self.hours_on(timezone.localdate().weekday()))
