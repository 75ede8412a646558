"""The one path of every state change: lock, check, change, save, audit, notify.

A service that moves an object from one state to another says which states it may leave, where it
goes, what else changes and whom to tell, and calls `transition()`; it never assigns a status and saves
by itself. The helper:

1. opens a transaction (or joins the caller's) and locks the object's row (`SELECT … FOR UPDATE`; on
   SQLite the IMMEDIATE transaction holds the database's write lock instead), so that two requests
   racing for the same change are served one after the other;
2. reads the state again under the lock (the object the caller holds may be stale) and refuses with
   `InvalidTransition` unless it is one of `allowed_from`; an extra `check(obj)` may refuse more;
3. sets the new state and the other `changes`, and saves those fields only (`update_fields`);
4. writes the audit record (`core.audit.record`);
5. tells people: each `Notice` goes through the registered notifier, in the same transaction (the inbox
   rows are rolled back with the change); e-mails and SMS leave once the transaction commits.

Decidim's commands with `with_lock` and `traceability.perform_action!` are the model: the safe path is
the only path. A change that is not about a status field (hiding a comment: `hidden_at` is set) passes
`allowed_from=None` and says in `check` when it may happen.

`transition_all()` does the same for every row of a queryset (closing the other open reports that one
decision answers).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils import timezone

from mobilization.core import audit, registries
from mobilization.core.errors import InvalidTransition


@dataclass(frozen=True)
class Notice:
    """Tell `recipients` about the change with the notification kind `kind`."""

    recipients: Iterable
    kind: str
    context: dict = field(default_factory=dict)


def _label(obj: models.Model, field_name: str, value) -> str:
    choices = obj._meta.get_field(field_name).flatchoices
    return str(dict(choices).get(value, value)) if choices else str(value)


def lock(obj: models.Model, *, fields: Iterable[str] = ()) -> models.Model:
    """Lock the object's row until the end of the transaction and refresh `fields` from it.

    Must be called inside `transaction.atomic()`. Reads through the base manager with no ordering and no
    joins: PostgreSQL cannot lock the nullable side of an outer join."""
    fields = list(fields)
    # `_meta.model`, not `type(obj)`: a view's `request.user` is a lazy proxy of the user.
    row = (
        obj._meta.model._base_manager.select_for_update()
        .filter(pk=obj.pk)
        .order_by()
        .values(*fields or ["pk"])
        .get()
    )
    for name in fields:
        setattr(obj, obj._meta.get_field(name).attname, row[name])
    return obj


def transition(
    obj: models.Model,
    *,
    by,
    action: str,
    allowed_from: Iterable[str] | None,
    to: str | None = None,
    changes: dict | None = None,
    check: Callable[[models.Model], None] | None = None,
    message=None,
    details: dict | None = None,
    notices: Iterable[Notice] = (),
    state_field: str = "status",
    refresh: Iterable[str] = (),
) -> models.Model:
    """Move `obj` to the state `to` (and apply `changes`) if its state is one of `allowed_from`.

    - `by`: who does it (a user, or None for the platform itself); written to the audit log.
    - `action`: the audit action, "<app>.<what happened>" ("initiative.published").
    - `allowed_from`: the states it may leave; None when any state will do (then `check` decides).
    - `to`: the new state, or None when the state does not change (only `changes`).
    - `changes`: other fields to set: {field name: value}; a callable value is called with the object
      under the lock (for a value that depends on what the row holds now).
    - `check(obj)`: runs under the lock, after the state check; raises a `DomainError` to refuse.
    - `message`: what `InvalidTransition` says when the state is not allowed (else a generic sentence
      naming the current state).
    - `details`: extra audit details (no personal data: the audit log names objects by id only).
    - `notices`: whom to tell, after the change is saved.
    - `refresh`: other fields to read again under the lock, for `check` (the state is always re-read).

    Returns the same object, changed. Raises `InvalidTransition` (or what `check` raises); nothing is
    saved then.
    """
    changes = dict(changes or {})
    with transaction.atomic():
        has_state = allowed_from is not None or to is not None
        lock(obj, fields=[*([state_field] if has_state else []), *refresh])
        if allowed_from is not None:
            current = getattr(obj, state_field)
            if current not in set(allowed_from):
                raise InvalidTransition(
                    message,
                    current=current,
                    wanted=to or "",
                    current_label=_label(obj, state_field, current),
                )
        if check is not None:
            check(obj)
        if to is not None:
            changes = {state_field: to, **changes}
        for name, value in changes.items():
            setattr(obj, name, value(obj) if callable(value) else value)
        update_fields = list(changes)
        if update_fields:
            if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
                update_fields.append("updated_at")
            obj.save(update_fields=update_fields)
        audit.record(by, action, obj, **(details or {}))
        for notice in notices:
            registries.notifier()(notice.recipients, notice.kind, notice.context)
    return obj


def transition_all(
    queryset: models.QuerySet,
    *,
    by,
    action: str,
    allowed_from: Iterable[str],
    to: str,
    changes: dict | None = None,
    details: dict | None = None,
    state_field: str = "status",
) -> int:
    """Move every row of `queryset` whose state is one of `allowed_from` to `to`, under lock; one audit
    record per row. Returns how many moved."""
    changes = {state_field: to, **(changes or {})}
    if any(f.name == "updated_at" for f in queryset.model._meta.concrete_fields):
        changes.setdefault("updated_at", timezone.now())
    with transaction.atomic():
        rows = list(
            queryset.select_for_update()
            .filter(**{f"{state_field}__in": list(allowed_from)})
            .order_by("pk")
            .only("pk")
        )
        if not rows:
            return 0
        queryset.model._base_manager.filter(pk__in=[row.pk for row in rows]).update(**changes)
        for row in rows:
            audit.record(by, action, row, **(details or {}))
    return len(rows)
