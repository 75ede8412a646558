"""Access table rows of the learning app.

Objects: `learning_training_a` (a published training with a quiz, whose trainer is `owner`),
`learning_session_a` (its session, starting in half an hour: attendance is open), `learning_certification`
(the certification `other` got at that session). City staff may take attendance at any session; the
administrator (a superuser) has every permission.
"""

from datetime import timedelta

from django.utils import timezone

from tests.access.callers import ADMIN, ANONYMOUS, CITY_STAFF, COORDINATOR, OTHER, OWNER
from tests.access.table import LOGIN, REDIRECT, Route, everyone, members

POINT = (48.852, 2.355)  # inside the route table's district


def build(world) -> None:
    from mobilization.events import services as event_services
    from mobilization.learning import services
    from mobilization.learning.tests.factories import SessionFactory, TrainingFactory, add_quiz

    owner, other = world.user(OWNER), world.user(OTHER)
    training = TrainingFactory(code="route-table-training", requires_quiz=False, trainers=[owner])
    add_quiz(training)
    session = SessionFactory(
        training=training,
        created_by=owner,
        starts_at=timezone.now() + timedelta(minutes=30),
        lat=POINT[0],
        lon=POINT[1],
    )
    event_services.register(session, other)
    certification = services.take_attendance(session, [other.pk], by=owner)[0]
    training.requires_quiz = True
    training.save(update_fields=["requires_quiz"])
    world.extra["learning_training_a"] = training
    world.extra["learning_session_a"] = session
    world.extra["learning_certification"] = certification


TRAINING_A = lambda world: {"pk": world.learning_training_a.pk}  # noqa: E731
SESSION_A = lambda world: {"pk": world.learning_session_a.pk}  # noqa: E731
TRAINING_HOST_A = lambda world: {"host_pk": world.learning_training_a.pk}  # noqa: E731

# The trainer, city staff and the administrator take attendance; others are refused.
ATTENDANCE_GET = {ANONYMOUS: LOGIN, OWNER: 200, OTHER: 403, CITY_STAFF: 200, COORDINATOR: 403, ADMIN: 200}
# An empty POST saves "nobody present" and comes back to the sheet.
ATTENDANCE_POST = {**ATTENDANCE_GET, OWNER: REDIRECT, CITY_STAFF: REDIRECT, ADMIN: REDIRECT}

ROWS: tuple = (
    Route("learning:training_list", {"GET": everyone(200), "POST": everyone(405)}),
    Route("learning:training_detail", {"GET": everyone(200), "POST": everyone(405)}, kwargs=TRAINING_A),
    Route("learning:verify", {"GET": everyone(200), "POST": everyone(405)}),
    Route(
        "learning:certification",
        {"GET": everyone(200), "POST": everyone(405)},
        kwargs=lambda world: {"code": world.learning_certification.code},
    ),
    # Anyone signed in takes the quiz; an empty POST is answered with the form and its errors.
    Route("learning:quiz", {"GET": members(200), "POST": members(200)}, kwargs=TRAINING_A),
    Route("learning:attendance", {"GET": ATTENDANCE_GET, "POST": ATTENDANCE_POST}, kwargs=SESSION_A),
    # A training's sessions are events: the training's public calendar, also at the address without language.
    Route("events:training_feed", {"GET": everyone(200), "POST": everyone(405)}, kwargs=TRAINING_HOST_A),
    Route("subscribed:training_feed", {"GET": everyone(200), "POST": everyone(405)}, kwargs=TRAINING_HOST_A),
)
