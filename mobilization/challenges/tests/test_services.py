"""Challenges as people live them: a team joins, checks in day after day, the tallies add up, the results
are published and join the platform's totals and open data."""

from datetime import timedelta
from decimal import Decimal

import pytest

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.challenges import leaderboards, opendata, savings, services
from mobilization.challenges.models import Challenge, ChallengeCheckIn, Participant, Team
from mobilization.challenges.tests.factories import (
    VEGETARIAN,
    ChallengeActionFactory,
    ChallengeFactory,
    ParticipantFactory,
    TeamFactory,
)
from mobilization.core.errors import AlreadyDone, DomainError, InvalidTransition, NotAllowed
from mobilization.notifications.models import Notification

pytestmark = pytest.mark.django_db


# --- From a check-in to kgCO2e ------------------------------------------------------------------------------


def test_a_day_of_an_action_is_a_365th_of_the_models_yearly_saving_with_its_defaults():
    yearly = savings.yearly_savings()["transport . voiture . boulot . sans voiture"]
    assert yearly == pytest.approx(406.81, abs=0.01)
    assert savings.daily_saving("transport . voiture . boulot . sans voiture") == Decimal("1.115")
    assert savings.daily_saving(VEGETARIAN) == Decimal("2.405")  # 877.76 / 365


def test_the_persons_own_answers_change_the_saving_and_an_action_that_does_not_apply_saves_nothing(
    monkeypatch,
):
    rule = "transport . voiture . boulot . sans voiture"
    far = {"transport . voiture . boulot . distance . km aller": 30}
    assert savings.daily_saving(rule, far) == Decimal("3.344")  # 1220.43 / 365
    assert savings.daily_saving(rule, {"transport . voiture . utilisateur": "'jamais'"}) == Decimal("0.000")

    person = MemberFactory()
    monkeypatch.setattr(savings, "latest_situation", lambda user: far)
    assert savings.daily_saving_for(person, rule) == (Decimal("3.344"), True)
    monkeypatch.setattr(savings, "latest_situation", lambda user: {})
    assert savings.daily_saving_for(person, rule) == (Decimal("1.115"), False)


def test_answers_the_model_refuses_count_with_its_defaults(monkeypatch):
    monkeypatch.setattr(
        savings, "latest_situation", lambda user: {"transport . voiture . utilisateur": "'x'"}
    )
    assert savings.daily_saving_for(MemberFactory(), VEGETARIAN) == (Decimal("2.405"), False)


def test_the_defaults_savings_are_computed_once_per_process(monkeypatch):
    savings._yearly_savings.cache_clear()
    calls = []
    real = savings.footprint.model

    def counting_model():
        calls.append(1)
        return real()

    monkeypatch.setattr(savings.footprint, "model", counting_model)
    for _ in range(3):
        savings.daily_saving(VEGETARIAN)
        savings.daily_saving("transport . voiture . covoiturage")
    assert len(calls) == 1


def test_the_actions_are_the_models_own():
    rules = savings.action_rules()
    assert "alimentation . devenir végétarien" in rules
    assert rules["transport . voiture . boulot . sans voiture"] == "Aller au travail autrement qu'en voiture"


# --- Check-ins: once a day, within the dates ---------------------------------------------------------------


def test_a_participant_checks_in_two_days_in_a_row(clock, car_free):
    participant = ParticipantFactory(team__challenge=car_free.challenge)
    services.check_in(participant, car_free)
    clock.day += timedelta(days=1)
    services.check_in(participant, car_free)
    days = list(ChallengeCheckIn.objects.order_by("day").values_list("day", flat=True))
    assert days == [car_free.challenge.starts_on, car_free.challenge.starts_on + timedelta(days=1)]


def test_the_same_action_is_checked_in_once_a_day(clock, car_free):
    participant = ParticipantFactory(team__challenge=car_free.challenge)
    services.check_in(participant, car_free)
    with pytest.raises(AlreadyDone):
        services.check_in(participant, car_free)
    assert ChallengeCheckIn.objects.count() == 1
    other_action = ChallengeActionFactory(challenge=car_free.challenge, footprint_rule=VEGETARIAN)
    services.check_in(participant, other_action)
    assert ChallengeCheckIn.objects.count() == 2


@pytest.mark.parametrize("offset", [-1, 30])
def test_no_check_in_outside_the_challenges_dates(clock, car_free, offset):
    participant = ParticipantFactory(team__challenge=car_free.challenge)
    clock.day = car_free.challenge.starts_on + timedelta(days=offset)
    with pytest.raises(NotAllowed):
        services.check_in(participant, car_free)
    clock.day = car_free.challenge.ends_on
    services.check_in(participant, car_free)  # the last day still counts


def test_no_check_in_once_the_challenge_has_ended(clock, car_free):
    participant = ParticipantFactory(team__challenge=car_free.challenge)
    Challenge.objects.filter(pk=car_free.challenge_id).update(status=Challenge.Status.ENDED)
    participant.challenge.refresh_from_db()
    with pytest.raises(NotAllowed):
        services.check_in(participant, car_free)


def test_an_action_of_another_challenge_is_refused(clock, car_free):
    participant = ParticipantFactory(team__challenge=car_free.challenge)
    with pytest.raises(NotAllowed):
        services.check_in(participant, ChallengeActionFactory())


# --- Teams --------------------------------------------------------------------------------------------------


