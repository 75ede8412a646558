"""How django-axes names the account a failed sign-in was for (settings.AXES_USERNAME_CALLABLE).

allauth authenticates with `email=...`, Django's admin with `username=...`, and a form posts `login`:
axes must see the same key, lower-cased, in all three cases, or a lockout on "username + IP address"
would never match the next attempt.
"""


def username_from_attempt(request, credentials: dict | None) -> str | None:
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        value = data.get("login") or data.get("email") or data.get("username")
    return value.strip().lower() if isinstance(value, str) and value.strip() else None
