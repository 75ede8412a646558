"""Who may do what in shared governance. Views, the API and templates ask these permissions by name."""

import rules
from django.utils import timezone

from mobilization.core.predicates import is_city_staff, is_owner_of, is_signed_in, object_is


def _committee(obj):
    """The committee itself, or the committee of a meeting or a recommendation."""
    return getattr(obj, "committee", obj)


@rules.predicate
def sits_on_committee(user, obj) -> bool:
    """The user holds a current seat on this committee (or on the committee of this meeting...)."""
    if obj is None or not getattr(user, "is_authenticated", False):
        return False
    today = timezone.localdate()
    return any(seat.is_active(today) for seat in _committee(obj).members.filter(user=user))


@rules.predicate
def committee_is_public(user, obj) -> bool:
    """The committee (of this meeting or recommendation) is public."""
    return obj is not None and _committee(obj).is_public


is_author = is_owner_of("author")
is_public_proposal = object_is("is_public")


@rules.predicate
def sees_proposal_of_comment(user, comment) -> bool:
    """A comment is as private as its proposal: public, or seen by the proposal's author and staff."""
    if comment is None:
        return False
    proposal = comment.proposal
    return proposal.is_public or (user.is_authenticated and proposal.author_id == user.pk)


# A private committee, its meetings and its recommendations are seen by its members and staff only.
sees_committee = committee_is_public | sits_on_committee | is_city_staff

# Committees: their members (and staff) run them; staff answer for the city.
rules.add_perm("governance.view_committee", sees_committee)
rules.add_perm("governance.view_meeting", sees_committee)
rules.add_perm("governance.view_recommendation", sees_committee)
rules.add_perm("governance.run_committee", sits_on_committee | is_city_staff)
rules.add_perm("governance.answer_recommendation", is_city_staff)
# Proposals
rules.add_perm("governance.view_proposal", is_public_proposal | is_author | is_city_staff)
rules.add_perm("governance.submit_proposal", is_signed_in)
rules.add_perm("governance.support_proposal", is_signed_in & is_public_proposal)
rules.add_perm("governance.comment_proposal", is_signed_in & is_public_proposal)
rules.add_perm("governance.moderate_proposal", is_city_staff)
rules.add_perm("governance.answer_proposal", is_city_staff)
rules.add_perm("governance.view_comment", sees_proposal_of_comment | is_city_staff)
rules.add_perm("governance.hide_comment", is_city_staff)
# Consultations: anyone signed in may try to vote (the service checks the verified address).
rules.add_perm("governance.vote_consultation", is_signed_in)
rules.add_perm("governance.close_consultation", is_city_staff)
rules.add_perm("governance.recount_consultation", is_city_staff)
