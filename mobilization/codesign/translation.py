"""Co-design texts that the city's team writes, in French and in English (see `core.translation`). What
volunteers write (suggestions, ideas drawn from them, comments, answers) stays in its language."""

from modeltranslation.translator import TranslationOptions, register

from mobilization.codesign.models import Release, Survey, SurveyOption, SurveyQuestion, Workshop


@register(Release)
class ReleaseTexts(TranslationOptions):
    fields = ("title", "notes")


@register(Workshop)
class WorkshopTexts(TranslationOptions):
    fields = ("title", "notes")


@register(Survey)
class SurveyTexts(TranslationOptions):
    fields = ("title", "description")


@register(SurveyQuestion)
class SurveyQuestionTexts(TranslationOptions):
    fields = ("text",)


@register(SurveyOption)
class SurveyOptionTexts(TranslationOptions):
    fields = ("label",)
