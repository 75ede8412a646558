"""The demo seeder on the real Paris arrondissements: about 200 initiatives, once."""

import io

import pytest
from django.core.management import call_command

from mobilization.accounts.services import create_demo_account
from mobilization.core import roles
from mobilization.initiatives import demo, synergy
from mobilization.initiatives.models import Initiative, InitiativeSearchTerm, Partnership
from mobilization.territory.services import district_at

pytestmark = pytest.mark.django_db


@pytest.fixture
def paris(paris_data):
    call_command("import_paris", stdout=io.StringIO())
    create_demo_account("organiser@demo.climat.test", "x-demo-pass-2026", [roles.ORGANISER], "Nadia")
    create_demo_account("volunteer@demo.climat.test", "x-demo-pass-2026", [roles.VOLUNTEER], "Camille")


def test_the_demo_seeds_realistic_initiatives_once(paris):
    out = io.StringIO()
    demo.seed(out)
    initiatives = Initiative.objects.select_related("district")
    assert 180 <= initiatives.count() <= 260
    assert initiatives.values("district").distinct().count() == 20
    assert initiatives.filter(status="submitted").exists()
    assert initiatives.filter(status="draft").exists()
    assert all(district_at(i.lat, i.lon) == i.district for i in initiatives)
    assert InitiativeSearchTerm.objects.values("initiative").distinct().count() == initiatives.count()
    assert Partnership.objects.filter(status="accepted").count() >= 2
    pair = Initiative.objects.get(title="Lombricompost collectif Oberkampf–Parmentier")
    assert synergy.similar_to(pair)[0].initiative.title == "Lombricomposteurs des immeubles Parmentier"

    demo.seed(out)
    assert Initiative.objects.count() == initiatives.count()
    assert "already there" in out.getvalue()
