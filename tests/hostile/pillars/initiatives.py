"""Hostile-input declarations of the initiatives app (see tests/hostile/forms.py for the building blocks).

Two sections: the core (initiatives-core helper) and discovery (discovery helper).
"""

from decimal import Decimal, InvalidOperation

from tests.access.callers import ANONYMOUS, CITY_STAFF, OTHER, OWNER
from tests.hostile import corpus
from tests.hostile.forms import REFUSED, Attack, HostileForm, QueryString, Shown, refused, typed_text

# --- core: initiatives, people, moderation, partners -------------------------------------------------------


def _models():
    from mobilization.initiatives import models

    return models


def _owner(world, data):
    return world.user(OWNER)


def _initiative_rows(world, data):
    return list(_models().Initiative.objects.filter(organiser=world.user(OWNER)).order_by("pk").values())


def _newest_initiative_field(name):
    def read(world, data):
        return getattr(_models().Initiative.objects.filter(organiser=world.user(OWNER)).latest("pk"), name)

    return read


def _initiative_a_field(name):
    return lambda world, data: getattr(_models().Initiative.objects.get(pk=world.initiative_a.pk), name)


def _initiative_baseline(world, n):
    return {
        "title": "Compost partagé",
        "summary": "Un composteur de quartier.",
        "description": "Bienvenue",
        "themes": ["food"],
        "district": world.district.pk,
        "lat": "48.852",
        "lon": "2.355",
        "volunteers_needed": "2",
        "needs": "Des bras",
        "location": "Square du Temple",
    }


def _initiative_attacks(saved):
    return (
        Attack("title", saved=saved("title"), normalise=typed_text(is_a_name=True)),
        Attack("summary", saved=saved("summary"), normalise=typed_text(is_a_name=True)),
        Attack("description", saved=saved("description"), normalise=typed_text(multiline=True)),
        Attack("location", saved=saved("location"), normalise=typed_text()),
        Attack("needs", saved=saved("needs"), normalise=typed_text()),
        Attack("themes", values=corpus.SAMPLE, normalise=refused, is_list=True),
        Attack("image", values=corpus.hostile_uploads(5 * 1024 * 1024), normalise=refused),
    )


MINE_SHOWS = (Shown("initiatives:mine", _owner, fields=("title", "summary")),)


def _as_decimal(value: str):
    """What a DecimalField(max_digits=12, decimal_places=2, min_value=0) stores, or REFUSED."""
    try:
        number = Decimal(value.strip())
    except (InvalidOperation, ValueError):
        return REFUSED
    if not number.is_finite() or number < 0:
        return REFUSED
    sign, digits, exponent = number.as_tuple()
    if exponent >= 0:
        whole, decimals = (len(digits) + exponent if digits != (0,) else 1), 0
    else:
        decimals = -exponent
        whole = max(len(digits) - decimals, 0)
    if decimals > 2 or whole > 10:
        return REFUSED
    return number


def _reset(status_field_update):
    def before(client, world, user):
        status_field_update(world)

    return before


def _published_again(world):
    _models().Initiative.objects.filter(pk=world.initiative_a.pk).update(
        status="published", pause_reason="", paused_by_moderators=False
    )


def _submitted_again(world):
    _models().Initiative.objects.filter(pk=world.submitted_a.pk).update(
        status="submitted", rejection_reason=""
    )


def _report_open_again(world):
    _models().ContentReport.objects.filter(pk=world.report_a.pk).update(status="open", resolution="")


def _contact_unanswered(world):
    _models().ContactMessage.objects.filter(pk=world.contact_a.pk).update(reply="", replied_at=None)


def _no_membership(client, world, user):
    _models().Membership.objects.filter(initiative=world.initiative_b, user=user).delete()


def _no_report(client, world, user):
    _models().ContentReport.objects.filter(reporter=user).delete()


def _no_partnership(client, world, user):
    _models().Partnership.objects.filter(requester=world.initiative_a, partner=world.initiative_b).delete()


