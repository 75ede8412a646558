"""Benchmark of the dispatch end to end: from the database rows to the assignments written.

    .venv/bin/python bench/dispatch_end_to_end.py           # 20,000 residents, 6,000 buddies, SQLite
    .venv/bin/python bench/dispatch_end_to_end.py --sizes 100000:30000
    .venv/bin/python bench/dispatch_end_to_end.py --database-url postgres://user@host/bench_dispatch

The instance is bench/dispatch.py's (points drawn inside the real Paris arrondissements, random or
clustered; buddies' capacity 3 to 5, reach 1 to 3 km, modes and languages mixed), written as rows: the
20 arrondissements, residents (their sensitive fields encrypted as real ones are), users holding the
buddies' certification with their buddy profiles, and an active *red* heatwave over the whole city (red:
a cadence of one day, so a buddy's capacity is their check-ins per day, 3 to 5, as in the solver's
benchmark). The database is built once in `var/bench/dispatch-e2e-<n>x<m>-<kind>.sqlite3` (or the
PostgreSQL database given) and reused.

What is measured, wall-clock and CPU time of this process (the machine is shared: read both):
1. `dispatching.dispatch(event)` on an event with no assignment: every offer written, and the one task
   that tells the buddies enqueued on commit — the activation;
2. that task, run here (`announcements.announce`, what a worker does next): the buddies offered someone
   told (`notify()`: inbox rows, deliveries, their sending tasks) — the fan-out, whose own target and
   benchmark are bench/fanout.py's;
3. the dispatch again: nothing changes (idempotence), nothing written, no task;
4. after 1 % of the buddies paused themselves: their people moved, the rest kept (and its task, run).
Each from reading the rows to the transaction committed (the task enqueued). The solver's own share (CPU
time of the pure module alone) is `solve_cpu_s`; `outside_solver_cpu_s` is the rest: the reads, the
writes. On PostgreSQL `database_server_cpu_s` is the server process's CPU time (when it runs on this
machine). The URL configuration is loaded once before (as a worker has).

`--greedy` replaces the solver by the greedy rule (`dispatch.greedy`): for timing the database side at a
size where the solver is still slow; the figures say so (`"solver": "greedy"`), and the assignments differ.
"""

import argparse
import datetime
import json
import math
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
UNUSABLE = "!"  # Django's mark of an unusable password


