"""The production settings send the headers and cookies that protect users.

The settings module is imported in a child process with a production environment (SECRET_KEY set,
DEBUG off), so that what is tested is what a city would run, not a copy of it.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from mobilization.accounts.tests.factories import PASSWORD, MemberFactory

ROOT = Path(__file__).resolve().parent.parent
SECURITY_SETTINGS = [
    "DEBUG",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_REFERRER_POLICY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "X_FRAME_OPTIONS",
]  # CONTENT_SECURITY_POLICY is the same in every environment and holds a non-JSON nonce marker.


@pytest.fixture(scope="module")
def production_settings() -> dict:
    env = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update(SECRET_KEY="production-test-" + "s" * 40, ALLOWED_HOSTS="testserver")
    code = (
        "import json; from mobilization import settings as s; "
        f"print(json.dumps({{name: getattr(s, name, None) for name in {SECURITY_SETTINGS!r}}}))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    values = json.loads(output.stdout.strip().splitlines()[-1])
    return values


def test_production_turns_debug_off_and_forces_https(production_settings):
    assert production_settings["DEBUG"] is False
    assert production_settings["SECURE_SSL_REDIRECT"] is True
    assert production_settings["SECURE_HSTS_SECONDS"] >= 31_536_000


def test_pages_carry_the_protective_headers(client, db, production_settings):
    with override_settings(**production_settings):
        response = client.get(reverse("home"), secure=True)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "includeSubDomains" in response["Strict-Transport-Security"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    assert "'nonce-" in policy, "scripts are allowed by nonce only"


def test_every_script_tag_carries_the_pages_nonce(client, db, production_settings):
    with override_settings(**production_settings):
        response = client.get(reverse("home"), secure=True)

    nonce = response["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    page = response.content.decode()
    assert page.count("<script") == page.count(f'nonce="{nonce}"')


def test_plain_http_is_redirected_to_https(client, db, production_settings):
    with override_settings(**production_settings):
        response = client.get(reverse("home"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_session_and_csrf_cookies_are_secure_httponly_and_same_site(client, db, production_settings):
    with override_settings(**production_settings):
        response = client.get(reverse("account_login"), secure=True)
    csrf = response.cookies["csrftoken"]
    assert csrf["secure"]
    assert csrf["httponly"]
    assert csrf["samesite"] == "Lax"

    member = MemberFactory(email="cookie@example.org")
    with override_settings(**production_settings):
        signed_in = client.post(
            reverse("account_login"), {"login": member.email, "password": PASSWORD}, secure=True
        )
    session = signed_in.cookies["sessionid"]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
