"""Two real workers (`manage.py db_worker`, the production queue) share a fan-out and deliver every message
exactly once, even when the same batches are enqueued twice (a retry sweep that took them for lost). On
the test database of the run, with committed data (`transaction=True`). The timed version, 6,000 buddies,
is bench/fanout.py."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.db.models import Count

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core.models import AuditEvent
from mobilization.core.testing import database_url
from mobilization.notifications import tasks
from mobilization.notifications.models import Delivery
from mobilization.notifications.services import notify

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)
DATABASE_QUEUE = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "email", "imports"],
    }
}


def test_two_workers_deliver_each_message_exactly_once(settings, tmp_path, monkeypatch):
    settings.TASKS = DATABASE_QUEUE
    monkeypatch.setattr(tasks, "DELIVERIES_PER_TASK", 5)  # several tasks for two workers to share
    people = [MemberFactory(phone=f"+3361234{n:04d}") for n in range(24)]

    notifications = notify(people, "solidarity_offer", {"url": "/fr/"})  # urgent: e-mail and SMS
    queued = list(Delivery.objects.filter(status=Delivery.Status.QUEUED))
    assert len(notifications) == 24 and len(queued) == 48
    tasks.enqueue_deliveries(queued)  # the same batches once more: none may be sent twice

    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "PYTHONPATH": str(ROOT),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "EMAIL_URL": f"file://{tmp_path / 'email'}",
        "SMS_BACKEND": "mobilization.notifications.sms.FileSmsBackend",
        "SMS_FILE_PATH": str(tmp_path / "sms"),
    }
    command = [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--batch", "--no-reload"]
    workers = [
        subprocess.Popen(
            [*command, "--no-startup-delay", "--worker-id", f"worker-{n}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(2)
    ]
    try:
        for worker in workers:
            _, errors = worker.communicate(timeout=240)
            assert worker.returncode == 0, errors
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
    connections.close_all()

    deliveries = Delivery.objects.all()
    assert deliveries.count() == 48
    assert set(deliveries.values_list("status", "attempts")) == {(Delivery.Status.SENT, 1)}
    audited = (
        AuditEvent.objects.filter(action="notifications.delivery_sent")
        .values("object_id")
        .annotate(n=Count("pk"))
    )
    assert sorted(int(row["object_id"]) for row in audited if row["n"] == 1) == sorted(
        deliveries.values_list("pk", flat=True)
    )
    assert len(list((tmp_path / "sms").glob("*.sms"))) == 24
    message_ids = [
        line
        for path in (tmp_path / "email").glob("*")
        for line in path.read_text().splitlines()
        if line.startswith("Message-ID:")
    ]
    assert len(message_ids) == len(set(message_ids)) == 24
