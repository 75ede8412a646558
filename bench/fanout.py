"""Benchmark of the fan-out of an event: 6,000 buddies told of their offers, queued, then delivered by
two real workers, the delivery log counted.

    .venv/bin/python bench/fanout.py                   # 6,000 buddies, SQLite (var/bench/fanout-6000.sqlite3)
    .venv/bin/python bench/fanout.py --buddies 600     # smaller
    .venv/bin/python bench/fanout.py --database-url postgres://user@host/bench_fanout
    .venv/bin/python bench/fanout.py --queue-only      # the queueing alone, nothing written down

Issue 12's target: "notifying 6,000 buddies is queued in under 2 seconds and delivered by two workers
with none lost (count the delivery log)". What is done and measured:

1. the buddies: accounts with a profile holding a mobile number (so that the offer, an urgent kind, goes
   in the inbox, by e-mail and by SMS), built once and reused;
2. **queueing**: the dispatch's call, `notify(buddies, "solidarity_offer", …)`, in a transaction, until it
   has committed and the tasks that send the messages are enqueued in the database queue (django-tasks-db,
   the production backend): wall-clock and CPU time, the number of tasks enqueued;
3. **delivery**: two worker processes (`manage.py db_worker`, the production worker, on every queue)
   started, and the time until no delivery is left queued; then the workers are stopped;
4. **the delivery log counted**: every notification has exactly one delivery per channel (e-mail, SMS),
   each *sent* after exactly one attempt and audited once as sent ("none lost, none twice"); the SMS
   written by the file backend (one file each) and the e-mails by the file e-mail backend (by their
   Message-ID) are counted too: as many as notifications, no Message-ID twice.

Writes bench/results/fanout-<database>.json. The machine is shared: read wall and CPU time together.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"

from bench.dispatch_end_to_end import database_cpu, run_facts  # noqa: E402 -- after the path is set

UNUSABLE = "!"
KEY = "YmVuY2gtb25seS1rZXktbmV2ZXItcHJvZHVjdGlvbiE="


def environment(database_url: str, out: Path) -> dict:
    """The settings of this process and of the workers: production ones, messages written to files."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="mobilization.settings",
        SECRET_KEY=env.get("SECRET_KEY", "bench-only-" + "k" * 40),
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        EMAIL_URL=f"file://{out / 'email'}",
        SMS_BACKEND="mobilization.notifications.sms.FileSmsBackend",
        SMS_FILE_PATH=str(out / "sms"),
        LOG_LEVEL="WARNING",
        FIELD_ENCRYPTION_KEYS=env.get("FIELD_ENCRYPTION_KEYS", KEY),
    )
    return env


def build(count: int) -> None:
    from django.db import transaction

    from mobilization.accounts.models import Profile, User

    if User.objects.filter(email__endswith="@fanout.test").count() == count:
        return
    started = time.perf_counter()
    with transaction.atomic():
        User.objects.filter(email__endswith="@fanout.test").delete()
        User.objects.bulk_create(
            [User(email=f"buddy-{i}@fanout.test", password=UNUSABLE, is_active=True) for i in range(count)],
            batch_size=2000,
        )
        users = User.objects.filter(email__endswith="@fanout.test")
        Profile.objects.bulk_create(
            [Profile(user=user, phone=f"+3361{user.pk % 10_000_000:07d}") for user in users], batch_size=2000
        )
    print(f"built {count:,} buddies in {time.perf_counter() - started:.1f} s", flush=True)


def reset() -> None:
    from django_tasks_db.models import DBTaskResult

    from mobilization.core.models import AuditEvent
    from mobilization.notifications.models import Notification

    Notification.objects.filter(recipient__email__endswith="@fanout.test").delete()
    DBTaskResult.objects.all().delete()
    AuditEvent.objects.filter(action__startswith="notifications.delivery_").delete()


def queue(users) -> dict:
    """notify() in a transaction, as the dispatch calls it; timed until the tasks are enqueued."""
    from django.db import transaction
    from django.urls import reverse
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from mobilization.notifications.services import notify
    from mobilization.solidarity.models import ExtremeEvent

    event = ExtremeEvent(hazard="heatwave", level="red", status=ExtremeEvent.Status.ACTIVE)
    event.starts_at = timezone.now()
    context = {"event": event, "url": reverse("solidarity:offers")}
    wall, cpu, db_cpu = time.perf_counter(), time.process_time(), database_cpu()
    with transaction.atomic():
        notifications = notify(users, "solidarity_offer", context)
    result = {
        "queue_wall_s": round(time.perf_counter() - wall, 3),
        "queue_cpu_s": round(time.process_time() - cpu, 3),
        "queue_database_cpu_s": round(database_cpu() - db_cpu, 3),
        "notifications": len(notifications),
        "tasks_enqueued": DBTaskResult.objects.count(),
    }
    return result


