"""The dispatch of an event: who checks on whom, from the database rows to the assignments written.

`dispatch(event)` reads the residents in scope and the buddies available (dispatch_inputs.py), solves
(`dispatch.solve`: min-cost flow on each resident's nearest eligible buddies) and writes the result:

- **One result at a time.** The event's row is locked (`SELECT … FOR UPDATE`; on SQLite the IMMEDIATE
  transaction holds the write lock) before anything is read, and everything is read, solved and
  written in that one transaction: two coordinators pressing the button at once are served one after
  the other, and the second finds nothing to change. A buddy's answer locks the same row (offers.py).
- **All or nothing.** A worker that dies half-way leaves the previous assignments in force (the
  transaction is rolled back, and nobody was told: the buddies' task is enqueued on commit); its
  `DispatchRun`, written before in a transaction of its own, stays without `finished_at`.
- **Idempotent.** A resident's current buddy is their "previous buddy" for the solver, so that a run
  on unchanged data gives the same assignments; rows that do not change are not written.
- **Accepted is kept.** A buddy who accepted keeps the person while the pair stays eligible (the buddy
  still certified, not paused, the person in scope, within reach, mode and language): only offers not
  yet answered are re-optimised.
- **No second offer to a decliner.** A buddy who declined a person, or let the offer expire, is not
  offered them again in this event: the few residents the solver gives back to such a buddy are solved
  again alone, without them (`_solve_alone`), as after a decline (`reassign`).

Residents no buddy can take are on the event's call list with the solver's reason.

**The buddies are told after the run commits, by one task** (announcements.py, enqueued on commit):
those offered someone in the run (the offers still open when the task runs), and those whose accepted
person the run gave to someone else (`DispatchRun.withdrawn_buddies`). Telling 6,000 buddies (inbox rows,
deliveries, their sending tasks) cost more than writing the 20,000 offers; out of the transaction, the
offers are in force, and the event's lock released, whatever the notification takes. Told once, and a
task lost between the commit and the queue is made up by the five-minute upkeep (announcements.py). The
offer's lifetime counts from the run (`offered_at`): seconds of queue against hours
(`SOLIDARITY_OFFER_HOURS`).
"""

import contextlib
import functools
import gc
import time
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from mobilization.core import audit
from mobilization.core.bulk import insert_rows
from mobilization.core.errors import InvalidTransition
from mobilization.core.transitions import lock
from mobilization.solidarity import dispatch_inputs as inputs
from mobilization.solidarity.announcements import announce_dispatch_run
from mobilization.solidarity.dispatch import Buddy, Reason, Resident, solve
from mobilization.solidarity.event_models import (
    Assignment,
    CallListEntry,
    DispatchRun,
    ExtremeEvent,
)

Trigger = DispatchRun.Trigger
# Called with a step's name between the steps of the write (the test of a killed worker waits there).
checkpoint = lambda name: None  # noqa: E731


@dataclass
class Plan:
    """What the event's assignments should be: resident → (buddy, distance), or resident → reason."""

    assigned: dict[int, tuple[int, float]] = field(default_factory=dict)
    call_list: dict[int, str] = field(default_factory=dict)
    solve_seconds: float = 0.0


def _not_active(event) -> None:
    if event.status != ExtremeEvent.Status.ACTIVE:
        raise InvalidTransition(
            current=event.status, wanted="dispatch", current_label=event.get_status_display()
        )


def dispatch(
    event: ExtremeEvent, *, by=None, trigger: str = Trigger.MANUAL, now: datetime | None = None
) -> DispatchRun:
    """Assign every resident in the event's scope to one buddy, or put them on the call list."""
    now = now or timezone.now()
    event.refresh_from_db(fields=["status"])
    _not_active(event)
    run = DispatchRun.objects.create(event=event, started_at=now, by=by, trigger=trigger)
    with _collector_paused(), transaction.atomic():
        lock(event, fields=["status"])
        _not_active(event)
        today = timezone.localdate(now)
        live = _live(event)
        # A resident's buddy in this event is their previous one; else their last event's.
        previous = inputs.previous_event_buddies(event)
        previous.update((resident, buddy) for resident, (_, buddy, _) in live.items())
        residents = inputs.residents_in_scope(event, today, previous)
        buddies = inputs.available_buddies(event, today)
        excluded = _excluded(event)
        pinned = _pinned(live, residents, buddies)
        plan = _plan(residents, buddies, pinned, excluded)
        checkpoint("solved")
        counts = _write(event, run, plan, live, now=now)
        run.residents, run.buddies = len(residents), len(buddies)
        run.assigned, run.call_list = len(plan.assigned), len(plan.call_list)
        run.total_distance_m = sum(d for _, d in plan.assigned.values())
        run.solve_seconds = plan.solve_seconds
        run.kept, run.offered, run.replaced, run.withdrawn_buddies = counts
        _finish(run)
        audit.record(by, "solidarity.event_dispatched", event, run=run.pk, trigger=trigger)
    return run


