"""Who may do what with organisations, commitments and progress reports. Views, the API and templates ask
these permissions by name."""

import rules

from mobilization.commitments.models import Coalition, CoalitionMembership, Representation
from mobilization.core.predicates import is_city_staff, is_signed_in


def _organisation(obj):
    """The organisation itself, or the organisation of a commitment, a report or an invitation."""
    if obj is None:
        return None
    if hasattr(obj, "commitment"):
        obj = obj.commitment
    return getattr(obj, "organisation", obj)


def represented_organisations(user) -> set:
    """The ids of the organisations the user represents, read once per user object (a request's), however
    many objects a page asks about."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if not hasattr(user, "_represented_organisations"):
        user._represented_organisations = set(
            Representation.objects.filter(user=user).values_list("organisation_id", flat=True)
        )
    return user._represented_organisations


def _coalition(obj):
    """The coalition itself, or the coalition of a commitment (or of its report)."""
    if obj is None:
        return None
    if hasattr(obj, "commitment"):
        obj = obj.commitment
    if isinstance(obj, Coalition):
        return obj
    return getattr(obj, "coalition", None)


def _leads_of(coalition) -> set:
    return set(
        CoalitionMembership.objects.filter(coalition=coalition, is_lead=True).values_list(
            "organisation_id", flat=True
        )
    )


@rules.predicate
def represents(user, obj) -> bool:
    """The user represents the organisation (of this commitment, report...); for a coalition's commitment,
    one of the coalition's lead organisations."""
    if not getattr(user, "is_authenticated", False):
        return False
    coalition = None if isinstance(obj, Coalition) else _coalition(obj)
    if coalition is not None:
        return bool(represented_organisations(user) & _leads_of(coalition))
    organisation = _organisation(obj)
    if organisation is None:
        return False
    return organisation.pk in represented_organisations(user)


@rules.predicate
def represents_a_lead(user, coalition) -> bool:
    """The user represents one of the coalition's lead organisations."""
    if coalition is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(represented_organisations(user) & _leads_of(coalition))


@rules.predicate
def is_coalition_commitment(user, obj) -> bool:
    """A coalition's commitment is public as its coalition is."""
    return _coalition(obj) is not None


@rules.predicate
def organisation_is_verified(user, obj) -> bool:
    organisation = _organisation(obj)
    return organisation is not None and organisation.is_verified


@rules.predicate
def is_not_withdrawn(user, commitment) -> bool:
    return commitment is not None and not commitment.is_withdrawn


# Organisations: the public sees the verified ones; representatives and staff see theirs as they are.
rules.add_perm("commitments.view_organisation", organisation_is_verified | represents | is_city_staff)
rules.add_perm("commitments.add_organisation", is_signed_in)
rules.add_perm("commitments.change_organisation", represents)
rules.add_perm("commitments.invite_representative", represents)
rules.add_perm("commitments.manage_api_tokens", represents)
rules.add_perm("commitments.verify_organisation", is_city_staff)
# Initiatives it runs (running.py): its representatives, once the city verified it.
rules.add_perm("commitments.run_initiative", represents & organisation_is_verified)
# Commitments: made by the representatives of a verified organisation.
rules.add_perm(
    "commitments.view_commitment",
    organisation_is_verified | is_coalition_commitment | represents | is_city_staff,
)
rules.add_perm("commitments.add_commitment", represents & organisation_is_verified)
rules.add_perm("commitments.change_commitment", represents & is_not_withdrawn)
# Reports: filed by representatives, verified by staff; their evidence is seen by both only.
rules.add_perm("commitments.view_progressreport", represents | is_city_staff)
rules.add_perm("commitments.add_progressreport", represents & is_not_withdrawn)
rules.add_perm("commitments.change_progressreport", represents)
rules.add_perm("commitments.review_progressreport", is_city_staff)
rules.add_perm("commitments.review_commitments", is_city_staff)
# Coalitions: public; a representative asks to join for a verified organisation; leads decide and make the
# coalition's commitments.
rules.add_perm("commitments.join_coalition", is_signed_in)
rules.add_perm("commitments.decide_membership", represents_a_lead)
rules.add_perm("commitments.add_coalition_commitment", represents_a_lead)
