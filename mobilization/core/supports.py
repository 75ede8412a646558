"""Supports, answers and moderation: the mechanics that the Climate Plan's citizen proposals
(`plan.governance`) and the platform's ideas (`codesign`) share — one implementation, two uses.

- `Supports` — one support per account and thing, held by the database's unique constraint (so that
  two requests at once cannot both pass), and a count kept equal to the support rows: recounted under
  the thing's row lock, never incremented blindly. `move()` carries the supports of a duplicate to the
  thing that is kept, without counting anyone twice.
- `answer()` — staff answer a thing: its new state, the answer (the team's reason), who answered and
  when, through the kernel's `transition()`.
- `hide()` — a moderator hides a comment, saying why (`hidden_at`, `hidden_reason`, `hidden_by`).

The kernel imports no app: each app names its models and fields, and its messages, when it calls these.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import IntegrityError, models, transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from mobilization.core.errors import AlreadyDone, DomainError
from mobilization.core.transitions import Notice, lock, transition


def required(text: str, message) -> None:
    """Refuse an empty text (only spaces) with `message`."""
    if not (text or "").strip():
        raise DomainError(message)


@dataclass(frozen=True)
class Supports:
    """The supports of one kind of thing: `model` holds one row per (thing, user), unique together; its
    foreign key to the thing is `target`; the thing keeps their number in `count_field`."""

    model: type[models.Model]
    target: str
    count_field: str = "supports_count"

    def of(self, thing) -> models.QuerySet:
        return self.model._default_manager.filter(**{self.target: thing})

    def is_supported_by(self, thing, user) -> bool:
        return bool(getattr(user, "is_authenticated", False)) and self.of(thing).filter(user=user).exists()

    def recount(self, thing) -> int:
        """Set the thing's count from its support rows. Called under the thing's row lock: recounts run
        one after the other, each sees every support committed before it, the last leaves the true
        count."""
        count = (
            self.model._default_manager.filter(**{self.target: OuterRef("pk")})
            .order_by()
            .values(self.target)
            .annotate(total=Count("pk"))
            .values("total")
        )
        rows = thing._meta.model._base_manager.filter(pk=thing.pk)
        rows.update(**{self.count_field: Coalesce(Subquery(count), 0)})
        thing.refresh_from_db(fields=[self.count_field])
        return getattr(thing, self.count_field)

    def add(
        self,
        thing,
        *,
        user,
        may_support: Callable[[models.Model], None] | None = None,
        already,
        lock_fields: Iterable[str] = ("status",),
        after: Callable[[models.Model], None] | None = None,
    ):
        """One support of `user` for `thing`; a second is refused with `AlreadyDone(already)`, even from
        two requests at once. Under the thing's lock, `may_support(thing)` refuses (raises) a thing that
        takes no support now, and `after(thing)` runs once the count is right (a threshold)."""
        with transaction.atomic():
            lock(thing, fields=lock_fields)
            if may_support is not None:
                may_support(thing)
            try:
                with transaction.atomic():
                    support = self.model._default_manager.create(**{self.target: thing, "user": user})
            except IntegrityError:
                raise AlreadyDone(already) from None
            self.recount(thing)
            if after is not None:
                after(thing)
        return support

    def withdraw(self, thing, *, user, not_supported) -> None:
        with transaction.atomic():
            lock(thing)
            deleted, _rows = self.of(thing).filter(user=user).delete()
            if not deleted:
                raise AlreadyDone(not_supported)
            self.recount(thing)

    def move(self, duplicate, kept) -> int:
        """Carry the duplicate's supports to the kept thing (a merge): a person who supported both is
        counted once. Both rows are locked (in the order of their keys, so that two merges cannot wait
        on each other); both counts are recounted. Returns how many supports moved."""
        with transaction.atomic():
            for thing in sorted((duplicate, kept), key=lambda thing: thing.pk):
                lock(thing)
            already = self.of(kept).values("user_id")
            moving = self.of(duplicate).exclude(user_id__in=already)
            moved = moving.update(**{self.target: kept})
            self.of(duplicate).delete()  # the others already support the kept thing
            self.recount(duplicate)
            self.recount(kept)
        return moved


def answer(
    thing,
    *,
    by,
    action: str,
    allowed_from: Iterable[str],
    to: str,
    text: str,
    message=None,
    missing=None,
    notices: Iterable[Notice] = (),
    changes: dict | None = None,
    text_field: str = "answer",
    by_field: str = "answered_by",
    at_field: str = "answered_at",
    details: dict | None = None,
):
    """Staff answer `thing`: it goes from one of `allowed_from` to `to`, with the answer `text` (the
    reasons; refused with `missing` when empty), who answered and when."""
    return transition(
        thing,
        by=by,
        action=action,
        allowed_from=allowed_from,
        to=to,
        check=lambda _thing: required(text, missing or _("Write the answer first.")),
        changes={text_field: text, by_field: by, at_field: timezone.now(), **(changes or {})},
        message=message,
        notices=notices,
        details=details,
    )


def hide(comment, *, by, reason: str, action: str, already=None, missing=None):
    """A moderator hides a comment, saying why; a hidden comment is not hidden twice."""

    def may_hide(comment) -> None:
        if comment.hidden_at is not None:
            raise AlreadyDone(already or _("This comment is already hidden."))
        required(reason, missing or _("Say why the comment is hidden."))

    return transition(
        comment,
        by=by,
        action=action,
        allowed_from=None,
        refresh=["hidden_at"],
        check=may_hide,
        changes={"hidden_at": timezone.now(), "hidden_reason": reason, "hidden_by": by},
    )
