"""Trainings host events: each session of a training is an `events.Event` whose `training` is set.

The events app imports nothing of learning; `register()`, called from `LearningConfig.ready()`, tells it
that trainings are a kind of host, "training": public once published (an archived training's past
sessions stay readable), run by their trainers, taking new sessions while published. Registration, the
waiting list, reminders and calendar files of sessions are therefore the events app's, unchanged.
"""

from django.utils.translation import gettext as _

from mobilization.events import hosts
from mobilization.learning import rules
from mobilization.learning.models import Training


def refuses_events(training: Training) -> str:
    if training.status != Training.Status.PUBLISHED:
        return _("Sessions can only be added to a published training.")
    return ""


TRAINING = hosts.HostKind(
    key="training",
    model=Training,
    public_q=Training.public_q,
    is_run_by=rules.is_trainer_of,
    refuses_events=refuses_events,
)


def register() -> None:
    hosts.register(TRAINING)
