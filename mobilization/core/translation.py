"""The city's texts in French and in English (django-modeltranslation), read the same way by every app.

Each app registers the texts its staff write in its own `translation.py`; the library adds a column per
language (`title_fr`, `title_en`) beside the original one, and `instance.title` reads the visitor's
language, falling back to the other one when it is empty (settings: `MODELTRANSLATION_*`). The original
column (`title`) is the library's: nothing of ours reads it directly.

What the library does not say is *which* language a text was shown in: a page that shows a French text on
an English page must say so (`lang="fr"`, for screen readers and for the reader), hence `shown_language`.
Imports and the API give and take every language at once: `texts` and `set_texts`.

Module named after the library's convention; this one registers nothing (the kernel has no model to
translate), it is the kit the apps' registrations are read with.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from modeltranslation.settings import FALLBACK_LANGUAGES
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)

# "(in French)" after a text shown in another language than the page's.
IN_LANGUAGE = {"fr": _("in French"), "en": _("in English")}


def has_text(value) -> bool:
    return value is not None and value != ""


def shown_language(instance, name: str) -> str | None:
    """The language of the text `instance.<name>` shows on this page: the page's own, or the one it falls
    back to; None when no language has it."""
    for language in resolution_order(get_language(), FALLBACK_LANGUAGES):
        if has_text(getattr(instance, build_localized_fieldname(name, language), None)):
            return language
    return None


def fallback_language(instance, name: str) -> str | None:
    """The other language a text is shown in when the page's own version is empty; None when it is not."""
    language = shown_language(instance, name)
    return language if language not in (None, get_language()) else None


def texts(instance, name: str) -> dict[str, str]:
    """Every language's version of a text, empty when missing: {"fr": "…", "en": ""}."""
    return {
        code: getattr(instance, build_localized_fieldname(name, code), None) or "" for code in LANGUAGE_CODES
    }


def set_texts(instance, name: str, versions: dict[str, str]) -> None:
    """Give a text in the languages given ({"fr": "…", "en": "…"}); languages the platform does not speak
    are ignored, languages not given are left as they are. Does not save."""
    for code, text in versions.items():
        code = (code or "").split("-")[0].split("_")[0].lower()
        if code in LANGUAGE_CODES:
            setattr(instance, build_localized_fieldname(name, code), text)


def localized_field_names(name: str) -> list[str]:
    """["title_fr", "title_en"]: the columns of a text, in the platform's order of languages."""
    return [build_localized_fieldname(name, code) for code in LANGUAGE_CODES]


def shown_column_order(name: str) -> list[str]:
    """The columns of a text in the order a page reads them: its language's, then the fallbacks."""
    return [
        build_localized_fieldname(name, code) for code in resolution_order(get_language(), FALLBACK_LANGUAGES)
    ]


def text_in(instance, name: str, language: str) -> str:
    """A text in the given language, else in the one it falls back to (as a page in that language reads
    it), whatever language is active now."""
    for code in resolution_order(language, FALLBACK_LANGUAGES):
        value = getattr(instance, build_localized_fieldname(name, code), None)
        if has_text(value):
            return value
    return ""
