"""Hostile-input declarations of the learning app (see tests/hostile/forms.py for the building blocks).

Objects come from tests/access/pillars/learning.py: training A (with a quiz) whose trainer is the owner,
its session A (attendance open), where `other` is registered and certified."""

from tests.access.callers import ANONYMOUS, CITY_STAFF, OTHER, OWNER
from tests.hostile import corpus
from tests.hostile.forms import REFUSED, Attack, HostileForm, QueryString, refused, typed_text

# No hostile value is the identifier of a person registered to the session, nor of a quiz answer.
CHOICES = corpus.union(corpus.SAMPLE, corpus.tagged(corpus.NUMBER))
PAGES = corpus.union(corpus.NUMBERS, corpus.SAMPLE)


def _attendance_rows(world, data) -> list:
    from mobilization.learning.models import Attendance, Certification

    return [
        list(
            Attendance.objects.filter(event=world.learning_session_a)
            .order_by("pk")
            .values("user_id", "status")
        ),
        list(Certification.objects.order_by("pk").values("pk", "status")),
    ]


def _quiz_rows(world, data) -> list:
    from mobilization.learning.models import QuizAttempt

    return list(QuizAttempt.objects.order_by("pk").values("pk", "user_id", "score", "passed"))


def _quiz_baseline(world, n: int) -> dict:
    questions = world.learning_training_a.questions.order_by("position", "pk")
    return {
        f"question_{index}": str(question.choices.get(is_correct=True).pk)
        for index, question in enumerate(questions, start=1)
    }


def _resource_model():
    from mobilization.learning.models import Resource

    return Resource


def _resource_rows(world, data) -> list:
    return list(
        _resource_model()
        .objects.order_by("pk")
        .values("pk", "title", "summary", "body", "link", "kind", "theme", "language", "level", "status")
    )


def _newest(name):
    return lambda world, data: getattr(_resource_model().objects.latest("pk"), name)


def _draft_a(name):
    return lambda world, data: getattr(_resource_model().objects.get(pk=world.learning_resource_a.pk), name)


def as_link(value: str):
    """What the link stores: a web address Django's URL field accepts (a scheme added when missing)."""
    from django import forms
    from django.core.exceptions import ValidationError

    try:
        return forms.URLField(max_length=500, required=False, assume_scheme="http").clean(value)
    except ValidationError:
        return REFUSED


def _resource_baseline(world, n: int) -> dict:
    return {
        "title": "Fiche canicule",
        "summary": "Les bons réflexes quand il fait chaud.",
        "body": "Boire, fermer les volets, appeler ses voisins.",
        "kind": "guide",
        "theme": "solidarity",
        "language": "fr",
        "level": "beginner",
        "link": "",
    }


def _resource_attacks(read) -> tuple:
    return (
        Attack("title", saved=read("title"), normalise=typed_text(is_a_name=True)),
        Attack("summary", saved=read("summary"), normalise=typed_text(is_a_name=True)),
        Attack("body", saved=read("body"), normalise=typed_text(multiline=True)),
        Attack("link", saved=read("link"), normalise=as_link),
        Attack("kind", values=CHOICES, normalise=refused),
        Attack("theme", values=CHOICES, normalise=refused),
        Attack("level", values=CHOICES, normalise=refused),
        Attack("objectives", values=CHOICES, is_list=True, normalise=refused),
        Attack("upload", values=corpus.hostile_uploads(10 * 1024 * 1024), normalise=refused),
    )


FORMS: tuple = (
    HostileForm(
        "learning:resource_create",
        caller=OWNER,
        baseline=_resource_baseline,
        attacks=_resource_attacks(_newest),
        rows=_resource_rows,
    ),
    HostileForm(
        "learning:resource_edit",
        caller=OWNER,
        kwargs=lambda world: {"pk": world.learning_resource_a.pk},
        baseline=_resource_baseline,
        attacks=_resource_attacks(_draft_a),
        rows=_resource_rows,
    ),
    HostileForm(
        "learning:resource_reject",
        caller=CITY_STAFF,
        kwargs=lambda world: {"pk": world.learning_resource_a.pk},
        before=lambda client, world, user: (
            _resource_model().objects.filter(pk=world.learning_resource_a.pk).update(status="submitted")
        ),
        baseline=lambda world, n: {"reason": "Ajoutez une source."},
        attacks=(Attack("reason", saved=_draft_a("rejection_reason"), normalise=typed_text(multiline=True)),),
        rows=_resource_rows,
    ),
    HostileForm(
        "learning:resource_feedback",
        caller=OTHER,
        kwargs=lambda world: {"pk": world.learning_published_a.pk},
        baseline=lambda world, n: {"useful": "yes", "comment": "Très clair."},
        attacks=(
            Attack("useful", values=CHOICES, normalise=refused),
            Attack(
                "comment",
                saved=lambda world, data: (
                    world.learning_published_a.feedback.get(user=world.user(OTHER)).comment
                ),
                normalise=typed_text(),
            ),
        ),
        rows=lambda world, data: list(
            world.learning_published_a.feedback.order_by("pk").values("user_id", "useful", "comment")
        ),
    ),
    HostileForm(
        "learning:attendance",
        caller=OWNER,
        kwargs=lambda world: {"pk": world.learning_session_a.pk},
        baseline=lambda world, n: {"present": [str(world.user(OTHER).pk)]},
        attacks=(Attack("present", values=CHOICES, is_list=True, normalise=refused),),
        rows=_attendance_rows,
    ),
    HostileForm(
        "learning:quiz",
        caller=OTHER,
        kwargs=lambda world: {"pk": world.learning_training_a.pk},
        baseline=_quiz_baseline,
        attacks=(
            Attack("question_1", values=CHOICES, normalise=refused),
            Attack("question_2", values=CHOICES, normalise=refused),
        ),
        rows=_quiz_rows,
    ),
)

RESOURCE_FILTERS = {
    "q": corpus.ALL,
    "theme": corpus.union(corpus.SAMPLE, corpus.tagged(corpus.MARKUP)),
    "kind": corpus.union(corpus.SAMPLE, corpus.tagged(corpus.MARKUP)),
    "language": corpus.union(corpus.SAMPLE, corpus.tagged(corpus.MARKUP)),
    "level": corpus.union(corpus.SAMPLE, corpus.tagged(corpus.MARKUP)),
}

QUERY_STRINGS: tuple = (
    QueryString(
        "learning:resource_list",
        caller=ANONYMOUS,
        baseline={"q": "canicule", "theme": "solidarity"},
        parameters={**RESOURCE_FILTERS, "page": PAGES},
    ),
    QueryString("learning:training_list", caller=ANONYMOUS, parameters={"page": PAGES}),
    QueryString(
        "learning:verify",
        caller=ANONYMOUS,
        baseline={"code": "AAAA-BBBB-CC"},
        parameters={"code": corpus.ALL},
    ),
)

NOT_FORMS: dict[str, str] = {
    "learning:resource_submit": "no field: submits the resource in the path for review",
    "learning:resource_publish": "no field: publishes the resource in the path",
}
