"""Dispatch again, at once, when buddies or residents change during an active event (issue 12).

What changes the dispatch of an event, caught where it is saved (model signals, so that every path —
services, forms, the administration, the learning app's revocations — is covered):

- a buddy: their profile saved (paused or back, capacity, reach, calls or visits, languages, base) or
  deleted, or their certification of the buddies' training granted, revoked or deleted: every active
  event (a buddy takes anyone within reach, whatever the district);
- a resident: registered, changed (address, point, district, contact, languages) or withdrawn, or one of
  their absences added, changed or removed: the active events of their district, and those where they
  have a buddy or are on the call list (a move out of the event's districts).

After the transaction that made the change commits (`transaction.on_commit`), each event concerned is
marked due for a re-dispatch (`ExtremeEvent.redispatch_due`) and, **only if it was not already**, one task
`redispatch_event` is enqueued, to run `SOLIDARITY_REDISPATCH_DELAY_SECONDS` later (2 s). The task clears
the mark, then dispatches with the trigger "Residents or buddies changed". On a queue that cannot defer
(the ImmediateBackend of the tests, which would run a whole dispatch inside the request that paused a
buddy, and inside every test fixture that builds a world during an event) nothing is asked: the upkeep
takes the change. So a hundred changes in a second make one run, not a hundred; a change made while a run is
under way marks the event again and enqueues the next one, so none is missed. The five-minute
`dispatch_upkeep` stays as the safety net: it clears the mark too, so that an event whose task was lost
is not left marked for ever.

A change that is written with `QuerySet.update()` sends no signal: the upkeep takes it.
"""

import functools
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

DEFAULT_DELAY_SECONDS = 2

# The fields whose change matters to the dispatch (a save naming only other fields is ignored).
RESIDENT_FIELDS = {"lat", "lon", "district", "district_id", "preferred_contact", "languages"}
BUDDY_FIELDS = {
    "paused_until",
    "checkins_per_day",
    "max_distance_km",
    "does_calls",
    "does_visits",
    "languages",
    "base",
    "base_district",
    "base_district_id",
    "base_lat",
    "base_lon",
}
CERTIFICATION_FIELDS = {"status", "expires_on", "granted_on", "training", "training_id", "user", "user_id"}


def delay() -> timedelta:
    return timedelta(seconds=getattr(settings, "SOLIDARITY_REDISPATCH_DELAY_SECONDS", DEFAULT_DELAY_SECONDS))


def _models():
    return apps.get_model("solidarity", "ExtremeEvent"), apps.get_model("solidarity", "Assignment")


def _relevant(update_fields, fields: set[str]) -> bool:
    return update_fields is None or bool(set(update_fields) & fields)


# --- Which events a change concerns ---------------------------------------------------------------------


def events_of_resident(resident_id: int, district_id: int | None) -> list[int]:
    """The active events of the resident's district, and those where they are assigned or called."""
    event_model, assignment = _models()
    call_list = apps.get_model("solidarity", "CallListEntry")
    active = event_model.objects.active()
    if not active.exists():  # most of the year: one query, and nothing to ask
        return []
    found = set()
    if district_id is not None:
        found |= set(active.filter(districts=district_id).values_list("pk", flat=True))
    found |= set(
        assignment.objects.filter(
            resident_id=resident_id, status__in=assignment.LIVE, event__in=active
        ).values_list("event_id", flat=True)
    )
    found |= set(
        call_list.objects.filter(resident_id=resident_id, event__in=active).values_list("event_id", flat=True)
    )
    return sorted(found)


def active_events() -> list[int]:
    event_model, _ = _models()
    return list(event_model.objects.active().order_by("pk").values_list("pk", flat=True))


# --- Asking for a re-dispatch ---------------------------------------------------------------------------


def request(event_ids) -> None:
    """Ask for a re-dispatch of these events once the current transaction commits (coalesced)."""
    event_ids = sorted(set(event_ids))
    if event_ids:
        transaction.on_commit(functools.partial(_mark_and_enqueue, event_ids), robust=True)


def _mark_and_enqueue(event_ids: list[int]) -> None:
    """Mark each event due; enqueue its task only if this call is the one that marked it."""
    from mobilization.solidarity.tasks import redispatch_event

    event_model, _ = _models()
    if not redispatch_event.get_backend().supports_defer:
        return  # a queue that runs tasks at once (tests, a demo without worker): the upkeep does it
    task = redispatch_event.using(run_after=timezone.now() + delay())
    for pk in event_ids:
        marked = event_model.objects.filter(
            pk=pk, status=event_model.Status.ACTIVE, redispatch_due=False
        ).update(redispatch_due=True)
        if marked:
            task.enqueue(pk)


# --- The signals ----------------------------------------------------------------------------------------


def _resident_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw or not _relevant(update_fields, RESIDENT_FIELDS):
        return
    request(events_of_resident(instance.pk, instance.district_id))


def _resident_deleted(sender, instance, **kwargs):
    # The resident's assignments are deleted with them (cascade): their district's events are the ones.
    event_model, _ = _models()
    if instance.district_id is not None:
        request(
            event_model.objects.active().filter(districts=instance.district_id).values_list("pk", flat=True)
        )


def _absence_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    resident = apps.get_model("solidarity", "VulnerableResident")
    district = resident.objects.filter(pk=instance.resident_id).values_list("district_id", flat=True).first()
    request(events_of_resident(instance.resident_id, district))


def _buddy_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not _relevant(update_fields, BUDDY_FIELDS):
        return
    request(active_events())


def _buddy_deleted(sender, instance, **kwargs):
    request(active_events())


def _certification_changed(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not _relevant(update_fields, CERTIFICATION_FIELDS):
        return
    from mobilization.solidarity.buddies import buddy_training_code

    training = apps.get_model("learning", "Training")
    if training.objects.filter(pk=instance.training_id, code=buddy_training_code()).exists():
        request(active_events())


def connect() -> None:
    """Connect the receivers (SolidarityConfig.ready)."""
    resident = apps.get_model("solidarity", "VulnerableResident")
    absence = apps.get_model("solidarity", "Absence")
    buddy = apps.get_model("solidarity", "BuddyProfile")
    certification = apps.get_model("learning", "Certification")
    uid = "solidarity.redispatch."
    post_save.connect(_resident_saved, sender=resident, dispatch_uid=uid + "resident_saved")
    post_delete.connect(_resident_deleted, sender=resident, dispatch_uid=uid + "resident_deleted")
    post_save.connect(_absence_changed, sender=absence, dispatch_uid=uid + "absence_saved")
    post_delete.connect(_absence_changed, sender=absence, dispatch_uid=uid + "absence_deleted")
    post_save.connect(_buddy_saved, sender=buddy, dispatch_uid=uid + "buddy_saved")
    post_delete.connect(_buddy_deleted, sender=buddy, dispatch_uid=uid + "buddy_deleted")
    post_save.connect(_certification_changed, sender=certification, dispatch_uid=uid + "certification_saved")
    post_delete.connect(
        _certification_changed, sender=certification, dispatch_uid=uid + "certification_deleted"
    )
