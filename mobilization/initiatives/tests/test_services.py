"""The services of initiatives, called directly: lifecycle, people, news, reports, partners, impact."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from mobilization.core.errors import DomainError, InvalidTransition, NotAllowed
from mobilization.core.models import AuditEvent
from mobilization.initiatives import services
from mobilization.initiatives.models import (
    ContentReport,
    ImpactRecord,
    Initiative,
    InitiativeSearchTerm,
    Membership,
    Partnership,
)
from mobilization.notifications.models import Notification

pytestmark = pytest.mark.django_db
Status = Initiative.Status


def kinds_of(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


# --- Lifecycle -------------------------------------------------------------------------------------------


def test_a_new_initiative_is_a_draft_of_its_organiser_and_is_indexed(organiser, eleventh):
    initiative = services.create_initiative(
        organiser=organiser,
        title="Atelier de réparation de vélos",
        summary="Réparer son vélo soi-même.",
        description="Tous les samedis.",
        themes=["mobility"],
        district=eleventh,
        lat=48.86,
        lon=2.365,
    )
    assert initiative.status == Status.DRAFT
    assert InitiativeSearchTerm.objects.filter(initiative=initiative, term="velo").exists()
    assert AuditEvent.objects.filter(action="initiative.created", object_id=str(initiative.pk)).exists()


def test_editing_the_text_reindexes_it(published_initiative, organiser):
    services.update_initiative(published_initiative, by=organiser, title="Ruche du square")
    terms = set(
        InitiativeSearchTerm.objects.filter(initiative=published_initiative).values_list("term", flat=True)
    )
    assert "ruch" in terms or "ruche" in terms
    assert published_initiative.status == Status.PUBLISHED


def test_submit_then_publish_tells_the_organiser(draft_initiative, organiser, moderator):
    services.submit(draft_initiative, by=organiser)
    assert draft_initiative.status == Status.SUBMITTED
    assert draft_initiative.submitted_at

    services.publish(draft_initiative, by=moderator)

    assert draft_initiative.status == Status.PUBLISHED
    assert draft_initiative.published_at
    assert "initiative_published" in kinds_of(organiser)
    assert AuditEvent.objects.filter(action="initiative.published", actor=moderator).exists()


def test_a_draft_cannot_be_published(draft_initiative, moderator):
    with pytest.raises(InvalidTransition):
        services.publish(draft_initiative, by=moderator)


def test_rejecting_needs_a_reason_which_reaches_the_organiser(submitted_initiative, organiser, moderator):
    with pytest.raises(DomainError):
        services.reject(submitted_initiative, by=moderator, reason="  ")
    services.reject(submitted_initiative, by=moderator, reason="Add the address of the square")
    assert submitted_initiative.status == Status.REJECTED
    note = Notification.objects.get(recipient=organiser, kind="initiative_rejected")
    assert "Add the address of the square" in note.body
    # Corrected, it goes back to the queue.
    services.submit(submitted_initiative, by=organiser)
    assert submitted_initiative.status == Status.SUBMITTED


def test_the_organiser_pauses_resumes_and_finishes(published_initiative, organiser):
    services.pause(published_initiative, by=organiser)
    assert published_initiative.status == Status.PAUSED
    services.resume(published_initiative, by=organiser)
    assert published_initiative.status == Status.PUBLISHED
    services.finish(published_initiative, by=organiser)
    assert published_initiative.status == Status.FINISHED
    with pytest.raises(InvalidTransition):
        services.pause(published_initiative, by=organiser)


def test_an_organiser_s_change_to_a_public_initiative_is_reviewed_afterwards(
    published_initiative, organiser, moderator
):
    services.update_initiative(published_initiative, by=organiser, needs="Deux bénévoles le samedi")
    assert published_initiative.changed_since_review_at is None  # not what the moderators review

    services.update_initiative(published_initiative, by=organiser, description="Achetez nos bacs en promo !")

    published_initiative.refresh_from_db()
    assert published_initiative.status == Status.PUBLISHED  # shown at once
    first_change = published_initiative.changed_since_review_at
    assert first_change is not None
    services.update_initiative(published_initiative, by=organiser, title="Bacs en promo")
    assert published_initiative.changed_since_review_at == first_change  # the oldest change waits longest

    services.mark_change_reviewed(published_initiative, by=moderator)
    assert published_initiative.changed_since_review_at is None
    with pytest.raises(InvalidTransition):
        services.mark_change_reviewed(published_initiative, by=moderator)
    assert AuditEvent.objects.filter(action="initiative.change_reviewed").count() == 1


def test_a_draft_s_changes_and_the_moderators_own_are_not_listed(
    draft_initiative, published_initiative, organiser, moderator
):
    services.update_initiative(draft_initiative, by=organiser, description="Autre texte")
    services.update_initiative(published_initiative, by=moderator, description="Coquille corrigée")
    assert draft_initiative.changed_since_review_at is None
    assert published_initiative.changed_since_review_at is None


def test_staff_unpublish_an_unacceptable_change_with_a_reason(published_initiative, organiser, moderator):
    services.update_initiative(published_initiative, by=organiser, description="Achetez nos bacs !")
    with pytest.raises(DomainError):
        services.unpublish_changed(published_initiative, by=moderator, reason=" ")

    services.unpublish_changed(published_initiative, by=moderator, reason="Pas de vente sur la plateforme")

    published_initiative.refresh_from_db()
    assert published_initiative.status == Status.PAUSED
    assert published_initiative.paused_by_moderators
    assert published_initiative.changed_since_review_at is None
    assert "initiative_unpublished" in kinds_of(organiser)
    # Corrected and resumed by its organiser, it goes back to the queue.
    services.resume(published_initiative, by=organiser)
    assert published_initiative.status == Status.SUBMITTED


# --- People ----------------------------------------------------------------------------------------------


def test_a_volunteer_joins_with_a_message_and_the_organiser_is_told(
    published_initiative, volunteer, organiser
):
    membership = services.join(published_initiative, volunteer, message="Free on Saturdays")
    assert membership.message == "Free on Saturdays"
    note = Notification.objects.get(recipient=organiser, kind="initiative_member_joined")
    assert "Free on Saturdays" in note.body
    assert "camille@example.org" not in note.body
    # Joining twice changes nothing; leaving removes the membership.
    services.join(published_initiative, volunteer)
    assert Membership.objects.filter(initiative=published_initiative).count() == 1
    assert services.leave(published_initiative, volunteer)
    assert not Membership.objects.exists()


def test_a_draft_cannot_be_joined_and_an_organiser_cannot_join_their_own(
    draft_initiative, published_initiative, volunteer, organiser
):
    with pytest.raises(InvalidTransition):
        services.join(draft_initiative, volunteer)
    with pytest.raises(NotAllowed):
        services.join(published_initiative, organiser)


def test_news_reaches_members_and_followers_once_each(
    published_initiative, organiser, volunteer, other_organiser
):
    services.join(published_initiative, volunteer)
    services.follow(published_initiative, volunteer)
    services.follow(published_initiative, other_organiser)

    services.post_news(
        published_initiative, by=organiser, title="Première récolte", body="**40 kg** de compost"
    )

    assert kinds_of(volunteer).count("initiative_news") == 1
    assert kinds_of(other_organiser).count("initiative_news") == 1
    assert "initiative_news" not in kinds_of(organiser)


def test_the_organiser_writes_to_members_and_removes_one(published_initiative, organiser, volunteer):
    membership = services.join(published_initiative, volunteer)
    assert (
        services.message_members(published_initiative, by=organiser, subject="Samedi", body="Rendez-vous")
        == 1
    )
    assert "initiative_members_message" in kinds_of(volunteer)
    services.remove_member(membership, by=organiser)
    assert not Membership.objects.exists()


def test_contacting_the_organiser_never_shows_an_email(published_initiative, organiser, volunteer):
    services.contact_organiser(published_initiative, sender=volunteer, message="Bonjour !")
    note = Notification.objects.get(recipient=organiser, kind="initiative_contact")
    assert "Camille" in note.body
    assert "Bonjour !" in note.body
    assert "@example.org" not in note.body


def test_messages_to_organisers_are_in_the_sender_s_export_and_go_with_their_account(
    published_initiative, organiser, volunteer
):
    from mobilization.initiatives.models import ContactMessage

    contact = services.contact_organiser(published_initiative, sender=volunteer, message="Bonjour !")
    services.reply_to_contact(contact, by=organiser, reply="Bienvenue")
    [exported] = services.export_personal_data(volunteer)["messages_to_organisers"]
    assert (exported["message"], exported["reply"]) == ("Bonjour !", "Bienvenue")

    services.anonymise_personal_data(volunteer)
    assert not ContactMessage.objects.exists()


def test_only_the_organiser_answers_and_only_once(
    published_initiative, organiser, volunteer, other_organiser
):
    contact = services.contact_organiser(published_initiative, sender=volunteer, message="Bonjour !")
    with pytest.raises(NotAllowed):
        services.reply_to_contact(contact, by=other_organiser, reply="Moi ?")
    services.reply_to_contact(contact, by=organiser, reply="Oui")
    with pytest.raises(InvalidTransition):
        services.reply_to_contact(contact, by=organiser, reply="Encore")


# --- Reports ---------------------------------------------------------------------------------------------


def test_one_open_report_per_person_and_object(published_initiative, volunteer, organiser):
    post = services.post_news(published_initiative, by=organiser, title="Hello", body="Text")
    services.report(published_initiative, by=volunteer, reason="Advertising")
    with pytest.raises(InvalidTransition):
        services.report(published_initiative, by=volunteer, reason="Again")
    services.report(published_initiative, by=volunteer, reason="Rude", news_post=post)  # another object
    assert ContentReport.objects.count() == 2


def test_staff_unpublish_after_a_report_and_the_organiser_gets_the_reason(
    published_initiative, volunteer, organiser, moderator
):
    report = services.report(published_initiative, by=volunteer, reason="Advertising")
    services.resolve_report(report, by=moderator, action="unpublish", resolution="Commercial content")
    published_initiative.refresh_from_db()
    assert published_initiative.status == Status.PAUSED
    assert published_initiative.pause_reason == "Commercial content"
    assert report.status == ContentReport.Status.ACTED
    assert report.handled_by == moderator
    assert "initiative_unpublished" in kinds_of(organiser)
    # Resumed by its organiser, it goes back to the moderators.
    services.resume(published_initiative, by=organiser)
    assert published_initiative.status == Status.SUBMITTED


def test_staff_dismiss_a_report(published_initiative, volunteer, moderator):
    report = services.report(published_initiative, by=volunteer, reason="?")
    services.resolve_report(report, by=moderator, action="dismiss", resolution="Nothing wrong")
    assert report.status == ContentReport.Status.DISMISSED
    with pytest.raises(InvalidTransition):
        services.resolve_report(report, by=moderator, action="dismiss", resolution="again")


def test_an_organiser_who_pauses_with_a_reason_resumes_straight_to_published(published_initiative, organiser):
    services.pause(published_initiative, by=organiser, reason="Summer break")
    assert published_initiative.pause_reason == "Summer break"
    assert not published_initiative.paused_by_moderators
    assert "initiative_unpublished" not in kinds_of(organiser)
    services.resume(published_initiative, by=organiser)
    assert published_initiative.status == Status.PUBLISHED


def test_visitors_read_the_organiser_s_reason_for_a_pause_but_not_the_moderators(
    client, published_initiative, organiser, volunteer, moderator
):
    services.pause(published_initiative, by=organiser, reason="Pause estivale, retour en septembre")
    assert (
        "Pause estivale, retour en septembre"
        in client.get(published_initiative.get_absolute_url()).content.decode()
    )
    services.resume(published_initiative, by=organiser)
    report = services.report(published_initiative, by=volunteer, reason="Pub")
    services.resolve_report(report, by=moderator, action="unpublish", resolution="Contenu commercial signalé")
    # Unpublished means hidden: the public page is gone, and the reason is the organiser's to read.
    assert client.get(published_initiative.get_absolute_url()).status_code == 404
    client.force_login(organiser)
    own_page = client.get(published_initiative.get_absolute_url()).content.decode()
    assert "only you and they can see it" in own_page
    assert "Contenu commercial signalé" in own_page


@pytest.mark.parametrize("paused_or_finished", ["paused by its organiser", "finished"])
def test_staff_unpublish_a_reported_initiative_that_is_paused_or_finished_and_it_is_hidden_everywhere(
    client, published_initiative, organiser, volunteer, moderator, paused_or_finished
):
    from django.urls import reverse

    from mobilization.events.models import Event

    event = Event.objects.create(
        initiative=published_initiative,
        title="Compostage collectif",
        starts_at=timezone.now() + timedelta(days=3),
        ends_at=timezone.now() + timedelta(days=3, hours=2),
        address="Square Maurice-Gardette",
        lat=published_initiative.lat,
        lon=published_initiative.lon,
        created_by=organiser,
    )
    if paused_or_finished == "finished":
        services.finish(published_initiative, by=organiser)
    else:
        services.pause(published_initiative, by=organiser, reason="Vacances")
    title = published_initiative.title
    listed = {"status": "all"}
    assert title in client.get(reverse("initiatives:list"), listed).content.decode()  # public until now

    report = services.report(published_initiative, by=volunteer, reason="Propos injurieux")
    services.resolve_report(report, by=moderator, action="unpublish", resolution="Propos injurieux")

    published_initiative.refresh_from_db()
    assert published_initiative.status == Status.PAUSED
    assert published_initiative.paused_by_moderators
    assert "initiative_unpublished" in kinds_of(organiser)
    assert client.get(published_initiative.get_absolute_url()).status_code == 404
    assert client.get(event.get_absolute_url()).status_code == 404
    assert title not in client.get(reverse("initiatives:list"), listed).content.decode()
    assert title not in client.get(reverse("initiatives:map_data"), listed).content.decode()
    assert title not in client.get(reverse("api:list_initiatives"), listed).content.decode()
    assert "Compostage collectif" not in client.get(reverse("events:list")).content.decode()
    # Its organiser cannot bring it back by finishing it: resuming sends it to the moderators again.
    with pytest.raises(InvalidTransition):
        services.finish(published_initiative, by=organiser)
    with pytest.raises(InvalidTransition):
        services.pause(published_initiative, by=moderator, reason="Encore", by_moderators=True)
    services.resume(published_initiative, by=organiser)
    assert published_initiative.status == Status.SUBMITTED


def test_staff_unpublish_a_refused_change_to_a_finished_initiative(
    published_initiative, organiser, moderator
):
    services.finish(published_initiative, by=organiser)
    services.update_initiative(published_initiative, by=organiser, summary="Achetez nos bacs !")
    assert published_initiative.changed_since_review_at is not None

    services.unpublish_changed(published_initiative, by=moderator, reason="Pas de vente sur la plateforme")

    published_initiative.refresh_from_db()
    assert not published_initiative.is_public
    assert published_initiative.changed_since_review_at is None
    assert not Initiative.objects.public().filter(pk=published_initiative.pk).exists()


def test_moderators_must_say_why_they_unpublish(published_initiative, moderator):
    with pytest.raises(DomainError):
        services.pause(published_initiative, by=moderator, by_moderators=True, reason="  ")
    published_initiative.refresh_from_db()
    assert published_initiative.status == Status.PUBLISHED


def test_moderators_who_resume_what_they_paused_publish_it_at_once(
    published_initiative, volunteer, moderator
):
    report = services.report(published_initiative, by=volunteer, reason="Advertising")
    services.resolve_report(report, by=moderator, action="unpublish", resolution="Checked with the organiser")
    services.resume(published_initiative, by=moderator)
    assert published_initiative.status == Status.PUBLISHED
    assert not published_initiative.paused_by_moderators


def test_staff_hide_a_reported_news_post_and_every_report_of_it_is_answered(
    client, published_initiative, volunteer, other_organiser, organiser, moderator
):
    post = services.post_news(published_initiative, by=organiser, title="Promo -50 %", body="Buy now")
    kept = services.post_news(published_initiative, by=organiser, title="Atelier samedi", body="Venez")
    first = services.report(published_initiative, by=volunteer, reason="Advertising", news_post=post)
    second = services.report(published_initiative, by=other_organiser, reason="Spam", news_post=post)
    about_initiative = services.report(published_initiative, by=other_organiser, reason="Odd")

    services.resolve_report(first, by=moderator, action="hide_news", resolution="Advertising is not news")

    post.refresh_from_db()
    assert post.hidden_at is not None
    assert post.hidden_reason == "Advertising is not news"
    second.refresh_from_db()
    about_initiative.refresh_from_db()
    assert (first.status, second.status) == (ContentReport.Status.ACTED, ContentReport.Status.ACTED)
    assert about_initiative.status == ContentReport.Status.OPEN  # another object, still to answer
    published_initiative.refresh_from_db()
    assert published_initiative.status == Status.PUBLISHED  # only the post is hidden
    note = Notification.objects.get(recipient=organiser, kind="initiative_news_hidden")
    assert "Promo -50 %" in note.body
    assert "Advertising is not news" in note.body
    html = client.get(published_initiative.get_absolute_url()).content.decode()
    assert "Atelier samedi" in html
    assert kept.title in html
    assert "Promo -50 %" not in html


def test_a_report_about_the_initiative_cannot_hide_a_news_post(published_initiative, volunteer, moderator):
    report = services.report(published_initiative, by=volunteer, reason="Advertising")
    with pytest.raises(DomainError):
        services.resolve_report(report, by=moderator, action="hide_news", resolution="No post here")
    report.refresh_from_db()
    assert report.status == ContentReport.Status.OPEN


# --- Partners --------------------------------------------------------------------------------------------


def test_a_partnership_asked_then_accepted_shows_on_both_sides(make_initiative, organiser, other_organiser):
    ours = make_initiative("Compost A")
    theirs = make_initiative("Jardin B", organiser=other_organiser)

    partnership = services.ask_partnership(ours, theirs, by=organiser, message="Ensemble ?")
    assert "partnership_requested" in kinds_of(other_organiser)
    assert not services.are_partners(ours, theirs)
    with pytest.raises(InvalidTransition):
        services.ask_partnership(ours, theirs, by=organiser)

    services.answer_partnership(partnership, by=other_organiser, accept=True)

    assert services.are_partners(ours, theirs)
    assert services.are_partners(theirs, ours)
    assert list(services.partners_of(ours)) == [theirs]
    assert list(services.partners_of(theirs)) == [ours]
    assert "partnership_answered" in kinds_of(organiser)


def test_a_declined_partnership_may_be_asked_again(make_initiative, organiser, other_organiser):
    ours = make_initiative("Compost A")
    theirs = make_initiative("Jardin B", organiser=other_organiser)
    services.answer_partnership(
        services.ask_partnership(ours, theirs, by=organiser), by=other_organiser, accept=False
    )
    assert not services.are_partners(ours, theirs)
    again = services.ask_partnership(theirs, ours, by=other_organiser)
    assert again.status == Partnership.Status.PROPOSED


def test_only_the_organiser_asks_and_never_for_itself(make_initiative, organiser, volunteer):
    ours = make_initiative("Compost A")
    with pytest.raises(NotAllowed):
        services.ask_partnership(ours, ours, by=organiser)
    theirs = make_initiative("Jardin B")
    with pytest.raises(NotAllowed):
        services.ask_partnership(ours, theirs, by=volunteer)


# --- Impact ----------------------------------------------------------------------------------------------


def test_impact_rules_and_totals(make_initiative, organiser):
    first = make_initiative("Compost A")
    second = make_initiative("Compost B")
    today = timezone.localdate()
    services.record_impact(first, by=organiser, unit="kg_waste", quantity="120.5", on=today)
    services.record_impact(second, by=organiser, unit="kg_waste", quantity=80, on=today)
    services.record_impact(
        first, by=organiser, unit="t_co2e", quantity="0.4", on=today, method="ADEME factors"
    )
    with pytest.raises(DomainError):
        services.record_impact(first, by=organiser, unit="t_co2e", quantity=1, on=today)  # no method
    with pytest.raises(DomainError):
        services.record_impact(first, by=organiser, unit="trees", quantity=-1, on=today)
    with pytest.raises(DomainError):
        services.record_impact(first, by=organiser, unit="trees", quantity=1, on=today + timedelta(days=1))

    totals = {total.unit: total.total for total in services.impact_totals(Initiative.objects.all())}
    assert totals == {"kg_waste": Decimal("200.50"), "t_co2e": Decimal("0.40")}
    assert {t.unit: t.total for t in services.impact_totals(second)} == {"kg_waste": Decimal("80.00")}
    assert ImpactRecord.objects.count() == 3


def test_personal_data_export_and_erasure(published_initiative, volunteer):
    services.join(published_initiative, volunteer, message="Hi")
    services.follow(published_initiative, volunteer)
    exported = services.export_personal_data(volunteer)
    assert exported["memberships"][0]["message"] == "Hi"
    services.anonymise_personal_data(volunteer)
    assert not Membership.objects.filter(user=volunteer).exists()
