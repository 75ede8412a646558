"""Background work of co-design: closing the surveys whose date has passed.

cron (or a systemd timer) enqueues `close_due_surveys` every hour; a survey is also closed on the first
visit of its page after its closing date (`services.close_if_due`).
"""

from django.utils import timezone
from django_tasks import task

from mobilization.codesign import services
from mobilization.codesign.models import Survey


@task(queue_name="default")
def close_due_surveys() -> int:
    """Close every survey past its closing date; returns how many were closed."""
    due = Survey.objects.filter(closed_at__isnull=True, closes_at__lte=timezone.now())
    return sum(1 for survey in due if services.close_if_due(survey).closed_at is not None)
