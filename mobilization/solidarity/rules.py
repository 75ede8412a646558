"""Who may do what with the registry of vulnerable residents and the buddies.

A resident's record is seen by the person (when they registered themselves), by whoever registered
them (a relative, their doctor or care service, the staff member who took it by phone), and by the
solidarity coordinators who follow the person's arrondissement (every arrondissement when staff gave
them none). Nobody else learns that the record exists: they get 404. Buddies see nothing of the
registry here: the next part gives them their assigned residents during an active event, and only
then. Who read a record is written to the audit log, which city staff review (not the coordinators
whose reads it records).
"""

import rules

from mobilization.core.predicates import (
    is_city_staff,
    is_owner_of,
    is_self,
    is_signed_in,
    is_solidarity_coordinator,
)

is_the_resident = is_owner_of("account")


@rules.predicate
def is_the_registrant(user, resident) -> bool:
    """The relative, doctor or care service who registered the person. Staff who took a registration by
    phone keep no access of their own: they see it as coordinators, while they are ones."""
    from mobilization.solidarity.models import VulnerableResident

    return (
        resident is not None
        and getattr(user, "is_authenticated", False)
        and resident.registered_by_id == user.pk
        and resident.registered_as != VulnerableResident.RegisteredBy.STAFF_PHONE
    )


@rules.predicate
def follows_the_district_of(user, resident) -> bool:
    """A coordinator whose arrondissements include the resident's (all of them when none were set)."""
    from mobilization.solidarity.services import coordinator_districts

    if resident is None:
        return False
    districts = coordinator_districts(user)
    return districts is None or resident.district_id in districts


coordinates_the_resident = is_solidarity_coordinator & follows_the_district_of


@rules.predicate
def is_assigned_buddy_of(user, resident) -> bool:
    """A buddy who accepted to check on this resident in an event that is active now, and still holds
    the buddies' certification: the only time a buddy sees a resident's contact details. An offer not
    yet accepted, a declined or replaced one, an event on watch, standing down or closed: no."""
    from mobilization.solidarity.buddies import is_trained_buddy
    from mobilization.solidarity.models import Assignment, ExtremeEvent

    if resident is None or not getattr(user, "is_authenticated", False):
        return False
    return Assignment.objects.filter(
        resident_id=resident.pk,
        buddy__user_id=user.pk,
        status=Assignment.Status.ACCEPTED,
        event__status=ExtremeEvent.Status.ACTIVE,
    ).exists() and is_trained_buddy(user)


knows_the_resident = is_the_resident | is_the_registrant | coordinates_the_resident

rules.add_perm("solidarity.add_vulnerableresident", is_signed_in)
rules.add_perm("solidarity.register_by_phone_vulnerableresident", is_solidarity_coordinator)
rules.add_perm("solidarity.list_vulnerableresident", is_solidarity_coordinator)
rules.add_perm("solidarity.view_vulnerableresident", knows_the_resident)
rules.add_perm("solidarity.change_vulnerableresident", knows_the_resident)
rules.add_perm("solidarity.withdraw_vulnerableresident", knows_the_resident)
# Sealed: on a page of their own, each opening logged. Whoever registered the person typed them in and
# may read them back; buddies will see them only on the day of a visit (next part).
rules.add_perm("solidarity.view_access_notes_vulnerableresident", knows_the_resident)
rules.add_perm("solidarity.view_readlog", is_city_staff)
rules.add_perm("solidarity.add_buddyprofile", is_signed_in)
rules.add_perm("solidarity.change_buddyprofile", is_self)


@rules.predicate
def is_the_buddy_of(user, assignment) -> bool:
    """The buddy an assignment was offered to (they answer it)."""
    return (
        assignment is not None
        and getattr(user, "is_authenticated", False)
        and assignment.buddy.user_id == user.pk
    )


# Extreme events: the solidarity coordinators run them (a coordinator of some arrondissements sees
# every event, and only the people of their arrondissements on its call list).
rules.add_perm("solidarity.list_extremeevent", is_solidarity_coordinator)
rules.add_perm("solidarity.view_extremeevent", is_solidarity_coordinator)
rules.add_perm("solidarity.add_extremeevent", is_solidarity_coordinator)
rules.add_perm("solidarity.change_extremeevent", is_solidarity_coordinator)
rules.add_perm("solidarity.dispatch_extremeevent", is_solidarity_coordinator)
rules.add_perm("solidarity.answer_assignment", is_the_buddy_of)

# --- Check-ins and escalations (checkins.py, escalations.py) ---------------------------------------------


@rules.predicate
def is_the_checkin_buddy(user, checkin) -> bool:
    """The buddy a check-in is for, while its event is active and their assignment accepted."""
    from mobilization.solidarity.checkins import may_record

    return checkin is not None and getattr(user, "is_authenticated", False) and may_record(user, checkin)


@rules.predicate
def coordinates_the_escalation(user, escalation) -> bool:
    return escalation is not None and coordinates_the_resident(user, escalation.resident)


@rules.predicate
def follows_the_event(user, event) -> bool:
    """A coordinator whose arrondissements meet the event's (all of them when none were set)."""
    from mobilization.solidarity.services import coordinator_districts

    if event is None:
        return False
    districts = coordinator_districts(user)
    return districts is None or event.districts.filter(pk__in=districts).exists()


# A buddy's card of a resident: their contact details, only while the event is active and after accepting.
rules.add_perm("solidarity.view_card_vulnerableresident", is_assigned_buddy_of)
rules.add_perm("solidarity.record_checkin", is_the_checkin_buddy)
rules.add_perm("solidarity.list_escalation", is_solidarity_coordinator)
rules.add_perm("solidarity.view_escalation", is_solidarity_coordinator & coordinates_the_escalation)
rules.add_perm("solidarity.change_escalation", is_solidarity_coordinator & coordinates_the_escalation)
rules.add_perm("solidarity.view_coverage_extremeevent", is_solidarity_coordinator & follows_the_event)
# A coordinator calls a person of their arrondissements themselves (the call list, the unreached).
rules.add_perm("solidarity.call_vulnerableresident", coordinates_the_resident)

# --- The prefect's extract (extracts.py) ------------------------------------------------------------------
# A coordinator of some of the event's arrondissements produces it (after confirming their password);
# its download link is for them alone, for a few minutes (views_extract.py checks who made it).
rules.add_perm("solidarity.extract_extremeevent", is_solidarity_coordinator & follows_the_event)
