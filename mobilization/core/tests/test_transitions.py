"""The kernel's transition helper: lock, check, change, save the changed fields, audit, notify."""

import pytest
from django.db import connection, models
from django.test.utils import CaptureQueriesContext

from mobilization.core import registries
from mobilization.core.errors import DomainError, InvalidTransition
from mobilization.core.models import AuditEvent
from mobilization.core.transitions import Notice, transition, transition_all


class Ticket(models.Model):
    """A thing with a status, for these tests only (its table is made by the fixture below)."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    status = models.CharField(max_length=20, choices=Status, default=Status.OPEN)
    note = models.CharField(max_length=100, default="")
    title = models.CharField(max_length=100, default="")
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        app_label = "core"
        db_table = "core_test_ticket"
        managed = False

    def __str__(self):
        return self.title


@pytest.fixture
def tickets(db):
    """The table, created inside the test's transaction (both databases roll DDL back)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE core_test_ticket (id integer PRIMARY KEY, status varchar(20) NOT NULL, "
            "note varchar(100) NOT NULL, title varchar(100) NOT NULL, "
            "updated_at timestamp with time zone NULL)"
        )
    return Ticket


@pytest.fixture
def told():
    """The notices the helper sends, through a notifier that records them."""
    sent = []
    previous = registries.notifiers._entries.pop("default", None)
    registries.notifiers.register("default", lambda recipients, kind, context: sent.append((kind, context)))
    yield sent
    registries.notifiers.unregister("default")
    if previous is not None:
        registries.notifiers._entries["default"] = previous


def test_an_allowed_transition_changes_the_state_saves_audits_and_tells(tickets, told):
    ticket = Ticket.objects.create(id=1, title="Broken fountain")

    transition(
        ticket,
        by=None,
        action="ticket.closed",
        allowed_from=[Ticket.Status.OPEN],
        to=Ticket.Status.CLOSED,
        changes={"note": "mended"},
        details={"why": "mended"},
        notices=[Notice([], "ticket_closed", {"ticket": 1})],
    )

    stored = Ticket.objects.get(pk=1)
    assert stored.status == Ticket.Status.CLOSED
    assert stored.note == "mended"
    event = AuditEvent.objects.get(action="ticket.closed")
    assert event.object_type == "core.ticket"
    assert event.object_id == "1"
    assert event.details == {"why": "mended"}
    assert told == [("ticket_closed", {"ticket": 1})]


def test_a_state_not_allowed_is_refused_with_the_current_state_named_and_nothing_changes(tickets, told):
    Ticket.objects.create(id=1, status=Ticket.Status.CLOSED)
    ticket = Ticket.objects.get(pk=1)

    with pytest.raises(InvalidTransition) as refused:
        transition(ticket, by=None, action="ticket.closed", allowed_from=["open"], to="closed")

    assert refused.value.message == "This cannot be done now: it is “Closed”."
    assert refused.value.current == "closed"
    assert not AuditEvent.objects.exists()
    assert told == []


def test_the_state_is_read_again_under_the_lock_so_a_stale_object_cannot_move_twice(tickets):
    Ticket.objects.create(id=1)
    stale = Ticket.objects.get(pk=1)
    Ticket.objects.filter(pk=1).update(status=Ticket.Status.CLOSED)  # another request closed it meanwhile

    with pytest.raises(InvalidTransition):
        transition(stale, by=None, action="ticket.closed", allowed_from=["open"], to="closed")

    assert stale.status == Ticket.Status.CLOSED


def test_only_the_changed_fields_are_saved(tickets):
    Ticket.objects.create(id=1, title="Original")
    ticket = Ticket.objects.get(pk=1)
    Ticket.objects.filter(pk=1).update(title="Edited by someone else")

    transition(ticket, by=None, action="ticket.closed", allowed_from=["open"], to="closed")

    assert Ticket.objects.get(pk=1).title == "Edited by someone else"


def test_a_check_refuses_under_the_lock_and_nothing_is_saved(tickets):
    Ticket.objects.create(id=1)
    ticket = Ticket.objects.get(pk=1)

    def needs_a_note(obj):
        if not obj.note:
            raise DomainError("Say what was done.")

    with pytest.raises(DomainError, match="Say what was done."):
        transition(
            ticket, by=None, action="ticket.closed", allowed_from=["open"], to="closed", check=needs_a_note
        )

    assert Ticket.objects.get(pk=1).status == "open"


def test_a_custom_message_says_why(tickets):
    Ticket.objects.create(id=1, status="closed")

    with pytest.raises(InvalidTransition, match="Already closed."):
        transition(
            Ticket.objects.get(pk=1),
            by=None,
            action="ticket.closed",
            allowed_from=["open"],
            to="closed",
            message="Already closed.",
        )


def test_a_change_with_no_state_is_audited_and_saved(tickets):
    Ticket.objects.create(id=1, status="closed")

    ticket = Ticket.objects.get(pk=1)
    transition(ticket, by=None, action="ticket.noted", allowed_from=None, changes={"note": "x"})

    assert Ticket.objects.get(pk=1).note == "x"
    assert AuditEvent.objects.filter(action="ticket.noted").count() == 1


def test_an_object_behind_a_lazy_proxy_moves_too(tickets):
    """A view's `request.user` is a `SimpleLazyObject`: the helper locks the model's row, not the proxy's."""
    from django.utils.functional import SimpleLazyObject

    Ticket.objects.create(id=1)
    ticket = SimpleLazyObject(lambda: Ticket.objects.get(pk=1))

    transition(ticket, by=None, action="ticket.closed", allowed_from=["open"], to="closed")

    assert Ticket.objects.get(pk=1).status == Ticket.Status.CLOSED


def test_the_row_is_locked_on_postgresql(tickets):
    ticket = Ticket.objects.create(id=1)

    with CaptureQueriesContext(connection) as queries:
        transition(ticket, by=None, action="ticket.closed", allowed_from=["open"], to="closed")

    locking = [query["sql"] for query in queries if "FOR UPDATE" in query["sql"]]
    if connection.features.has_select_for_update:
        assert len(locking) == 1
        assert "core_test_ticket" in locking[0]
    else:  # SQLite: the IMMEDIATE transaction holds the database's write lock instead
        assert locking == []


def test_transition_all_moves_the_allowed_rows_and_audits_each(tickets):
    for pk, status in ((1, "open"), (2, "open"), (3, "closed")):
        Ticket.objects.create(id=pk, status=status)

    moved = transition_all(
        Ticket.objects.all(), by=None, action="ticket.closed", allowed_from=["open"], to="closed"
    )

    assert moved == 2
    assert set(Ticket.objects.values_list("status", flat=True)) == {"closed"}
    assert sorted(AuditEvent.objects.values_list("object_id", flat=True)) == ["1", "2"]
