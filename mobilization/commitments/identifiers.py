"""SIREN and SIRET numbers, checked with python-stdnum (`stdnum.fr.siren`, `stdnum.fr.siret`).

Both end with a Luhn check digit, except the establishments of La Poste (SIREN 356 000 000), whose SIRET
numbers are too many for Luhn's single digit: INSEE gives them SIRETs whose digits add up to a multiple
of 5. python-stdnum knows that rule (and that La Poste's head office, 356 000 000 00048, follows Luhn);
our tests pin both so that an upgrade of the library that lost it would fail here.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as NumberError
from stdnum.fr import siren, siret


def clean_siren(value: str) -> str:
    """The nine digits of a valid SIREN ("" when empty); ValidationError otherwise."""
    if not (value or "").strip():
        return ""
    try:
        return siren.validate(value)
    except NumberError as error:
        raise ValidationError(
            _("This SIREN number is not valid: check its nine digits."), code="siren"
        ) from error


def clean_siret(value: str) -> str:
    """The fourteen digits of a valid SIRET ("" when empty); ValidationError otherwise."""
    if not (value or "").strip():
        return ""
    try:
        return siret.validate(value)
    except NumberError as error:
        raise ValidationError(
            _("This SIRET number is not valid: check its fourteen digits."), code="siret"
        ) from error
