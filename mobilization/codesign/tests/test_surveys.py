"""Surveys: targeting, answers, results after closing, and anonymity read from the database itself."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.codesign import services
from mobilization.codesign.models import (
    SurveyParticipation,
    SurveyPendingResponse,
    SurveyResponse,
)
from mobilization.codesign.tests.factories import SurveyFactory
from mobilization.core.errors import AlreadyDone, DomainError, NotAllowed
from mobilization.territory.tests.factories import ArrondissementFactory

pytestmark = pytest.mark.django_db


def _answers(survey, choice=0, scale=4, text="Merci"):
    single, multiple, scale_q, text_q = survey.questions.all()
    return {
        str(single.pk): [single.options.all()[choice].pk],
        str(multiple.pk): [option.pk for option in multiple.options.all()[:2]],
        str(scale_q.pk): scale,
        str(text_q.pk): text,
    }


@override_settings(SURVEY_RESPONSE_BATCH=3)
def test_the_database_holds_no_link_from_an_answer_to_a_person(staff):
    survey = SurveyFactory()
    people = [MemberFactory(display_name=f"Personne {n}") for n in range(5)]
    for index, person in enumerate(people):
        services.answer_survey(
            survey, user=person, answers=_answers(survey, choice=index % 3, text=f"mot {index}")
        )
    services.close_survey(survey, by=staff)

    # Read every column of the tables that hold answers, straight from the database.
    response_columns = [f.column for f in SurveyResponse._meta.concrete_fields]
    pending_columns = [f.column for f in SurveyPendingResponse._meta.concrete_fields]
    with connection.cursor() as cursor:
        # The names come from the model, not from anyone's input.
        cursor.execute(f"SELECT {', '.join(response_columns)} FROM {SurveyResponse._meta.db_table}")  # noqa: S608
        rows = cursor.fetchall()
    user_ids = {str(person.pk) for person in people}
    participation_ids = {str(p.pk) for p in SurveyParticipation.objects.all()}
    assert len(rows) == 5 and SurveyPendingResponse.objects.count() == 0
    for row in rows:
        values = dict(zip(response_columns, row, strict=True))
        assert values["respondent_id"] is None
        assert str(values["id"]) not in participation_ids
        assert not ({str(v) for k, v in values.items() if k != "survey_id"} & user_ids - {str(survey.pk)})
    # Nothing in the answer tables names, dates or orders a person: no user column, no time column.
    assert set(response_columns) == {"id", "survey_id", "answers", "respondent_id"}
    assert set(pending_columns) == {"id", "survey_id", "answers"}
    assert SurveyResponse._meta.ordering == [] and SurveyParticipation._meta.ordering == []
    # The participations say who answered, to the day, and nothing of what.
    assert {f.column for f in SurveyParticipation._meta.concrete_fields} == {
        "id",
        "survey_id",
        "user_id",
        "answered_on",
    }


@override_settings(SURVEY_RESPONSE_BATCH=3)
def test_answers_wait_in_the_pool_until_a_batch_is_full():
    survey = SurveyFactory()
    for _n in range(2):
        services.answer_survey(survey, user=MemberFactory(), answers=_answers(survey))
    assert (SurveyPendingResponse.objects.count(), SurveyResponse.objects.count()) == (2, 0)

    services.answer_survey(survey, user=MemberFactory(), answers=_answers(survey))

    assert (SurveyPendingResponse.objects.count(), SurveyResponse.objects.count()) == (0, 3)


def test_one_answer_per_account_and_only_while_open(volunteer):
    survey = SurveyFactory()
    services.answer_survey(survey, user=volunteer, answers=_answers(survey))

    with pytest.raises(AlreadyDone):
        services.answer_survey(survey, user=volunteer, answers=_answers(survey))
    closed = SurveyFactory(
        opens_at=timezone.now() - timedelta(days=9), closes_at=timezone.now() - timedelta(days=1)
    )
    with pytest.raises(DomainError):
        services.answer_survey(closed, user=volunteer, answers=_answers(closed))


def test_a_survey_for_a_district_asks_only_its_residents():
    district = ArrondissementFactory(number=11)
    survey = SurveyFactory()
    survey.districts.set([district])
    elsewhere = MemberFactory()

    assert not services.is_targeted(survey, elsewhere)
    with pytest.raises(NotAllowed):
        services.answer_survey(survey, user=elsewhere, answers=_answers(survey))
    elsewhere.profile.home_district = district
    elsewhere.profile.save()
    assert services.is_targeted(survey, elsewhere)


def test_results_after_closing_as_a_chart_with_its_table_and_free_texts_as_one_sorted_list(client, staff):
    survey = SurveyFactory()
    for index, text in enumerate(("Zèbre", "Abeille", "")):
        services.answer_survey(
            survey, user=MemberFactory(), answers=_answers(survey, choice=0, scale=index + 3, text=text)
        )
    url = reverse("codesign:survey", kwargs={"pk": survey.pk})
    assert 'id="results-title"' not in client.get(url).content.decode(), "no result while it is open"

    services.close_survey(survey, by=staff)
    page = client.get(url).content.decode()

    assert 'id="results-title"' in page and "<svg" in page and "<table" in page
    assert page.index("Abeille") < page.index("Zèbre"), "free texts come in alphabetical order"
    assert "Average: 4.0 out of 5." in page
    assert ">3</td>" in page, "three people chose the first option"


def test_a_survey_for_a_theme_or_a_role_asks_only_those_people():
    from mobilization.core import roles

    by_theme = SurveyFactory(themes=["food"])
    by_role = SurveyFactory(roles=[roles.ORGANISER])
    cook, organiser = MemberFactory(), MemberFactory(roles=(roles.VOLUNTEER, roles.ORGANISER))
    cook.profile.themes = ["food"]
    cook.profile.save()

    assert services.is_targeted(by_theme, cook) and not services.is_targeted(by_theme, organiser)
    assert services.is_targeted(by_role, organiser) and not services.is_targeted(by_role, cook)
    assert services.surveys_for(cook) == [by_theme]
