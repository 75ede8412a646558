"""Factories of the learning app: trainings (published, with a trainer), their sessions, quizzes."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.events.models import Event
from mobilization.events.tests.factories import INSIDE
from mobilization.learning.models import Certification, QuizChoice, QuizQuestion, Training
from mobilization.learning.services import add_months


class TrainingFactory(DjangoModelFactory):
    """A published training without quiz, valid 24 months, with one trainer (`trainers=[...]` to choose)."""

    class Meta:
        model = Training
        skip_postgeneration_save = True

    code = factory.Sequence(lambda number: f"training-{number}")
    title = factory.Sequence(lambda number: f"Binôme solidarité canicule {number}")
    summary = "Accompagner une personne isolée pendant une vague de chaleur."
    description = "Repérer les signes d'alerte, **appeler** chaque jour."
    themes = factory.LazyFunction(lambda: ["solidarity"])
    validity_months = 24
    status = Training.Status.PUBLISHED
    created_by = factory.SubFactory(MemberFactory, roles=(roles.CITY_STAFF,))

    @factory.post_generation
    def trainers(self, create, extracted, **kwargs):
        if not create:
            return
        self.trainers.set(
            extracted if extracted is not None else [MemberFactory(display_name="Tania Trainer")]
        )


class SessionFactory(DjangoModelFactory):
    """A session of a training in a week, for three hours, with 10 places."""

    class Meta:
        model = Event

    training = factory.SubFactory(TrainingFactory)
    initiative = None
    created_by = factory.LazyAttribute(
        lambda event: event.training.trainers.first() or event.training.created_by
    )
    title = factory.LazyAttribute(lambda event: f"Session : {event.training.title}")
    description = "Salle au rez-de-chaussée."
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=3))
    address = "Mairie du 4e, 2 place Baudoyer, 75004 Paris"
    lat, lon = INSIDE
    capacity = 10


def add_quiz(training: Training, count: int = 2) -> list[QuizQuestion]:
    """`count` questions of two answers each, the first right."""
    questions = []
    for index in range(count):
        question = QuizQuestion.objects.create(
            training=training, text=f"Question {index + 1} ?", position=index
        )
        QuizChoice.objects.create(question=question, text="Right", is_correct=True)
        QuizChoice.objects.create(question=question, text="Wrong", is_correct=False)
        questions.append(question)
    return questions


def right_answers(questions) -> dict[int, int]:
    return {q.pk: q.choices.get(is_correct=True).pk for q in questions}


def wrong_answers(questions) -> dict[int, int]:
    return {q.pk: q.choices.get(is_correct=False).pk for q in questions}


class ResourceFactory(DjangoModelFactory):
    """A published guide by a member of the city team, indexed for search (use `services.create_resource`
    for one that goes through the writers' path)."""

    class Meta:
        model = "learning.Resource"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda number: f"Guide {number}")
    summary = "Des gestes simples pour agir au quotidien."
    body = "Un guide pratique."
    kind = "guide"
    theme = "solidarity"
    language = "fr"
    level = "beginner"
    status = "published"
    published_at = factory.LazyFunction(timezone.now)
    author = factory.SubFactory(MemberFactory, roles=(roles.CITY_STAFF,))

    @factory.post_generation
    def indexed(self, create, extracted, **kwargs):
        if create:
            from mobilization.learning import search

            search.reindex(self)


class CertificationFactory(DjangoModelFactory):
    """A valid certification of a training granted a month ago, expiring after the training's validity
    (`granted_on=`, `expires_on=`, `status=` to make it expired or revoked)."""

    class Meta:
        model = Certification

    user = factory.SubFactory(MemberFactory)
    training = factory.SubFactory(TrainingFactory)
    granted_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    expires_on = factory.LazyAttribute(
        lambda certification: (
            add_months(certification.granted_on, certification.training.validity_months)
            if certification.training.validity_months
            else None
        )
    )
