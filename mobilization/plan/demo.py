"""Demo content of this app, added by `manage.py setup_demo` (make demo): Paris's published Climate Plan."""

from mobilization.plan.paris import load_paris_plan


def seed(stdout, **options) -> None:
    """Create the demo content once; return at once when it already exists."""
    created = load_paris_plan()
    if not created:
        stdout.write("Climate Plan objectives already there.")
        return
    stdout.write(
        "Climate Plan (Ville de Paris, published figures): {objectives} objectives, {targets} targets, "
        "{indicators} indicators, {values} values.".format(**created)
    )
