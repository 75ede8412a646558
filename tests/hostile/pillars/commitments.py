"""Hostile-input declarations of the commitments app (see tests/hostile/forms.py for the building blocks).

`owner` represents organisation A (its commitment and report are in the access world); city staff review
reports and decide on the organisation awaiting verification."""

import re

from django import forms
from django.core.exceptions import ValidationError

from tests.access.callers import CITY_STAFF, OWNER
from tests.hostile import corpus
from tests.hostile.forms import (
    CHOICES,
    REFUSED,
    URLS,
    Attack,
    HostileForm,
    QueryString,
    Shown,
    refused,
    typed_text,
)

NAME = typed_text(is_a_name=True)
TEXT = typed_text(multiline=True)
PAGES = corpus.union(corpus.NUMBERS, corpus.SAMPLE)
NUMBERS = corpus.union(corpus.NUMBERS, corpus.named("script_tag", "null_byte", "empty"))


def a_number(value: str):
    """What the forms' number fields store: a finite float within ±10¹², else refused."""
    try:
        return forms.FloatField(min_value=-1e12, max_value=1e12).clean(value)
    except ValidationError:
        return REFUSED


def a_year(value: str):
    try:
        return forms.IntegerField(min_value=1990, max_value=2100).clean(value)
    except ValidationError:
        return REFUSED


def a_website(value: str):
    """An address on the web, http(s) only ("//host" is read as https://host); empty is allowed."""
    try:
        url = forms.URLField(required=False, max_length=300, assume_scheme="https").clean(value)
    except ValidationError:
        return REFUSED
    return url if not url or url.lower().startswith(("http://", "https://")) else REFUSED


def _models():
    from mobilization.commitments import models

    return models


def _latest(model_name, field):
    def read(world, data):
        return getattr(getattr(_models(), model_name).objects.latest("pk"), field)

    return read


def _rows(model_name, *fields):
    return lambda world, data: list(
        getattr(_models(), model_name).objects.order_by("pk").values("pk", *fields)
    )


def _report(world):
    return _models().ProgressReport.objects.get(pk=world.commitments_report.pk)


def _organisation_rows(world, data):
    return [
        _rows("Organisation", "name", "status", "rejection_reason", "website", "siren", "siret")(world, data)
    ]


REPORT = lambda world: {"pk": world.commitments_report.pk}  # noqa: E731
COMMITMENT = lambda world: {"pk": world.commitments_commitment.pk}  # noqa: E731
ORGANISATION = lambda world: {"slug": world.commitments_organisation.slug}  # noqa: E731
COALITION = lambda world: {"slug": world.commitments_coalition.slug}  # noqa: E731


def _report_rows(world, data):
    models = _models()
    return [
        list(
            models.ProgressReport.objects.order_by("pk").values(
                "pk", "period", "value", "narrative", "status"
            )
        ),
        list(models.Evidence.objects.order_by("pk").values("pk", "url", "file")),
    ]


def a_period(value: str):
    """A yearly commitment's period: four digits, from its first year (2021) to this year."""
    from mobilization.commitments import services

    value = value.strip()
    if not re.fullmatch(r"[0-9]{4}", value) or not 2021 <= int(value) <= services.today().year:
        return REFUSED
    return value


def _siren(value: str):
    from mobilization.commitments.identifiers import clean_siren

    try:
        return clean_siren(value[:20]) if len(value) <= 20 else REFUSED
    except ValidationError:
        return REFUSED


def _siret(value: str):
    from mobilization.commitments.identifiers import clean_siret

    try:
        return clean_siret(value[:24]) if len(value) <= 24 else REFUSED
    except ValidationError:
        return REFUSED


