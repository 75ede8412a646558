"""Access table rows of the commitments app: the registry is public; an organisation's representatives
(`owner` represents organisation A) make its commitments and file its reports; city staff verify
organisations and reports. Reports and their evidence are seen by the organisation and staff only:
others get 404, as for nothing.
"""

from tests.access.callers import ADMIN, ANONYMOUS, CITY_STAFF, COORDINATOR, OTHER, OWNER
from tests.access.table import LOGIN, REDIRECT, Route, everyone, members


def _staff_only(outcome, others=403) -> dict:
    return {
        ANONYMOUS: LOGIN,
        **dict.fromkeys((OWNER, OTHER, COORDINATOR), others),
        CITY_STAFF: outcome,
        ADMIN: outcome,
    }


def _representatives(outcome, others=403) -> dict:
    """The owner represents organisation A (administrators pass every rule); others are refused."""
    return {
        ANONYMOUS: LOGIN,
        OWNER: outcome,
        **dict.fromkeys((OTHER, CITY_STAFF, COORDINATOR), others),
        ADMIN: outcome,
    }


def _organisation_and_staff(outcome) -> dict:
    return {
        ANONYMOUS: LOGIN,
        OWNER: outcome,
        OTHER: 404,
        COORDINATOR: 404,
        CITY_STAFF: outcome,
        ADMIN: outcome,
    }


ORGANISATION = lambda world: {"slug": world.commitments_organisation.slug}  # noqa: E731
PENDING = lambda world: {"slug": world.commitments_pending.slug}  # noqa: E731
COMMITMENT = lambda world: {"pk": world.commitments_commitment.pk}  # noqa: E731
REPORT = lambda world: {"pk": world.commitments_report.pk}  # noqa: E731
COALITION = lambda world: {"slug": world.commitments_coalition.slug}  # noqa: E731

ROWS: tuple = (
    Route("commitments:list", {"GET": everyone(200), "POST": everyone(405)}),
    Route("commitments:organisations", {"GET": everyone(200), "POST": everyone(405)}),
    Route("commitments:downloads", {"GET": everyone(200), "POST": everyone(405)}),
    Route(
        "commitments:download_organisations",
        {"GET": everyone(200), "POST": everyone(405)},
        kwargs=lambda w: {"format": "csv"},
    ),
    Route(
        "commitments:download_commitments",
        {"GET": everyone(200), "POST": everyone(405)},
        kwargs=lambda w: {"format": "json"},
    ),
    Route(
        "commitments:download_reports",
        {"GET": everyone(200), "POST": everyone(405)},
        kwargs=lambda w: {"format": "csv"},
    ),
    # An empty POST is answered with the form and its errors.
    Route("commitments:organisation_register", {"GET": members(200), "POST": members(200)}),
    Route("commitments:mine", {"GET": members(200), "POST": members(405)}),
    Route("commitments:review", {"GET": _staff_only(200), "POST": everyone(405)}),
    # The first member to accept becomes a representative; the others are told it was used: both redirect.
    Route(
        "commitments:invitation",
        {"GET": members(200), "POST": members(REDIRECT)},
        kwargs=lambda world: {"token": world.commitments_invitation_token},
    ),
    Route("commitments:organisation", {"GET": everyone(200), "POST": everyone(405)}, kwargs=ORGANISATION),
    Route(
        "commitments:invite",
        {"GET": _representatives(200), "POST": _representatives(200)},
        kwargs=ORGANISATION,
    ),
    Route(
        "commitments:organisation_verify",
        {"GET": everyone(405), "POST": _staff_only(REDIRECT)},
        kwargs=PENDING,
    ),
    Route(
        "commitments:organisation_reject", {"GET": _staff_only(200), "POST": _staff_only(200)}, kwargs=PENDING
    ),
    Route(
        "commitments:commitment_create",
        {"GET": _representatives(200), "POST": _representatives(200)},
        kwargs=ORGANISATION,
    ),
    Route("commitments:commitment", {"GET": everyone(200), "POST": everyone(405)}, kwargs=COMMITMENT),
    Route("commitments:chart", {"GET": everyone(200), "POST": everyone(405)}, kwargs=COMMITMENT),
    Route(
        "commitments:commitment_withdraw",
        {"GET": _representatives(200), "POST": _representatives(200)},
        kwargs=COMMITMENT,
    ),
    Route(
        "commitments:report_submit",
        {"GET": _representatives(200), "POST": _representatives(200)},
        kwargs=COMMITMENT,
    ),
    Route("commitments:report", {"GET": _organisation_and_staff(200), "POST": members(405)}, kwargs=REPORT),
    Route(
        "commitments:report_edit",
        {
            "GET": {**_organisation_and_staff(200), CITY_STAFF: 403},
            "POST": {**_organisation_and_staff(200), CITY_STAFF: 403},
        },
        kwargs=REPORT,
    ),
    # An empty decision is answered with the report's page and the form's errors.
    Route("commitments:report_review", {"GET": everyone(405), "POST": _staff_only(200)}, kwargs=REPORT),
    Route(
        "commitments:evidence",
        {"GET": _organisation_and_staff(200), "POST": members(405)},
        kwargs=lambda world: {"pk": world.commitments_evidence.pk},
    ),
    Route(
        "commitments:api_tokens",
        {"GET": _representatives(200), "POST": _representatives(200)},
        kwargs=ORGANISATION,
    ),
    Route(
        "commitments:api_token_revoke",
        {"GET": members(405), "POST": _representatives(REDIRECT)},
        kwargs=lambda world: {
            "slug": world.commitments_organisation.slug,
            "pk": world.commitments_api_token.pk,
        },
    ),
    # Initiatives organisation A runs: its representatives (the owner) list them and have it run one of
    # theirs; an empty choice is answered with the form's errors. Stopping is for them too.
    Route(
        "commitments:organisation_initiatives",
        {"GET": _representatives(200), "POST": _representatives(200)},
        kwargs=ORGANISATION,
    ),
    Route(
        "commitments:organisation_initiative_stop",
        {"GET": members(405), "POST": _representatives(REDIRECT)},
        kwargs=lambda world: {
            "slug": world.commitments_organisation.slug,
            "pk": world.commitments_run_initiative.pk,
        },
    ),
    # Coalitions: public; the owner represents the lead organisation A. An empty request to join is
    # answered with the page and its errors (400), and so is an empty decision.
    Route("commitments:coalitions", {"GET": everyone(200), "POST": everyone(405)}),
    Route("commitments:coalition", {"GET": everyone(200), "POST": everyone(405)}, kwargs=COALITION),
    Route("commitments:coalition_join", {"GET": members(405), "POST": members(400)}, kwargs=COALITION),
    Route(
        "commitments:membership_decide",
        {"GET": members(405), "POST": _representatives(400)},
        kwargs=lambda world: {
            "slug": world.commitments_coalition.slug,
            "pk": world.commitments_membership.pk,
        },
    ),
    Route(
        "commitments:coalition_commitment_create",
        {"GET": _representatives(200), "POST": _representatives(200)},
        kwargs=COALITION,
    ),
    # Without a key the answer is 401, whoever is signed in: the key is the only credential.
    Route("api:commitment_report_submit", {"POST": everyone(401), "GET": everyone(405)}, kwargs=COMMITMENT),
    Route("api:commitment_list", {"GET": everyone(200), "POST": everyone(405)}),
    Route("api:commitment_detail", {"GET": everyone(200)}, kwargs=COMMITMENT),
    Route("api:commitment_organisations", {"GET": everyone(200), "POST": everyone(405)}),
    Route("api:commitment_organisation", {"GET": everyone(200)}, kwargs=ORGANISATION),
    Route("api:commitment_coalitions", {"GET": everyone(200), "POST": everyone(405)}),
    Route("api:commitment_coalition", {"GET": everyone(200)}, kwargs=COALITION),
    Route(
        "commitments:download_coalitions",
        {"GET": everyone(200), "POST": everyone(405)},
        kwargs=lambda w: {"format": "csv"},
    ),
    Route(
        "commitments:download_coalition_commitments",
        {"GET": everyone(200), "POST": everyone(405)},
        kwargs=lambda w: {"format": "json"},
    ),
)