@contextlib.contextmanager
def _collector_paused():
    """Python's cyclic garbage collector paused during a dispatch. A dispatch makes a few hundred
    thousand small objects (residents, buddies, rows) and none of them in a cycle: freed by their
    reference counts anyway. Each pass of the collector's oldest generation walks every object of the
    process (about 340,000 in a worker, Django's own): 0.07 to 0.3 s of a 20,000-resident dispatch's CPU,
    more at 100,000. Restarted at the end, if it was running."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def reassign(event: ExtremeEvent, resident_id: int, *, trigger: str, now: datetime | None = None) -> None:
    """Find another buddy for one resident whose offer was declined or expired (the caller holds the
    event's lock): the buddies with room left, less everyone who declined or let this person's offer
    expire in this event."""
    now = now or timezone.now()
    if event.status != ExtremeEvent.Status.ACTIVE:
        return
    today = timezone.localdate(now)
    residents = inputs.residents_in_scope(event, today)
    resident = residents.get(resident_id)
    live = _live(event)
    if resident is None or resident_id in live:
        return
    buddies = inputs.available_buddies(event, today)
    load = _load({r: b for r, (_, b, _) in live.items()})
    result = _solve_alone(resident, buddies, load, _excluded(event).get(resident_id, set()))
    plan = Plan()
    if isinstance(result, tuple):
        plan.assigned[resident_id] = result
    else:
        plan.call_list[resident_id] = result
    run = DispatchRun.objects.create(event=event, started_at=now, trigger=trigger, residents=1)
    _write(event, run, plan, {}, now=now, partial=True)
    run.assigned, run.call_list = len(plan.assigned), len(plan.call_list)
    run.offered = len(plan.assigned)
    _finish(run)


def _finish(run: DispatchRun) -> None:
    """Save the finished run; its buddies are told by a task once it commits (nothing to tell: marked)."""
    run.finished_at = timezone.now()
    if not run.offered and not run.withdrawn_buddies:
        run.notified_at = run.finished_at
    run.save()
    if run.notified_at is None:
        transaction.on_commit(functools.partial(announce_dispatch_run.enqueue, run.pk), robust=True)


# --- Reading what stands ---------------------------------------------------------------------------------


def _live(event) -> dict[int, tuple[int, int, str]]:
    """resident id → (assignment id, buddy id, status) of the event's live assignments."""
    rows = Assignment.objects.filter(event=event, status__in=Assignment.LIVE).values_list(
        "resident_id", "pk", "buddy_id", "status"
    )
    return {resident: (pk, buddy, status) for resident, pk, buddy, status in rows}


def _excluded(event) -> dict[int, set[int]]:
    """resident id → the buddies who declined them or let their offer expire in this event."""
    rows = Assignment.objects.filter(
        event=event, status__in=(Assignment.Status.DECLINED, Assignment.Status.EXPIRED)
    ).values_list("resident_id", "buddy_id")
    found: dict[int, set[int]] = {}
    for resident, buddy in rows:
        found.setdefault(resident, set()).add(buddy)
    return found


def _pinned(live, residents, buddies) -> dict[int, int]:
    """resident id → buddy id of the accepted assignments that still hold."""
    return {
        resident: buddy
        for resident, (_, buddy, status) in live.items()
        if status == Assignment.Status.ACCEPTED
        and resident in residents
        and buddy in buddies
        and inputs.is_eligible(residents[resident], buddies[buddy])
    }


def _load(buddy_of: dict[int, int]) -> dict[int, int]:
    load: dict[int, int] = {}
    for buddy in buddy_of.values():
        load[buddy] = load.get(buddy, 0) + 1
    return load


def _with_room(buddies: dict[int, Buddy], load: dict[int, int]) -> list[Buddy]:
    return [
        b if not load.get(b.id) else replace(b, capacity=max(b.capacity - load[b.id], 0))
        for b in buddies.values()
    ]


# --- Solving -----------------------------------------------------------------------------------------


def _plan(residents, buddies, pinned, excluded) -> Plan:
    """The solver's answer. `solve_seconds` is the CPU time of the solver alone (the pure module), not of
    the reads and bookkeeping around it."""
    plan = Plan()
    for resident, buddy in pinned.items():
        plan.assigned[resident] = (buddy, inputs.distance_m(residents[resident], buddies[buddy]))
    loose = [resident for rid, resident in residents.items() if rid not in pinned]
    started = time.process_time()
    result = solve(loose, _with_room(buddies, _load(pinned)))
    plan.solve_seconds = time.process_time() - started
    redo = []
    for a in result.assignments:
        if a.buddy_id in excluded.get(a.resident_id, ()):
            redo.append(a.resident_id)
        else:
            plan.assigned[a.resident_id] = (a.buddy_id, a.distance_m)
    for u in result.call_list:
        plan.call_list[u.resident_id] = str(u.reason)
    for resident_id in sorted(redo):
        load = _load({r: b for r, (b, _) in plan.assigned.items()})
        started = time.process_time()
        found = _solve_alone(residents[resident_id], buddies, load, excluded[resident_id])
        plan.solve_seconds += time.process_time() - started
        if isinstance(found, tuple):
            plan.assigned[resident_id] = found
        else:
            plan.call_list[resident_id] = found
    return plan


def _solve_alone(resident: Resident, buddies, load, excluded: set[int]) -> tuple[int, float] | str:
    """(buddy id, distance) for one resident among the buddies with room, less `excluded`; else the reason."""
    if not buddies:
        return CallListEntry.Reason.NO_BUDDY
    others = [b for b in _with_room(buddies, load) if b.id not in excluded]
    result = solve([replace(resident, previous_buddy_id=None)], others)
    if result.assignments:
        a = result.assignments[0]
        return a.buddy_id, a.distance_m
    reason = result.call_list[0].reason if result.call_list else Reason.NO_BUDDY_IN_REACH
    return str(reason)


# --- Writing -----------------------------------------------------------------------------------------


def _write(event, run, plan: Plan, live, *, now, partial: bool = False) -> tuple[int, int, int, list[int]]:
    """Make the event's assignments and call list those of `plan`; rows that do not change stay as they
    are. `partial`: only the residents of the plan are touched. Returns (kept, offered, replaced, the
    buddies whose accepted person was replaced)."""
    kept = {r for r, (b, _) in plan.assigned.items() if r in live and live[r][1] == b}
    stale = [r for r in live if r not in kept and (not partial or r in plan.assigned or r in plan.call_list)]
    withdrawn = [live[r][1] for r in stale if live[r][2] == Assignment.Status.ACCEPTED]
    if stale:
        Assignment.objects.filter(pk__in=[live[r][0] for r in stale]).update(
            status=Assignment.Status.REPLACED
        )
    checkpoint("replaced")
    new = [(r, b, d) for r, (b, d) in sorted(plan.assigned.items()) if r not in kept]
    insert_rows(
        Assignment,
        ("event", "resident", "buddy", "status", "offered_at", "distance_m", "run"),
        ((event.pk, r, b, Assignment.Status.OFFERED, now, round(d, 1), run.pk) for r, b, d in new),
    )
    checkpoint("offered")
    _write_call_list(event, run, plan, now=now, partial=partial)
    checkpoint("call_list")
    return len(kept), len(new), len(stale), sorted(set(withdrawn))


def _write_call_list(event, run, plan: Plan, *, now, partial: bool) -> None:
    entries = dict(CallListEntry.objects.filter(event=event).values_list("resident_id", "reason"))
    touched = set(plan.assigned) | set(plan.call_list) if partial else None
    gone = [r for r in entries if r not in plan.call_list and (touched is None or r in touched)]
    if gone:
        CallListEntry.objects.filter(event=event, resident_id__in=gone).delete()
    changed = [r for r, reason in plan.call_list.items() if r in entries and entries[r] != reason]
    for reason in {plan.call_list[r] for r in changed}:
        CallListEntry.objects.filter(
            event=event, resident_id__in=[r for r in changed if plan.call_list[r] == reason]
        ).update(reason=reason, run=run)
    insert_rows(
        CallListEntry,
        ("event", "resident", "reason", "since", "run"),
        (
            (event.pk, r, reason, now, run.pk)
            for r, reason in sorted(plan.call_list.items())
            if r not in entries
        ),
    )
