"""Who may do what in the learning app.

Trainings are written by city staff (in the administration); their trainers run their sessions (events:
they add them, see who registered) and take attendance. Anyone may read a published training and verify a
certification by its public code; a volunteer takes a quiz once they attended a session.
"""

import rules

from mobilization.core.predicates import is_city_staff, is_signed_in, object_is


@rules.predicate
def is_trainer_of(user, training) -> bool:
    """The person is one of the training's trainers."""
    if training is None or not getattr(user, "is_authenticated", False):
        return False
    return training.trainers.filter(pk=user.pk).exists()


@rules.predicate
def is_trainer_of_session(user, event) -> bool:
    """The person is a trainer of the training whose session the event is."""
    return event is not None and event.training_id is not None and is_trainer_of(user, event.training)


is_public = object_is("is_public")

rules.add_perm("learning.view_training", is_public | is_trainer_of | is_city_staff)
rules.add_perm("learning.take_quiz_training", is_signed_in & is_public)
rules.add_perm("learning.take_attendance_event", is_trainer_of_session | is_city_staff)


# --- Resources: written by staff or trusted volunteers (the trainers), published after staff review ---------


@rules.predicate
def is_trusted_writer(user) -> bool:
    """A volunteer trusted to write resources: one who trains others (a trainer of a training)."""
    return getattr(user, "is_authenticated", False) and user.trainings_given.exists()


@rules.predicate
def is_author_of(user, resource) -> bool:
    return resource is not None and getattr(user, "is_authenticated", False) and resource.author_id == user.pk


@rules.predicate
def is_not_published(user, resource) -> bool:
    return resource is not None and resource.status != resource.Status.PUBLISHED


rules.add_perm("learning.add_resource", is_city_staff | is_trusted_writer)
rules.add_perm("learning.view_resource", is_public | is_author_of | is_city_staff)
rules.add_perm("learning.change_resource", (is_author_of & is_not_published) | is_city_staff)
rules.add_perm("learning.submit_resource", is_author_of & is_not_published)
rules.add_perm("learning.review_resource", is_city_staff)
rules.add_perm("learning.give_feedback_resource", is_signed_in & is_public)
rules.add_perm("learning.see_feedback_resource", is_city_staff)