def build(world) -> None:
    """Organisation A (verified), represented by `owner`, with a commitment and a submitted report with a
    file; organisation B awaiting verification, represented by `other`; an invitation to A."""
    from django.core.files.base import ContentFile

    from mobilization.commitments import services
    from mobilization.commitments.models import CoalitionMembership, Evidence
    from mobilization.commitments.tests.factories import (
        CoalitionCommitmentFactory,
        CoalitionFactory,
        CommitmentFactory,
        OrganisationFactory,
        ProgressReportFactory,
    )

    organisation = OrganisationFactory(
        name="Café Le Terminus",
        slug="cafe-le-terminus",
        representative=world.user(OWNER),
        district=world.district,
    )
    pending = OrganisationFactory(
        name="Imprimerie Verte", slug="imprimerie-verte", status="pending", representative=world.user(OTHER)
    )
    commitment = CommitmentFactory(organisation=organisation, title="Halve our emissions")
    report = ProgressReportFactory(
        commitment=commitment, period="2021", value=96, narrative="Insulated the roof."
    )
    evidence = Evidence(report=report)
    evidence.file.save("bill.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    api_token, _key = services.create_api_token(organisation, label="Energy software", by=world.user(OWNER))
    _invitation, token = services.invite_representative(
        organisation, email="new@example.org", by=world.user(OWNER)
    )
    coalition = CoalitionFactory(name="Commerces du canal", slug="commerces-du-canal", lead=organisation)
    CoalitionCommitmentFactory(coalition=coalition, title="Zero single-use packaging")
    membership = CoalitionMembership.objects.create(
        coalition=coalition, organisation=OrganisationFactory(name="Librairie du canal")
    )
    # A second organisation of the owner's, verified and in no coalition: the one it may ask to join with.
    joiner = OrganisationFactory(name="Cave du canal", slug="cave-du-canal", representative=world.user(OWNER))
    # An initiative of the owner's that organisation A runs, and one it may have A run.
    from mobilization.commitments import running
    from mobilization.initiatives.tests.factories import InitiativeFactory

    run = InitiativeFactory(title="Atelier du Terminus", organiser=world.user(OWNER), district=world.district)
    running.run_initiative(organisation, run, by=world.user(OWNER))
    runnable = InitiativeFactory(
        title="Troc du Terminus", organiser=world.user(OWNER), district=world.district
    )
    world.extra.update(
        commitments_run_initiative=run,
        commitments_runnable_initiative=runnable,
        commitments_coalition=coalition,
        commitments_membership=membership,
        commitments_joiner=joiner,
        commitments_organisation=organisation,
        commitments_pending=pending,
        commitments_commitment=commitment,
        commitments_report=report,
        commitments_evidence=evidence,
        commitments_invitation_token=token,
        commitments_api_token=api_token,
    )
