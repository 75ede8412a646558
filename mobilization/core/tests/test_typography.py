"""French typography: a non-breaking space before « : ; ! ? », in the catalogue and in assembled text."""

import ast
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from mobilization.core import typography

FRENCH_CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
NBSP, NNBSP = "\u00a0", "\u202f"


def test_a_label_and_its_value_take_french_spacing_on_french_pages_only():
    with translation.override("fr"):
        assert typography.label_value(2004, "28") == f"2004{NBSP}: 28"
    with translation.override("en"):
        assert typography.label_value(2004, "28") == "2004: 28"


@pytest.mark.parametrize(
    ("assembled", "french"),
    [
        ("2004: 28", f"2004{NBSP}: 28"),
        ("Note : fin", f"Note{NBSP}: fin"),  # an ordinary space, which a line may break at, is replaced
        ("a; b! c?", f"a{NNBSP}; b{NNBSP}! c{NNBSP}?"),
        ("« vraiment ? »", f"« vraiment{NNBSP}? »"),
        (f"déjà{NBSP}: bon", f"déjà{NBSP}: bon"),  # already right: unchanged
        ("https://opendata.paris.fr/?q=1 à 14:30", "https://opendata.paris.fr/?q=1 à 14:30"),
    ],
)
def test_french_spacing_puts_the_space_before_high_punctuation_and_leaves_addresses_and_times(
    assembled, french
):
    with translation.override("fr"):
        assert typography.french_spacing(assembled) == french
    with translation.override("en"):
        assert typography.french_spacing(assembled) == assembled


def test_the_template_helpers_follow_the_page_language():
    template = Template(
        '{% load core_tags %}{{ year|with_colon }} 28{% punctuation ";" %} {{ text|french_spacing }}'
    )
    context = {"year": 2004, "text": "Source: Ville de Paris"}

    with translation.override("fr"):
        assert template.render(Context(context)) == f"2004{NBSP}: 28{NNBSP}; Source{NBSP}: Ville de Paris"
    with translation.override("en"):
        assert template.render(Context(context)) == "2004: 28; Source: Ville de Paris"


def _french_messages() -> list[tuple[str, str]]:
    """(msgid, msgstr) of every translated entry of the French catalogue, plural forms included."""
    entries, msgid, current, field = [], "", "", None
    for line in FRENCH_CATALOGUE.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith(("msgid ", "msgid_plural ", "msgstr", "msgctxt ")):
            if field and field.startswith("msgstr") and current:
                entries.append((msgid, current))
            elif field == "msgid":  # a wrapped msgid is whole only at its last line
                msgid = current
            field, _, literal = line.partition(" ")
            current = ast.literal_eval(literal)
        elif line.startswith('"'):
            current += ast.literal_eval(line)
        else:
            if field and field.startswith("msgstr") and current:
                entries.append((msgid, current))
            field, current = None, ""
    return [(msgid, msgstr) for msgid, msgstr in entries if msgid]


def test_every_french_message_has_a_non_breaking_space_before_high_punctuation():
    high_punctuation = re.compile(r"(?<=[^\s\u00a0\u202f])( ?)([:;!?])(?=$|[\s)\]»”’<.,])")
    wrong = [
        msgstr
        for _msgid, msgstr in _french_messages()
        if any(match.group(1) == " " or not match.group(1) for match in high_punctuation.finditer(msgstr))
    ]

    assert len(_french_messages()) > 1000
    assert not wrong, f"{len(wrong)} French messages lack the non-breaking space:\n" + "\n".join(wrong[:20])
