"""The actions' texts that the city writes, in French and in English (see `core.translation`)."""

from modeltranslation.translator import TranslationOptions, register

from mobilization.plan.actions.models import Action, Milestone


@register(Action)
class ActionTexts(TranslationOptions):
    fields = ("title", "description", "department")


@register(Milestone)
class MilestoneTexts(TranslationOptions):
    fields = ("title", "description")
