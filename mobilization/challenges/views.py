"""Pages of the challenges app: the list, a challenge (teams, today's check-ins, leaderboards), the
leaderboards alone (the page polls them), the method of the estimate, invite links and the open data."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.decorators.vary import vary_on_headers

from mobilization.challenges import leaderboards, opendata, savings, services
from mobilization.challenges.forms import CheckInForm, DistrictTeamForm, OrganisationTeamForm, TeamForm
from mobilization.challenges.models import Challenge, ChallengeAction
from mobilization.core.errors import DomainError
from mobilization.core.opendata import respond
from mobilization.core.permissions import permitted_object

POLL_SECONDS = 10


@require_safe
def challenge_list(request):
    challenges = list(Challenge.objects.public().order_by("-starts_on", "pk"))
    groups = [
        (_("Open"), [c for c in challenges if c.status == Challenge.Status.OPEN]),
        (_("Results published"), [c for c in challenges if c.status == Challenge.Status.RESULTS_PUBLISHED]),
        (_("Ended, results to come"), [c for c in challenges if c.status == Challenge.Status.ENDED]),
    ]
    return render(request, "challenges/challenge_list.html", {"groups": groups})


def _challenge(request, pk) -> Challenge:
    return permitted_object(request, Challenge.objects.all(), view="challenges.view_challenge", pk=pk)


def _board_context(challenge) -> dict:
    return {
        "challenge": challenge,
        "team_rows": leaderboards.teams(challenge),
        "district_rows": leaderboards.districts(challenge),
        "totals": leaderboards.totals(challenge),
        "poll_seconds": POLL_SECONDS if challenge.is_open else None,
    }


def board_html(request, challenge) -> str:
    """The leaderboards and totals, rendered once per language until they change (leaderboards.forget):
    rendering two hundred teams' rows costs more than the rest of the page."""
    key = leaderboards.html_key(challenge.pk, get_language())
    html = cache.get(key)
    if html is None:
        html = render_to_string("challenges/_leaderboard.html", _board_context(challenge), request=request)
        cache.set(key, html, leaderboards.SECONDS)
    return mark_safe(html)  # noqa: S308 - our own template's output, escaped when it was rendered


def _detail(request, challenge, *, team_form=None, status=200):
    user = request.user
    participant = services.participant_of(challenge, user)
    today = services.today()
    actions = list(challenge.actions.all())
    defaults = savings.yearly_savings()
    for action in actions:
        action.default_daily = savings.daily_saving(action.footprint_rule)
        action.applies_by_default = defaults.get(action.footprint_rule, 0) > 0
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    may_join = user.has_perm("challenges.join_challenge", challenge) and participant is None
    district_form = DistrictTeamForm(initial={"district": getattr(profile, "home_district", None)})
    context = {
        "challenge": challenge,
        "board": board_html(request, challenge),
        "actions": actions,
        "participant": participant,
        "checked_today": services.checked_today(participant, day=today),
        "today": today,
        "may_check_in": bool(participant) and challenge.is_open and challenge.runs_on(today),
        "may_join": may_join,
        "district_form": district_form,
        "has_districts": may_join and district_form.fields["district"].queryset.exists(),
        "organisations": services.organisations_for(user) if may_join else [],
        "team_form": team_form or TeamForm(),
    }
    return render(request, "challenges/challenge_detail.html", context, status=status)


@require_safe
def challenge_detail(request, pk):
    return _detail(request, _challenge(request, pk))


@require_safe
@vary_on_headers("HX-Request")
def leaderboard(request, pk):
    """The leaderboards and totals: a page of their own, and the part the challenge's page polls."""
    challenge = _challenge(request, pk)
    if request.htmx:
        return HttpResponse(board_html(request, challenge))
    return render(
        request,
        "challenges/leaderboard.html",
        {"challenge": challenge, "board": board_html(request, challenge)},
    )


@require_safe
def method(request):
    """The method, with the savings of the model's actions the challenges use, for the model's defaults."""
    rules = sorted(
        set(
            ChallengeAction.objects.filter(challenge__in=Challenge.objects.public()).values_list(
                "footprint_rule", flat=True
            )
        )
    )
    titles, yearly = savings.action_rules(), savings.yearly_savings()
    rows = [
        {
            "rule": rule,
            "title": titles.get(rule, rule),
            "yearly": yearly.get(rule, 0),
            "daily": savings.daily_saving(rule),
        }
        for rule in rules
    ]
    return render(request, "challenges/method.html", {"days": savings.DAYS_A_YEAR, "rows": rows})


