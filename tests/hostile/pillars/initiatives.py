"""Hostile-input declarations of the initiatives app (see tests/hostile/forms.py for the building blocks)."""

FORMS: tuple = ()
QUERY_STRINGS: tuple = ()
NOT_FORMS: dict[str, str] = {}