def setup_django(database_url: str | None, name: str) -> None:
    if database_url is None:
        path = ROOT / "var" / "bench" / f"{name}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        database_url = f"sqlite:///{path}"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mobilization.settings")
    # The production queue (django-tasks-db): the tasks that send the e-mails and SMS are rows written
    # on commit, inside the time measured.
    os.environ.setdefault("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    os.environ.setdefault("DEBUG", "false")  # DEBUG keeps every query in memory
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def run_facts() -> dict:
    """When, where and on what a benchmark ran: written with its figures."""
    from django.db import connection

    return {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "database": connection.vendor,
    }


def database_cpu() -> float:
    """CPU seconds used so far by this connection's PostgreSQL server process, when the server runs on
    this machine (0 on SQLite, whose work is in this process's CPU time, or when it cannot be read): on a
    loaded machine, wall-clock time says more about the neighbours than about the work."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def unproject(x: float, y: float) -> tuple[float, float]:
    from mobilization.solidarity.dispatch.model import EARTH_RADIUS_M, PARIS_ORIGIN

    lat0, lon0 = PARIS_ORIGIN
    lat = lat0 + math.degrees(y / EARTH_RADIUS_M)
    lon = lon0 + math.degrees(x / (EARTH_RADIUS_M * math.cos(math.radians(lat0))))
    return lat, lon


def build(n: int, m: int, kind: str, seed: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from bench import dispatch as solver_bench
    from mobilization.accounts.models import User
    from mobilization.learning.models import Certification, Training
    from mobilization.solidarity.buddies import buddy_training_code
    from mobilization.solidarity.models import BuddyProfile, ExtremeEvent, VulnerableResident
    from mobilization.solidarity.tests.event_factories import paris_arrondissements
    from mobilization.territory.services import district_locator

    if VulnerableResident.objects.count() == n and BuddyProfile.objects.count() == m:
        return
    started = time.perf_counter()
    residents, buddies = solver_bench.instance(solver_bench.paris(), n, m, kind, seed)
    with transaction.atomic():
        arrondissements = paris_arrondissements()
        locator = district_locator()
        fallback = arrondissements[0]
        now = timezone.now()
        rows = []
        for r in residents:
            lat, lon = unproject(r.x, r.y)
            rows.append(
                VulnerableResident(
                    first_name="Jeanne",
                    last_name=f"Fictif-{r.id}",
                    date_of_birth=datetime.date(1940, 7, 14),
                    category="aged_65",
                    address="12 rue de la Démo, 75011 Paris",
                    lat=round(lat, 3),
                    lon=round(lon, 3),
                    district=locator.district_at(lat, lon) or fallback,
                    phone="+33199001234",
                    languages=sorted(r.languages),
                    preferred_contact=str(r.mode),
                    registered_as="staff_phone",
                    consent_version="2026-12-phone",
                    consent_wording="The person agreed on the phone.",
                    consent_given_at=now,
                    confirmed_at=now,
                )
            )
        VulnerableResident.objects.bulk_create(rows, batch_size=2000)
        staff = User.objects.create(email="bench-staff@bench.test", password=UNUSABLE)
        training = Training.objects.filter(code=buddy_training_code()).first() or Training.objects.create(
            code=buddy_training_code(),
            title="Binôme solidarité canicule",
            summary="Bench",
            description="Bench",
            themes=["solidarity"],
            validity_months=24,
            status=Training.Status.PUBLISHED,
            created_by=staff,
        )
        User.objects.bulk_create(
            [User(email=f"buddy-{b.id}@bench.test", password=UNUSABLE, is_active=True) for b in buddies],
            batch_size=2000,
        )
        users = {u.email: u for u in User.objects.filter(email__endswith="@bench.test")}
        today = timezone.localdate()
        Certification.objects.bulk_create(
            [
                Certification(
                    user=users[f"buddy-{b.id}@bench.test"],
                    training=training,
                    granted_on=today,
                    expires_on=today + datetime.timedelta(days=700),
                    status=Certification.Status.VALID,
                )
                for b in buddies
            ],
            batch_size=2000,
        )
        profiles = []
        for b in buddies:
            lat, lon = unproject(b.x, b.y)
            profiles.append(
                BuddyProfile(
                    user=users[f"buddy-{b.id}@bench.test"],
                    checkins_per_day=b.capacity,
                    max_distance_km=b.max_distance_m / 1000,
                    does_calls="call" in b.modes,
                    does_visits="visit" in b.modes,
                    languages=sorted(b.languages),
                    base="point",
                    base_district=locator.district_at(lat, lon) or fallback,
                    base_lat=round(lat, 3),
                    base_lon=round(lon, 3),
                )
            )
        BuddyProfile.objects.bulk_create(profiles, batch_size=2000)
        event = ExtremeEvent.objects.create(
            hazard="heatwave", level="red", status=ExtremeEvent.Status.ACTIVE, starts_at=now
        )
        event.districts.set(arrondissements)
    print(f"built {n:,} residents and {m:,} buddies in {time.perf_counter() - started:.1f} s", flush=True)


def measure(label: str, action) -> dict:
    wall, cpu, db_cpu = time.perf_counter(), time.process_time(), database_cpu()
    run = action()
    result = {
        "step": label,
        "wall_s": round(time.perf_counter() - wall, 3),
        "cpu_s": round(time.process_time() - cpu, 3),
        "solve_cpu_s": round(run.solve_seconds, 3),
        "outside_solver_cpu_s": round(time.process_time() - cpu - run.solve_seconds, 3),
        "database_server_cpu_s": round(database_cpu() - db_cpu, 3),
        "residents": run.residents,
        "buddies": run.buddies,
        "assigned": run.assigned,
        "call_list": run.call_list,
        "kept": run.kept,
        "offered": run.offered,
        "replaced": run.replaced,
    }
    print(
        f"{label:<34} wall {result['wall_s']:7.2f} s  cpu {result['cpu_s']:7.2f} s  "
        f"(solve cpu {result['solve_cpu_s']:.2f} s, rest {result['outside_solver_cpu_s']:.2f} s, "
        f"database server {result['database_server_cpu_s']:.2f} s)  "
        f"assigned {run.assigned:,}  call list {run.call_list:,}  "
        f"kept {run.kept:,}  offered {run.offered:,}  replaced {run.replaced:,}",
        flush=True,
    )
    return result


def measure_announce(label: str, run) -> dict:
    """The task enqueued by `run`'s commit, run in this process as a worker would."""
    from mobilization.solidarity import announcements

    wall, cpu, db_cpu = time.perf_counter(), time.process_time(), database_cpu()
    told = announcements.announce(run.pk)
    result = {
        "step": label,
        "wall_s": round(time.perf_counter() - wall, 3),
        "cpu_s": round(time.process_time() - cpu, 3),
        "database_server_cpu_s": round(database_cpu() - db_cpu, 3),
        "buddies_told": told,
    }
    print(
        f"{label:<34} wall {result['wall_s']:7.2f} s  cpu {result['cpu_s']:7.2f} s  "
        f"(database server {result['database_server_cpu_s']:.2f} s)  buddies told {told:,}",
        flush=True,
    )
    return result


def reset(event) -> None:
    from django_tasks_db.models import DBTaskResult

    from mobilization.notifications.models import Delivery, Notification
    from mobilization.solidarity.models import Assignment, BuddyProfile, CallListEntry, DispatchRun

    Assignment.objects.filter(event=event).delete()
    CallListEntry.objects.filter(event=event).delete()
    DispatchRun.objects.filter(event=event).delete()
    Delivery.objects.all().delete()
    Notification.objects.all().delete()
    DBTaskResult.objects.all().delete()
    BuddyProfile.objects.update(paused_until=None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="20000:6000", help="residents:buddies")
    parser.add_argument("--kind", default="clustered", choices=["random", "clustered"])
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--greedy", action="store_true", help="the greedy rule instead of the solver")
    args = parser.parse_args()
    n, m = (int(v) for v in args.sizes.split(":"))
    setup_django(args.database_url, f"dispatch-e2e-{n}x{m}-{args.kind}")
    build(n, m, args.kind, args.seed)

    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone

    from mobilization.solidarity import dispatching
    from mobilization.solidarity.models import BuddyProfile, ExtremeEvent

    if args.greedy:
        from mobilization.solidarity.dispatch import greedy

        dispatching.solve = greedy
    event = ExtremeEvent.objects.get()
    reset(event)
    # The database's statistics, as a production database has them (bench/README.md).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    # A worker has loaded the URL configuration once, at its first task (3 s here: every app's urls and
    # the API's schemas): not a cost of each dispatch.
    reverse("solidarity:offers")
    # Likewise the solver's compiled core (numba), which a worker loads when it starts (apps.py).
    from mobilization.solidarity.dispatch import warm_up

    warm_up()
    runs = []

    def dispatch():
        runs.append(dispatching.dispatch(event))
        return runs[-1]

    steps = [measure("first dispatch (all offers)", dispatch)]
    steps.append(measure_announce("its task: the buddies told", runs[-1]))
    steps.append(measure("second dispatch (nothing changes)", dispatch))
    paused = list(BuddyProfile.objects.order_by("pk").values_list("pk", flat=True)[::100])
    BuddyProfile.objects.filter(pk__in=paused).update(
        paused_until=timezone.localdate() + datetime.timedelta(days=3)
    )
    steps.append(measure(f"after {len(paused)} buddies paused", dispatch))
    steps.append(measure_announce("its task: the buddies told", runs[-1]))
    RESULTS.mkdir(exist_ok=True)
    solver = "-greedy" if args.greedy else ""
    out = RESULTS / f"dispatch_end_to_end-{connection.vendor}-{n}x{m}-{args.kind}{solver}.json"
    out.write_text(
        json.dumps(
            {
                **run_facts(),
                "residents": n,
                "buddies": m,
                "kind": args.kind,
                "solver": "greedy" if args.greedy else "solve",
                "steps": steps,
            },
            indent=2,
        )
    )
    print(f"written {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
