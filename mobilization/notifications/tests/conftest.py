import pytest
from django.contrib.auth import get_user_model

from mobilization.accounts.models import Profile


def make_person(email, *, phone="", language=None, **extra):
    """A member, with a profile when a phone number or a language is asked for.

    The profile has no language field yet: a `language` given here is set on the cached profile, as the
    notifications app reads it (getattr), so notify() sees it for this user object.
    """
    user = get_user_model().objects.create_user(email=email, password="not-used-here", **extra)
    if phone or language:
        profile = Profile.objects.create(user=user, display_name=email.split("@")[0], phone=phone)
        if language:
            profile.language = language
    return user


@pytest.fixture
def resident(db):
    return make_person("amina@example.org")


@pytest.fixture
def other_resident(db):
    return make_person("bruno@example.org")


@pytest.fixture
def resident_with_phone(db):
    return make_person("chloe@example.org", phone="+33612345678")


@pytest.fixture
def staff_member(db):
    """A staff member who has turned on two-factor authentication, as the platform requires."""
    from allauth.mfa.models import Authenticator

    user = make_person("staff@example.org", is_staff=True, is_superuser=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "unused"})
    return user


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Run what waits for the transaction to commit (the e-mail and SMS tasks), as in production."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


@pytest.fixture
def sent_sms(settings):
    """The text messages the FileSmsBackend wrote: (number, text) pairs."""

    def read():
        directory = settings.SMS_FILE_PATH
        if not directory.exists():
            return []
        messages = []
        for path in sorted(directory.iterdir()):
            header, _blank, text = path.read_text(encoding="utf-8").partition("\n\n")
            messages.append((header.removeprefix("To: "), text.strip()))
        return messages

    return read
