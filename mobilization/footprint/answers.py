"""Where a person's answers live while they fill the questionnaire: their session.

Anonymous people keep their answers there only. A signed-in person's answers live there too until they
save; when they come back with an empty session, their latest saved answers are loaded, so that they
change an answer rather than start again.
"""

from mobilization.footprint.results import clean_situation
from mobilization.footprint.situations import latest_situation

SESSION_KEY = "footprint_answers"


def current(request) -> dict:
    """The person's answers (rule name → value in the model's syntax)."""
    stored = request.session.get(SESSION_KEY)
    if stored is None and request.user.is_authenticated:
        stored = latest_situation(request.user)
        if stored:
            request.session[SESSION_KEY] = clean_situation(stored)
    return clean_situation(stored if isinstance(stored, dict) else {})


def update(request, given: dict, cleared: list[str]) -> dict:
    answers = current(request)
    for name in cleared:
        answers.pop(name, None)
    answers.update(given)
    request.session[SESSION_KEY] = answers
    return answers


def forget(request) -> None:
    """Start again: every question back to the model's default (saved footprints stay)."""
    request.session[SESSION_KEY] = {}
