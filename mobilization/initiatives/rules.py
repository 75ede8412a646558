"""Who may do what with initiatives, in the platform's predicate vocabulary (core/predicates.py).

Names follow `initiatives.<verb>_<model>`; the model is the permission's object, except for `add_<model>`
and `view_membership`, whose object is the initiative the thing is added to or belongs to (as
`events.add_event`). Views, templates, the API and the route table ask these names.
"""

import rules

from mobilization.core import registries
from mobilization.core.predicates import is_city_staff, is_signed_in, object_is


def organises(user, initiative) -> bool:
    """The user is the initiative's organiser, or manages it as they do (`registries.initiative_managers`:
    the representatives of the organisation that runs it)."""
    if initiative is None or not getattr(user, "is_authenticated", False):
        return False
    return initiative.organiser_id == user.pk or registries.manages_initiative(user, initiative)


def _organiser_through(relation: str) -> rules.Predicate:
    def check(user, obj) -> bool:
        return obj is not None and organises(user, getattr(obj, relation, None))

    return rules.predicate(check, name=f"is_organiser_of_{relation}")


is_organiser_of = rules.predicate(organises, name="is_organiser_of")
organises_the_partner = _organiser_through("partner")
organises_the_initiative_of = _organiser_through("initiative")
is_public = object_is("is_public")
is_published = object_is("is_published")
is_finished = object_is("is_finished")

# Reading: the public statuses for everyone; drafts, submitted and rejected ones for organiser and staff.
rules.add_perm("initiatives.view_initiative", is_public | is_organiser_of | is_city_staff)
rules.add_perm("initiatives.add_initiative", is_signed_in)
rules.add_perm("initiatives.change_initiative", (is_organiser_of | is_city_staff) & ~is_finished)
# The organiser's desk and the lifecycle they drive.
rules.add_perm("initiatives.manage_initiative", is_organiser_of)
rules.add_perm("initiatives.submit_initiative", is_organiser_of)
rules.add_perm("initiatives.pause_initiative", is_organiser_of)
rules.add_perm("initiatives.resume_initiative", is_organiser_of)
rules.add_perm("initiatives.finish_initiative", is_organiser_of)
# Moderation by city staff: the queue, publishing, sending back, reviewing changes, reports, clusters.
rules.add_perm("initiatives.moderate_initiative", is_city_staff)
rules.add_perm("initiatives.publish_initiative", is_city_staff)
rules.add_perm("initiatives.reject_initiative", is_city_staff)
rules.add_perm("initiatives.resolve_contentreport", is_city_staff)
rules.add_perm("initiatives.view_cluster", is_city_staff)
# People
rules.add_perm("initiatives.join_initiative", is_signed_in & is_published & ~is_organiser_of)
rules.add_perm("initiatives.follow_initiative", is_signed_in & is_published)
rules.add_perm("initiatives.contact_initiative", is_signed_in & is_public & ~is_organiser_of)
rules.add_perm("initiatives.report_initiative", is_signed_in & is_public)
rules.add_perm("initiatives.view_membership", is_organiser_of)
rules.add_perm("initiatives.message_membership", is_organiser_of)
rules.add_perm("initiatives.delete_membership", organises_the_initiative_of)
# What the organiser adds to their initiative.
rules.add_perm("initiatives.add_newspost", is_organiser_of & is_public)
rules.add_perm("initiatives.add_impactrecord", is_organiser_of)
# Partners: asked from the other initiative's page by the organiser of one of theirs, answered by its own.
rules.add_perm("initiatives.add_partnership", is_signed_in & is_published & ~is_organiser_of)
rules.add_perm("initiatives.answer_partnership", organises_the_partner)
