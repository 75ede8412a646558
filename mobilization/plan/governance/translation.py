"""Governance texts that the city and its committees write, in French and in English (see
`core.translation`). What residents write (proposals, comments) stays in the language it was written in."""

from modeltranslation.translator import TranslationOptions, register

from mobilization.plan.governance.models import (
    CityResponse,
    Committee,
    Consultation,
    Meeting,
    Option,
    Question,
    Recommendation,
)


@register(Committee)
class CommitteeTexts(TranslationOptions):
    fields = ("name", "mandate")


@register(Meeting)
class MeetingTexts(TranslationOptions):
    fields = ("agenda", "minutes")


@register(Recommendation)
class RecommendationTexts(TranslationOptions):
    fields = ("title", "text")


@register(CityResponse)
class CityResponseTexts(TranslationOptions):
    fields = ("justification",)


@register(Consultation)
class ConsultationTexts(TranslationOptions):
    fields = ("title", "description")


@register(Question)
class QuestionTexts(TranslationOptions):
    fields = ("text",)


@register(Option)
class OptionTexts(TranslationOptions):
    fields = ("label",)
