"""Settings of the Climate Mobilization Platform.

Everything that differs between a laptop demo and a city's production comes from the environment.
The defaults are safe for the demo only: without SECRET_KEY in the environment the platform runs in
DEBUG mode on an SQLite file, and `manage.py check --deploy` tells what production still needs.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

from mobilization.core.email_url import email_settings_from_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# A production deployment sets SECRET_KEY; its absence means "this is a demo or a test run".
IS_DEMO = "SECRET_KEY" not in os.environ
DEBUG = env_bool("DEBUG", IS_DEMO)
SECRET_KEY = os.environ.get("SECRET_KEY", "demo-only-insecure-key-never-use-in-production-0123456789abcdef")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver" if IS_DEMO else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "mobilization.core",
    "mobilization.accounts",
    "mobilization.territory",
    "mobilization.notifications",
    "mobilization.initiatives",
    "mobilization.events",
    "mobilization.learning",
    "mobilization.plan",
    "mobilization.plan.actions",
    "mobilization.plan.governance",
    "mobilization.solidarity",
    "mobilization.codesign",
    "mobilization.footprint",
    "mobilization.challenges",
    "mobilization.commitments",
    "mobilization.api",
    # Before the admin: its TranslationAdmin and the translated fields of the city's texts (translation.py).
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "django_htmx",
    "template_partials",
    "phonenumber_field",
    "csp",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the session, CSRF, messages and CSP: it sees the cookies they set (public or private, ETag, 304).
    "mobilization.core.middleware.CacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # A sign-out's answer tells the browser to forget the site's cache and storage (Clear-Site-Data).
    "mobilization.accounts.middleware.ClearSiteDataOnSignOutMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "mobilization.accounts.middleware.StaffTwoFactorMiddleware",
    # django-axes must come last: it reads the outcome of the authentication above.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mobilization.urls"
WSGI_APPLICATION = "mobilization.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "mobilization.core.context_processors.platform",
                "mobilization.notifications.context_processors.inbox",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DEFAULT_SQLITE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL") or DEFAULT_SQLITE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while the task worker writes; IMMEDIATE transactions make
    # concurrent writers wait for the lock instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not memory: browser tests serve pages from another thread that must see the same data.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("TEST_DATABASE_NAME", str(VAR_DIR / "test.sqlite3"))
    }
else:
    if os.environ.get("TEST_DATABASE_NAME"):
        DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
# Keep a connection open between requests: opening one costs more than most pages' queries (on SQLite,
# the PRAGMAs above and Django's SQL functions registered anew; on PostgreSQL, a new server process).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    # One cache per process. The lists keep each row, card and page in it (a heatwave's crowd reads the
    # same few thousand): Django's default of 300 entries dropped them faster than they were read again.
    CACHES = {
        "default": {
            "BACKEND": "mobilization.core.cache_backends.ProcessCache",
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("LOCAL_CACHE_MAX_ENTRIES", "10000"))},
        }
    }

# How long a proxy or a browser may keep a public page read by someone not signed in (seconds), and how
# long after that it may still serve it while one request fetches the new one (core/middleware.py).
PUBLIC_PAGE_MAX_AGE = int(os.environ.get("PUBLIC_PAGE_MAX_AGE", "60"))
PUBLIC_PAGE_STALE_WHILE_REVALIDATE = int(os.environ.get("PUBLIC_PAGE_STALE_WHILE_REVALIDATE", "60"))

# --- Background work ------------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "email", "imports"],
    }
}

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "mobilization.accounts.forms.SignupConsentForm"
# A taken address and a new one get the same answer (allauth's default, said here because it matters) and
# cost the same hashing work (our form), so that neither the page nor its timing tells them apart.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_FORMS = {"signup": "mobilization.accounts.signup.SignupForm"}
ACCOUNT_ADAPTER = "mobilization.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# Changing one's e-mail address or password asks for the password again (two-factor changes always do).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = os.environ.get("ACCOUNT_EMAIL_SUBJECT_PREFIX", "[Climat] ")
# Failed sign-ins one network address may make before allauth refuses every sign-in from it: a school, an
# office or a library puts hundreds of people behind one address, so this is sized for a crowd, not for
# one person (who is locked by django-axes, per account and address, after AXES_FAILURE_LIMIT failures).
LOGIN_FAILURES_PER_ADDRESS = os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "60/m,600/h")
ACCOUNT_RATE_LIMITS = {
    # django-axes locks an account (per address) after AXES_FAILURE_LIMIT failures and says so; allauth's
    # own per-account limit stays above it, so that the person sees the lockout page, not a bare error.
    # Every sign-in, successful or not (allauth's default is 30/m/ip: a class signing in at once).
    "login": os.environ.get("LOGINS_PER_ADDRESS", "600/m") + "/ip",
    "login_failed": ",".join(
        [
            *(f"{rate.strip()}/ip" for rate in LOGIN_FAILURES_PER_ADDRESS.split(",") if rate.strip()),
            "10/5m/key",
        ]
    ),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "Climate Mobilization Platform")
USERSESSIONS_TRACK_ACTIVITY = True

# django-axes: lock an account+address pair after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
# allauth authenticates with email=..., the admin with username=...: one lower-cased key for both.
AXES_USERNAME_CALLABLE = "mobilization.accounts.login_attempts.username_from_attempt"
AXES_RESET_ON_SUCCESS = True
# A lockout ends AXES_COOLOFF_TIME after it began: attempts made during it (even with the right password)
# are refused without starting it again, so a person who tries once more is not locked out for longer.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = os.environ.get("LANGUAGE_CODE", "fr")
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "mobilization" / "locale"]
# The texts city staff write (objectives, actions, committees...) have a column per language (`title_fr`,
# `title_en`, registered in each app's translation.py); `title` reads the visitor's language, and an empty
# one falls back to the other (pages mark such a text with its own `lang`). French is the city's language:
# texts written before translation existed, and imports that name no language, are French.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fr", "en")
# Forms and the admin label each language's column "Title (in French)", "Title (in English)".
_IN_LANGUAGE = {"fr": _("in French"), "en": _("in English")}
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = lambda name, language: f"{name} ({_IN_LANGUAGE[language]})"  # noqa: E731
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- E-mail, SMS, maps ----------------------------------------------------------------------
globals().update(
    email_settings_from_url(os.environ.get("EMAIL_URL", "console://" if IS_DEMO else "smtp://localhost:25"))
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Plateforme Climat <climat@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SMS_BACKEND = os.environ.get("SMS_BACKEND", "mobilization.notifications.sms.ConsoleSmsBackend")
SMS_FILE_PATH = Path(os.environ.get("SMS_FILE_PATH", VAR_DIR / "sms"))
MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ATTRIBUTION = os.environ.get(
    "MAP_TILES_ATTRIBUTION", '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>'
)
CITY_NAME = os.environ.get("CITY_NAME", "Paris")
# The platform's public address, for links in e-mails and SMS (e.g. https://climat.paris.fr).
SITE_URL = os.environ.get("SITE_URL", "")
TWILIO_ACCOUNT_SID = os.environ.get("TWILIO_ACCOUNT_SID", "")
TWILIO_AUTH_TOKEN = os.environ.get("TWILIO_AUTH_TOKEN", "")
SMS_FROM = os.environ.get("SMS_FROM", "")
# The registry of vulnerable residents (mobilization/solidarity): its sensitive fields are encrypted with
# these Fernet keys, the first encrypting, all decrypting (rotation: deploy/README.md). A deployment must
# set its own (a system check refuses to start without it); the demo's key is public.
FIELD_ENCRYPTION_KEYS = env_list(
    "FIELD_ENCRYPTION_KEYS", "ZGVtby1vbmx5LWtleS1uZXZlci1pbi1wcm9kdWN0aW8=" if IS_DEMO else ""
)
# A yearly review; a record not confirmed within the retention period (two months more) is deleted.
SOLIDARITY_REVIEW_AFTER_DAYS = int(os.environ.get("SOLIDARITY_REVIEW_AFTER_DAYS", "365"))
SOLIDARITY_RETENTION_DAYS = int(os.environ.get("SOLIDARITY_RETENTION_DAYS", "425"))
# The code of the learning training whose valid certification makes a volunteer a buddy (buddies.py).
SOLIDARITY_BUDDY_TRAINING = os.environ.get("SOLIDARITY_BUDDY_TRAINING", "heatwave-buddy")
# How often each resident is checked on during an event, by vigilance level (days); a level absent
# means no check-ins (Paris's REFLEX: every two days in orange, daily in red).
SOLIDARITY_CADENCE_DAYS = {
    "orange": float(os.environ.get("SOLIDARITY_CADENCE_ORANGE_DAYS", "2")),
    "red": float(os.environ.get("SOLIDARITY_CADENCE_RED_DAYS", "1")),
}
# A buddy who has not answered an offer within this many hours is replaced (solidarity.tasks).
SOLIDARITY_OFFER_HOURS = float(os.environ.get("SOLIDARITY_OFFER_HOURS", "6"))
# A resident who does not answer is called again: this many attempts in all within this many hours, then
# the coordinators take over (solidarity.checkins; Paris's REFLEX: three attempts within 48 hours).
SOLIDARITY_NO_ANSWER_ATTEMPTS = int(os.environ.get("SOLIDARITY_NO_ANSWER_ATTEMPTS", "3"))
SOLIDARITY_NO_ANSWER_HOURS = float(os.environ.get("SOLIDARITY_NO_ANSWER_HOURS", "48"))
# The CAP geocodes that name the city (valueName=value, comma-separated): an alert whose area carries one
# concerns it (MeteoAlarm France: EMMA_ID FR075, the department; NUTS3 FR101; INSEE 75056, the commune).
SOLIDARITY_CAP_GEOCODES = env_list("SOLIDARITY_CAP_GEOCODES", "EMMA_ID=FR075,NUTS3=FR101,INSEE=75056")
# The sender written in the CAP alerts the platform exports.
SOLIDARITY_CAP_SENDER = os.environ.get("SOLIDARITY_CAP_SENDER", "solidarite@climat.paris.fr")
# How long the download link of a registry extract for the prefect lasts (minutes; solidarity.extracts).
SOLIDARITY_EXTRACT_MINUTES = float(os.environ.get("SOLIDARITY_EXTRACT_MINUTES", "15"))
# A change of residents or buddies during an active event re-dispatches it this many seconds later, once
# for all the changes made meanwhile (solidarity.redispatch).
SOLIDARITY_REDISPATCH_DELAY_SECONDS = float(os.environ.get("SOLIDARITY_REDISPATCH_DELAY_SECONDS", "2"))

# A citizen proposal for the Climate Plan with this many supports must receive an official answer.
PROPOSAL_SUPPORT_THRESHOLD = int(os.environ.get("PROPOSAL_SUPPORT_THRESHOLD", "100"))
# Ballots of a consultation wait in a pool and are counted in shuffled batches of this many, so that the
# database's storage order never pairs a voter with a ballot (see plan/governance/models.py).
CONSULTATION_BALLOT_BATCH = int(os.environ.get("CONSULTATION_BALLOT_BATCH", "10"))

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

_tiles = urlsplit(MAP_TILES_URL.replace("{s}", "a"))
_tile_origin = (
    f"{_tiles.scheme}://{_tiles.netloc.replace('a.', '*.', 1) if '{s}' in MAP_TILES_URL else _tiles.netloc}"
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", _tile_origin],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "mobilization.security": {"level": "INFO"},
    },
}
