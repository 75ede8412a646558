"""What people and staff do with challenges: publish, join a team, check in, end, publish the results.

Every change of a challenge's status goes through the kernel's `transition()`. A check-in is unique per
action, person and day in the database: two tabs sending the same tick at once leave one row, and the
second is told it was done already (`AlreadyDone`).
"""

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mobilization.challenges import leaderboards, savings
from mobilization.challenges.models import Challenge, ChallengeAction, ChallengeCheckIn, Participant, Team
from mobilization.core import audit, registries
from mobilization.core.errors import AlreadyDone, DomainError, NotAllowed
from mobilization.core.registries import Affiliation, Figure
from mobilization.core.transitions import Notice, transition

Status = Challenge.Status


def today():
    """The day in Paris: check-ins count for it. Tests fix it (monkeypatch this function)."""
    return timezone.localdate()


# --- The challenge's life: draft → open → ended → results published --------------------------------------


def publish(challenge: Challenge, *, by) -> Challenge:
    """Staff open a draft challenge: it shows on the list and people may join its teams."""

    def check(obj):
        if not obj.actions.exists():
            raise DomainError(_("Add at least one action to check in on before publishing the challenge."))

    return transition(
        challenge,
        by=by,
        action="challenge.published",
        allowed_from=[Status.DRAFT],
        to=Status.OPEN,
        check=check,
    )


def end(challenge: Challenge, *, by, on=None) -> Challenge:
    """The challenge is over (after its last day): no more check-ins; its results can be published."""
    day = on or today()

    def check(obj):
        if day <= obj.ends_on:
            raise DomainError(_("A challenge ends after its last day."))

    transaction.on_commit(lambda: leaderboards.forget(challenge.pk))
    return transition(
        challenge,
        by=by,
        action="challenge.ended",
        allowed_from=[Status.OPEN],
        to=Status.ENDED,
        check=check,
        refresh=["ends_on"],
    )


def end_finished(*, on=None) -> int:
    """End every open challenge whose last day has passed (the daily task). Returns how many."""
    day = on or today()
    finished = Challenge.objects.filter(status=Status.OPEN, ends_on__lt=day)
    count = 0
    for challenge in finished:
        end(challenge, by=None, on=day)
        count += 1
    return count


def publish_results(challenge: Challenge, *, by) -> Challenge:
    """Staff publish an ended challenge's results: its tallies join the platform's totals and open data,
    and the participants are told."""
    recipients = [p.user for p in challenge.participants.select_related("user")]
    transition(
        challenge,
        by=by,
        action="challenge.results_published",
        allowed_from=[Status.ENDED],
        to=Status.RESULTS_PUBLISHED,
        changes={"results_published_at": timezone.now()},
        notices=[Notice(recipients, "challenge_results", {"challenge": challenge})],
    )
    transaction.on_commit(forget_totals)
    transaction.on_commit(lambda: leaderboards.forget(challenge.pk))
    return challenge


# --- Teams ----------------------------------------------------------------------------------------------


def _may_join(challenge: Challenge) -> None:
    if challenge.status != Status.OPEN:
        raise NotAllowed(_("This challenge is not open to new participants."))


def participant_of(challenge: Challenge, user) -> Participant | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Participant.objects.filter(challenge=challenge, user=user).select_related("team").first()


def _profile_district(user):
    profile = getattr(user, "profile", None)
    return getattr(profile, "home_district", None) if profile else None


def join(challenge: Challenge, team: Team, user) -> Participant:
    """The person joins the team (one team per person and challenge)."""
    _may_join(challenge)
    if team.challenge_id != challenge.pk:
        raise NotAllowed(_("This team is not one of this challenge's."))
    district = team.district if team.district_id else _profile_district(user)
    try:
        with transaction.atomic():
            participant = Participant.objects.create(
                challenge=challenge, team=team, user=user, district=district
            )
    except IntegrityError:
        current = participant_of(challenge, user)
        raise AlreadyDone(
            _("You are already in the team “%(team)s” of this challenge.") % {"team": current.team.name}
        ) from None
    audit.record(user, "challenge.team_joined", team)
    transaction.on_commit(lambda: leaderboards.forget(challenge.pk))
    return participant


def district_team(challenge: Challenge, district) -> Team:
    """The arrondissement's team of the challenge, formed the first time someone joins it."""
    team, _created = Team.objects.get_or_create(
        challenge=challenge,
        district=district,
        defaults={"kind": Team.Kind.DISTRICT, "name": district.name},
    )
    return team


def join_district(challenge: Challenge, district, user) -> Participant:
    _may_join(challenge)
    return join(challenge, district_team(challenge, district), user)


def organisations_for(user) -> list[Affiliation]:
    """The organisations whose team the person may join (the kernel's `affiliations` registry, which the
    commitments app fills in: the verified organisations they represent)."""
    return registries.affiliations_of(user)


