"""Background work of the challenges app: ending the challenges whose last day has passed.

Run it once a day, after midnight in Paris (more often is harmless)::

    CRON_TZ=Europe/Paris
    5 0 * * * cd /srv/climat && .venv/bin/python manage.py shell -c \
        "from mobilization.challenges.services import end_finished; end_finished()"

or enqueue `mobilization.challenges.tasks.end_finished_challenges` from any scheduler.
"""

from django_tasks import task

from mobilization.challenges import services


@task(queue_name="default")
def end_finished_challenges() -> int:
    """End the open challenges whose last day has passed; returns how many."""
    return services.end_finished()
