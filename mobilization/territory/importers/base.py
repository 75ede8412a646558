"""What the territory's importers hold of their own: where the project's copy of the city's exports is,
and the readings of the City of Paris's conventions (names in capitals, postcodes).

Everything an importer of any app shares (the file readers, `ImportFileError`, `SkipRow`, `RowNote`,
`ImportReport`, `differs`, `clean`, `yes_no`) is the platform's import kit: `mobilization.core.importing`.
"""

import re
from pathlib import Path
from typing import Any

from mobilization.core.importing import clean

PARIS_DATA = Path(__file__).resolve().parent.parent / "data" / "paris"  # the project's copy of the exports


_LOWER_WORDS = {
    "de",
    "du",
    "des",
    "la",
    "le",
    "les",
    "et",
    "à",
    "a",
    "au",
    "aux",
    "sur",
    "en",
    "sous",
    "bis",
    "ter",
}


_ROMAN_NUMERAL = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


_ORDINAL = re.compile(r"(\d+)(ER|RE|E|EME|ÈME)")


def _word_case(word: str, first: bool) -> str:
    if ordinal := _ORDINAL.fullmatch(word):
        return ordinal[1] + ordinal[2].lower()  # "1ER" → "1er", "20EME" → "20eme"
    if any(character.isdigit() for character in word) or _ROMAN_NUMERAL.fullmatch(word.upper()):
        return word  # house numbers, codes and numerals: "37F", "75116", "Jean XXIII"
    if "-" in word:
        return "-".join(_word_case(part, first=True) for part in word.split("-"))
    for elision in ("l'", "d'", "l’", "d’"):
        if word.lower().startswith(elision) and len(word) > 2:
            prefix = word[:2].lower() if not first else word[0].upper() + word[1].lower()
            return prefix + word[2:].capitalize()
    if not first and word.lower() in _LOWER_WORDS:
        return word.lower()
    return word.capitalize()


def readable_case(text: Any) -> str:
    """A name or address in capitals ("2  RUE DE L'EGLISE") reads "2 Rue de l'Eglise"; others stay."""
    text = clean(text)
    if not text.isupper():
        return text
    words = text.split(" ")
    return " ".join(
        _word_case(word, first=(index == 0 or words[index - 1].isdigit())) for index, word in enumerate(words)
    )


_PARIS_POSTCODE = re.compile(r"75[01](\d{2})")


def paris_arrondissement_number(code: Any) -> int | None:
    """The arrondissement a Paris postcode or INSEE code names: "75009" → 9, "75116" → 16, "94300" → None."""
    match = _PARIS_POSTCODE.fullmatch(clean(code))
    if match and 1 <= int(match[1]) <= 20:
        return int(match[1])
    return None
