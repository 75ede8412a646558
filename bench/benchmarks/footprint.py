"""The footprint calculator's pages: a step of the questionnaire (which questions apply, each with the
model's default: two evaluations of the model), the result (the breakdown of the whole model, its chart
and table) and a rule's documentation. A visitor without a session: every question takes its default,
which costs the evaluator what answers would (it evaluates the same rules)."""

NAME = "footprint"
DESCRIPTION = "Footprint calculator: a questionnaire step, the result, a rule's documentation"


def prepare(scale: int) -> None:
    """Nothing to load: the pages read the model shipped with the app."""


def targets() -> list[tuple]:
    from django.urls import reverse
    from django.utils import translation

    with translation.override("fr"):
        return [
            ("questionnaire, first step", reverse("footprint:step", kwargs={"key": "transport-voiture"})),
            ("questionnaire, housing step", reverse("footprint:step", kwargs={"key": "logement"})),
            ("result", reverse("footprint:result")),
            ("a rule's documentation", reverse("footprint:rule", kwargs={"path": "transport/voiture/km"})),
        ]
