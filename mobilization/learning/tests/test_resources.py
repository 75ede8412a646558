"""Resources: written by staff or trusted volunteers, published after review, found without accents,
"was this useful?" for people signed in, and the "learn how" links on the pages they help with."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.core.errors import InvalidTransition
from mobilization.core.registries import learn_how_links
from mobilization.learning import files, search, services
from mobilization.learning.models import Resource
from mobilization.learning.tests.factories import ResourceFactory
from mobilization.notifications.models import Notification


@pytest.fixture
def staff(db):
    return MemberFactory(roles=(roles.CITY_STAFF,), display_name="Louis Staff")


def _details(**values):
    data = {
        "title": "Protéger les personnes âgées pendant l'été",
        "summary": "Les gestes qui sauvent quand il fait très chaud.",
        "body": "Appeler chaque jour, faire boire, fermer les volets.",
        "kind": "guide",
        "theme": "solidarity",
        "language": "fr",
        "level": "beginner",
        "link": "",
    }
    return services.ResourceDetails(**{**data, **values})


def test_a_guide_is_found_by_words_typed_without_accents(db):
    wanted = ResourceFactory(title="Vague de chaleur : protéger ses aînés", summary="Été caniculaire")
    ResourceFactory(title="Réparer son vélo", summary="Crevaison et freins")
    found = list(search.search(Resource.objects.published(), "aines ete"))
    assert found == [wanted]
    assert list(search.search(Resource.objects.published(), "VELO")) != [wanted]


def test_the_list_searches_and_filters(client, db):
    ResourceFactory(title="Composter en appartement", theme="waste_repair", level="beginner")
    ResourceFactory(title="Composter en collectif", theme="waste_repair", level="advanced")
    ResourceFactory(title="Économiser l'énergie", theme="energy")
    page = client.get(reverse("learning:resource_list"), {"q": "compost", "level": "advanced"})
    text = page.content.decode()
    assert "Composter en collectif" in text
    assert "Composter en appartement" not in text
    assert "Économiser" not in text
    assert not page.cookies


def test_a_draft_is_hidden_until_staff_publish_it_and_the_author_is_told(client, staff, trainer, training):
    resource = services.create_resource(_details(), by=trainer)
    assert client.get(resource.get_absolute_url()).status_code == 404
    assert not search.search(Resource.objects.published(), "agees").exists()

    services.submit_resource(resource, by=trainer)
    services.publish_resource(resource, by=staff)

    assert client.get(resource.get_absolute_url()).status_code == 200
    assert list(search.search(Resource.objects.published(), "agees")) == [resource]
    assert Notification.objects.filter(recipient=trainer, kind="resource_published").exists()


def test_staff_send_a_submission_back_with_a_reason(staff, trainer, training):
    resource = services.create_resource(_details(), by=trainer)
    services.submit_resource(resource, by=trainer)
    services.reject_resource(resource, by=staff, reason="Ajoutez une source.")
    assert resource.status == Resource.Status.REJECTED
    assert "Ajoutez une source." in Notification.objects.get(recipient=trainer, kind="resource_rejected").body
    with pytest.raises(InvalidTransition):
        services.reject_resource(resource, by=staff, reason="Encore.")


def test_a_volunteer_who_trains_nobody_cannot_write_and_a_trainer_can(client, volunteer, trainer, training):
    client.force_login(volunteer)
    assert client.get(reverse("learning:resource_create")).status_code == 403
    client.force_login(trainer)
    response = client.post(
        reverse("learning:resource_create"),
        {
            "title": "Fiche canicule",
            "summary": "Les bons réflexes.",
            "kind": "guide",
            "theme": "solidarity",
            "language": "fr",
            "level": "beginner",
        },
    )
    assert response.status_code == 302
    assert Resource.objects.get(title="Fiche canicule").status == Resource.Status.DRAFT


def test_feedback_is_for_people_signed_in_and_staff_see_it(client, staff, volunteer):
    resource = ResourceFactory()
    anonymous = client.get(resource.get_absolute_url())
    assert (
        f'action="{reverse("learning:resource_feedback", kwargs={"pk": resource.pk})}"'
        not in anonymous.content.decode()
    )
    assert not anonymous.cookies

    client.force_login(volunteer)
    url = reverse("learning:resource_feedback", kwargs={"pk": resource.pk})
    assert client.post(url, {"useful": "no", "comment": "Il manque des numéros utiles."}).status_code == 302
    assert client.post(url, {"useful": "yes", "comment": ""}).status_code == 302
    assert resource.feedback.count() == 1 and resource.feedback.get().useful

    client.force_login(staff)
    page = client.get(resource.get_absolute_url()).content.decode()
    assert "Useful: 1" in page or "Utile" in page


def test_a_pdf_with_a_script_is_refused_and_a_plain_one_kept():
    plain = SimpleUploadedFile("guide.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    assert files.check(plain).kind == "pdf"
    active = SimpleUploadedFile(
        "x.pdf", b"%PDF-1.4\n<</OpenAction<</S/JavaScript/JS(app.alert(1))>>>>\n%%EOF"
    )
    with pytest.raises(files.ValidationError):
        files.check(active)
    with pytest.raises(files.ValidationError):
        files.check(SimpleUploadedFile("x.exe", b"MZ\x90\x00not a pdf nor a picture"))


def test_objectives_and_initiatives_link_back_to_their_resources(client, db):
    from django.apps import apps

    from mobilization.events.tests.factories import HostFactory

    # By label, as the app itself reaches the plan (learning sits below it in the layers).
    objective = apps.get_model("plan", "Objective").objects.create(
        slug="heatwave-registry",
        title="Registre canicule",
        metric="Personnes inscrites",
        unit="people",
        direction="up",
        baseline_year=2013,
        baseline_value=100.0,
    )
    initiative = HostFactory()
    resource = ResourceFactory(title="Isoler sa copropriété")
    resource.objectives.add(objective)
    resource.initiatives.add(initiative)
    draft = ResourceFactory(title="Brouillon", status="draft")
    draft.objectives.add(objective)

    assert [link.url for link in learn_how_links(objective)] == [resource.get_absolute_url()]
    assert resource.get_absolute_url() in client.get(objective.get_absolute_url()).content.decode()
    assert resource.get_absolute_url() in client.get(initiative.get_absolute_url()).content.decode()


def test_the_cached_list_shows_a_new_resource_at_once(client, db):
    ResourceFactory(title="Premier guide")
    listing = reverse("learning:resource_list")
    assert "Premier guide" in client.get(listing).content.decode()
    ResourceFactory(title="Deuxième guide")
    assert "Deuxième guide" in client.get(listing).content.decode()


def test_the_list_takes_a_fixed_number_of_queries(client, db):
    from mobilization.core.testing import count_queries

    listing = reverse("learning:resource_list")
    ResourceFactory.create_batch(3)
    few = count_queries(lambda: client.get(listing, {"nocache": "1"}))
    ResourceFactory.create_batch(12)
    assert count_queries(lambda: client.get(listing, {"nocache": "2"})) == few