def _latest(model_name, field, **filters):
    def read(world, data):
        model = getattr(_models(), model_name)
        return getattr(model.objects.filter(**filters).latest("pk"), field)

    return read


CORE_FORMS: tuple = (
    HostileForm(
        "initiatives:create",
        caller=OWNER,
        baseline=_initiative_baseline,
        attacks=_initiative_attacks(_newest_initiative_field),
        rows=_initiative_rows,
        shown_on=MINE_SHOWS,
    ),
    HostileForm(
        "initiatives:edit",
        caller=OWNER,
        baseline=_initiative_baseline,
        attacks=_initiative_attacks(_initiative_a_field),
        rows=_initiative_rows,
        kwargs=lambda world: {"pk": world.initiative_a.pk},
        shown_on=MINE_SHOWS,
    ),
    HostileForm(
        "initiatives:pause",
        caller=OWNER,
        baseline=lambda world, n: {"reason": "Pause estivale"},
        attacks=(
            Attack("reason", saved=_initiative_a_field("pause_reason"), normalise=typed_text(multiline=True)),
        ),
        rows=lambda world, data: list(_models().Initiative.objects.filter(pk=world.initiative_a.pk).values()),
        kwargs=lambda world: {"pk": world.initiative_a.pk},
        before=_reset(_published_again),
    ),
    HostileForm(
        "initiatives:post_news",
        caller=OWNER,
        baseline=lambda world, n: {"title": "Récolte", "body": "40 kg"},
        attacks=(
            Attack("title", saved=_latest("NewsPost", "title"), normalise=typed_text(is_a_name=True)),
            Attack("body", saved=_latest("NewsPost", "body"), normalise=typed_text(multiline=True)),
        ),
        rows=lambda world, data: list(_models().NewsPost.objects.order_by("pk").values()),
        kwargs=lambda world: {"pk": world.initiative_a.pk},
    ),
    HostileForm(
        "initiatives:record_impact",
        caller=OWNER,
        baseline=lambda world, n: {
            "unit": "trees",
            "quantity": "12",
            "date": "2024-05-01",
            "method": "Comptage",
        },
        attacks=(
            Attack("method", saved=_latest("ImpactRecord", "method"), normalise=typed_text(multiline=True)),
            Attack(
                "quantity",
                values=corpus.NUMBERS,
                saved=_latest("ImpactRecord", "quantity"),
                normalise=_as_decimal,
            ),
            Attack("unit", values=corpus.SAMPLE, normalise=refused),
        ),
        rows=lambda world, data: list(_models().ImpactRecord.objects.order_by("pk").values()),
        kwargs=lambda world: {"pk": world.initiative_a.pk},
    ),
    # The message goes out as a notification: the form itself stores nothing.
    HostileForm(
        "initiatives:message_members",
        caller=OWNER,
        baseline=lambda world, n: {"subject": "Samedi", "body": "Rendez-vous à 10 h"},
        attacks=(Attack("subject", normalise=refused), Attack("body", normalise=refused)),
        rows=lambda world, data: None,
        kwargs=lambda world: {"pk": world.initiative_a.pk},
    ),
    HostileForm(
        "initiatives:contact",
        caller=OTHER,
        baseline=lambda world, n: {"message": "Bonjour"},
        attacks=(Attack("message", normalise=refused),),
        rows=lambda world, data: None,
        kwargs=lambda world: {"pk": world.initiative_a.pk},
    ),
    HostileForm(
        "initiatives:reply_to_contact",
        caller=OWNER,
        baseline=lambda world, n: {"reply": "Merci, à samedi"},
        attacks=(
            Attack(
                "reply",
                saved=lambda world, data: _models().ContactMessage.objects.get(pk=world.contact_a.pk).reply,
                normalise=typed_text(multiline=True),
            ),
        ),
        rows=lambda world, data: list(
            _models().ContactMessage.objects.filter(pk=world.contact_a.pk).values()
        ),
        kwargs=lambda world: {"pk": world.contact_a.pk},
        before=_reset(_contact_unanswered),
    ),
    HostileForm(
        "initiatives:join",
        caller=OWNER,
        baseline=lambda world, n: {"message": "Disponible le samedi"},
        attacks=(
            Attack(
                "message",
                saved=_latest("Membership", "message", initiative__title="Jardin partagé B"),
                normalise=typed_text(multiline=True),
            ),
        ),
        rows=lambda world, data: list(_models().Membership.objects.order_by("pk").values()),
        kwargs=lambda world: {"pk": world.initiative_b.pk},
        before=_no_membership,
    ),
    HostileForm(
        "initiatives:report",
        caller=OWNER,
        baseline=lambda world, n: {"reason": "Publicité"},
        attacks=(
            Attack("reason", saved=_latest("ContentReport", "reason"), normalise=typed_text(multiline=True)),
        ),
        rows=lambda world, data: list(_models().ContentReport.objects.order_by("pk").values()),
        kwargs=lambda world: {"pk": world.initiative_b.pk},
        before=_no_report,
    ),
    HostileForm(
        "initiatives:report_news",
        caller=OTHER,
        baseline=lambda world, n: {"reason": "Propos déplacés"},
        attacks=(
            Attack("reason", saved=_latest("ContentReport", "reason"), normalise=typed_text(multiline=True)),
        ),
        rows=lambda world, data: list(_models().ContentReport.objects.order_by("pk").values()),
        kwargs=lambda world: {"pk": world.initiative_a.pk, "post_pk": world.news_a.pk},
        before=_no_report,
    ),
    HostileForm(
        "initiatives:ask_partnership",
        caller=OWNER,
        baseline=lambda world, n: {"requester": world.initiative_a.pk, "message": "Ensemble ?"},
        attacks=(
            Attack(
                "message",
                saved=_latest("Partnership", "message", partner__title="Jardin partagé B"),
                normalise=typed_text(multiline=True),
            ),
            Attack("requester", values=corpus.SAMPLE, normalise=refused),
        ),
        rows=lambda world, data: list(_models().Partnership.objects.order_by("pk").values()),
        kwargs=lambda world: {"pk": world.initiative_b.pk},
        before=_no_partnership,
    ),
    HostileForm(
        "initiatives:unpublish_changed",
        caller=CITY_STAFF,
        baseline=lambda world, n: {"reason": "Pas de vente sur la plateforme"},
        attacks=(
            Attack(
                "reason",
                saved=lambda world, data: (
                    _models().Initiative.objects.get(pk=world.initiative_a.pk).pause_reason
                ),
                normalise=typed_text(multiline=True),
            ),
        ),
        rows=lambda world, data: list(_models().Initiative.objects.filter(pk=world.initiative_a.pk).values()),
        kwargs=lambda world: {"pk": world.initiative_a.pk},
        before=_reset(_published_again),
    ),
    HostileForm(
        "initiatives:reject",
        caller=CITY_STAFF,
        baseline=lambda world, n: {"reason": "Trop vague"},
        attacks=(
            Attack(
                "reason",
                saved=lambda world, data: (
                    _models().Initiative.objects.get(pk=world.submitted_a.pk).rejection_reason
                ),
                normalise=typed_text(multiline=True),
            ),
        ),
        rows=lambda world, data: list(_models().Initiative.objects.filter(pk=world.submitted_a.pk).values()),
        kwargs=lambda world: {"pk": world.submitted_a.pk},
        before=_reset(_submitted_again),
    ),
    HostileForm(
        "initiatives:resolve_report",
        caller=CITY_STAFF,
        baseline=lambda world, n: {"action": "dismiss", "resolution": "Rien d'anormal"},
        attacks=(
            Attack(
                "resolution",
                saved=lambda world, data: (
                    _models().ContentReport.objects.get(pk=world.report_a.pk).resolution
                ),
                normalise=typed_text(multiline=True),
            ),
            Attack("action", values=corpus.SAMPLE, normalise=refused),
        ),
        rows=lambda world, data: list(_models().ContentReport.objects.filter(pk=world.report_a.pk).values()),
        kwargs=lambda world: {"pk": world.report_a.pk},
        before=_reset(_report_open_again),
    ),
)