def deliver(env: dict, workers: int, timeout: float) -> dict:
    """Start the workers, wait until nothing is left queued, stop them."""
    from django.db import connection

    from mobilization.notifications.models import Delivery

    connection.close()  # the workers write; this process only reads from now on
    log = open(Path(env["SMS_FILE_PATH"]).parent / "workers.log", "w")  # noqa: SIM115 - closed below
    started = time.perf_counter()
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--queue-name",
                "*",
                "--interval",
                "0.2",
                "--no-startup-delay",
                "--no-reload",
                "--batch",
                "--worker-id",
                f"fanout-{i}",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        for i in range(workers)
    ]
    try:
        # Every task is queued before the workers start, and each stops once it finds the queue empty
        # (`--batch`): both have stopped when everything is delivered.
        for process in processes:
            remaining = max(0.0, timeout - (time.perf_counter() - started))
            try:
                if process.wait(timeout=remaining) != 0:
                    raise SystemExit(f"a worker failed: see {log.name}")
            except subprocess.TimeoutExpired:
                break
        elapsed = time.perf_counter() - started
        left = Delivery.objects.filter(status=Delivery.Status.QUEUED).count()
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()
    return {"workers": workers, "deliver_wall_s": round(elapsed, 2), "left_queued": left}


def count(out: Path) -> dict:
    """The delivery log counted: per (notification, channel) one delivery, sent once, audited once."""
    from django.db.models import Count

    from mobilization.core.models import AuditEvent
    from mobilization.notifications.models import Delivery, Notification

    notifications = Notification.objects.filter(recipient__email__endswith="@fanout.test")
    deliveries = Delivery.objects.filter(notification__in=notifications)
    per_pair = deliveries.values("notification_id", "channel").annotate(n=Count("pk"))
    sent_audits = (
        AuditEvent.objects.filter(action="notifications.delivery_sent")
        .values("object_id")
        .annotate(n=Count("pk"))
    )
    audits = {row["object_id"]: row["n"] for row in sent_audits}
    sent = list(deliveries.filter(status=Delivery.Status.SENT).values_list("pk", "attempts"))
    by_status = dict(deliveries.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    by_channel = dict(deliveries.values_list("channel").annotate(n=Count("pk")).values_list("channel", "n"))
    return {
        "notifications": notifications.count(),
        "deliveries": deliveries.count(),
        "by_status": by_status,
        "by_channel": by_channel,
        "pairs_with_more_than_one_delivery": sum(1 for row in per_pair if row["n"] != 1),
        "sent_after_more_than_one_attempt": sum(1 for _, attempts in sent if attempts != 1),
        "sent_not_audited_once": sum(1 for pk, _ in sent if audits.get(str(pk)) != 1),
        "sms_files": len(list((out / "sms").glob("*.sms"))),
        **_emails_written(out / "email"),
    }


def _emails_written(folder: Path) -> dict:
    """The e-mails the file backend wrote (it appends a connection's messages to one file: count them by
    their Message-ID header)."""
    ids = []
    for path in folder.glob("*") if folder.exists() else ():
        ids += [
            line for line in path.read_text(errors="replace").splitlines() if line.startswith("Message-ID:")
        ]
    return {"emails_written": len(ids), "distinct_email_ids": len(set(ids))}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--buddies", type=int, default=6000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=1800, help="seconds to wait for the workers")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--queue-only", action="store_true", help="time the queueing only (no workers)")
    args = parser.parse_args()
    if args.database_url is None:
        path = ROOT / "var" / "bench" / f"fanout-{args.buddies}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        args.database_url = f"sqlite:///{path}"
    out = Path(tempfile.mkdtemp(prefix="fanout-"))
    env = environment(args.database_url, out)
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse

    call_command("migrate", verbosity=0)
    build(args.buddies)
    reset()
    reverse("solidarity:offers")  # the URL configuration, loaded once per process
    from mobilization.accounts.models import User

    users = list(User.objects.filter(email__endswith="@fanout.test").order_by("pk"))
    queued = queue(users)
    print(
        f"queued {queued['notifications']:,} notifications in {queued['queue_wall_s']:.2f} s wall "
        f"({queued['queue_cpu_s']:.2f} s cpu, database server {queued['queue_database_cpu_s']:.2f} s), "
        f"{queued['tasks_enqueued']} tasks",
        flush=True,
    )
    if args.queue_only:
        return
    delivered = deliver(env, args.workers, args.timeout)
    print(f"{args.workers} workers delivered in {delivered['deliver_wall_s']:.1f} s", flush=True)
    counted = count(out)
    print(json.dumps(counted, indent=2), flush=True)
    expected = 2 * queued["notifications"]
    ok = (
        counted["deliveries"] == expected
        and counted["by_status"] == {"sent": expected}
        and counted["pairs_with_more_than_one_delivery"] == 0
        and counted["sent_after_more_than_one_attempt"] == 0
        and counted["sent_not_audited_once"] == 0
        and counted["sms_files"] == queued["notifications"]
        and counted["emails_written"] == counted["distinct_email_ids"] == queued["notifications"]
    )
    met = ok and queued["queue_wall_s"] < 2
    print(
        f"none lost, none twice: {'yes' if ok else 'NO'}; queued in under 2 s: "
        f"{'yes' if queued['queue_wall_s'] < 2 else 'NO'}"
    )
    RESULTS.mkdir(exist_ok=True)
    result = RESULTS / f"fanout-{connection.vendor}.json"
    result.write_text(
        json.dumps(
            {
                **run_facts(),
                "buddies": args.buddies,
                **queued,
                **delivered,
                "log": counted,
                "none_lost_none_twice": ok,
                "target_met": met,
            },
            indent=2,
        )
    )
    shutil.rmtree(out, ignore_errors=True)
    print(f"written {result.relative_to(ROOT)}")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