def _commitment_form(route: str, kwargs, shown_on=()) -> HostileForm:
    """The commitment form, of an organisation or of a coalition (its lead's representative, the owner)."""
    return HostileForm(
        route,
        caller=OWNER,
        kwargs=kwargs,
        baseline=lambda world, n: {
            "title": f"Halve our waste {n}",
            "indicator": "Waste",
            "unit": "tonnes",
            "theme": "waste_repair",
            "scope": "own_operations",
            "direction": "down",
            "baseline_year": "2020",
            "baseline_value": "10",
            "target_year": "2030",
            "target_value": "5",
            "reporting_frequency": "yearly",
        },
        attacks=(
            Attack("title", saved=_latest("Commitment", "title"), normalise=NAME),
            Attack("indicator", saved=_latest("Commitment", "indicator"), normalise=NAME),
            Attack("unit", saved=_latest("Commitment", "unit"), normalise=NAME),
            Attack("theme", values=CHOICES, normalise=refused),
            Attack("direction", values=CHOICES, normalise=refused),
            Attack(
                "baseline_value",
                values=NUMBERS,
                saved=_latest("Commitment", "baseline_value"),
                normalise=a_number,
            ),
            Attack(
                "target_year",
                values=NUMBERS,
                saved=_latest("Commitment", "target_year"),
                normalise=lambda v: a_year(v) if a_year(v) is REFUSED or a_year(v) > 2020 else REFUSED,
            ),
            Attack(
                "interim_targets",
                values=corpus.tagged(corpus.MARKUP, corpus.CONTROL, corpus.NUMBER),
                normalise=lambda value: [] if not value.strip() else REFUSED,
                saved=lambda world, data: list(
                    _models().InterimTarget.objects.filter(
                        commitment=_models().Commitment.objects.latest("pk")
                    )
                ),
            ),
            Attack("objectives", values=CHOICES, normalise=refused, is_list=True),
        ),
        rows=_rows("Commitment", "title", "indicator", "unit", "baseline_value", "target_year"),
        shown_on=shown_on,
    )


FORMS: tuple = (
    HostileForm(
        "commitments:organisation_register",
        caller=OWNER,
        baseline=lambda world, n: {"name": f"Fromagerie {n}", "kind": "company", "size_band": "micro"},
        attacks=(
            Attack("name", saved=_latest("Organisation", "name"), normalise=NAME),
            Attack("description", saved=_latest("Organisation", "description"), normalise=TEXT),
            Attack("kind", values=CHOICES, normalise=refused),
            Attack(
                "district",
                values=CHOICES,
                normalise=lambda value: None if value == "" else REFUSED,
                saved=_latest("Organisation", "district_id"),
            ),
            Attack("website", values=URLS, saved=_latest("Organisation", "website"), normalise=a_website),
            Attack(
                "siren",
                values=corpus.union(corpus.NUMBERS, corpus.SAMPLE),
                saved=_latest("Organisation", "siren"),
                normalise=_siren,
            ),
            Attack(
                "siret",
                values=corpus.union(corpus.NUMBERS, corpus.SAMPLE),
                saved=_latest("Organisation", "siret"),
                normalise=_siret,
            ),
        ),
        rows=_organisation_rows,
        shown_on=(Shown("commitments:mine", lambda world, data: world.user(OWNER), fields=("name",)),),
    ),
    HostileForm(
        "commitments:invite",
        caller=OWNER,
        kwargs=ORGANISATION,
        baseline=lambda world, n: {"email": f"colleague{n}@example.org"},
        attacks=(Attack("email", normalise=refused),),
        rows=_rows("Invitation", "email", "status"),
    ),
    HostileForm(
        "commitments:organisation_reject",
        caller=CITY_STAFF,
        kwargs=lambda world: {"slug": world.commitments_pending.slug},
        # Rejected once, the organisation cannot be rejected again: the first accepted value is judged.
        baseline=lambda world, n: {"reason": "No such SIRET."},
        attacks=(
            Attack(
                "reason",
                values=corpus.tagged(corpus.MARKUP, corpus.CONTROL),
                saved=lambda world, data: (
                    _models().Organisation.objects.get(pk=world.commitments_pending.pk).rejection_reason
                ),
                normalise=TEXT,
            ),
        ),
        rows=_organisation_rows,
    ),
    _commitment_form(
        "commitments:commitment_create",
        ORGANISATION,
        (Shown("commitments:mine", lambda world, data: world.user(OWNER), fields=("title",)),),
    ),
    _commitment_form("commitments:coalition_commitment_create", COALITION),
    HostileForm(
        "commitments:commitment_withdraw",
        caller=OWNER,
        kwargs=COMMITMENT,
        baseline=lambda world, n: {"reason": "Sold the shop."},
        attacks=(
            Attack(
                "reason",
                values=corpus.tagged(corpus.MARKUP, corpus.CONTROL),
                saved=lambda world, data: (
                    _models().Commitment.objects.get(pk=world.commitments_commitment.pk).withdrawal_reason
                ),
                normalise=TEXT,
            ),
        ),
        rows=_rows("Commitment", "status", "withdrawal_reason"),
    ),
    HostileForm(
        "commitments:report_submit",
        caller=OWNER,
        kwargs=COMMITMENT,
        # The same period each time: a second submission revises the report (its history is kept).
        baseline=lambda world, n: {"period": "2022", "value": "90", "narrative": "Insulated the roof."},
        attacks=(
            Attack(
                "period",
                values=corpus.union(corpus.NUMBERS, corpus.SAMPLE),
                saved=_latest("ProgressReport", "period"),
                normalise=a_period,
            ),
            Attack("value", values=NUMBERS, saved=_latest("ProgressReport", "value"), normalise=a_number),
            Attack("narrative", saved=_latest("ProgressReport", "narrative"), normalise=TEXT),
            Attack("links", values=URLS, saved=_latest("Evidence", "url"), normalise=a_website),
            Attack("files", values=corpus.hostile_uploads(5 * 1024 * 1024), normalise=refused),
        ),
        rows=_report_rows,
    ),
    HostileForm(
        "commitments:report_edit",
        caller=OWNER,
        kwargs=REPORT,
        baseline=lambda world, n: {"value": "95", "narrative": "Completed."},
        attacks=(
            Attack(
                "value", values=NUMBERS, saved=lambda world, data: _report(world).value, normalise=a_number
            ),
            Attack("narrative", saved=lambda world, data: _report(world).narrative, normalise=TEXT),
        ),
        rows=_report_rows,
    ),
    HostileForm(
        "commitments:report_review",
        caller=CITY_STAFF,
        kwargs=REPORT,
        # "More information" leaves the report open to review: each accepted submission is judged.
        baseline=lambda world, n: {"decision": "more_information", "comment": "Send the bill."},
        attacks=(
            Attack("comment", saved=lambda world, data: _report(world).review_comment, normalise=TEXT),
            Attack("decision", values=CHOICES, normalise=refused),
        ),
        rows=lambda world, data: [
            list(_models().ProgressReport.objects.order_by("pk").values("pk", "status", "review_comment"))
        ],
    ),
)

