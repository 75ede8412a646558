"""In Chromium: a volunteer finds a guide by searching without accents, registers to a training session,
the trainer marks attendance, the volunteer's profile shows the certification, anyone verifies it by its
code, and the solidarity pillar's check accepts it. Axe runs on every page of the learning app."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.core.testing import look_at, signed_in_page
from mobilization.events.tests.factories import EventsArrondissementFactory
from mobilization.learning.certifications import holds_valid_certification
from mobilization.learning.models import Certification
from mobilization.learning.tests.factories import (
    ResourceFactory,
    SessionFactory,
    TrainingFactory,
    add_quiz,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def look(page, axe_check, screenshot, name, *, phone=False):
    look_at(page, axe_check, screenshot, f"learning-{name}", phone=phone)


def test_guide_found_without_accents_then_trained_certified_and_verified(
    page, browser, live_server, axe_check, screenshot
):
    EventsArrondissementFactory()
    trainer = MemberFactory(display_name="Tania Formatrice")
    volunteer = MemberFactory(display_name="Camille Bénévole")
    staff = MemberFactory(display_name="Louis Équipe", roles=(roles.CITY_STAFF,))
    training = TrainingFactory(code="heatwave-buddy", title="Binôme solidarité canicule", trainers=[trainer])
    session = SessionFactory(training=training, starts_at=timezone.now() + timedelta(minutes=40), capacity=8)
    guide = ResourceFactory(
        title="Canicule : protéger les personnes âgées",
        summary="Faire boire, rafraîchir, appeler chaque jour.",
    )
    ResourceFactory(title="Réparer son vélo", theme="mobility")
    guide.feedback.create(user=staff, useful=False, comment="Ajouter les numéros utiles.")

    # A visitor finds the guide typing without accents, and reads it without getting a cookie.
    page.goto(reverse("learning:resource_list"))
    look(page, axe_check, screenshot, "guides", phone=True)
    page.get_by_label("Words").fill("personnes agees canicule")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"q=personnes"))
    assert page.get_by_role("link", name="Réparer son vélo").count() == 0
    page.get_by_role("link", name="Canicule : protéger les personnes âgées").click()
    page.wait_for_url(re.compile(rf"/learning/resources/{guide.pk}/$"))
    look(page, axe_check, screenshot, "guide", phone=True)
    assert page.context.cookies() == []

    # The volunteer registers to the session of the training.
    volunteer_page = signed_in_page(browser, live_server, volunteer)
    volunteer_page.goto(reverse("learning:training_list"))
    look(volunteer_page, axe_check, screenshot, "trainings", phone=True)
    volunteer_page.get_by_role("link", name="Binôme solidarité canicule").click()
    look(volunteer_page, axe_check, screenshot, "training", phone=True)
    volunteer_page.locator(f"a[href='{session.get_absolute_url()}']").click()
    volunteer_page.get_by_role("button", name="Register").click()
    volunteer_page.locator("#registration-status").wait_for()
    assert "You are registered." in volunteer_page.locator("#registration-status").inner_text()
    # A signed-in reader answers "was this useful?".
    volunteer_page.goto(guide.get_absolute_url())
    volunteer_page.get_by_label("Yes").check()
    volunteer_page.get_by_role("button", name="Send").click()
    volunteer_page.get_by_text("Thank you").wait_for()

    # The trainer marks the attendance.
    trainer_page = signed_in_page(browser, live_server, trainer)
    trainer_page.goto(training.get_absolute_url())
    trainer_page.get_by_role("link", name="Attendance").first.click()
    trainer_page.get_by_label("Camille Bénévole").check()
    look(trainer_page, axe_check, screenshot, "attendance", phone=True)
    trainer_page.get_by_role("button", name="Save the attendance").click()
    trainer_page.get_by_text("Attendance is saved.").wait_for()
    certification = Certification.objects.get(user=volunteer, training=training)
    assert certification.code in trainer_page.content()
    # The trainer, a trusted writer, may draft a resource.
    trainer_page.goto(reverse("learning:resource_create"))
    look(trainer_page, axe_check, screenshot, "resource-form")

    # The volunteer's profile shows it; its public page says it is valid.
    volunteer_page.goto(reverse("accounts:profile"))
    section = volunteer_page.locator("#certifications")
    assert "Binôme solidarité canicule" in section.inner_text()
    screenshot(volunteer_page, "learning-profile")
    section.get_by_role("link", name="Binôme solidarité canicule").click()
    assert "Valid today" in volunteer_page.locator("#certification-verdict").inner_text()

    # Anyone verifies it by its code, typed loosely; the page names the holder by display name only.
    page.goto(reverse("learning:verify"))
    look(page, axe_check, screenshot, "verify", phone=True)
    page.get_by_label("Certification code").fill(certification.code.replace("-", " ").lower())
    page.get_by_role("button", name="Check").click()
    page.wait_for_url(re.compile(rf"/certifications/{certification.code}/$"))
    assert "Camille Bénévole" in page.content()
    assert volunteer.email not in page.content()
    look(page, axe_check, screenshot, "certification", phone=True)

    # The solidarity pillar's check accepts the volunteer as a trained heatwave buddy.
    assert holds_valid_certification(volunteer, "heatwave-buddy")
    assert not holds_valid_certification(trainer, "heatwave-buddy")

    # Staff review the resources and read the feedback; a quiz page is accessible too.
    staff_page = signed_in_page(browser, live_server, staff)
    staff_page.goto(reverse("learning:resource_review"))
    look(staff_page, axe_check, screenshot, "review")
    staff_page.goto(guide.get_absolute_url())
    assert "Ajouter les numéros utiles." in staff_page.content()
    draft = ResourceFactory(title="Brouillon à relire", status="submitted", published_at=None)
    staff_page.goto(reverse("learning:resource_reject", kwargs={"pk": draft.pk}))
    look(staff_page, axe_check, screenshot, "reject")
    training.requires_quiz = True
    training.save()
    add_quiz(training)
    volunteer_page.goto(reverse("learning:quiz", kwargs={"pk": training.pk}))
    look(volunteer_page, axe_check, screenshot, "quiz")
