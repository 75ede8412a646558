"""Validators of what people type, for every app's forms.

Text typed by a person never holds control characters, and a name is never made only of invisible
ones: the forms of every app refuse both with these validators (the hostile-input corpus in
`tests/hostile/` checks every form with them)::

    from mobilization.core.validators import has_a_visible_character, printable_text

    title = forms.CharField(validators=[printable_text(), has_a_visible_character])
    display_name = forms.CharField(validators=display_name_validators())  # a name others see
    description = forms.CharField(widget=forms.Textarea, validators=[printable_text(multiline=True)])
"""

import re
import unicodedata

from confusable_homoglyphs import confusables
from django import forms
from django.conf import settings
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


# --- Names shown to others: no impersonation --------------------------------------------------------------

# Characters that reorder the text around them (Unicode's bidirectional controls): "ali\u202egnp.exe"
# shows as "aliexe.png". Names never need them.
BIDIRECTIONAL_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# Words a name may not contain (once look-alike letters are read as the letters they imitate): they
# would make a member pass for the city's staff. The city's own name is added from settings.CITY_NAME.
ROLE_WORDS = (
    "admin",
    "administrateur",
    "administratrice",
    "administrator",
    "moderateur",
    "moderatrice",
    "moderator",
    "moderation",
    "staff",
    "official",
    "officiel",
    "officielle",
    "mairie",
    "city hall",
    "hotel de ville",
)
CITY_PHRASES = ("{city}", "ville de {city}", "city of {city}", "mairie de {city}", "{city} city hall")


def no_bidirectional_controls(value: str) -> None:
    """A name never holds the invisible characters that change the direction of the text around them."""
    if BIDIRECTIONAL_CONTROLS.search(value):
        raise forms.ValidationError(
            _("Remove the invisible characters that change the direction of the text."), code="bidi_control"
        )


def no_look_alike_letters(value: str) -> None:
    """A name is written in ordinary letters: no letter borrowed from another alphabet inside a word
    ("Pаris" with a Cyrillic "а"), and no symbol that only imitates a letter ("Ⅴ", the Roman numeral five;
    "Ｐ", a full-width letter), as Unicode's confusables data (UTS #39) lists them."""
    for character in value:
        compatible = unicodedata.normalize("NFKC", character)
        if compatible != character and compatible.isascii() and compatible.isalnum():
            _refuse_look_alike(character, compatible)
    for word in re.findall(r"\w+", value):
        if not confusables.is_dangerous(word):
            continue
        # Name the borrowed letter: a non-ASCII one with an ASCII twin, else the first one listed.
        found = confusables.is_confusable(word, greedy=True)
        for entry in found:
            twins = [_plain(glyph["c"]) for glyph in entry["homoglyphs"] if _plain(glyph["c"]).isascii()]
            if not entry["character"].isascii() and twins:
                _refuse_look_alike(entry["character"], twins[0])
        _refuse_look_alike(found[0]["character"], _plain(found[0]["homoglyphs"][0]["c"]))


def _plain(glyph: str) -> str:
    """A homoglyph of the confusables data without the direction marks it is stored with."""
    return glyph.strip("\u200e\u200f")


def _refuse_look_alike(character: str, imitated: str):
    raise forms.ValidationError(
        _("Write this name with the letters of one alphabet: “%(character)s” imitates “%(imitated)s”."),
        code="look_alike",
        params={"character": character, "imitated": imitated},
    )


def skeleton(value: str) -> str:
    """What a text looks like once every look-alike is read as the plain letter it imitates: compatibility
    forms folded (NFKC), Unicode's confusables mapped to ASCII where they have an ASCII twin, accents
    dropped, lower case, words separated by single spaces. "Ⅴille de Pаris" → "ville de paris"."""
    folded = []
    for character in unicodedata.normalize("NFKC", value):
        if not character.isascii():
            twins = [
                _plain(entry["c"])
                for entry in confusables.confusables_data.get(character, ())
                if _plain(entry["c"]).isascii()
            ]
            character = twins[0] if twins else character
        folded.append(character)
    plain = "".join(
        character
        for character in unicodedata.normalize("NFKD", "".join(folded))
        if not unicodedata.combining(character)
    )
    return " ".join(re.findall(r"\w+", plain.casefold()))


def protected_names() -> list[str]:
    """The skeletons of the names nobody may take: the city's (and phrases naming it) and the role words."""
    city = getattr(settings, "CITY_NAME", "")
    phrases = [phrase.format(city=city) for phrase in CITY_PHRASES] if city else []
    return [skeleton(phrase) for phrase in (*phrases, *ROLE_WORDS)]


def not_impersonating(value: str) -> None:
    """A member's name does not pass for the city or its staff: its skeleton is not the city's name, holds
    no phrase naming the city as an institution ("Ville de Paris") and no role word ("staff")."""
    shown = f" {skeleton(value)} "
    city = skeleton(getattr(settings, "CITY_NAME", ""))
    for protected in protected_names():
        if shown.strip() == protected or (protected != city and f" {protected} " in shown):
            raise forms.ValidationError(
                _("This name could be taken for the city or its staff: choose a name of your own."),
                code="impersonation",
            )


def no_control_characters(value: str) -> None:
    """`printable_text()` for one line, as a plain function: a model field's validators must be importable."""
    printable_text()(value)


def display_name_validators() -> list:
    """Every validator of a name shown to others (display names, public names): use them all.

    On a model field, `validators=display_name_validators()`; the forms built from it get them too."""
    return [
        no_control_characters,
        has_a_visible_character,
        no_bidirectional_controls,
        no_look_alike_letters,
        not_impersonating,
    ]