FORMS += (
    HostileForm(
        "commitments:api_tokens",
        caller=OWNER,
        kwargs=ORGANISATION,
        baseline=lambda world, n: {"label": f"Software {n}"},
        attacks=(Attack("label", saved=_latest("ApiToken", "label"), normalise=NAME),),
        rows=_rows("ApiToken", "label", "revoked_at"),
    ),
)

FORMS += (
    # The owner asks for its second organisation; once it has asked, the next request is refused with a
    # reason: the first accepted value is judged.
    HostileForm(
        "commitments:coalition_join",
        caller=OWNER,
        kwargs=COALITION,
        baseline=lambda world, n: {"organisation": str(world.commitments_joiner.pk)},
        attacks=(Attack("organisation", values=CHOICES, normalise=refused),),
        rows=_rows("CoalitionMembership", "organisation", "status"),
    ),
    # The owner has organisation A run an initiative of theirs: only theirs, not run yet, may be chosen.
    HostileForm(
        "commitments:organisation_initiatives",
        caller=OWNER,
        kwargs=ORGANISATION,
        baseline=lambda world, n: {"initiative": str(world.commitments_runnable_initiative.pk)},
        attacks=(Attack("initiative", values=CHOICES, normalise=refused),),
        rows=_rows("OrganisationInitiative", "organisation", "initiative"),
    ),
    HostileForm(
        "commitments:membership_decide",
        caller=OWNER,
        kwargs=lambda world: {
            "slug": world.commitments_coalition.slug,
            "pk": world.commitments_membership.pk,
        },
        baseline=lambda world, n: {"decision": "decline"},
        attacks=(Attack("decision", values=CHOICES, normalise=refused),),
        rows=_rows("CoalitionMembership", "status"),
    ),
)

QUERY_STRINGS: tuple = (
    QueryString(
        "commitments:list",
        caller=OWNER,
        baseline={"sort": "progress"},
        parameters={
            "sort": CHOICES,
            "status": CHOICES,
            "theme": CHOICES,
            "kind": CHOICES,
            "district": CHOICES,
            "objective": CHOICES,
            "made_by": CHOICES,
            "page": PAGES,
        },
    ),
    QueryString("commitments:coalitions", caller=OWNER, parameters={"page": PAGES}),
    QueryString(
        "commitments:organisations",
        caller=OWNER,
        parameters={
            "sort": CHOICES,
            "kind": CHOICES,
            "theme": CHOICES,
            "district": CHOICES,
            "q": corpus.SAMPLE,
            "page": PAGES,
        },
    ),
)

NOT_FORMS: dict[str, str] = {
    "commitments:api_token_revoke": "no field: the representative revokes the key named in the path",
    "api:commitment_report_submit": "a JSON body checked by its schema: fuzzed by tests/test_api_fuzzing.py",
    "commitments:organisation_verify": "no field: staff verify the organisation named in the path",
    "commitments:invitation": "no field: the signed-in person accepts the invitation named by its token",
    "commitments:organisation_initiative_stop": "no field: it stops running the initiative in the path",
}
