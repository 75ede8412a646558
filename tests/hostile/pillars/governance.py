"""Hostile-input declarations of the governance app (see tests/hostile/forms.py for the building blocks)."""

from tests.access.callers import CITY_STAFF, OWNER
from tests.hostile import corpus
from tests.hostile.forms import CHOICES, Attack, HostileForm, QueryString, refused, typed_text

LINE = typed_text()
TEXT = typed_text(multiline=True)
PAGES = corpus.union(corpus.NUMBERS, corpus.SAMPLE)


def _models():
    from mobilization.plan.governance import models

    return models


def _latest(model_name, field, **filters):
    def read(world, data):
        model = getattr(_models(), model_name)
        return getattr(model.objects.filter(**filters).latest("pk"), field)

    return read


def _rows(model_name, *fields):
    return lambda world, data: list(
        getattr(_models(), model_name).objects.order_by("pk").values("pk", *fields)
    )


FORMS: tuple = (
    HostileForm(
        "governance:meeting_new",
        caller=OWNER,
        kwargs=lambda world: {"slug": world.gov_committee.slug},
        baseline=lambda world, n: {
            "starts_at": "2026-03-01T18:00",
            "place": "Mairie du 11e",
            "agenda_fr": "- Bilan",
        },
        attacks=(
            Attack("place", saved=_latest("Meeting", "place"), normalise=LINE),
            Attack("agenda_fr", saved=_latest("Meeting", "agenda_fr"), normalise=TEXT),
            Attack("starts_at", values=corpus.union(corpus.tagged(corpus.DATE), CHOICES), normalise=refused),
        ),
        rows=_rows("Meeting", "place", "agenda", "starts_at"),
    ),
    HostileForm(
        "governance:publish_minutes",
        caller=OWNER,
        kwargs=lambda world: {"pk": world.gov_meeting.pk},
        baseline=lambda world, n: {"minutes_fr": "Le comité a siégé."},
        attacks=(Attack("minutes_fr", saved=_latest("Meeting", "minutes_fr"), normalise=TEXT),),
        rows=_rows("Meeting", "minutes_fr", "minutes_en"),
    ),
    HostileForm(
        "governance:recommendation_new",
        caller=OWNER,
        kwargs=lambda world: {"slug": world.gov_committee.slug},
        baseline=lambda world, n: {
            "reference": f"H-{n}",
            "title_fr": "Planter",
            "text_fr": "Des arbres.",
            "issued_on": "2026-01-10",
            "response_due_on": "2026-04-10",
        },
        attacks=(
            Attack("reference", saved=_latest("Recommendation", "reference"), normalise=LINE),
            # In French, the English version empty: required, as the one text was before.
            Attack("title_fr", saved=_latest("Recommendation", "title_fr"), normalise=LINE),
            Attack("text_fr", saved=_latest("Recommendation", "text_fr"), normalise=TEXT),
            Attack(
                "meeting",
                values=CHOICES,
                normalise=lambda value: None if value == "" else refused(value),
                saved=_latest("Recommendation", "meeting_id"),
            ),
        ),
        rows=_rows("Recommendation", "reference", "title", "text", "meeting_id"),
    ),
    HostileForm(
        "governance:answer_recommendation",
        caller=CITY_STAFF,
        kwargs=lambda world: {"pk": world.gov_recommendation.pk},
        # "Under study" is not final: each accepted submission replaces it, so each value is judged.
        baseline=lambda world, n: {"decision": "study", "justification": "À l'étude."},
        attacks=(
            Attack("justification", saved=_latest("CityResponse", "justification"), normalise=TEXT),
            Attack("decision", values=CHOICES, normalise=refused),
        ),
        rows=_rows("CityResponse", "decision", "justification", "implementation_due_on"),
    ),
    HostileForm(
        "governance:proposal_new",
        caller=OWNER,
        baseline=lambda world, n: {"title": "Des fontaines", "body": "Partout."},
        attacks=(
            Attack("title", saved=_latest("Proposal", "title"), normalise=LINE),
            Attack("body", saved=_latest("Proposal", "body"), normalise=TEXT),
            Attack("objectives", values=CHOICES, is_list=True, normalise=refused),
        ),
        rows=_rows("Proposal", "title", "body", "status"),
    ),
    HostileForm(
        "governance:comment",
        caller=OWNER,
        kwargs=lambda world: {"pk": world.gov_proposal_a.pk},
        baseline=lambda world, n: {"body": "Bonne idée"},
        attacks=(Attack("body", saved=_latest("Comment", "body"), normalise=TEXT),),
        rows=_rows("Comment", "body"),
    ),
    HostileForm(
        "governance:hide_comment",
        caller=CITY_STAFF,
        kwargs=lambda world: {"pk": world.gov_comment.pk},
        baseline=lambda world, n: {"hide-reason": "Publicité"},
        attacks=(Attack("hide-reason", saved=_latest("Comment", "hidden_reason"), normalise=TEXT),),
        rows=_rows("Comment", "hidden_at", "hidden_reason"),
    ),
    HostileForm(
        "governance:reject_proposal",
        caller=CITY_STAFF,
        kwargs=lambda world: {"pk": world.gov_proposal_submitted.pk},
        baseline=lambda world, n: {"reason": "Hors sujet"},
        attacks=(
            Attack(
                "reason", saved=_latest("Proposal", "rejection_reason", status="rejected"), normalise=TEXT
            ),
        ),
        rows=_rows("Proposal", "status", "rejection_reason"),
    ),
    HostileForm(
        "governance:answer_proposal",
        caller=CITY_STAFF,
        kwargs=lambda world: {"pk": world.gov_proposal_b.pk},
        baseline=lambda world, n: {"answer": "La Ville le fera."},
        attacks=(Attack("answer", saved=_latest("Proposal", "answer", status="answered"), normalise=TEXT),),
        rows=_rows("Proposal", "status", "answer"),
    ),
    HostileForm(
        "governance:vote",
        caller=OWNER,
        kwargs=lambda world: {"pk": world.gov_open_consultation.pk},
        baseline=lambda world, n: {
            "answer_1": str(world.gov_open_consultation.questions.get().options.first().pk)
        },
        attacks=(Attack("answer_1", values=corpus.union(CHOICES, corpus.NUMBERS), normalise=refused),),
        rows=lambda world, data: (
            list(_models().Participation.objects.values("pk", "user_id")),
            sorted(str(answers) for answers in _models().Ballot.objects.values_list("answers", flat=True)),
            sorted(
                str(answers) for answers in _models().PendingBallot.objects.values_list("answers", flat=True)
            ),
        ),
    ),
)

QUERY_STRINGS: tuple = (
    QueryString(
        "governance:proposals",
        caller=OWNER,
        baseline={"sort": "supported"},
        parameters={
            "sort": CHOICES,
            "status": CHOICES,
            "objective": corpus.union(CHOICES, corpus.tagged(corpus.MARKUP)),
            "awaiting_answer": CHOICES,
            "page": PAGES,
        },
    ),
    QueryString("governance:index", caller=OWNER, parameters={"page": PAGES}),
    QueryString("governance:consultations", caller=OWNER, parameters={"page": PAGES}),
    QueryString("governance:proposal_moderation", caller=CITY_STAFF, parameters={"page": PAGES}),
)

NOT_FORMS: dict[str, str] = {
    "governance:support": "no field: the caller supports the proposal named in the path",
    "governance:withdraw_support": "no field: the caller withdraws their support",
    "governance:publish_proposal": "no field: staff publish the proposal named in the path",
    "governance:close_consultation": "no field: staff close the consultation named in the path",
    "governance:recount": "no field: staff recount the stored ballots",
}
