import io
from datetime import date

import pytest

from mobilization.accounts.services import create_demo_account
from mobilization.commitments import charter, demo
from mobilization.commitments.models import (
    Coalition,
    CoalitionMembership,
    Commitment,
    Organisation,
    ProgressReport,
)
from mobilization.core import roles
from mobilization.territory.tests.factories import ArrondissementFactory

pytestmark = pytest.mark.django_db


def test_the_demo_shows_organisations_across_arrondissements_and_commitments_in_mixed_states(today):
    today(date(2026, 6, 1))
    for number in (3, 11, 20):
        ArrondissementFactory(number=number, name=f"{number}e")
    create_demo_account(
        "organisation@demo.climat.test", "x-demo-pass-2026", [roles.ORGANISATION_REPRESENTATIVE], "Hugo"
    )
    demo.seed(io.StringIO())

    assert Organisation.objects.count() == 60
    assert Organisation.objects.filter(status=Organisation.Status.PENDING).count() == 1
    assert Organisation.objects.values("district").distinct().count() == 3
    assert Commitment.objects.filter(organisation__isnull=False).count() == 150
    assert Coalition.objects.count() == 5
    for coalition in Coalition.objects.all():
        assert coalition.memberships.filter(is_lead=True).exists()
        assert (
            coalition.memberships.filter(status=CoalitionMembership.Status.APPROVED, is_lead=False).count()
            >= 3
        )
        assert coalition.commitments.count() == 2
    assert CoalitionMembership.objects.filter(status=CoalitionMembership.Status.REQUESTED).exists()
    reached = {
        level and level.order
        for level in charter.levels_of(Organisation.objects.values_list("pk", flat=True)).values()
    }
    assert {1, 2, 3} <= reached  # every charter level is shown somewhere
    statuses = set(Commitment.objects.values_list("status", flat=True))
    assert {"in_progress", "off_track", "withdrawn"} <= statuses
    assert ProgressReport.objects.filter(status=ProgressReport.Status.VERIFIED).count() > 300
    assert ProgressReport.objects.exclude(status=ProgressReport.Status.VERIFIED).exists()
    assert Organisation.objects.filter(representatives__email="organisation@demo.climat.test").count() == 3
    # The registry shows every commitment but those of the organisation awaiting verification.
    hidden = Commitment.objects.filter(organisation__status=Organisation.Status.PENDING).count()
    assert Commitment.objects.public().count() == 160 - hidden
    demo.seed(io.StringIO())  # run again: nothing more
    assert Commitment.objects.count() == 160 and Coalition.objects.count() == 5
