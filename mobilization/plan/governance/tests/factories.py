"""Factories of shared governance, for its tests and the project-level ones.

They write rows as they are once the services have run (a published proposal, an answered
recommendation), without the audit records or notifications of the services: a test that is about a
service calls the service.
"""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.plan.governance.models import (
    CityResponse,
    Comment,
    Committee,
    CommitteeMember,
    Consultation,
    Meeting,
    Option,
    Proposal,
    Question,
    Recommendation,
    Support,
)

# --- Committees -------------------------------------------------------------------------------------------


class CommitteeFactory(DjangoModelFactory):
    class Meta:
        model = Committee

    name = factory.Sequence(lambda n: f"Comité de suivi {n}")
    slug = factory.Sequence(lambda n: f"comite-{n}")
    mandate = "Suivre le plan."


class CommitteeMemberFactory(DjangoModelFactory):
    """A citizen's seat, with an account; `ExpertFactory` for an expert known by name only."""

    class Meta:
        model = CommitteeMember

    committee = factory.SubFactory(CommitteeFactory)
    user = factory.SubFactory(MemberFactory)
    kind = CommitteeMember.Kind.CITIZEN


class ExpertFactory(CommitteeMemberFactory):
    user = None
    name = factory.Sequence(lambda n: f"Dr Expert {n}")
    affiliation = "CNRS"
    kind = CommitteeMember.Kind.EXPERT


class MeetingFactory(DjangoModelFactory):
    """A meeting that took place a week ago."""

    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    place = "Hôtel de Ville"
    agenda = "- Bilan"


class RecommendationFactory(DjangoModelFactory):
    """Issued ten days ago; the city's answer is due in twenty days."""

    class Meta:
        model = Recommendation

    committee = factory.SubFactory(CommitteeFactory)
    reference = factory.Sequence(lambda n: f"R-{n}")
    title = "Végétaliser les cours d'école"
    text = "Ouvrir **50** cours Oasis."
    issued_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    response_due_on = factory.LazyAttribute(
        lambda recommendation: recommendation.issued_on + timedelta(days=30)
    )


class CityResponseFactory(DjangoModelFactory):
    class Meta:
        model = CityResponse

    recommendation = factory.SubFactory(RecommendationFactory)
    decision = CityResponse.Decision.REJECTED
    justification = "Trop coûteux ici."
    responded_at = factory.LazyFunction(timezone.now)


# --- Proposals --------------------------------------------------------------------------------------------


class ProposalFactory(DjangoModelFactory):
    """A proposal awaiting moderation; `published=True` for one staff have published."""

    class Meta:
        model = Proposal

    class Params:
        published = factory.Trait(
            status=Proposal.Status.PUBLISHED,
            published_at=factory.LazyFunction(timezone.now),
            moderated_by=factory.SubFactory(MemberFactory, roles=(roles.CITY_STAFF,)),
        )

    title = factory.Sequence(lambda n: f"Proposition {n}")
    body = "Plus de fontaines."
    author = factory.SubFactory(MemberFactory)


class SupportFactory(DjangoModelFactory):
    """A support row alone: `services.support_proposal` also keeps the proposal's count."""

    class Meta:
        model = Support

    proposal = factory.SubFactory(ProposalFactory, published=True)
    user = factory.SubFactory(MemberFactory)


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = Comment

    proposal = factory.SubFactory(ProposalFactory, published=True)
    author = factory.SubFactory(MemberFactory)
    body = "Bonne idée"


# --- Consultations ----------------------------------------------------------------------------------------

# (text, kind, at most this many choices, option labels), one per question.
ONE_QUESTION = (("Which first?", Question.Kind.SINGLE, 1, ("Trees", "Bikes", "Shade")),)


class ConsultationFactory(DjangoModelFactory):
    """Open since yesterday for a week, with the `questions` given as in `ONE_QUESTION`;
    `past_closing=True` for one whose closing date passed yesterday (not closed by anyone yet)."""

    class Meta:
        model = Consultation
        skip_postgeneration_save = True

    class Params:
        past_closing = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=10)),
            closes_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)),
        )

    title = "Quelle mesure d'abord ?"
    description = "Choisissez."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=6))

    @factory.post_generation
    def questions(consultation, create, questions, **kwargs):
        if not create:
            return
        for position, (text, kind, max_choices, labels) in enumerate(
            ONE_QUESTION if questions is None else questions
        ):
            question = QuestionFactory(
                consultation=consultation, text=text, kind=kind, max_choices=max_choices, position=position
            )
            for index, label in enumerate(labels):
                OptionFactory(question=question, label=label, position=index)


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    consultation = factory.SubFactory(ConsultationFactory, questions=())
    text = "Which first?"
    kind = Question.Kind.SINGLE
    max_choices = 1
    position = factory.Sequence(int)


class OptionFactory(DjangoModelFactory):
    class Meta:
        model = Option

    question = factory.SubFactory(QuestionFactory)
    label = factory.Sequence(lambda n: f"Option {n}")
    position = factory.Sequence(int)


def option_ids(consultation: Consultation) -> list[list[int]]:
    """The options' ids, question by question, in their order."""
    return [[option.pk for option in question.options.all()] for question in consultation.questions.all()]
