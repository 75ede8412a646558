"""Hostile-input declarations of solidarity's check-ins and escalations (see tests/hostile/forms.py).

`other` is the buddy of resident C (tests/access/pillars/solidarity_checkins.py) and records the
outcome of its check-in, which is made due again before each submission; the coordinator writes notes on
resident C's escalation and resolves it, which is opened again before each submission.
"""

import uuid

from tests.access.callers import COORDINATOR, OTHER
from tests.hostile import corpus
from tests.hostile.forms import Attack, HostileForm, refused, typed_text

CHOICES = corpus.union(corpus.SAMPLE, corpus.tagged(corpus.MARKUP))


def _checkin_due_again(client, world, user) -> None:
    from mobilization.solidarity.models import CheckIn, Escalation

    checkin = world.solidarity_checkin_c
    CheckIn.objects.filter(event=checkin.event_id, resident=checkin.resident_id).exclude(
        pk=checkin.pk
    ).delete()
    CheckIn.objects.filter(pk=checkin.pk).update(
        status=CheckIn.Status.DUE,
        outcome="",
        needs=[],
        note="",
        outcome_key=None,
        recorded_at=None,
        recorded_by=None,
    )
    Escalation.objects.filter(resident=checkin.resident_id).exclude(
        pk=world.solidarity_escalation_c.pk
    ).delete()


def _checkin_rows(world, data) -> list:
    from mobilization.solidarity.models import CheckIn, Escalation

    resident = world.solidarity_resident_c
    return [
        list(
            CheckIn.objects.filter(resident=resident)
            .order_by("pk")
            .values("pk", "status", "outcome", "needs", "note", "outcome_key", "attempt")
        ),
        list(
            Escalation.objects.filter(resident=resident)
            .order_by("pk")
            .values("pk", "status", "needs", "reason")
        ),
    ]


def _checkin_note(world, data):
    from mobilization.solidarity.models import CheckIn

    return CheckIn.objects.get(pk=world.solidarity_checkin_c.pk).note


def _latest_call_note(world, data):
    from mobilization.solidarity.models import CheckIn

    return CheckIn.objects.filter(resident=world.solidarity_resident_c, buddy=None).latest("pk").note


def _escalation_open_again(client, world, user) -> None:
    from mobilization.solidarity.models import Escalation

    Escalation.objects.filter(pk=world.solidarity_escalation_c.pk).update(
        status=Escalation.Status.OPEN, resolution="", resolution_note="", resolved_at=None
    )


def _escalation_rows(world, data) -> list:
    from mobilization.solidarity.models import Escalation

    escalation = world.solidarity_escalation_c
    return [
        list(
            Escalation.objects.filter(pk=escalation.pk).values(
                "status", "resolution", "resolution_note", "owner"
            )
        ),
        list(escalation.notes.order_by("pk").values("pk", "text")),
    ]


def _latest_note(world, data):
    return world.solidarity_escalation_c.notes.latest("pk").text


def _resolution_note(world, data):
    from mobilization.solidarity.models import Escalation

    return Escalation.objects.get(pk=world.solidarity_escalation_c.pk).resolution_note


FORMS: tuple = (
    HostileForm(
        "solidarity:checkin_outcome",
        caller=OTHER,
        kwargs=lambda world: {"pk": world.solidarity_checkin_c.pk},
        before=_checkin_due_again,
        baseline=lambda world, n: {
            "key": str(uuid.uuid4()),
            "outcome": "fine",
            "note": "Va bien, a de l'eau.",
        },
        attacks=(
            Attack("key", values=CHOICES, normalise=refused),
            Attack("outcome", values=CHOICES, normalise=refused),
            Attack("needs", values=CHOICES, normalise=refused, is_list=True),
            Attack("note", saved=_checkin_note, normalise=typed_text(multiline=True)),
        ),
        rows=_checkin_rows,
    ),
    HostileForm(
        "solidarity:coordinator_call",
        caller=COORDINATOR,
        kwargs=lambda world: {"pk": world.solidarity_event.pk, "resident_pk": world.solidarity_resident_c.pk},
        baseline=lambda world, n: {"key": str(uuid.uuid4()), "outcome": "fine", "note": "Jointe, va bien."},
        attacks=(
            Attack("key", values=CHOICES, normalise=refused),
            Attack("outcome", values=CHOICES, normalise=refused),
            Attack("needs", values=CHOICES, normalise=refused, is_list=True),
            Attack("note", saved=_latest_call_note, normalise=typed_text(multiline=True)),
        ),
        rows=_checkin_rows,
    ),
    HostileForm(
        "solidarity:escalation_note",
        caller=COORDINATOR,
        kwargs=lambda world: {"pk": world.solidarity_escalation_c.pk},
        baseline=lambda world, n: {"text": "Appelé la fille, elle passe ce soir."},
        attacks=(Attack("text", saved=_latest_note, normalise=typed_text(multiline=True, is_a_name=True)),),
        rows=_escalation_rows,
    ),
    HostileForm(
        "solidarity:escalation_resolve",
        caller=COORDINATOR,
        kwargs=lambda world: {"pk": world.solidarity_escalation_c.pk},
        before=_escalation_open_again,
        baseline=lambda world, n: {
            "resolution": "other",
            "note": "Hospitalisée la veille, famille prévenue.",
        },
        attacks=(
            Attack("resolution", values=CHOICES, normalise=refused),
            Attack("note", saved=_resolution_note, normalise=typed_text(multiline=True, is_a_name=True)),
        ),
        rows=_escalation_rows,
    ),
)

QUERY_STRINGS: tuple = ()

NOT_FORMS: dict[str, str] = {
    "solidarity:escalation_take": "no field: the coordinator takes the escalation in the path",
}
