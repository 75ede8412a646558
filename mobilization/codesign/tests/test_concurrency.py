"""One support per account, even when the same person's requests arrive together (PostgreSQL)."""

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.codesign import services
from mobilization.codesign.models import Idea, IdeaSupport
from mobilization.codesign.tests.factories import IdeaFactory
from mobilization.core.errors import AlreadyDone
from mobilization.core.testing import RACE_THREADS, postgres_only, run_at_once

pytestmark = postgres_only()


def test_one_support_per_account_when_requests_race():
    idea, person = IdeaFactory(), MemberFactory()

    outcomes = run_at_once(lambda index: services.support_idea(Idea.objects.get(pk=idea.pk), user=person))

    assert sum(isinstance(outcome, IdeaSupport) for outcome in outcomes) == 1
    assert all(isinstance(outcome, (IdeaSupport, AlreadyDone)) for outcome in outcomes), outcomes
    idea.refresh_from_db()
    assert idea.supports_count == 1


def test_the_count_is_right_when_many_people_support_at_once():
    idea = IdeaFactory()
    people = [MemberFactory() for _index in range(RACE_THREADS)]

    run_at_once(lambda index: services.support_idea(Idea.objects.get(pk=idea.pk), user=people[index]))

    idea.refresh_from_db()
    assert idea.supports_count == RACE_THREADS == IdeaSupport.objects.filter(idea=idea).count()
