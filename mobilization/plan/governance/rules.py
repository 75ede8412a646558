"""Who may do what in shared governance. Views, the API and templates ask these permissions by name."""

import rules
from django.utils import timezone

from mobilization.core.predicates import is_city_staff


@rules.predicate
def sits_on_committee(user, committee) -> bool:
    """The user holds a current seat on this committee (or on the committee of this meeting)."""
    if committee is None or not getattr(user, "is_authenticated", False):
        return False
    committee = getattr(committee, "committee", committee)
    today = timezone.localdate()
    return any(seat.is_active(today) for seat in committee.members.filter(user=user))


@rules.predicate
def is_author(user, proposal) -> bool:
    return proposal is not None and getattr(user, "is_authenticated", False) and proposal.author_id == user.pk


@rules.predicate
def is_public_proposal(user, proposal) -> bool:
    return proposal is not None and proposal.is_public


is_signed_in = rules.is_authenticated

# Committees: their members (and staff) run them; staff answer for the city.
rules.add_perm("governance.run_committee", sits_on_committee | is_city_staff)
rules.add_perm("governance.answer_recommendation", is_city_staff)
# Proposals
rules.add_perm("governance.view_proposal", is_public_proposal | is_author | is_city_staff)
rules.add_perm("governance.submit_proposal", is_signed_in)
rules.add_perm("governance.support_proposal", is_signed_in & is_public_proposal)
rules.add_perm("governance.comment_proposal", is_signed_in & is_public_proposal)
rules.add_perm("governance.moderate_proposals", is_city_staff)
rules.add_perm("governance.answer_proposal", is_city_staff)
# Consultations: anyone signed in may try to vote (the service checks the verified address).
rules.add_perm("governance.vote", is_signed_in)
rules.add_perm("governance.close_consultation", is_city_staff)
rules.add_perm("governance.recount_consultation", is_city_staff)
