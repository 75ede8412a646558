"""The commitments texts the city's team writes, in French and in English (see `core.translation`): the
charter levels' names. What organisations write stays in its language."""

from modeltranslation.translator import TranslationOptions, register

from mobilization.commitments.models import CharterLevel


@register(CharterLevel)
class CharterLevelTexts(TranslationOptions):
    fields = ("name",)
