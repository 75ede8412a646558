"""Validators of what people type, for every app's forms.

Text typed by a person never holds control characters, and a name is never made only of invisible
ones: the forms of every app refuse both with these validators (the hostile-input corpus in
`tests/hostile/` checks every form with them)::

    from mobilization.core.validators import has_a_visible_character, printable_text

    title = forms.CharField(validators=[printable_text(), has_a_visible_character])
    description = forms.CharField(widget=forms.Textarea, validators=[printable_text(multiline=True)])
"""

import re
import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
CONTROL_CHARACTERS_BUT_LINE_BREAKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def printable_text(*, multiline: bool = False):
    """A validator refusing control characters: typed text never has them (a text box cannot even hold a
    line break); they come from scripts, and break e-mail headers, XML feeds and log lines. A text of
    several lines keeps its line breaks and tabs."""
    pattern = CONTROL_CHARACTERS_BUT_LINE_BREAKS if multiline else CONTROL_CHARACTERS

    def validate(value: str) -> None:
        if pattern.search(value):
            raise forms.ValidationError(
                _("Remove the invisible control characters from this text."), code="control_characters"
            )

    return validate


def has_a_visible_character(value: str) -> None:
    """A name made only of invisible characters (zero-width spaces, joiners) shows as no name at all."""
    if value and not any(unicodedata.category(character)[0] in "LNPS" for character in value):
        raise forms.ValidationError(_("Write at least one letter or digit."), code="invisible")
