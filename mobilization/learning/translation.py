"""The learning app's texts that the city writes, in French and in English (see `core.translation`)."""

from modeltranslation.translator import TranslationOptions, register

from mobilization.learning.models import QuizChoice, QuizQuestion, Training


@register(Training)
class TrainingTexts(TranslationOptions):
    fields = ("title", "summary", "description")


@register(QuizQuestion)
class QuizQuestionTexts(TranslationOptions):
    fields = ("text",)


@register(QuizChoice)
class QuizChoiceTexts(TranslationOptions):
    fields = ("text",)
