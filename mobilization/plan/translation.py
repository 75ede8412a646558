"""The plan's texts that the city writes, in French and in English (see `core.translation`)."""

from modeltranslation.translator import TranslationOptions, register

from mobilization.plan.models import Indicator, IndicatorValue, Objective, Target


@register(Objective)
class ObjectiveTexts(TranslationOptions):
    fields = ("title", "description", "metric", "baseline_note")


@register(Target)
class TargetTexts(TranslationOptions):
    fields = ("note",)


@register(Indicator)
class IndicatorTexts(TranslationOptions):
    fields = ("title", "description", "sector")


@register(IndicatorValue)
class IndicatorValueTexts(TranslationOptions):
    fields = ("note",)
