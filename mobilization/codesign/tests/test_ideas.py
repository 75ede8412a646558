"""Ideas on the board: suggestions turned into ideas, supports, merging duplicates, the roadmap."""

import pytest
from django.core import mail

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.codesign import services
from mobilization.codesign.models import Idea, IdeaSupport, Suggestion
from mobilization.codesign.tests.factories import IdeaFactory, SuggestionFactory
from mobilization.core.errors import AlreadyDone, DomainError, InvalidTransition
from mobilization.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_staff_turn_a_suggestion_into_an_idea_whose_author_is_the_suggester(staff, volunteer):
    suggestion = services.suggest(
        trying_to="Trouver une fontaine",
        would_help="Un filtre",
        page="/fr/places/?q=x",
        language="fr",
        author=volunteer,
    )

    idea = services.turn_into_idea(suggestion, by=staff, title="Filtre des fontaines", body="", tool="maps")

    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.TURNED_INTO_IDEA and suggestion.idea == idea
    assert suggestion.page == "/fr/places/", "the query string is never kept"
    assert idea.author == volunteer and idea.status == Idea.Status.UNDER_STUDY and idea.body == "Un filtre"
    with pytest.raises(InvalidTransition):
        services.turn_into_idea(suggestion, by=staff, title="Again", body="", tool="maps")


@pytest.mark.parametrize(
    "page", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)", "fr/places"]
)
def test_a_suggestion_keeps_only_a_page_of_this_site(page):
    suggestion = services.suggest(trying_to="a", would_help="b", page=page, language="fr")

    assert suggestion.page == ""


def test_one_support_per_account(idea, volunteer):
    services.support_idea(idea, user=volunteer)

    with pytest.raises(AlreadyDone):
        services.support_idea(idea, user=volunteer)
    idea.refresh_from_db()
    assert idea.supports_count == 1
    services.withdraw_support(idea, user=volunteer)
    idea.refresh_from_db()
    assert idea.supports_count == 0


def test_merging_moves_the_supports_without_counting_anyone_twice(staff):
    kept, duplicate = (
        IdeaFactory(title="Filtre ouvert maintenant"),
        IdeaFactory(title="Voir les fontaines ouvertes"),
    )
    both, only_kept, only_duplicate = MemberFactory(), MemberFactory(), MemberFactory()
    for person in (both, only_kept):
        services.support_idea(kept, user=person)
    for person in (both, only_duplicate):
        services.support_idea(duplicate, user=person)

    services.merge(duplicate, into=kept, by=staff)

    kept.refresh_from_db()
    duplicate.refresh_from_db()
    assert kept.supports_count == 3, "three people, each counted once"
    assert set(IdeaSupport.objects.filter(idea=kept).values_list("user_id", flat=True)) == {
        both.pk,
        only_kept.pk,
        only_duplicate.pk,
    }
    assert duplicate.status == Idea.Status.MERGED and duplicate.merged_into == kept
    assert duplicate.supports_count == 0
    told = set(Notification.objects.filter(kind="idea_merged").values_list("recipient_id", flat=True))
    assert told == {both.pk, only_duplicate.pk}


def test_an_idea_cannot_be_merged_into_itself(staff, idea):
    with pytest.raises(DomainError):
        services.merge(idea, into=idea, by=staff)


def test_the_team_gives_its_reason_for_each_status(staff, idea, volunteer):
    services.support_idea(idea, user=volunteer)
    with pytest.raises(DomainError):
        services.set_status(idea, by=staff, status="planned", reason="  ")

    services.set_status(idea, by=staff, status="planned", reason="Prévu pour l'été.")

    idea.refresh_from_db()
    assert (
        idea.status == Idea.Status.PLANNED
        and idea.answer == "Prévu pour l'été."
        and idea.answered_by == staff
    )
    assert Notification.objects.filter(kind="idea_status_changed", recipient=volunteer).exists()
    with pytest.raises(InvalidTransition):
        services.set_status(idea, by=staff, status="done", reason="Fait")


def test_a_release_marks_its_ideas_done_and_tells_supporters_with_a_link_to_its_notes(staff, volunteer):
    idea = IdeaFactory()
    services.support_idea(idea, user=volunteer)
    suggestion = SuggestionFactory(idea=idea, status="idea", email="anonyme@example.org")

    release = services.publish_release(by=staff, version="2.4", title="Carte", notes="- Filtre", ideas=[idea])

    idea.refresh_from_db()
    assert idea.status == Idea.Status.DONE and idea.release == release
    notification = Notification.objects.get(kind="idea_done", recipient=volunteer)
    assert notification.url == release.get_absolute_url()
    suggestion.refresh_from_db()
    assert suggestion.email == "", "the address is erased once its owner is told"


def test_the_anonymous_suggester_is_told_by_e_mail(staff, django_capture_on_commit_callbacks):
    idea = IdeaFactory()
    SuggestionFactory(idea=idea, status="idea", email="anonyme@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        services.set_status(idea, by=staff, status="declined", reason="Hors du périmètre.")

    assert [message.to for message in mail.outbox] == [["anonyme@example.org"]]
    assert "Hors du périmètre." in mail.outbox[0].body


def test_the_roadmap_figures(staff):
    SuggestionFactory.create_batch(3)
    first, second = IdeaFactory(), IdeaFactory()
    services.publish_release(by=staff, version="3.0", title="T", notes="N", ideas=[first, second])

    figures = services.roadmap_figures()

    assert figures.suggestions == 3 and figures.ideas_done == 2 and figures.median_days_to_release == 0
