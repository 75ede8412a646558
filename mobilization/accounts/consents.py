"""The wording of each consent the platform asks for, by version.

A consent record keeps the version and the wording that was shown. When a wording changes, add a new
version here (keep the old ones: records point to them) and, if the change matters, ask again.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from mobilization.accounts.models import ConsentRecord

Purpose = ConsentRecord.Purpose


@dataclass(frozen=True)
class ConsentWording:
    purpose: str
    version: str
    text: Promise | str
    is_required: bool
    """A required consent is a condition of having an account: it ends only when the account is deleted."""


TERMS_VERSION = "2025-06"
PRIVACY_VERSION = "2025-06"
VULNERABLE_REGISTRATION_VERSION = "2025-06"

WORDINGS: dict[str, ConsentWording] = {
    Purpose.TERMS: ConsentWording(
        purpose=Purpose.TERMS,
        version=TERMS_VERSION,
        text=format_lazy(_("I accept the terms of use (version {version})."), version=TERMS_VERSION),
        is_required=True,
    ),
    Purpose.PRIVACY: ConsentWording(
        purpose=Purpose.PRIVACY,
        version=PRIVACY_VERSION,
        text=format_lazy(
            _(
                "I have read the privacy notice (version {version}) "
                "and agree that my data is used as it says."
            ),
            version=PRIVACY_VERSION,
        ),
        is_required=True,
    ),
    Purpose.VULNERABLE_REGISTRATION: ConsentWording(
        purpose=Purpose.VULNERABLE_REGISTRATION,
        version=VULNERABLE_REGISTRATION_VERSION,
        text=format_lazy(
            _(
                "I agree to be registered as a vulnerable resident, so that volunteers and the city can "
                "check on me during an extreme event (version {version}). I can withdraw at any time."
            ),
            version=VULNERABLE_REGISTRATION_VERSION,
        ),
        is_required=False,
    ),
}


def current_wording(purpose: str) -> ConsentWording:
    return WORDINGS[purpose]


def is_required(purpose: str) -> bool:
    return WORDINGS[purpose].is_required
