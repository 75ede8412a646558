"""Secret ballots that storage order cannot betray (see the models' docstring).

- `Participation` gets a random UUID instead of an auto-incremented id. As a primary key's type cannot
  be changed in place on every database, the participations are copied into a new table, in a random
  order, and the old table (whose ids numbered the voters) is dropped.
- `PendingBallot`, the pool that ballots wait in until a batch is full, is created.
- Every consultation's existing ballots are rewritten in a random order with fresh UUIDs, so that the
  ballots cast before this migration no longer sit in the order of the votes. Their choices are kept:
  published results and recounts stay identical.
"""

import random
import uuid

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def _shuffle_ballots(Ballot, Consultation, rng):
    for consultation_id in Consultation.objects.values_list("pk", flat=True):
        answers = list(Ballot.objects.filter(consultation_id=consultation_id).values_list("answers", flat=True))
        if not answers:
            continue
        rng.shuffle(answers)
        Ballot.objects.filter(consultation_id=consultation_id).delete()
        Ballot.objects.bulk_create(
            [Ballot(id=uuid.uuid4(), consultation_id=consultation_id, answers=a) for a in answers]
        )


def forwards(apps, schema_editor):
    rng = random.SystemRandom()
    Old = apps.get_model("governance", "Participation")
    New = apps.get_model("governance", "ShuffledParticipation")
    rows = list(Old.objects.values_list("consultation_id", "user_id", "voted_on"))
    rng.shuffle(rows)
    New.objects.bulk_create(
        [
            New(id=uuid.uuid4(), consultation_id=consultation_id, user_id=user_id, voted_on=voted_on)
            for consultation_id, user_id, voted_on in rows
        ]
    )
    _shuffle_ballots(apps.get_model("governance", "Ballot"), apps.get_model("governance", "Consultation"), rng)


def backwards(apps, schema_editor):
    """Back to numbered participations; ballots still in the pool are moved to `Ballot`, not lost."""
    rng = random.SystemRandom()
    Old = apps.get_model("governance", "Participation")
    New = apps.get_model("governance", "ShuffledParticipation")
    rows = list(New.objects.values_list("consultation_id", "user_id", "voted_on"))
    rng.shuffle(rows)
    Old.objects.bulk_create(
        [Old(consultation_id=c, user_id=u, voted_on=v) for c, u, v in rows]
    )
    Ballot = apps.get_model("governance", "Ballot")
    PendingBallot = apps.get_model("governance", "PendingBallot")
    Ballot.objects.bulk_create(
        [Ballot(id=uuid.uuid4(), consultation_id=c, answers=a) for c, a in PendingBallot.objects.values_list("consultation_id", "answers")]
    )
    PendingBallot.objects.all().delete()
    _shuffle_ballots(Ballot, apps.get_model("governance", "Consultation"), rng)


class Migration(migrations.Migration):

    dependencies = [
        ("governance", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="participation", name="governance_one_participation"),
        migrations.CreateModel(
            name="ShuffledParticipation",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                (
                    "voted_on",
                    models.DateField(default=django.utils.timezone.localdate, verbose_name="voted on"),
                ),
                (
                    "consultation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="governance.consultation",
                    ),
                ),
                (
                    "user",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"verbose_name": "participation", "verbose_name_plural": "participations"},
        ),
        migrations.CreateModel(
            name="PendingBallot",
            fields=[
                ("id", models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                ("answers", models.JSONField(verbose_name="answers")),
                (
                    "consultation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="pending_ballots",
                        to="governance.consultation",
                    ),
                ),
            ],
            options={"verbose_name": "pending ballot", "verbose_name_plural": "pending ballots"},
        ),
        migrations.RunPython(forwards, backwards),
        migrations.DeleteModel(name="Participation"),
        migrations.RenameModel(old_name="ShuffledParticipation", new_name="Participation"),
        migrations.AlterField(
            model_name="participation",
            name="consultation",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="participations",
                to="governance.consultation",
            ),
        ),
        migrations.AddConstraint(
            model_name="participation",
            constraint=models.UniqueConstraint(fields=("consultation", "user"), name="governance_one_participation"),
        ),
    ]