def test_one_team_per_person_and_challenge(challenge, eleventh):
    person = MemberFactory()
    participant = services.join_district(challenge, eleventh, person)
    assert participant.team.kind == Team.Kind.DISTRICT
    assert participant.district == eleventh
    with pytest.raises(AlreadyDone):
        services.join(challenge, TeamFactory(challenge=challenge), person)
    with pytest.raises(AlreadyDone):
        services.form_team(challenge, "Les Vélos", person)


def test_an_arrondissement_has_one_team_per_challenge(challenge, eleventh):
    first = services.join_district(challenge, eleventh, MemberFactory())
    second = services.join_district(challenge, eleventh, MemberFactory())
    assert first.team == second.team
    assert Team.objects.filter(challenge=challenge).count() == 1


def test_a_volunteer_forms_a_team_and_a_friend_joins_by_its_invite_link(challenge):
    founder, friend = MemberFactory(), MemberFactory()
    team = services.form_team(challenge, "Les Vélos du Canal", founder)
    assert len(team.invite_token) >= 32
    assert services.team_by_invite(team.invite_token) == team
    assert services.team_by_invite("guess") is None
    services.join(challenge, services.team_by_invite(team.invite_token), friend)
    assert set(team.participants.values_list("user", flat=True)) == {founder.pk, friend.pk}
    with pytest.raises(DomainError):
        services.form_team(challenge, "Les Vélos du Canal", MemberFactory())


def test_nobody_joins_a_challenge_that_is_not_open(eleventh):
    draft = ChallengeFactory(status=Challenge.Status.DRAFT)
    with pytest.raises(NotAllowed):
        services.join_district(draft, eleventh, MemberFactory())


# --- Tallies ------------------------------------------------------------------------------------------------


def test_the_leaderboards_rank_teams_and_arrondissements_by_kgco2e(clock, challenge, car_free, eleventh):
    veggie = ChallengeActionFactory(challenge=challenge, footprint_rule=VEGETARIAN)
    walkers = [services.join_district(challenge, eleventh, MemberFactory()) for _ in range(2)]
    friends = services.form_team(challenge, "Amis", MemberFactory())
    friend = friends.participants.get()
    for participant in walkers:
        services.check_in(participant, car_free)  # 1.115 each
    services.check_in(friend, veggie)  # 2.405
    services.check_in(friend, car_free)  # 1.115
    clock.day += timedelta(days=1)
    services.check_in(walkers[0], car_free)

    teams = leaderboards.teams(challenge)
    assert [(row.rank, row.name, row.participants, row.check_ins, row.kg_co2e) for row in teams] == [
        (1, "Amis", 1, 2, Decimal("3.520")),
        (2, "11e arrondissement", 2, 3, Decimal("3.345")),
    ]
    districts = leaderboards.districts(challenge)
    assert [(row.rank, row.name, row.kg_co2e) for row in districts] == [
        (1, "11e arrondissement", Decimal("3.345")),
        (0, "", Decimal("3.520")),  # the friend gave no arrondissement
    ]
    totals = leaderboards.totals(challenge)
    assert (totals.participants, totals.teams, totals.check_ins, totals.kg_co2e) == (
        3,
        2,
        5,
        Decimal("6.865"),
    )


def test_a_check_in_shows_at_once_on_the_cached_leaderboards(
    clock, challenge, car_free, django_capture_on_commit_callbacks
):
    participant = ParticipantFactory(team__challenge=challenge)
    assert leaderboards.totals(challenge).check_ins == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.check_in(participant, car_free)
    assert leaderboards.totals(challenge).check_ins == 1


# --- The challenge's life, its results, the platform's totals and open data --------------------------------


def test_a_draft_needs_an_action_before_it_opens():
    staff = MemberFactory()
    draft = ChallengeFactory(status=Challenge.Status.DRAFT)
    with pytest.raises(DomainError):
        services.publish(draft, by=staff)
    ChallengeActionFactory(challenge=draft)
    services.publish(draft, by=staff)
    assert draft.status == Challenge.Status.OPEN


def test_results_are_published_after_the_end_and_join_the_totals_and_open_data(
    clock, challenge, car_free, django_capture_on_commit_callbacks
):
    staff = MemberFactory()
    participant = ParticipantFactory(team__challenge=challenge)
    services.check_in(participant, car_free)
    with pytest.raises(DomainError):
        services.end(challenge, by=staff, on=challenge.ends_on)
    with pytest.raises(InvalidTransition):
        services.publish_results(challenge, by=staff)
    assert services.home_figures()[0].value == 0
    assert list(opendata.result_rows()) == []

    assert services.end_finished(on=challenge.ends_on + timedelta(days=1)) == 1
    challenge.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_results(challenge, by=staff)

    assert challenge.status == Challenge.Status.RESULTS_PUBLISHED
    assert challenge.results_published_at is not None
    assert services.published_total_kg() == pytest.approx(1.115)
    assert Notification.objects.filter(recipient=participant.user, kind="challenge_results").exists()
    [row] = opendata.result_rows()
    assert row["team"] == participant.team.name
    assert (row["participants"], row["check_ins"], row["kg_co2e_estimated"]) == (1, 1, 1.115)


def test_a_deleted_account_leaves_its_check_ins_in_the_tallies(clock, challenge, car_free):
    participant = ParticipantFactory(team__challenge=challenge)
    services.check_in(participant, car_free)
    assert services.export_personal_data(participant.user)["check_ins"][0]["kg_co2e"] == Decimal("1.115")
    services.anonymise_personal_data(participant.user)
    assert Participant.objects.get().user is None
    assert leaderboards.totals(challenge).check_ins == 1
