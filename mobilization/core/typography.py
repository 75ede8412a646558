"""French typography for text the code assembles: a non-breaking space before « : ; ! ? ».

Translated sentences carry their own spaces (the catalogue's French uses U+00A0 before a colon and
U+202F, the narrow one, before « ; ! ? »). This is for the text assembled around them: a label and its
value ("2004 : 28"), a heading made of two parts, a list joined with semicolons. In English it changes
nothing.

    typography.colon()                      # ":" in English, "\u00a0:" in French
    typography.label_value("2004", "28")    # "2004: 28" / "2004\u00a0: 28"
    typography.french_spacing("Note: ok")   # "Note\u00a0: ok" in French
"""

import re

from django.utils.translation import get_language

NO_BREAK_SPACE = "\u00a0"  # before a colon (and inside « guillemets »)
NARROW_NO_BREAK_SPACE = "\u202f"  # before ; ! ?
SPACE_BEFORE = {":": NO_BREAK_SPACE, ";": NARROW_NO_BREAK_SPACE, "!": NARROW_NO_BREAK_SPACE}
SPACE_BEFORE["?"] = NARROW_NO_BREAK_SPACE

# A colon, semicolon, exclamation or question mark that ends a word (followed by a space, the end, or a
# closing mark), with or without an ordinary space before it. "14:30", "https://", "?page=2" are left
# alone: their mark is followed by a letter or digit.
_HIGH_PUNCTUATION = re.compile(r"(?<=[^\s\u00a0\u202f])[ \u00a0\u202f]?([:;!?]+)(?=$|[\s)\]»”’.,])")


def is_french(language: str | None = None) -> bool:
    return (language or get_language() or "").lower().startswith("fr")


def space_before(mark: str, language: str | None = None) -> str:
    """The mark with the space it takes in the language: ":" or "\u00a0:", "?" or "\u202f?"."""
    if not is_french(language):
        return mark
    return SPACE_BEFORE.get(mark[0], "") + mark


def colon(language: str | None = None) -> str:
    return space_before(":", language)


def label_value(label, value, language: str | None = None) -> str:
    """ "2004: 28" in English, "2004 : 28" (a non-breaking space before the colon) in French."""
    return f"{label}{colon(language)} {value}"


def french_spacing(text: str, language: str | None = None) -> str:
    """Text assembled by the code, with French spaces before « : ; ! ? » when the language is French."""
    if not text or not is_french(language):
        return text
    return _HIGH_PUNCTUATION.sub(lambda match: space_before(match.group(1), "fr"), str(text))
