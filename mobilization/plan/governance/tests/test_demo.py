import io

import pytest

from mobilization.accounts.tests.factories import make_member
from mobilization.core import roles
from mobilization.plan.governance import demo
from mobilization.plan.governance.models import Committee, Consultation, Proposal, Recommendation

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_the_committee_proposals_and_consultations_once(settings):
    settings.PROPOSAL_SUPPORT_THRESHOLD = 10
    for local, role in (
        ("staff", roles.CITY_STAFF),
        ("committee", roles.COMMITTEE_MEMBER),
        ("volunteer", roles.VOLUNTEER),
        ("organiser", roles.ORGANISER),
    ):
        make_member(f"{local}@demo.climat.test", local.title(), (role,))
    out = io.StringIO()
    demo.seed(out)
    demo.seed(out)

    assert Committee.objects.count() == 1
    assert Recommendation.objects.count() == 5
    assert [r.reference for r in Recommendation.objects.overdue()] == ["R-2025-04"]
    assert Proposal.objects.count() == 8
    assert Proposal.objects.filter(threshold_reached_at__isnull=False, status="published").exists()
    assert Proposal.objects.filter(status="answered").count() == 1
    closed = Consultation.objects.get(results_published_at__isnull=False)
    assert closed.result.ballots_count == 20
    assert out.getvalue().count("governance:") == 1
