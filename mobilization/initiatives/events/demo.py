"""Demo content of this app, added by `manage.py setup_demo` (make demo)."""


def seed(stdout) -> None:
    """Create the demo content once; return at once when it already exists."""
