"""Organisations run initiatives (issue 13): the commitments app keeps which organisation runs which
initiative; the initiatives app learns through the kernel's registries who else manages it (the
organisation's representatives) and whose name to show (the organisation's, linked to its page)."""

import csv
import io

import pytest
from django.core.cache import cache
from django.urls import reverse

from mobilization.commitments import running
from mobilization.commitments.models import Organisation, OrganisationInitiative
from mobilization.commitments.tests.factories import OrganisationFactory
from mobilization.core.errors import AlreadyDone, NotAllowed
from mobilization.initiatives.tests.factories import InitiativeFactory, person

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def organiser():
    return person(display_name="Camille")


@pytest.fixture
def organisation(organiser):
    return OrganisationFactory(
        name="Recyclerie du Faubourg", slug="recyclerie-du-faubourg", representative=organiser
    )


@pytest.fixture
def colleague(organisation):
    """Another representative of the organisation, who does not organise the initiative."""
    user = person(display_name="Dominique")
    organisation.representations.create(user=user)
    return user


@pytest.fixture
def initiative(organiser, organisation):
    initiative = InitiativeFactory(title="Atelier de réparation", organiser=organiser)
    running.run_initiative(organisation, initiative, by=organiser)
    return initiative


def test_a_representative_of_the_organisation_manages_the_initiative(client, initiative, colleague):
    assert colleague.has_perm("initiatives.manage_initiative", initiative)
    assert colleague.has_perm("initiatives.change_initiative", initiative)
    client.force_login(colleague)
    assert client.get(reverse("initiatives:manage", kwargs={"pk": initiative.pk})).status_code == 200
    page = client.get(initiative.get_absolute_url()).text
    assert "You organise this initiative" in page


def test_someone_who_does_not_represent_it_does_not_manage_it(client, initiative):
    stranger = person(display_name="Sacha")
    OrganisationFactory(representative=stranger)  # represents another organisation
    assert not stranger.has_perm("initiatives.manage_initiative", initiative)
    client.force_login(stranger)
    assert client.get(reverse("initiatives:manage", kwargs={"pk": initiative.pk})).status_code in (403, 404)


def test_the_organisation_stops_running_it_and_its_representatives_no_longer_manage_it(initiative, colleague):
    running.stop_running(OrganisationInitiative.objects.get(initiative=initiative), by=colleague)
    fresh = type(initiative).objects.get(pk=initiative.pk)
    assert not colleague.has_perm("initiatives.manage_initiative", fresh)


def test_only_its_organiser_representing_a_verified_organisation_has_it_run(
    organiser, organisation, colleague
):
    initiative = InitiativeFactory(organiser=organiser)
    with pytest.raises(NotAllowed):
        running.run_initiative(organisation, initiative, by=colleague)  # not its organiser
    pending = OrganisationFactory(status=Organisation.Status.PENDING, representative=organiser)
    with pytest.raises(NotAllowed):
        running.run_initiative(pending, initiative, by=organiser)
    running.run_initiative(organisation, initiative, by=organiser)
    with pytest.raises(AlreadyDone):
        running.run_initiative(OrganisationFactory(representative=organiser), initiative, by=organiser)


def test_the_organisation_is_named_on_the_initiatives_page_list_api_and_csv(client, initiative, organisation):
    url = organisation.get_absolute_url()
    page = client.get(initiative.get_absolute_url()).text
    assert "Recyclerie du Faubourg" in page and f'href="{url}"' in page
    listing = client.get(reverse("initiatives:list")).text
    assert "Recyclerie du Faubourg" in listing and f'href="{url}"' in listing
    items = client.get("/api/v1/initiatives").json()["items"]
    assert [(item["organisation"], item["organisation_url"]) for item in items] == [
        ("Recyclerie du Faubourg", url)
    ]
    detail = client.get(f"/api/v1/initiatives/{initiative.pk}").json()
    assert detail["organisation"] == "Recyclerie du Faubourg"
    response = client.get(reverse("initiatives:download_csv"))
    text = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["organisation"] == "Recyclerie du Faubourg" and row["organisation_url"] == url


def test_an_initiative_no_organisation_runs_names_its_organiser(client):
    initiative = InitiativeFactory(organiser=person(display_name="Alexis"))
    assert "Organised by <bdi>Alexis</bdi>" in client.get(initiative.get_absolute_url()).text
    assert client.get("/api/v1/initiatives").json()["items"][0]["organisation"] is None


def test_the_list_and_api_name_the_organisations_in_a_fixed_number_of_queries(
    client, organiser, organisation
):
    from mobilization.core.testing import assert_queries_do_not_grow

    def add_rows():
        for number in range(4):
            other = OrganisationFactory(representative=organiser)
            running.run_initiative(
                other, InitiativeFactory(title=f"Vélo {number}", organiser=organiser), by=organiser
            )

    def fetch():
        cache.clear()
        return client.get(reverse("initiatives:list"))

    InitiativeFactory(organiser=organiser)
    assert_queries_do_not_grow(fetch, add_rows)
    assert_queries_do_not_grow(lambda: client.get("/api/v1/initiatives"), add_rows)


def test_a_representative_has_the_organisation_run_an_initiative_from_the_organisations_page(
    client, organiser, organisation
):
    initiative = InitiativeFactory(title="Jardin partagé", organiser=organiser)
    client.force_login(organiser)
    page_url = reverse("commitments:organisation_initiatives", kwargs={"slug": organisation.slug})
    assert "Jardin partagé" in client.get(page_url).text
    response = client.post(page_url, {"initiative": initiative.pk})
    assert response.status_code == 302
    assert OrganisationInitiative.objects.get(initiative=initiative).organisation == organisation
    assert "Jardin partagé" in client.get(organisation.get_absolute_url()).text
    stop = reverse(
        "commitments:organisation_initiative_stop", kwargs={"slug": organisation.slug, "pk": initiative.pk}
    )
    assert client.post(stop).status_code == 302
    assert not OrganisationInitiative.objects.exists()


def test_someone_else_cannot_pick_an_initiative_they_do_not_organise(client, organisation, colleague):
    theirs = InitiativeFactory()
    client.force_login(colleague)
    page_url = reverse("commitments:organisation_initiatives", kwargs={"slug": organisation.slug})
    response = client.post(page_url, {"initiative": theirs.pk})
    assert response.status_code == 200 and not OrganisationInitiative.objects.exists()


def test_the_demo_has_some_initiatives_run_by_organisations(monkeypatch):
    from datetime import date

    from mobilization.commitments import demo, services
    from mobilization.territory.tests.factories import ArrondissementFactory

    monkeypatch.setattr(services, "today", lambda: date(2026, 6, 1))
    ArrondissementFactory(number=12, name="12e")
    for number in range(8):
        InitiativeFactory(title=f"Initiative {number}")
    demo.seed(io.StringIO())
    links = OrganisationInitiative.objects.select_related("organisation", "initiative")
    assert links.count() == 6
    for link in links:
        assert link.organisation.is_verified
        assert link.organisation.representations.filter(user=link.initiative.organiser).exists()
