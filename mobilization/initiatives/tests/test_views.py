"""Pages of initiatives through the test client: who sees what, forms, and query counts."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from mobilization.core.testing import assert_queries_do_not_grow
from mobilization.events.models import Event
from mobilization.initiatives import services
from mobilization.initiatives.models import Initiative, Membership, NewsPost
from mobilization.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for():
    def make(user=None):
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


def a_jpeg_with_exif() -> SimpleUploadedFile:
    image = Image.new("RGB", (1200, 800), (30, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    buffer = BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


FORM = {
    "title": "Compost partagé du square",
    "summary": "Un composteur pour le quartier.",
    "description": "**Bienvenue** <script>alert(1)</script>",
    "themes": ["waste_repair"],
    "volunteers_needed": "3",
    "skills_wanted": "jardinage, bricolage",
}


def test_an_organiser_creates_a_draft_with_a_picture_and_sees_similar_ones(
    client_for, organiser, eleventh, make_initiative, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    existing = make_initiative("Compost partagé Gardette", organiser=organiser)
    client = client_for(organiser)
    response = client.post(
        reverse("initiatives:create"),
        {**FORM, "district": eleventh.pk, "lat": "48.8601", "lon": "2.3651", "image": a_jpeg_with_exif()},
    )
    created = Initiative.objects.exclude(pk=existing.pk).get()
    assert response.status_code == 302
    assert response["Location"] == created.get_absolute_url()
    assert created.status == Initiative.Status.DRAFT
    assert created.skills_wanted == ["jardinage", "bricolage"]
    with Image.open(created.image.path) as stored:
        assert not stored.getexif()
    with Image.open(created.thumbnail.path) as thumbnail:
        assert thumbnail.width == 480

    page = client.get(created.get_absolute_url()).content.decode()
    assert "Similar initiatives nearby" in page
    assert existing.title in page
    assert "<script>alert(1)</script>" not in page
    assert "<strong>Bienvenue</strong>" in page


def test_the_point_must_be_in_the_chosen_arrondissement(client_for, organiser, eleventh, twentieth):
    response = client_for(organiser).post(
        reverse("initiatives:create"), {**FORM, "district": twentieth.pk, "lat": "48.86", "lon": "2.365"}
    )
    assert response.status_code == 200
    assert "This point is in" in response.content.decode()
    # Without an arrondissement, the point's is taken; without a point, the arrondissement's centre.
    client_for(organiser).post(reverse("initiatives:create"), {**FORM, "lat": "48.86", "lon": "2.39"})
    assert Initiative.objects.get().district == twentieth


def test_a_fake_image_is_refused(client_for, organiser, eleventh):
    fake = SimpleUploadedFile("photo.png", b"<html>not an image</html>", content_type="image/png")
    response = client_for(organiser).post(
        reverse("initiatives:create"), {**FORM, "district": eleventh.pk, "image": fake}
    )
    assert response.status_code == 200
    assert not Initiative.objects.exists()


def test_a_draft_is_hidden_from_others(client_for, draft_initiative, volunteer, moderator, organiser):
    url = draft_initiative.get_absolute_url()
    assert client_for().get(url).status_code == 404
    assert client_for(volunteer).get(url).status_code == 404
    assert client_for(organiser).get(url).status_code == 200
    assert client_for(moderator).get(url).status_code == 200


def test_moderators_publish_from_the_queue(client_for, submitted_initiative, moderator, organiser):
    client = client_for(moderator)
    assert submitted_initiative.title in client.get(reverse("initiatives:moderation")).content.decode()
    client.post(reverse("initiatives:publish", args=[submitted_initiative.pk]))
    submitted_initiative.refresh_from_db()
    assert submitted_initiative.status == Initiative.Status.PUBLISHED
    assert Notification.objects.filter(recipient=organiser, kind="initiative_published").exists()


def test_moderators_reject_with_a_reason(client_for, submitted_initiative, moderator):
    client = client_for(moderator)
    response = client.post(reverse("initiatives:reject", args=[submitted_initiative.pk]), {"reason": ""})
    assert response.status_code == 200
    client.post(reverse("initiatives:reject", args=[submitted_initiative.pk]), {"reason": "Too vague"})
    submitted_initiative.refresh_from_db()
    assert submitted_initiative.rejection_reason == "Too vague"


def test_a_volunteer_joins_and_the_organiser_sees_their_name_not_their_email(
    client_for, published_initiative, volunteer, organiser
):
    client_for(volunteer).post(
        reverse("initiatives:join", args=[published_initiative.pk]), {"message": "Samedi ok"}
    )
    page = (
        client_for(organiser)
        .get(reverse("initiatives:members", args=[published_initiative.pk]))
        .content.decode()
    )
    assert "Camille" in page
    assert "Samedi ok" in page
    assert "camille@example.org" not in page
    detail = client_for().get(published_initiative.get_absolute_url()).content.decode()
    assert "nadia@example.org" not in detail
    assert "Nadia" in detail


def test_news_reaches_the_members_inbox(client_for, published_initiative, volunteer, organiser):
    services.join(published_initiative, volunteer)
    response = client_for(organiser).post(
        reverse("initiatives:post_news", args=[published_initiative.pk]),
        {"title": "Récolte", "body": "40 kg"},
    )
    assert response.status_code == 302
    assert NewsPost.objects.count() == 1
    inbox = client_for(volunteer).get(reverse("notifications:inbox")).content.decode()
    assert "Récolte" in inbox


def test_contacting_the_organiser_is_rate_limited(client_for, published_initiative, volunteer):
    client = client_for(volunteer)
    url = reverse("initiatives:contact", args=[published_initiative.pk])
    statuses = [client.post(url, {"message": f"Bonjour {n}"}).status_code for n in range(7)]
    assert statuses[:5] == [302] * 5
    assert statuses[-1] == 429


def test_reports_reach_staff_who_dismiss_them(client_for, published_initiative, volunteer, moderator):
    client_for(volunteer).post(
        reverse("initiatives:report", args=[published_initiative.pk]), {"reason": "Pub"}
    )
    staff = client_for(moderator)
    page = staff.get(reverse("initiatives:reports")).content.decode()
    assert "Pub" in page
    report = published_initiative.reports.get()
    staff.post(
        reverse("initiatives:resolve_report", args=[report.pk]), {"action": "dismiss", "resolution": "OK"}
    )
    report.refresh_from_db()
    assert report.status == "dismissed"
    assert report.resolution == "OK"


def test_staff_hide_a_reported_news_post_from_the_reports_page(
    client_for, published_initiative, volunteer, organiser, moderator
):
    from mobilization.initiatives import services

    post = services.post_news(published_initiative, by=organiser, title="Vente flash", body="Promo")
    initiative_report = services.report(published_initiative, by=volunteer, reason="Odd")
    post_report = services.report(published_initiative, by=volunteer, reason="Pub", news_post=post)
    staff = client_for(moderator)
    page = staff.get(reverse("initiatives:reports")).content.decode()
    # The choice to hide a post is offered only on the report of a post.
    assert page.count('value="hide_news"') == 1

    refused = staff.post(
        reverse("initiatives:resolve_report", args=[initiative_report.pk]),
        {"action": "hide_news", "resolution": "No"},
        follow=True,
    )
    assert "about the initiative, not a news post" in refused.content.decode()
    staff.post(
        reverse("initiatives:resolve_report", args=[post_report.pk]),
        {"action": "hide_news", "resolution": "Advertising"},
    )
    post.refresh_from_db()
    assert post.hidden_at is not None
    assert (
        "Vente flash"
        not in client_for(volunteer).get(published_initiative.get_absolute_url()).content.decode()
    )


def test_partners_show_on_both_pages(client_for, make_initiative, organiser, other_organiser):
    ours = make_initiative("Compost A")
    theirs = make_initiative("Jardin B", organiser=other_organiser)
    client_for(organiser).post(
        reverse("initiatives:ask_partnership", args=[theirs.pk]),
        {"requester": ours.pk, "message": "Ensemble"},
    )
    partnership = theirs.partnerships_received.get()
    assert (
        "Ensemble"
        in client_for(other_organiser).get(reverse("initiatives:manage", args=[theirs.pk])).content.decode()
    )
    client_for(other_organiser).post(
        reverse("initiatives:answer_partnership", args=[partnership.pk]), {"decision": "accept"}
    )
    assert "Jardin B" in client_for().get(ours.get_absolute_url()).content.decode()
    assert "Compost A" in client_for().get(theirs.get_absolute_url()).content.decode()


def test_impact_with_tco2e_needs_a_method(client_for, published_initiative, organiser):
    url = reverse("initiatives:record_impact", args=[published_initiative.pk])
    response = client_for(organiser).post(url, {"unit": "t_co2e", "quantity": "1", "date": "2024-01-01"})
    assert response.status_code == 200
    assert not published_initiative.impact_records.exists()
    client_for(organiser).post(url, {"unit": "trees", "quantity": "12", "date": "2024-01-01"})
    assert "trees planted" in client_for().get(published_initiative.get_absolute_url()).content.decode()


def test_the_initiative_page_takes_a_fixed_number_of_queries(
    client_for, published_initiative, make_initiative, organiser, volunteer, other_organiser
):
    client = client_for(volunteer)
    url = published_initiative.get_absolute_url()
    today = published_initiative.created_at.date()
    partners = iter(range(100))

    def add(count):
        for n in range(count):
            services.post_news(published_initiative, by=organiser, title=f"News {n}", body="Text")
            make_initiative(f"Compost partagé {n}")
            services.record_impact(published_initiative, by=organiser, unit="trees", quantity=n, on=today)
            other = make_initiative(f"Partner {next(partners)}", organiser=other_organiser)
            partnership = services.ask_partnership(other, published_initiative, by=other_organiser)
            services.answer_partnership(partnership, by=organiser, accept=True)
            starts = timezone.now() + timedelta(days=n + 1)
            own = Event.objects.create(
                initiative=published_initiative,
                title=f"Rendez-vous {n}",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                address="Square Gardette",
                lat=published_initiative.lat,
                lon=published_initiative.lon,
                created_by=organiser,
            )
            own.cohosts.add(other)  # each event shows its co-hosts
            hosted_elsewhere = Event.objects.create(
                initiative=other,
                title=f"Chez le partenaire {n}",
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                address="Square Gardette",
                lat=other.lat,
                lon=other.lon,
                created_by=other_organiser,
            )
            hosted_elsewhere.cohosts.add(published_initiative)

    add(1)
    services.join(published_initiative, other_organiser)
    add_rows = lambda: add(4)  # noqa: E731
    assert_queries_do_not_grow(lambda: client.get(url), add_rows, at_most=30)
    page = client.get(url).content.decode()
    assert "Rendez-vous 0" in page
    assert "Chez le partenaire 0" in page


def test_the_cached_parts_of_the_page_change_with_its_news_events_impact_and_partners(
    client_for, published_initiative, make_initiative, organiser, other_organiser
):
    client = client_for(None)
    url = published_initiative.get_absolute_url()
    assert "No news yet." in client.get(url).content.decode()

    services.post_news(published_initiative, by=organiser, title="Le compost est mûr", body="Venez !")
    assert "Le compost est mûr" in client.get(url).content.decode()

    today = published_initiative.created_at.date()
    services.record_impact(published_initiative, by=organiser, unit="trees", quantity=7, on=today)
    assert "trees planted" in client.get(url).content.decode()

    other = make_initiative("Jardin des voisins", organiser=other_organiser, lat=48.9, lon=2.2)
    partnership = services.ask_partnership(other, published_initiative, by=other_organiser)
    services.answer_partnership(partnership, by=organiser, accept=True)
    assert "Jardin des voisins" in client.get(url).content.decode()

    starts = timezone.now() + timedelta(days=2)
    event = Event.objects.create(
        initiative=other,
        title="Troc de graines",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        address="Square Gardette",
        lat=other.lat,
        lon=other.lon,
        created_by=other_organiser,
    )
    assert "Troc de graines" not in client.get(url).content.decode()
    event.cohosts.add(published_initiative)
    assert "Troc de graines" in client.get(url).content.decode()
    event.delete()
    assert "Troc de graines" not in client.get(url).content.decode()


def test_the_moderation_queue_takes_a_fixed_number_of_queries(client_for, moderator, make_initiative):
    client = client_for(moderator)

    def add_rows():
        for n in range(5):
            make_initiative(f"Submitted {n}", status=Initiative.Status.SUBMITTED)

    make_initiative("First", status=Initiative.Status.SUBMITTED)
    assert_queries_do_not_grow(lambda: client.get(reverse("initiatives:moderation")), add_rows, at_most=15)


def test_my_initiatives_lists_every_status(
    client_for, organiser, draft_initiative, published_initiative, volunteer
):
    Membership.objects.create(initiative=published_initiative, user=volunteer)
    page = client_for(organiser).get(reverse("initiatives:mine")).content.decode()
    assert draft_initiative.title in page
    assert published_initiative.title in page


def test_staff_see_the_clusters_of_an_arrondissement_and_volunteers_cannot(
    client_for, make_initiative, eleventh, moderator, volunteer
):
    make_initiative("Atelier réparation vélos", description="Réparer son vélo, atelier vélo")
    make_initiative("Réparation de vélos solidaire", description="Atelier vélo pour tous")
    url = reverse("initiatives:clusters")

    assert client_for(volunteer).get(url, {"district": eleventh.code}).status_code == 403
    page = client_for(moderator).get(url, {"district": eleventh.code}).content.decode()

    assert "2 initiatives" in page
    assert "shared words:" in page
    assert "vélos" in page
    assert "Atelier réparation vélos" in page
    assert "Réparation de vélos solidaire" in page


def test_every_page_of_the_journey_is_linked_from_another(
    client_for, published_initiative, organiser, moderator
):
    """No page a user needs is reachable only by typing its address."""
    organiser_client = client_for(organiser)
    listing = organiser_client.get(reverse("initiatives:list")).content.decode()
    assert reverse("initiatives:create") in listing
    assert reverse("initiatives:mine") in listing
    manage = organiser_client.get(
        reverse("initiatives:manage", args=[published_initiative.pk])
    ).content.decode()
    assert reverse("events:create", args=[published_initiative.pk]) in manage
    page = organiser_client.get(published_initiative.get_absolute_url()).content.decode()
    assert reverse("events:initiative_feed", args=[published_initiative.pk]) in page
    assert reverse("initiatives:moderation") not in listing
    from mobilization.events.models import Event
    from mobilization.events.tests.factories import event_details as details

    event = Event.objects.create(
        initiative=published_initiative, created_by=organiser, **vars(details(title="Atelier compost"))
    )
    manage = organiser_client.get(
        reverse("initiatives:manage", args=[published_initiative.pk])
    ).content.decode()
    assert reverse("events:detail", args=[event.pk]) in manage
    assert reverse("events:registrations", args=[event.pk]) in manage
    staff_listing = client_for(moderator).get(reverse("initiatives:list")).content.decode()
    assert reverse("initiatives:moderation") in staff_listing


def test_the_organiser_answers_a_message_on_the_platform_and_neither_sees_an_email(
    client_for, published_initiative, organiser, volunteer, other_organiser
):
    from mobilization.initiatives.models import ContactMessage
    from mobilization.notifications.models import Notification

    client_for(volunteer).post(
        reverse("initiatives:contact", args=[published_initiative.pk]), {"message": "Je peux venir samedi ?"}
    )
    contact = ContactMessage.objects.get()
    note = Notification.objects.get(recipient=organiser, kind="initiative_contact")
    reply_url = reverse("initiatives:reply_to_contact", args=[contact.pk])
    assert note.url == reply_url

    organiser_client = client_for(organiser)
    desk = organiser_client.get(
        reverse("initiatives:manage", args=[published_initiative.pk])
    ).content.decode()
    assert "Je peux venir samedi ?" in desk
    assert reply_url in desk
    # Nobody else reads it: not the sender's neighbour, not another organiser.
    assert client_for(other_organiser).get(reply_url).status_code == 404
    assert client_for(other_organiser).post(reply_url, {"reply": "Moi aussi"}).status_code == 404
    # An empty reply is refused with a reason, and nothing is sent.
    blank = organiser_client.post(reply_url, {"reply": "   "})
    assert blank.status_code == 200
    assert "This field is required" in blank.content.decode()

    response = organiser_client.post(reply_url, {"reply": "Oui, à 10 h au square."})

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.reply == "Oui, à 10 h au square."
    assert contact.replied_at is not None
    answer = Notification.objects.get(recipient=volunteer, kind="initiative_contact_reply")
    assert "Oui, à 10 h au square." in answer.body
    assert "Je peux venir samedi ?" in answer.body
    assert organiser.profile.display_name in answer.body
    for body in (note.body, answer.body):
        assert organiser.email not in body
        assert volunteer.email not in body
    # Once answered, the page shows the reply and a second one is not taken.
    again = organiser_client.post(reply_url, {"reply": "Encore"})
    assert "You have answered this message" in again.content.decode()
    assert Notification.objects.filter(recipient=volunteer, kind="initiative_contact_reply").count() == 1


def test_staff_see_the_changed_public_initiatives_and_keep_or_unpublish_them(
    client_for, published_initiative, make_initiative, organiser, moderator, volunteer
):
    from mobilization.initiatives import services

    other = make_initiative("Jardin des Trois Bornes", organiser=organiser)
    services.update_initiative(published_initiative, by=organiser, summary="Nouveau résumé")
    services.update_initiative(other, by=organiser, summary="Promo sur les graines")
    staff = client_for(moderator)
    url = reverse("initiatives:moderation")

    page = staff.get(url).content.decode()
    assert "Public initiatives changed since their review" in page
    assert "Nouveau résumé" in page
    assert "Promo sur les graines" in page
    assert (
        client_for(volunteer).post(reverse("initiatives:mark_change_reviewed", args=[other.pk])).status_code
        == 403
    )

    staff.post(reverse("initiatives:mark_change_reviewed", args=[published_initiative.pk]))
    refused = staff.post(reverse("initiatives:unpublish_changed", args=[other.pk]), {"reason": ""})
    assert refused.status_code == 200
    assert "This field is required" in refused.content.decode()
    staff.post(reverse("initiatives:unpublish_changed", args=[other.pk]), {"reason": "Pas de vente"})

    published_initiative.refresh_from_db()
    other.refresh_from_db()
    assert published_initiative.changed_since_review_at is None
    assert published_initiative.status == "published"
    assert other.status == "paused"
    assert other.pause_reason == "Pas de vente"
    assert "No change waiting." in staff.get(url).content.decode()
