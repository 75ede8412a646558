"""The arrondissements' names in French and in English, from their number.

The city's open data names them "4ème Ardt", an abbreviation that reads as French on English pages and as
jargon on French ones. Their number is the official fact; the name follows from it in each language:
"1er arrondissement", "4e arrondissement" (French typographic rules: 1er, then 2e, 3e...) and
"1st arrondissement", "4th arrondissement". The import fills `name_fr` and `name_en` with them (see
`territory/translation.py`); quartiers keep the name the city gives them, a proper noun, in both.
"""


def french_ordinal(number: int) -> str:
    return "1er" if number == 1 else f"{number}e"


def english_ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def arrondissement_names(number: int) -> dict[str, str]:
    """{"name_fr": "4e arrondissement", "name_en": "4th arrondissement"}."""
    return {
        "name_fr": f"{french_ordinal(number)} arrondissement",
        "name_en": f"{english_ordinal(number)} arrondissement",
    }
