"""The challenges' texts that the city writes, in French and in English (see `core.translation`)."""

from modeltranslation.translator import TranslationOptions, register

from mobilization.challenges.models import Challenge, ChallengeAction


@register(Challenge)
class ChallengeTexts(TranslationOptions):
    fields = ("title", "summary", "description")


@register(ChallengeAction)
class ChallengeActionTexts(TranslationOptions):
    fields = ("label",)
