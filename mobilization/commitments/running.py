"""Initiatives run by organisations.

A representative of a verified organisation who organises an initiative has the organisation run it
(`run_initiative`): the organisation's representatives then manage it as its organiser does, and it is
shown as the organisation's wherever its organiser is named. The initiatives app learns both through the
kernel's registries, which `manages_initiative` and `shown_organisers` fill (apps.py): it imports nothing
of this app.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mobilization.commitments.models import Organisation, OrganisationInitiative, Representation
from mobilization.commitments.rules import represented_organisations
from mobilization.core import audit
from mobilization.core.errors import AlreadyDone, NotAllowed
from mobilization.core.registries import ShownOrganiser
from mobilization.initiatives.models import Initiative

ORGANISATION = gettext_lazy("organisation")


def runnable_initiatives(user):
    """The initiatives the user organises that no organisation runs yet."""
    if not getattr(user, "is_authenticated", False):
        return Initiative.objects.none()
    return (
        Initiative.objects.filter(organiser=user, run_by_organisation__isnull=True)
        .exclude(status__in=[Initiative.Status.FINISHED])
        .order_by("title", "pk")
    )


def run_initiative(organisation: Organisation, initiative: Initiative, *, by) -> OrganisationInitiative:
    """The organisation runs the initiative: asked by its organiser, who represents the organisation."""
    if not organisation.representations.filter(user=by).exists():
        raise NotAllowed(_("Only a representative of the organisation may have it run an initiative."))
    if not organisation.is_verified:
        raise NotAllowed(_("The organisation must be verified by the city before it runs initiatives."))
    if initiative.organiser_id != by.pk:
        raise NotAllowed(_("Only the initiative's organiser may have an organisation run it."))
    try:
        with transaction.atomic():
            link = OrganisationInitiative.objects.create(
                organisation=organisation, initiative=initiative, created_by=by
            )
    except IntegrityError:
        raise AlreadyDone(_("An organisation already runs this initiative.")) from None
    audit.record(by, "commitments.initiative_run", link, initiative=initiative.pk)
    return link


def stop_running(link: OrganisationInitiative, *, by) -> None:
    """The organisation no longer runs the initiative: its organiser alone manages it again."""
    audit.record(by, "commitments.initiative_no_longer_run", link, initiative=link.initiative_id)
    link.delete()


def initiatives_run_by(organisation: Organisation, *, public_only: bool = True):
    links = organisation.initiatives_run.select_related("initiative").order_by("initiative__title", "pk")
    if public_only:
        links = links.filter(Initiative.public_q(prefix="initiative__"))
    return links


# --- What the initiatives app reads through the kernel's registries -----------------------------------------


def _organisation_running(initiative) -> int | None:
    """The verified organisation that runs the initiative, read once per initiative object."""
    if not hasattr(initiative, "_run_by_organisation_id"):
        initiative._run_by_organisation_id = (
            OrganisationInitiative.objects.filter(
                initiative_id=initiative.pk, organisation__status=Organisation.Status.VERIFIED
            )
            .values_list("organisation_id", flat=True)
            .first()
        )
    return initiative._run_by_organisation_id


def manages_initiative(user, initiative) -> bool:
    """A representative of the organisation that runs the initiative manages it (no query for someone who
    represents no organisation)."""
    if initiative is None or not getattr(initiative, "pk", None):
        return False
    represented = represented_organisations(user)
    return bool(represented) and _organisation_running(initiative) in represented


def shown_organisers(initiative_ids: list[int]) -> dict[int, ShownOrganiser]:
    """The verified organisations that run these initiatives, as the initiatives' pages name them: one
    query."""
    url = reverse("commitments:organisation", kwargs={"slug": "-slug-"})
    rows = OrganisationInitiative.objects.filter(
        initiative_id__in=initiative_ids, organisation__status=Organisation.Status.VERIFIED
    ).values_list("initiative_id", "organisation__name", "organisation__slug")
    return {
        pk: ShownOrganiser(name=name, url=url.replace("-slug-", slug), kind=ORGANISATION)
        for pk, name, slug in rows
    }


def seed_demo(generator, organisations: list[Organisation], count: int = 6) -> int:
    """Demo: a few published initiatives run by verified organisations, whose organisers represent them."""
    initiatives = list(Initiative.objects.published().filter(run_by_organisation__isnull=True).order_by("pk"))
    if not initiatives or not organisations:
        return 0
    chosen = generator.sample(initiatives, min(count, len(initiatives)))
    for initiative in chosen:
        organisation = generator.choice(organisations)
        Representation.objects.get_or_create(organisation=organisation, user_id=initiative.organiser_id)
        OrganisationInitiative.objects.create(organisation=organisation, initiative=initiative)
    return len(chosen)
