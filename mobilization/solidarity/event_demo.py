"""Demo content of the events part (after the registry's seeder): an orange heatwave over Paris, created
the way a coordinator would, from a CAP alert as MeteoAlarm publishes it (demo_alerts/), then activated,
which dispatches the demo's buddies. The alert's times are moved to today, so the event is current."""

import dataclasses
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from mobilization.accounts.models import User
from mobilization.solidarity import cap, cap_import, event_services
from mobilization.solidarity.demo import DEMO_DOMAIN
from mobilization.solidarity.models import CapMessage

ALERT = Path(__file__).resolve().parent / "demo_alerts" / "heatwave_paris_orange.xml"


def current_alert(now=None) -> bytes:
    """The demo alert, sent this morning, from this afternoon for three days."""
    now = timezone.localtime(now).replace(minute=0, second=0, microsecond=0)
    alert = cap.parse(ALERT.read_bytes())
    infos = tuple(
        dataclasses.replace(info, onset=now, expires=now + timedelta(days=3), effective=None)
        for info in alert.infos
    )
    return cap.to_xml(dataclasses.replace(alert, sent=now - timedelta(hours=2), infos=infos))


def seed(stdout, **options) -> None:
    alert = cap.parse(ALERT.read_bytes())
    if CapMessage.objects.filter(sender=alert.sender, identifier=alert.identifier).exists():
        return
    coordinator = User.objects.filter(email=f"coordinator@{DEMO_DOMAIN}").first()
    if coordinator is None:
        stdout.write("Solidarity events: the demo coordinator is missing; no event seeded.")
        return
    try:
        imported = cap_import.import_alert(current_alert(), by=coordinator)
    except cap.CapError as error:
        stdout.write(f"Solidarity events: the demo alert was refused ({error.message}).")
        return
    run = event_services.activate(imported.event, by=coordinator)
    stdout.write(
        f"Solidarity events: an orange heatwave over Paris from a CAP alert; {run.assigned} residents "
        f"given a buddy, {run.call_list} on the call list."
    )
