"""Private committee items and proposals awaiting moderation: an outsider cannot tell them from nothing.

For every route that names a private thing, an outsider (a volunteer who does not sit on the committee,
a coordinator who is not city staff) gets the same 404 for the thing that exists as for a number or a
short name that exists nowhere, whatever the method; the people it belongs to still reach it.
"""

import pytest
from django.urls import reverse

from mobilization.accounts.tests.factories import MemberFactory
from mobilization.core import roles
from mobilization.plan.governance.tests.factories import (
    CommentFactory,
    CommitteeFactory,
    CommitteeMemberFactory,
    MeetingFactory,
    ProposalFactory,
    RecommendationFactory,
)

NOWHERE = 999_999


@pytest.fixture
def private(db, citizen, author):
    committee = CommitteeFactory(name="Comité restreint", slug="restreint", is_public=False)
    CommitteeMemberFactory(committee=committee, user=citizen)
    submitted = ProposalFactory(author=author, title="Pas encore lue")
    return {
        "slug": committee.slug,
        "meeting": MeetingFactory(committee=committee).pk,
        "recommendation": RecommendationFactory(committee=committee).pk,
        "proposal": submitted.pk,
        "comment": CommentFactory(proposal=submitted).pk,
    }


# (route, the key of its private object in `private`, methods)
PRIVATE_ROUTES = [
    ("governance:committee", "slug", ("get",)),
    ("governance:meeting_new", "slug", ("get", "post")),
    ("governance:recommendation_new", "slug", ("get", "post")),
    ("governance:meeting", "meeting", ("get",)),
    ("governance:publish_minutes", "meeting", ("get", "post")),
    ("governance:recommendation", "recommendation", ("get",)),
    ("governance:answer_recommendation", "recommendation", ("get", "post")),
    ("governance:proposal", "proposal", ("get",)),
    ("governance:support", "proposal", ("post",)),
    ("governance:withdraw_support", "proposal", ("post",)),
    ("governance:comment", "proposal", ("post",)),
    ("governance:publish_proposal", "proposal", ("post",)),
    ("governance:reject_proposal", "proposal", ("post",)),
    ("governance:answer_proposal", "proposal", ("post",)),
    ("governance:hide_comment", "comment", ("post",)),
]


def _url(name: str, key: str, value) -> str:
    return reverse(name, kwargs={"slug" if key == "slug" else "pk": value})


@pytest.mark.parametrize(
    "outsider_roles", [(), (roles.SOLIDARITY_COORDINATOR,)], ids=["volunteer", "coordinator"]
)
@pytest.mark.parametrize(("name", "key", "methods"), PRIVATE_ROUTES, ids=[row[0] for row in PRIVATE_ROUTES])
def test_an_outsider_gets_the_same_404_for_a_private_item_as_for_none(
    client, private, name, key, methods, outsider_roles
):
    client.force_login(MemberFactory(display_name="Outsider", roles=outsider_roles, two_factor=True))
    missing = "no-such-committee" if key == "slug" else NOWHERE

    for method in methods:
        existing = getattr(client, method)(_url(name, key, private[key]))
        nowhere = getattr(client, method)(_url(name, key, missing))

        assert (method, nowhere.status_code) == (method, 404)
        assert (method, existing.status_code) == (method, 404)


def test_the_people_a_private_item_belongs_to_still_reach_it(client, private, citizen, author):
    client.force_login(citizen)
    assert client.get(_url("governance:meeting_new", "slug", private["slug"])).status_code == 200
    assert client.get(_url("governance:publish_minutes", "meeting", private["meeting"])).status_code == 200
    # Camille sees the recommendation but does not answer for the city: 403, no secret is told.
    assert (
        client.get(
            _url("governance:answer_recommendation", "recommendation", private["recommendation"])
        ).status_code
        == 403
    )

    client.force_login(author)
    assert client.get(_url("governance:proposal", "proposal", private["proposal"])).status_code == 200
    assert (
        client.post(_url("governance:publish_proposal", "proposal", private["proposal"])).status_code == 403
    )


def test_the_api_answers_a_private_committee_as_an_unknown_one(client, private):
    unknown = client.get(reverse("api:governance_recommendations"), {"committee": "no-such-committee"})
    hidden = client.get(reverse("api:governance_recommendations"), {"committee": private["slug"]})

    # An unknown committee matches nothing (the API's filters answer an empty list, not an error): a
    # private one reads exactly the same.
    assert unknown.status_code == hidden.status_code == 200
    assert hidden.json() == unknown.json() == []
    assert client.get(reverse("api:governance_committees")).json() == []
