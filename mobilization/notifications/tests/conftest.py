import pytest

from mobilization.accounts.tests.factories import MemberFactory


@pytest.fixture
def resident(db):
    return MemberFactory(email="amina@example.org", display_name="Amina")


@pytest.fixture
def other_resident(db):
    return MemberFactory(email="bruno@example.org", display_name="Bruno")


@pytest.fixture
def resident_with_phone(db):
    return MemberFactory(email="chloe@example.org", display_name="Chloé", phone="+33612345678")


@pytest.fixture
def staff_member(db):
    """A superuser with their second factor, as the platform requires of staff."""
    return MemberFactory(email="staff@example.org", roles=(), is_staff=True, is_superuser=True)


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
