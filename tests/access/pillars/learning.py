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
    from mobilization.learning.tests.factories import (
        ResourceFactory,
        SessionFactory,
        TrainingFactory,
        add_quiz,
    )

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
    resource = ResourceFactory(title="Guide canicule A", author=owner, status="draft", published_at=None)
    world.extra["learning_published_a"] = ResourceFactory(title="Guide publié", author=world.user(CITY_STAFF))
    world.extra["learning_resource_a"] = resource
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

RESOURCE_A = lambda world: {"pk": world.learning_published_a.pk}  # noqa: E731
DRAFT_A = lambda world: {"pk": world.learning_resource_a.pk}  # noqa: E731

# Resource A is a draft of the owner (a trainer: a trusted writer): only they and staff see it.
DRAFT_READERS = {ANONYMOUS: 404, OWNER: 200, OTHER: 404, CITY_STAFF: 200, COORDINATOR: 404, ADMIN: 200}
STAFF_ONLY = {ANONYMOUS: LOGIN, OWNER: 403, OTHER: 403, CITY_STAFF: 200, COORDINATOR: 403, ADMIN: 200}

ROWS: tuple = (
    # --- Resources ------------------------------------------------------------------------------------------
    Route("learning:resource_list", {"GET": everyone(200), "POST": everyone(405)}),
    Route("learning:resource_detail", {"GET": DRAFT_READERS, "POST": everyone(405)}, kwargs=DRAFT_A),
    # Writers: city staff and trainers (the owner trains); an empty POST is answered with the form's errors.
    Route("learning:resource_create", {"GET": STAFF_ONLY | {OWNER: 200}, "POST": STAFF_ONLY | {OWNER: 200}}),
    Route(
        "learning:resource_edit",
        {"GET": DRAFT_READERS | {ANONYMOUS: LOGIN}, "POST": DRAFT_READERS | {ANONYMOUS: LOGIN}},
        kwargs=DRAFT_A,
    ),
    # Submitting: its author; staff may see the draft but do not submit it for them. Once staff have
    # published it (the callers go in order), the coordinator may read it but not publish it.
    Route(
        "learning:resource_submit",
        {
            "GET": members(405),
            "POST": DRAFT_READERS | {ANONYMOUS: LOGIN, OWNER: REDIRECT, CITY_STAFF: 403, ADMIN: REDIRECT},
        },
        kwargs=DRAFT_A,
    ),
    Route(
        "learning:resource_publish",
        {
            "GET": members(405),
            "POST": DRAFT_READERS
            | {ANONYMOUS: LOGIN, OWNER: 403, CITY_STAFF: REDIRECT, COORDINATOR: 403, ADMIN: REDIRECT},
        },
        kwargs=DRAFT_A,
    ),
    Route(
        "learning:resource_reject",
        {
            "GET": DRAFT_READERS | {ANONYMOUS: LOGIN, OWNER: 403},
            "POST": DRAFT_READERS | {ANONYMOUS: LOGIN, OWNER: 403},
        },
        kwargs=DRAFT_A,
    ),
    # "Was this useful?" on a published resource: anyone signed in; an empty POST shows the form's errors.
    Route("learning:resource_feedback", {"GET": members(405), "POST": members(200)}, kwargs=RESOURCE_A),
    Route("learning:resource_review", {"GET": STAFF_ONLY, "POST": everyone(405)}),
    # --- The public API -------------------------------------------------------------------------------------
    Route("api:list_resources", {"GET": everyone(200), "POST": everyone(405)}),
    Route("api:list_trainings", {"GET": everyone(200), "POST": everyone(405)}),
    Route(
        "api:certification",
        {"GET": everyone(200)},
        kwargs=lambda world: {"code": world.learning_certification.code},
    ),
    # --- Trainings and certifications -----------------------------------------------------------------------
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