CORE_NOT_FORMS: dict[str, str] = {
    "initiatives:submit": "no field: sends the draft to the moderators",
    "initiatives:resume": "no field: publishes a paused initiative again",
    "initiatives:finish": "no field: marks the initiative finished",
    "initiatives:publish": "no field: staff publish a submitted initiative",
    "initiatives:mark_change_reviewed": "no field: staff keep the changes made to a public initiative",
    "initiatives:leave": "no field: the caller leaves the initiative",
    "initiatives:follow": "no field: the caller follows the initiative",
    "initiatives:unfollow": "no field: the caller stops following",
    "initiatives:remove_member": "no field: the member is named by the path",
    "initiatives:answer_partnership": "two buttons (accept, decline); any other value is refused",
}

# --- discovery: declarations of the discovery helper go below ---
DISCOVERY_FORMS: tuple = ()
_SEARCH = corpus.union(
    corpus.tagged(corpus.MARKUP, corpus.UNICODE, corpus.LONG, corpus.CONTROL), corpus.SAMPLE
)
_NUMBERS = corpus.union(corpus.NUMBERS, corpus.SAMPLE)
_LIST_PARAMETERS = {
    "q": _SEARCH,
    "theme": corpus.SAMPLE,
    "district": corpus.union(corpus.SAMPLE, corpus.tagged(corpus.MARKUP)),
    "status": corpus.SAMPLE,
    "needs_volunteers": corpus.SAMPLE,
    "has_upcoming_event": corpus.SAMPLE,
    "sort": corpus.SAMPLE,
    "near_district": corpus.SAMPLE,
    "lat": _NUMBERS,
    "lon": _NUMBERS,
}
_LIST_BASELINE = {"q": "compost", "theme": "food", "sort": "newest"}
DISCOVERY_QUERY_STRINGS: tuple = (
    QueryString(
        "initiatives:list",
        caller=ANONYMOUS,
        baseline=_LIST_BASELINE,
        parameters={**_LIST_PARAMETERS, "page": _NUMBERS},
    ),
    QueryString("initiatives:map", caller=ANONYMOUS, baseline=_LIST_BASELINE, parameters=_LIST_PARAMETERS),
    QueryString(
        "initiatives:map_data", caller=ANONYMOUS, baseline=_LIST_BASELINE, parameters=_LIST_PARAMETERS
    ),
    QueryString(
        "initiatives:download_csv", caller=ANONYMOUS, baseline=_LIST_BASELINE, parameters=_LIST_PARAMETERS
    ),
    QueryString(
        "initiatives:download_geojson",
        caller=ANONYMOUS,
        baseline=_LIST_BASELINE,
        parameters={"q": _SEARCH, "district": corpus.SAMPLE, "lat": _NUMBERS},
    ),
    QueryString(
        "initiatives:feed_rss",
        caller=ANONYMOUS,
        parameters={
            "district": corpus.union(corpus.SAMPLE, corpus.tagged(corpus.MARKUP)),
            "theme": corpus.SAMPLE,
        },
    ),
    QueryString("initiatives:feed_atom", caller=ANONYMOUS, parameters={"theme": corpus.SAMPLE}),
)
DISCOVERY_NOT_FORMS: dict[str, str] = {}

FORMS: tuple = CORE_FORMS + DISCOVERY_FORMS
QUERY_STRINGS: tuple = DISCOVERY_QUERY_STRINGS
NOT_FORMS: dict[str, str] = {**CORE_NOT_FORMS, **DISCOVERY_NOT_FORMS}
