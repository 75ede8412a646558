"""Numbers as people read them in the current language: "22,7" and "−19 %" in French, "22.7" in English."""

from django.utils.formats import number_format
from django.utils.translation import gettext

MINUS = "\u2212"


def format_number(value: float | None, decimals: int | None = None) -> str:
    """A figure with as many decimals as it needs (at most 2 unless told), the language's separators."""
    if value is None:
        return "—"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else (1 if abs(value) >= 10 else 2)
        if decimals == 2 and round(value, 1) == round(value, 2):
            decimals = 1
    rounded = round(value, decimals)
    text = number_format(abs(rounded), decimal_pos=decimals, use_l10n=True, force_grouping=True)
    return f"{MINUS}{text}" if rounded < 0 else text


def format_percent(value: float | None, *, signed: bool = False, decimals: int = 0) -> str:
    """ "−50 %" (French) / "−50%" (English, through the translation of the pattern)."""
    if value is None:
        return "—"
    rounded = round(value, decimals)
    number = number_format(abs(rounded), decimal_pos=decimals, use_l10n=True)
    sign = ""
    if rounded < 0:
        sign = MINUS
    elif signed and rounded > 0:
        sign = "+"
    # Translators: a percentage; French puts a narrow no-break space before the sign.
    return gettext("%(number)s%%") % {"number": f"{sign}{number}"}