def _done(request, challenge, error=None, success=None):
    if error is not None:
        messages.error(request, error.message)
    elif success:
        messages.success(request, success)
    return redirect(challenge)


@login_required
@require_POST
def join_district(request, pk):
    challenge = permitted_object(
        request, Challenge.objects.all(), "challenges.join_challenge", view="challenges.view_challenge", pk=pk
    )
    form = DistrictTeamForm(request.POST)
    if not form.is_valid():
        return _done(request, challenge, DomainError(_("Choose your arrondissement.")))
    try:
        participant = services.join_district(challenge, form.cleaned_data["district"], request.user)
    except DomainError as error:
        return _done(request, challenge, error)
    return _done(
        request, challenge, success=_("You joined the team “%(team)s”.") % {"team": participant.team.name}
    )


@login_required
@require_POST
def join_organisation(request, pk):
    challenge = permitted_object(
        request, Challenge.objects.all(), "challenges.join_challenge", view="challenges.view_challenge", pk=pk
    )
    form = OrganisationTeamForm(request.POST)
    if not form.is_valid():
        return _done(request, challenge, DomainError(_("Choose one of your organisations.")))
    try:
        participant = services.join_organisation(challenge, form.cleaned_data["organisation"], request.user)
    except DomainError as error:
        return _done(request, challenge, error)
    return _done(
        request, challenge, success=_("You joined the team “%(team)s”.") % {"team": participant.team.name}
    )


@login_required
@require_POST
def form_team(request, pk):
    challenge = permitted_object(
        request, Challenge.objects.all(), "challenges.join_challenge", view="challenges.view_challenge", pk=pk
    )
    form = TeamForm(request.POST)
    if not form.is_valid():
        return _detail(request, challenge, team_form=form, status=200)
    try:
        team = services.form_team(challenge, form.cleaned_data["name"], request.user)
    except DomainError as error:
        form.add_error("name", error.message)
        return _detail(request, challenge, team_form=form, status=200)
    return _done(
        request,
        challenge,
        success=_("Your team “%(team)s” is formed: share its invite link with the people you want in it.")
        % {"team": team.name},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def invite(request, token):
    """An invite link: the team and its challenge, and a button to join."""
    team = services.team_by_invite(token)
    # An organisation's team is joined by its people only, never by a link.
    if team is None or not team.challenge.is_public or team.kind == team.Kind.ORGANISATION:
        raise Http404
    challenge = team.challenge
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        try:
            services.join(challenge, team, request.user)
        except DomainError as error:
            return _done(request, challenge, error)
        return _done(request, challenge, success=_("You joined the team “%(team)s”.") % {"team": team.name})
    response = render(
        request,
        "challenges/invite.html",
        {
            "team": team,
            "challenge": challenge,
            "participant": services.participant_of(challenge, request.user),
        },
    )
    # The link is a secret of the team's: no shared cache keeps the page.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def check_in(request, pk):
    challenge = _challenge(request, pk)
    participant = services.participant_of(challenge, request.user)
    if participant is None:
        return _done(request, challenge, DomainError(_("Join a team of the challenge first.")))
    form = CheckInForm(request.POST, challenge=challenge)
    if not form.is_valid():
        return _done(request, challenge, DomainError(_("Choose one of the challenge's actions.")))
    action = form.cleaned_data["action"]
    try:
        tick = services.check_in(participant, action)
    except DomainError as error:
        return _done(request, challenge, error)
    return _done(
        request,
        challenge,
        success=_("Checked in: “%(action)s”, about %(kg)s kgCO2e avoided today (estimated).")
        % {"action": action.label, "kg": tick.kg_co2e.normalize()},
    )


@require_safe
def download(request, fmt):
    data = opendata.RESULTS
    if fmt == "txt":
        response = HttpResponse(data.readme(), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{data.slug}-README.txt"'
        return response
    if fmt not in data.formats:
        raise Http404
    return respond(data, fmt)
