"""Hostile-input declarations of the co-design app (see tests/hostile/forms.py for the building blocks)."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from tests.access.callers import ANONYMOUS, CITY_STAFF, OWNER, make_member
from tests.hostile import corpus
from tests.hostile.forms import CHOICES, REFUSED, Attack, HostileForm, QueryString, Shown, refused, typed_text

LINE = typed_text()
TEXT = typed_text(multiline=True)
PAGES = corpus.union(corpus.NUMBERS, corpus.SAMPLE)


def _models():
    from mobilization.codesign import models

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


def an_email(value: str):
    """An optional e-mail address: stored stripped when valid, "" when blank, refused otherwise."""
    value = value.strip()
    if not value:
        return ""
    try:
        validate_email(value)
    except ValidationError:
        return REFUSED
    return value


def a_page(value: str):
    """The page a suggestion came from: a path of this site, or nothing; control characters refused."""
    from mobilization.codesign.services import clean_page

    value = value.strip()
    if any(unicodedata.category(character) == "Cc" for character in value):
        return REFUSED
    return clean_page(value)


def a_version(value: str):
    """A version starts with a digit, then letters, digits, dots and dashes (30 at most)."""
    value = value.strip()
    return value if re.fullmatch(r"[0-9][0-9A-Za-z.\-]{0,29}", value) else REFUSED


def a_pk(value: str):
    value = value.strip()
    return int(value) if value.isdigit() else REFUSED


def _staff(world):
    return world.user(CITY_STAFF)


def _back_under_study(client, world, user) -> None:
    """Each submission moves the idea from "under study" (the test puts it back, as a fresh idea)."""
    _models().Idea.objects.filter(pk=world.cd_idea_b.pk).update(status="study")


def _suggestion_to_read(client, world, user) -> None:
    """Each submission reads the suggestion anew (an accepted one turned it into an idea)."""
    _models().Suggestion.objects.filter(pk=world.cd_hostile_suggestion.pk).update(status="new", idea=None)


def _respondent(world, n: int):
    return make_member(f"respondent-{n}@example.org", f"Respondent {n}")


def _named_survey_answer(world, data):
    response = _models().SurveyResponse.objects.filter(respondent_id=data["_user"]).first()
    question = world.cd_named_survey.questions.get(kind="text")
    return response.answers.get(str(question.pk), "") if response else None


def _survey_baseline(world, n):
    survey = world.cd_named_survey
    single, multiple, scale, text = survey.questions.all()
    return {
        "question_1": str(single.options.first().pk),
        "question_2": [str(multiple.options.first().pk)],
        "question_3": "3",
        "question_4": "Merci",
    }


FORMS: tuple = (
    HostileForm(
        "codesign:suggest",
        caller=ANONYMOUS,
        baseline=lambda world, n: {
            "trying_to": "Trouver une fontaine",
            "would_help": "Un filtre",
            "page": "/fr/places/",
        },
        attacks=(
            Attack("trying_to", saved=_latest("Suggestion", "trying_to"), normalise=TEXT),
            Attack("would_help", saved=_latest("Suggestion", "would_help"), normalise=TEXT),
            Attack("email", saved=_latest("Suggestion", "email"), normalise=an_email),
            Attack("page", saved=_latest("Suggestion", "page"), normalise=a_page),
        ),
        rows=_rows("Suggestion", "trying_to", "would_help", "email", "page"),
        shown_on=(
            Shown("codesign:suggestions", lambda world, data: _staff(world), fields=("trying_to", "page")),
        ),
    ),
    HostileForm(
        "codesign:suggestion",
        caller=CITY_STAFF,
        kwargs=lambda world: {"pk": world.cd_hostile_suggestion.pk},
        baseline=lambda world, n: {"title": "Filtre", "body": "Sur la carte", "tool": "maps"},
        attacks=(
            Attack("title", saved=_latest("Idea", "title"), normalise=LINE),
            Attack("body", saved=_latest("Idea", "body"), normalise=TEXT),
            Attack("tool", values=CHOICES, normalise=refused),
        ),
        rows=_rows("Idea", "title", "body", "tool"),
        before=_suggestion_to_read,
    ),
    HostileForm(
        "codesign:idea_new",
        caller=CITY_STAFF,
        baseline=lambda world, n: {"title": "Rappels", "body": "La veille", "tool": "initiatives"},
        attacks=(
            Attack("title", saved=_latest("Idea", "title"), normalise=LINE),
            Attack("body", saved=_latest("Idea", "body"), normalise=TEXT),
            Attack("tool", values=CHOICES, normalise=refused),
            Attack(
                "workshop",
                values=CHOICES,
                saved=_latest("Idea", "workshop_id"),
                # Only an existing workshop's number (or nothing) may pass.
                normalise=lambda value: None if value == "" else a_pk(value),
            ),
        ),
        rows=_rows("Idea", "title", "body", "tool", "workshop_id"),
    ),
    HostileForm(
        "codesign:comment",
        caller=OWNER,
        kwargs=lambda world: {"pk": world.cd_idea_a.pk},
        baseline=lambda world, n: {"body": "Bonne idée"},
        attacks=(Attack("body", saved=_latest("IdeaComment", "body"), normalise=TEXT),),
        rows=_rows("IdeaComment", "body"),
    ),
    HostileForm(
        "codesign:hide_comment",
        caller=CITY_STAFF,
        kwargs=lambda world: {"pk": world.cd_comment.pk},
        baseline=lambda world, n: {"hide-reason": "Publicité"},
        attacks=(Attack("hide-reason", saved=_latest("IdeaComment", "hidden_reason"), normalise=TEXT),),
        rows=_rows("IdeaComment", "hidden_at", "hidden_reason"),
    ),
    HostileForm(
        "codesign:change_status",
        caller=CITY_STAFF,
        kwargs=lambda world: {"pk": world.cd_idea_b.pk},
        baseline=lambda world, n: {"status": "planned", "reason": "Prévu cet été."},
        attacks=(
            Attack("status", values=CHOICES, normalise=refused),
            Attack("reason", saved=_latest("Idea", "answer", status="planned"), normalise=TEXT),
        ),
        rows=_rows("Idea", "status", "answer"),
        before=_back_under_study,
    ),
    HostileForm(
        "codesign:merge",
        caller=CITY_STAFF,
        kwargs=lambda world: {"pk": world.cd_idea_b.pk},
        baseline=lambda world, n: {"into": str(world.cd_idea_a.pk)},
        attacks=(
            Attack(
                "into",
                values=corpus.union(CHOICES, corpus.NUMBERS),
                saved=lambda world, data: _models().Idea.objects.get(pk=world.cd_idea_b.pk).merged_into_id,
                normalise=a_pk,
            ),
        ),
        rows=_rows("Idea", "status", "merged_into_id", "supports_count"),
        before=_back_under_study,
    ),
    HostileForm(
        "codesign:release_new",
        caller=CITY_STAFF,
        baseline=lambda world, n: {
            "version": f"5.{n}",
            "title_fr": "Carte plus claire",
            "notes_fr": "- Un filtre",
            "released_on": "2026-12-01",
        },
        attacks=(
            Attack("title_fr", saved=_latest("Release", "title_fr"), normalise=LINE),
            Attack("notes_fr", saved=_latest("Release", "notes_fr"), normalise=TEXT),
            Attack(
                "version",
                values=corpus.union(CHOICES, corpus.tagged(corpus.MARKUP)),
                saved=_latest("Release", "version"),
                normalise=a_version,
            ),
            Attack(
                "released_on", values=corpus.union(corpus.tagged(corpus.DATE), CHOICES), normalise=refused
            ),
            Attack("ideas", values=CHOICES, is_list=True, normalise=refused),
        ),
        rows=_rows("Release", "version", "title_fr", "notes_fr", "released_on"),
    ),
    HostileForm(
        "codesign:answer_survey",
        caller=_respondent,
        kwargs=lambda world: {"pk": world.cd_named_survey.pk},
        baseline=_survey_baseline,
        attacks=(
            Attack("question_4", saved=_named_survey_answer, normalise=TEXT),
            Attack("question_3", values=corpus.union(CHOICES, corpus.NUMBERS), normalise=refused),
            Attack("question_1", values=CHOICES, normalise=refused),
        ),
        rows=lambda world, data: (
            list(_models().SurveyParticipation.objects.values("survey_id", "user_id").order_by("user_id")),
            sorted(str(a) for a in _models().SurveyResponse.objects.values_list("answers", flat=True)),
        ),
        variant="named",
    ),
)

QUERY_STRINGS: tuple = (
    QueryString("codesign:board", caller=OWNER, parameters={"tool": CHOICES, "page": PAGES}),
    QueryString("codesign:surveys", caller=OWNER, parameters={"page": PAGES}),
    QueryString("codesign:suggestions", caller=CITY_STAFF, parameters={"page": PAGES}),
    QueryString("codesign:suggest", caller=OWNER, parameters={"from": corpus.ALL}),
    QueryString("codesign:suggest_thanks", caller=OWNER, parameters={"from": corpus.ALL}),
)

NOT_FORMS: dict[str, str] = {
    "codesign:support": "no field: the caller supports the idea named in the path",
    "codesign:withdraw_support": "no field: the caller withdraws their support",
    "codesign:close_suggestion": "no field: staff close the suggestion named in the path",
    "codesign:close_survey": "no field: staff close the survey named in the path",
    "codesign:publish_workshop": "no field: staff publish the notes of the workshop named in the path",
    "codesign:announce_workshop": "no field: staff make the workshop named in the path public",
}
