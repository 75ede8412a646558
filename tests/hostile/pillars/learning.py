"""Hostile-input declarations of the learning app (see tests/hostile/forms.py for the building blocks).

Objects come from tests/access/pillars/learning.py: training A (with a quiz) whose trainer is the owner,
its session A (attendance open), where `other` is registered and certified."""

from tests.access.callers import ANONYMOUS, OTHER, OWNER
from tests.hostile import corpus
from tests.hostile.forms import Attack, HostileForm, QueryString, refused

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


FORMS: tuple = (
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

QUERY_STRINGS: tuple = (
    QueryString("learning:training_list", caller=ANONYMOUS, parameters={"page": PAGES}),
    QueryString(
        "learning:verify",
        caller=ANONYMOUS,
        baseline={"code": "AAAA-BBBB-CC"},
        parameters={"code": corpus.ALL},
    ),
)

NOT_FORMS: dict[str, str] = {}
