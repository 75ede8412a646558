"""Demo content of this app, added by `manage.py setup_demo` (make demo): about forty actions of a Paris
Climate Plan in a three-level hierarchy, imported through the app's own CSV importer from
demo_data/actions.csv, and their milestones (demo_data/milestones.csv)."""

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

DEMO_DATA = Path(__file__).resolve().parent / "demo_data"
DEMO_STAFF = "staff@demo.climat.test"


def actions_csv_for_existing_objectives() -> str:
    """The demo file, its `objectives` column keeping only the slugs of objectives that exist."""
    from mobilization.plan.models import Objective

    existing = set(Objective.objects.values_list("slug", flat=True))
    rows = list(csv.DictReader(io.StringIO((DEMO_DATA / "actions.csv").read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        row["objectives"] = "|".join(slug for slug in row["objectives"].split("|") if slug in existing)
        writer.writerow(row)
    return out.getvalue()


# The departments' names in English, for the English pages (the CSV gives the French ones).
DEPARTMENTS_IN_ENGLISH = {
    "Caisses des écoles": "School catering funds",
    "Direction de l'attractivité et de l'emploi": "Economic Development and Employment Department",
    "Direction de la propreté et de l'eau": "Cleanliness and Water Department",
    "Direction de la santé publique": "Public Health Department",
    "Direction de la transition écologique et du climat": "Ecological Transition and Climate Department",
    "Direction de la voirie et des déplacements": "Roads and Transport Department",
    "Direction des affaires scolaires": "Schools Department",
    "Direction des constructions publiques et de l'architecture": "Public Buildings Department",
    "Direction des espaces verts et de l'environnement": "Green Spaces and Environment Department",
    "Direction des finances et des achats": "Finance and Procurement Department",
    "Direction du logement et de l'habitat": "Housing Department",
    "Paris Habitat": "Paris Habitat",
    "RIVP": "RIVP",
}


def name_departments_in_english() -> None:
    from mobilization.plan.actions.models import Action

    for french, english in DEPARTMENTS_IN_ENGLISH.items():
        Action.objects.filter(department_fr=french).update(department_en=english)


def seed(stdout, **options) -> None:
    """Create the demo content once; return at once when it already exists."""
    from mobilization.accounts.models import User
    from mobilization.plan.actions import services
    from mobilization.plan.actions.models import Action, ActionImport
    from mobilization.plan.actions.tasks import run_import

    if Action.objects.filter(reference="PC-BAT").exists():
        stdout.write("Plan actions: demo content already there.")
        return
    staff = User.objects.filter(email=DEMO_STAFF).first()
    action_import = ActionImport.objects.create(
        file_name="plan-climat-paris-actions.csv",
        content=actions_csv_for_existing_objectives(),
        format=ActionImport.Format.OWN,
        created_by=staff,
    )
    # As an upload is imported, here and now: previewed, then confirmed by the demo's staff member.
    status = run_import.call(action_import.pk)
    if status == ActionImport.Status.PREVIEWED:
        action_import.refresh_from_db()
        services.confirm_import(action_import, by=staff, sector_mapping={})
        status = run_import.call(action_import.pk)
    report = ActionImport.objects.values_list("report", flat=True).get(pk=action_import.pk)
    if status != ActionImport.Status.SUCCEEDED:
        raise RuntimeError(f"The demo actions do not import: {report['errors'][:3]}")

    actions = {action.reference: action for action in Action.objects.all()}
    name_departments_in_english()
    milestones = list(csv.DictReader((DEMO_DATA / "milestones.csv").open(encoding="utf-8")))
    for row in sorted(milestones, key=lambda row: row["date"]):
        services.add_milestone(
            actions[row["reference"]],
            by=staff,
            date=date.fromisoformat(row["date"]),
            title_fr=row["title"],  # the demo's texts are French, the city's language
            description_fr=row["description"],
            status=row["status"],
            progress=Decimal(row["progress"]) if row["progress"] else None,
        )
    linked = Action.objects.filter(objectives__isnull=False).distinct().count()
    stdout.write(
        f"Plan actions: {report['created']} actions imported from the demo CSV "
        f"({linked} linked to objectives), {len(milestones)} milestones."
    )