def organisation_team(challenge: Challenge, affiliation: Affiliation) -> Team:
    """The organisation's team of the challenge, formed the first time one of its people joins it. Its
    name is the organisation's; when a team of the challenge already has that name, it is told apart."""
    defaults = {"kind": Team.Kind.ORGANISATION, "affiliation_url": affiliation.url}
    try:
        team, _created = Team.objects.get_or_create(
            challenge=challenge,
            affiliation_key=affiliation.key,
            defaults={**defaults, "name": affiliation.name},
        )
    except IntegrityError:
        # A volunteers' team took the name (get_or_create found no team of the organisation after it).
        name = _("%(name)s (organisation)") % {"name": affiliation.name}
        team, _created = Team.objects.get_or_create(
            challenge=challenge, affiliation_key=affiliation.key, defaults={**defaults, "name": name[:80]}
        )
    return team


def join_organisation(challenge: Challenge, key: str, user) -> Participant:
    """The person joins the team of an organisation they may join for (`organisations_for`)."""
    _may_join(challenge)
    if participant_of(challenge, user):
        raise AlreadyDone(_("You are already in a team of this challenge."))
    affiliation = next((a for a in organisations_for(user) if a.key == key), None)
    if affiliation is None:
        raise NotAllowed(_("You may only join the team of an organisation you represent."))
    return join(challenge, organisation_team(challenge, affiliation), user)


def form_team(challenge: Challenge, name: str, user) -> Team:
    """A volunteer forms a team and is its first member; they invite others with its link."""
    _may_join(challenge)
    if participant_of(challenge, user):
        raise AlreadyDone(_("You are already in a team of this challenge."))
    try:
        with transaction.atomic():
            team = Team.objects.create(
                challenge=challenge, kind=Team.Kind.VOLUNTEERS, name=name, created_by=user
            )
            join(challenge, team, user)
    except IntegrityError:
        raise DomainError(_("A team of this challenge already has this name.")) from None
    audit.record(user, "challenge.team_formed", team)
    return team


def team_by_invite(token: str) -> Team | None:
    if not token or len(token) > 64:
        return None
    return Team.objects.filter(invite_token=token).select_related("challenge").first()


# --- Check-ins ------------------------------------------------------------------------------------------


def check_in(participant: Participant, action: ChallengeAction, *, day=None) -> ChallengeCheckIn:
    """The person did the action today: one check-in, converted to kgCO2e avoided (savings.py).

    Refused outside the challenge's dates or once it is no longer open; `AlreadyDone` when the person
    checked this action in for the day already (from another tab too)."""
    challenge = participant.challenge
    day = day or today()
    if action.challenge_id != challenge.pk:
        raise NotAllowed(_("This action is not one of this challenge's."))
    if challenge.status != Status.OPEN or not challenge.runs_on(day):
        raise NotAllowed(
            _("Check-ins are open from the challenge's first day to its last, while it is open.")
        )
    kg, own = savings.daily_saving_for(participant.user, action.footprint_rule)
    try:
        with transaction.atomic():
            tick = ChallengeCheckIn.objects.create(
                participant=participant, action=action, day=day, kg_co2e=kg, from_own_answers=own
            )
    except IntegrityError:
        raise AlreadyDone(_("You have already checked this in today.")) from None
    transaction.on_commit(lambda: leaderboards.forget(challenge.pk))
    return tick


def checked_today(participant: Participant | None, *, day=None) -> set[int]:
    """The actions the person checked in for the day (their pks)."""
    if participant is None:
        return set()
    return set(participant.check_ins.filter(day=day or today()).values_list("action_id", flat=True))


# --- The platform's totals (home page figure) ------------------------------------------------------------

TOTALS_KEY = "challenges:platform-total"


def published_total_kg() -> float:
    """kgCO2e avoided (estimated) by the check-ins of every challenge whose results are published."""
    total = ChallengeCheckIn.objects.filter(
        participant__challenge__status=Status.RESULTS_PUBLISHED
    ).aggregate(kg=Sum("kg_co2e"))["kg"]
    return float(total or 0)


def forget_totals() -> None:
    from mobilization.core.services import forget_key_figures

    forget_key_figures()


def home_figures() -> list[Figure]:
    return [
        Figure(
            "challenges_kg_co2e",
            round(published_total_kg()),
            gettext_lazy("of CO2e avoided in collective challenges (estimated, published results)"),
            unit="kg",
        )
    ]


# --- Personal data -----------------------------------------------------------------------------------------


def export_personal_data(user) -> dict:
    return {
        "teams": [
            {"challenge": p.challenge.title, "team": p.team.name, "joined_at": p.created_at}
            for p in Participant.objects.filter(user=user).select_related("challenge", "team")
        ],
        "check_ins": [
            {
                "challenge": c.action.challenge.title,
                "action": c.action.label,
                "day": c.day,
                "kg_co2e": c.kg_co2e,
            }
            for c in ChallengeCheckIn.objects.filter(participant__user=user).select_related(
                "action__challenge"
            )
        ],
    }


def anonymise_personal_data(user) -> None:
    """They leave their teams; their check-ins stay in the tallies, tied to no one."""
    Participant.objects.filter(user=user).update(user=None)
    Team.objects.filter(created_by=user).update(created_by=None)
