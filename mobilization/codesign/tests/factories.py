"""Factories of co-design, for its tests and the project-level ones. They write rows as the services
leave them, without audit records or notices: a test about a service calls the service."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from mobilization.codesign.models import (
    Idea,
    IdeaComment,
    Release,
    Suggestion,
    Survey,
    SurveyOption,
    SurveyQuestion,
    Tool,
    Workshop,
)


class SuggestionFactory(DjangoModelFactory):
    class Meta:
        model = Suggestion

    trying_to = "Trouver les fontaines ouvertes près de chez moi"
    would_help = "Un filtre « ouvert maintenant » sur la carte"
    page = "/fr/places/"
    language = "fr"


class IdeaFactory(DjangoModelFactory):
    class Meta:
        model = Idea

    title = factory.Sequence(lambda n: f"Idée {n}")
    body = "Un filtre sur la carte."
    tool = Tool.MAPS


class IdeaCommentFactory(DjangoModelFactory):
    class Meta:
        model = IdeaComment

    idea = factory.SubFactory(IdeaFactory)
    author = factory.SubFactory("mobilization.accounts.tests.factories.MemberFactory")
    body = "Oui, très utile."


class ReleaseFactory(DjangoModelFactory):
    class Meta:
        model = Release

    version = factory.Sequence(lambda n: f"1.{n}")
    title_fr = "Carte plus claire"
    notes_fr = "- Un filtre « ouvert maintenant »"


class WorkshopFactory(DjangoModelFactory):
    class Meta:
        model = Workshop

    title_fr = "Atelier de co-conception"
    held_on = factory.LazyFunction(timezone.localdate)
    notes_fr = "Nous avons parlé de la carte."


class SurveyFactory(DjangoModelFactory):
    """Open since yesterday for a week, anonymous; `questions` adds one question of each kind."""

    class Meta:
        model = Survey
        skip_postgeneration_save = True

    title_fr = "Votre avis sur la plateforme"
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    is_anonymous = True

    @factory.post_generation
    def questions(survey, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        single = SurveyQuestion.objects.create(
            survey=survey, text_fr="Quel outil utilisez-vous le plus ?", kind="single", position=1
        )
        for position, label in enumerate(("La carte", "Les initiatives", "Le plan")):
            SurveyOption.objects.create(question=single, label_fr=label, position=position)
        multiple = SurveyQuestion.objects.create(
            survey=survey, text_fr="Qu'aimeriez-vous ?", kind="multiple", position=2
        )
        for position, label in enumerate(("Des rappels", "Un mode hors ligne", "Plus de cartes")):
            SurveyOption.objects.create(question=multiple, label_fr=label, position=position)
        SurveyQuestion.objects.create(
            survey=survey, text_fr="Êtes-vous satisfait ?", kind="scale", position=3
        )
        SurveyQuestion.objects.create(
            survey=survey, text_fr="Un mot pour l'équipe ?", kind="text", position=4
        )
