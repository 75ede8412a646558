"""The learning pages: trainings, attendance, the quiz, a certification's public page, the profile."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from mobilization.events import services as event_services
from mobilization.learning import services
from mobilization.learning.models import Certification, Training
from mobilization.learning.tests.factories import TrainingFactory, add_quiz, right_answers


def _open(session):
    session.starts_at = timezone.now() + timedelta(minutes=30)
    session.ends_at = session.starts_at + timedelta(hours=2)
    session.save(update_fields=["starts_at", "ends_at"])


def test_the_list_shows_published_trainings_and_their_next_session(client, session):
    TrainingFactory(title="Brouillon secret", status=Training.Status.DRAFT)
    page = client.get(reverse("learning:training_list")).content.decode()
    assert "Binôme solidarité canicule" in page
    assert "Brouillon secret" not in page
    assert "Next session" in page or "Prochaine session" in page


def test_a_training_page_lists_its_sessions_and_a_draft_is_hidden(client, session):
    page = client.get(session.training.get_absolute_url()).content.decode()
    assert session.get_absolute_url() in page
    draft = TrainingFactory(status=Training.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_session_is_an_event_organised_by_its_training(client, session):
    page = client.get(session.get_absolute_url()).content.decode()
    assert session.training.get_absolute_url() in page
    listing = client.get(reverse("events:list")).content.decode()
    assert session.get_absolute_url() in listing


def test_the_trainer_marks_attendance_and_the_volunteer_is_certified(client, session, trainer, volunteer):
    event_services.register(session, volunteer)
    _open(session)
    client.force_login(trainer)
    url = reverse("learning:attendance", kwargs={"pk": session.pk})
    assert "Victor Volunteer" in client.get(url).content.decode()

    response = client.post(url, {"present": [volunteer.pk]})

    assert response.status_code == 302
    certification = Certification.objects.get(user=volunteer)
    assert certification.code in client.get(url).content.decode()


def test_a_volunteer_cannot_take_attendance(client, session, volunteer):
    client.force_login(volunteer)
    response = client.post(
        reverse("learning:attendance", kwargs={"pk": session.pk}), {"present": [volunteer.pk]}
    )
    assert response.status_code == 403
    assert not Certification.objects.exists()


def test_attendance_before_the_day_is_refused_with_a_reason(client, session, trainer, volunteer):
    event_services.register(session, volunteer)
    client.force_login(trainer)
    response = client.post(
        reverse("learning:attendance", kwargs={"pk": session.pk}), {"present": [volunteer.pk]}
    )
    assert response.status_code == 409
    assert not Certification.objects.exists()


def _certify(session, volunteer, trainer):
    event_services.register(session, volunteer)
    _open(session)
    return services.take_attendance(session, [volunteer.pk], by=trainer)[0]


def test_anyone_verifies_a_certification_by_its_code_without_a_cookie(client, session, trainer, volunteer):
    certification = _certify(session, volunteer, trainer)
    typed = certification.code.replace("-", "").lower()

    response = client.get(reverse("learning:verify"), {"code": typed})

    assert response.status_code == 302 and response["Location"] == certification.get_absolute_url()
    page = client.get(certification.get_absolute_url())
    text = page.content.decode()
    assert "Victor Volunteer" in text
    assert volunteer.email not in text
    assert 'id="certification-verdict"' in text and "status-ok" in text
    assert not page.cookies


def test_an_unknown_code_is_answered_on_the_form(client, db):
    page = client.get(reverse("learning:verify"), {"code": "AAAA-BBBB-CC"}).content.decode()
    assert "No certification has this code." in page or "Aucune certification" in page
    assert client.get(reverse("learning:certification", kwargs={"code": "AAAA-BBBB-CC"})).status_code == 404


def test_the_profile_shows_the_certifications(client, session, trainer, volunteer):
    certification = _certify(session, volunteer, trainer)
    client.force_login(volunteer)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert certification.code in page
    assert certification.get_absolute_url() in page


def test_the_quiz_page_scores_and_certifies(client, session, trainer, volunteer):
    training = session.training
    training.requires_quiz = True
    training.save()
    questions = add_quiz(training)
    event_services.register(session, volunteer)
    _open(session)
    services.take_attendance(session, [volunteer.pk], by=trainer)
    client.force_login(volunteer)
    url = reverse("learning:quiz", kwargs={"pk": training.pk})
    assert client.get(url).status_code == 200

    answers = right_answers(questions)
    data = {f"question_{index}": answers[q.pk] for index, q in enumerate(questions, start=1)}
    response = client.post(url, data)

    assert response.status_code == 302
    assert Certification.objects.filter(user=volunteer, status="valid").exists()


def test_an_unanswered_quiz_is_shown_again_with_errors(client, session, volunteer):
    training = session.training
    training.requires_quiz = True
    training.save()
    add_quiz(training)
    client.force_login(volunteer)
    response = client.post(reverse("learning:quiz", kwargs={"pk": training.pk}), {})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_the_events_api_names_a_session_by_its_training(client, session):
    data = client.get(reverse("api:list_events")).json()
    [item] = [item for item in data["items"] if item["id"] == session.pk]
    assert item["initiative"] is None
    assert item["training"]["title"] == session.training.title
    assert item["training"]["url"].endswith(session.training.get_absolute_url())


def test_the_api_lists_resources_searched_without_accents_and_checks_a_certification(
    client, session, trainer, volunteer
):
    from mobilization.learning.tests.factories import ResourceFactory

    guide = ResourceFactory(title="Canicule : protéger les aînés")
    ResourceFactory(title="Réparer son vélo")
    data = client.get(reverse("api:list_resources"), {"q": "aines", "theme": "solidarity"}).json()
    assert [item["id"] for item in data["items"]] == [guide.pk]

    certification = _certify(session, volunteer, trainer)
    checked = client.get(reverse("api:certification", kwargs={"code": certification.code})).json()
    assert checked == {
        "code": certification.code,
        "holder": "Victor Volunteer",
        "training": "heatwave-buddy",
        "granted_on": certification.granted_on.isoformat(),
        "expires_on": certification.expires_on.isoformat(),
        "status": "valid",
        "valid_today": True,
    }
    assert client.get(reverse("api:certification", kwargs={"code": "AAAA-BBBB-CC"})).status_code == 404
    codes = [training["code"] for training in client.get(reverse("api:list_trainings")).json()]
    assert codes == ["heatwave-buddy"]


def test_an_online_link_is_shown_to_the_people_registered_only(client, session, volunteer, make_member):
    session.online_url = "https://visio.example.org/binome-canicule"
    session.save(update_fields=["online_url"])
    event_services.register(session, volunteer)
    assert "visio.example.org" not in client.get(session.get_absolute_url()).content.decode()
    client.force_login(make_member())
    assert "visio.example.org" not in client.get(session.get_absolute_url()).content.decode()
    client.force_login(volunteer)
    assert "visio.example.org" in client.get(session.get_absolute_url()).content.decode()
