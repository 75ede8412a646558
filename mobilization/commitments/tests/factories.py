"""Factories of the commitments pillar: a verified organisation with a representative, its commitments
and their reports. `CommitmentFactory()` is the usual commitment of a test: 100 tCO2e in 2020 down to 50
in 2030, reported yearly from 2021."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.commitments.models import (
    Coalition,
    CoalitionMembership,
    Commitment,
    Organisation,
    ProgressReport,
    Representation,
)
from mobilization.core import roles


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda number: f"Boulangerie {number}")
    slug = factory.Sequence(lambda number: f"boulangerie-{number}")
    kind = Organisation.Kind.COMPANY
    size_band = Organisation.SizeBand.SMALL
    status = Organisation.Status.VERIFIED

    @factory.post_generation
    def representative(organisation, create, extracted, **kwargs):
        """`representative=user` makes them its representative; by default a new member is."""
        if not create or extracted is False:
            return
        user = extracted or MemberFactory(roles=(roles.VOLUNTEER, roles.ORGANISATION_REPRESENTATIVE))
        Representation.objects.create(organisation=organisation, user=user)


class CommitmentFactory(DjangoModelFactory):
    class Meta:
        model = Commitment
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda number: f"Halve our emissions {number}")
    indicator = "Greenhouse gas emissions of our sites"
    unit = "tCO2e"
    theme = "energy"
    baseline_year = 2020
    baseline_value = 100.0
    target_year = 2030
    target_value = 50.0
    starts_on = date(2021, 1, 1)


class ProgressReportFactory(DjangoModelFactory):
    class Meta:
        model = ProgressReport

    commitment = factory.SubFactory(CommitmentFactory)
    period = "2021"
    year = factory.LazyAttribute(lambda report: int(report.period[:4]))
    value = 95.0
    status = ProgressReport.Status.SUBMITTED


def representative_of(organisation):
    return organisation.representatives.first()


class CoalitionFactory(DjangoModelFactory):
    """A coalition led by one verified organisation (`lead=organisation` names it; a new one by default)."""

    class Meta:
        model = Coalition
        skip_postgeneration_save = True

    name = factory.Sequence(lambda number: f"Coalition des commerces {number}")
    slug = factory.Sequence(lambda number: f"coalition-{number}")
    theme = "energy"
    description = "Des commerces du quartier réduisent ensemble leur consommation."

    @factory.post_generation
    def lead(coalition, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        CoalitionMembership.objects.create(
            coalition=coalition,
            organisation=extracted or OrganisationFactory(),
            is_lead=True,
            status=CoalitionMembership.Status.APPROVED,
        )


class CoalitionCommitmentFactory(CommitmentFactory):
    organisation = None
    coalition = factory.SubFactory(CoalitionFactory)
