"""Finding initiatives: the list, the map and its data, and the arrondissement pages.

Every view reads the same filters (filters.InitiativeFilter) from the query string, so any view can be
shared by its address. Only public initiatives are shown: the filter applies its `public_condition()`.
"""

import gzip
import hashlib
import json
import math
from urllib.parse import urlencode

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Subquery
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mobilization.core import shell
from mobilization.core.opendata import bad_filter, point
from mobilization.core.pagination import pagination_html
from mobilization.core.registries import organisers_shown
from mobilization.events.models import Event
from mobilization.initiatives import cache as cache_versions
from mobilization.initiatives import services
from mobilization.initiatives.filters import (
    KM_PER_DEGREE,
    PAGE_SIZE,
    InitiativeFilter,
    arrondissements,
    attach_next_events,
    detail_url_pattern,
    distance_km,
    feed_query_string,
    filter_query_string,
    listing_queryset,
    squared_distance,
    upcoming_events,
)
from mobilization.initiatives.models import Initiative

MAP_DATA_CACHE_SECONDS = 60
CARD_CACHE_SECONDS = 60 * 60
RESULTS_CACHE_SECONDS = 60
# A card found by its initiative's key and the versions of the data (see _cards): as long as the results.
RECENT_CARD_SECONDS = RESULTS_CACHE_SECONDS
UPCOMING_EVENTS_ON_DISTRICT_PAGE = 10


def _page_of(initiative_filter: InitiativeFilter, number, *, cards: bool = False):
    """One page of the filtered initiatives, each with its address, the start of its next event and,
    with `cards`, its card already rendered (`card_html`)."""
    page, keys = _page_keys(initiative_filter, number)
    near = initiative_filter.reference_point() if initiative_filter.sort_order() == "nearest" else None
    if cards:
        page.object_list = _cards(keys, near)
        return page
    rows = listing_queryset(Initiative.objects.all()).in_bulk(keys)
    page.object_list = attach_next_events(rows[pk] for pk in keys if pk in rows)
    _add_addresses(page.object_list, near)
    return page


def _page_keys(initiative_filter: InitiativeFilter, number):
    """The page `number` of the filtered initiatives (a Paginator's page) and the keys of its initiatives.

    The order is decided on primary keys alone, then the page's rows are read by key: sorting thousands
    of search matches with every column a card needs costs more than both queries. A search ranks its
    matches on every request; the other orders' pages (how many match, which are on this page) are kept
    RESULTS_CACHE_SECONDS under the filters' values, the page number and the versions of the data, so
    that an address that only adds another parameter reads them again from the cache."""
    ordered = initiative_filter.sorted_qs.values_list("pk", flat=True)
    if initiative_filter.sort_order() == "relevance":
        # A search ranks all its matches to find the page's: reading their keys once gives the count
        # too, instead of matching them a second time to count them (measured: counting apart and
        # ranking with a LIMIT is slower on both databases: the LIMIT still ranks every match, and
        # SQLite plans a filtered search's count worse than the search). Read as plain rows: thousands
        # of keys through the queryset's iterator cost more than the query.
        page = Paginator(_keys(ordered), PAGE_SIZE).get_page(number)
        return page, list(page.object_list)
    filters = filter_query_string(initiative_filter.data, without=("page",))
    versions = f"{cache_versions.published_version()}:{cache_versions.events_version()}"
    digest = hashlib.sha256(f"{versions}|{filters}|{number}".encode()).hexdigest()[:40]
    key = f"initiatives:listing:{digest}"
    listing = cache.get(key)
    if listing is None:
        page = Paginator(ordered, PAGE_SIZE).get_page(number)
        listing = (page.paginator.count, page.number, list(page.object_list))
        cache.set(key, listing, RESULTS_CACHE_SECONDS)
    count, page_number, keys = listing
    # A paginator of the count alone: the page's entries are the keys kept.
    return Paginator(range(count), PAGE_SIZE).page(page_number), keys


def _keys(queryset) -> list[int]:
    """The keys a `values_list("pk", flat=True)` queryset gives, read as plain rows."""
    sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _add_addresses(initiatives, near) -> None:
    """Set `page_url`, `district_url` and `distance_km` (from `near`, or None) on each initiative."""
    pattern = detail_url_pattern()
    district_pattern = reverse("initiatives:district", kwargs={"code": "999999999"})
    for initiative in initiatives:
        if near is not None:
            initiative.distance_sq = squared_distance(near, initiative.lat, initiative.lon)
        initiative.distance_km = distance_km(initiative)
        initiative.page_url = pattern.replace("999999999", str(initiative.pk))
        initiative.district_url = district_pattern.replace("999999999", initiative.district.code)


class _Listed:
    """An initiative of a page of cards: what its card's key needs, and the card (`card_html`)."""

    __slots__ = ("pk", "title", "key", "next_event_at", "distance_km", "shown_organiser", "card_html")


# What decides a card, read for the page's initiatives in one light query: a card shows the initiative's
# own fields (any change of them is a new `updated_at`, transitions included), its arrondissement's name,
# its next event and its distance from the chosen point; and the organisation that runs it, if one does
# (`registries.organisers_shown`, read for the page in one more query).
_CARD_KEY_COLUMNS = (
    "pk",
    "title",
    "updated_at",
    "status",
    "lat",
    "lon",
    "district__code",
    "district__name_fr",
    "district__name_en",
)


def _cards(keys: list[int], near) -> list[_Listed]:
    """The page's initiatives (in the order of `keys`) with their cards.

    A card shown since the last change of the initiatives or the events (`cache.published_version`,
    `cache.events_version`) is found by its initiative's key alone, without a query (for at most
    RECENT_CARD_SECONDS: a next event that has just ended may show that long, as in the cached results).
    The others are decided by a light query (`_decided_cards`), and only the cards missing from the cache
    are read in full and rendered."""
    if not keys:
        return []
    context = (
        f"{get_language()}:{timezone.get_current_timezone_name()}:"
        f"{detail_url_pattern()}:{reverse('initiatives:district', kwargs={'code': '0'})}"
    )
    versions = f"{cache_versions.published_version()}:{cache_versions.events_version()}"
    where = "" if near is None else f"{near.lat!r},{near.lon!r}"
    recent_prefix = (
        "initiatives:recent-card:" + hashlib.sha256(f"{context}|{versions}|{where}".encode()).hexdigest()[:32]
    )
    recent_keys = {pk: f"{recent_prefix}:{pk}" for pk in keys}
    recent = cache.get_many(recent_keys.values())
    page: dict[int, _Listed] = {}
    for pk, key in recent_keys.items():
        if key in recent:
            item = page[pk] = _Listed()
            item.pk, item.card_html = pk, mark_safe(recent[key])  # noqa: S308 -- rendered by our escaping template
    missing = [pk for pk in keys if pk not in page]
    if missing:
        fresh = _decided_cards(missing, near, context)
        cache.set_many({recent_keys[pk]: item.card_html for pk, item in fresh.items()}, RECENT_CARD_SECONDS)
        page.update(fresh)
    return [page[pk] for pk in keys if pk in page]


def _decided_cards(keys: list[int], near, context: str) -> dict[int, _Listed]:
    """The cards of these initiatives, by key: what decides each card is read in one light query, and
    only the cards missing from the cache are read in full and rendered."""
    prefix = f"initiatives:card:{context}"
    next_event = upcoming_events().order_by("starts_at").values("starts_at")[:1]
    rows = (
        Initiative.objects.filter(pk__in=keys)
        .order_by()
        .annotate(next_event_at=Subquery(next_event))
        .values_list(*_CARD_KEY_COLUMNS, "next_event_at")
    )
    # Who runs each one, when an organisation does (named on its card): one lookup for the page.
    run_by = organisers_shown(keys)
    listed = {}
    for pk, title, updated_at, status, lat, lon, *district, next_event_at in rows:
        item = listed[pk] = _Listed()
        item.pk, item.title, item.next_event_at = pk, title, next_event_at
        item.distance_km = None
        if near is not None:
            item.distance_km = math.sqrt(squared_distance(near, lat, lon)) * KM_PER_DEGREE
        shown = (
            pk,
            updated_at.isoformat(),
            status,
            *district,
            next_event_at.isoformat() if next_event_at else None,
            None if item.distance_km is None else round(item.distance_km, 1),
            (run_by[pk].name, run_by[pk].url) if pk in run_by else None,
        )
        item.shown_organiser = run_by.get(pk)
        item.key = f"{prefix}:{hashlib.sha256(repr(shown).encode()).hexdigest()[:32]}"
    cached = cache.get_many([item.key for item in listed.values()])
    missing = [item for item in listed.values() if item.key not in cached]
    if missing:
        cached.update(_render_cards(missing, near))
    found = {}
    for pk, item in listed.items():
        if item.key in cached:
            item.card_html = mark_safe(cached[item.key])  # noqa: S308 -- rendered by our escaping template
            found[pk] = item
    return found


def _render_cards(missing: list[_Listed], near) -> dict[str, str]:
    """Read the initiatives of these cards in full, render their cards and cache them; returns them by key.
    Rendering twenty cards through the template costs more than the page's queries."""
    rows = listing_queryset(Initiative.objects.all()).in_bulk([item.pk for item in missing])
    template = get_template("initiatives/_card.html")
    rendered = {}
    for item in missing:
        initiative = rows.get(item.pk)
        if initiative is None:  # deleted between the two queries: its card says what was read first
            continue
        initiative.next_event_at = item.next_event_at
        _add_addresses([initiative], near)
        initiative.distance_km = item.distance_km
        initiative.shown_organiser = item.shown_organiser
        rendered[item.key] = template.render({"initiative": initiative})
    cache.set_many(rendered, CARD_CACHE_SECONDS)
    return rendered


def _filter_context(request, initiative_filter: InitiativeFilter) -> dict:
    query = filter_query_string(request.GET)
    feed = feed_query(initiative_filter)
    return {
        "initiative_filter": initiative_filter,
        "filters": initiative_filter.form,
        "filter_query": query,
        "filter_suffix": f"?{query}" if query else "",
        # What the cached part of the filter form shows: every filter but the search box (_filters.html).
        "filter_state": filter_query_string(request.GET, without=("page", "q")),
        "near": initiative_filter.reference_point(),
        "sort_order": initiative_filter.sort_order(),
        "feed_query": feed,
        "feed_suffix": f"?{feed}" if feed else "",
    }


def results_html(request, initiative_filter: InitiativeFilter, page) -> str:
    """The results of a list as HTML: how many, the cards of `page` (from `_page_of(..., cards=True)`)
    and the links to the other pages, from the fragment's shell (core.shell.render_fragment)."""
    count = page.paginator.count
    line = ngettext("%(counter)s initiative found", "%(counter)s initiatives found", count) % {
        "counter": count
    }
    order, near = initiative_filter.sort_order(), initiative_filter.reference_point()
    if order == "relevance":
        line = f"{line} · {_('best matches first')}"
    elif order == "nearest" and near:
        line = f"{line} · {_('nearest first, from %(point)s') % {'point': near.label}}"
    else:
        line = f"{line} · {_('newest first')}"
    pagination = pagination_html(request, page, label=_("Pages of the list"), first_last=True)
    cards = "".join(f"\n  {item.card_html}" for item in page)
    return shell.render_fragment(
        request,
        "initiatives/discovery/_results.html",
        {"has_cards": bool(cards)},
        {
            "count_line": line,
            "cards": mark_safe(cards),  # noqa: S308 -- rendered by our escaping template
            "pagination": mark_safe(pagination),  # noqa: S308 -- rendered by our escaping template
        },
    )


def feed_query(initiative_filter: InitiativeFilter) -> str:
    """The feed that matches the list: its arrondissement and theme, when chosen."""
    if not initiative_filter.is_bound or not initiative_filter.is_valid():
        return ""
    data = initiative_filter.form.cleaned_data
    district, theme = data.get("district"), data.get("theme")
    return feed_query_string(district, theme)


def _results_key(request) -> str:
    """The cached results of a list: per language, time zone, query string (pagination links repeat it)
    and version of what they show (the published initiatives and the events, see cache.py)."""
    query = urlencode(sorted((name, value) for name in request.GET for value in request.GET.getlist(name)))
    version = f"{cache_versions.published_version()}:{cache_versions.events_version()}"
    digest = hashlib.sha256(f"{version}|{query}".encode()).hexdigest()[:40]
    return f"initiatives:results:{get_language()}:{timezone.get_current_timezone_name()}:{digest}"


def _filters_html(request, context: dict, action: str) -> str:
    """The filter form. Valid (nearly always), it is its shell for the other filters' values
    (`filter_state`) with this search's words filled in: every new search finds the rest rendered.
    With an error, the form is rendered, its messages with it."""
    form = context["filters"]
    template = "initiatives/discovery/_filters.html"
    if form.errors:
        # Without the request: the form needs none of its context processors but the language (the key
        # of its cached part).
        return render_to_string(
            template,
            {
                "filters": form,
                "action": action,
                "filter_state": context["filter_state"],
                "LANGUAGE_CODE": get_language(),
            },
        )
    return shell.render_fragment(
        request,
        template,
        {"action": action, "filter_state": context["filter_state"]},
        {"search_value": form["q"].value() or ""},
        decided_by_key={"filters": form, "LANGUAGE_CODE": get_language()},
    )


@require_safe
def initiative_list(request):
    """The public initiatives, filtered, sorted and paginated; works without JavaScript.

    The results (count, cards, pages) are kept RESULTS_CACHE_SECONDS under a key that changes when a
    published initiative or an event changes: at most that long, a next event that has just ended may
    still show on a card (and in another process than the one that saved a change, until its version is
    read again, see cache.PUBLISHED_VERSION_SECONDS)."""
    # Only the keys of the matches are read (the cards are read by key): no column to choose.
    initiative_filter = InitiativeFilter(request.GET, queryset=Initiative.objects.all())  # public: the filter
    context = _filter_context(request, initiative_filter)
    key = _results_key(request)
    results = cache.get(key)
    if results is None:
        page = _page_of(initiative_filter, request.GET.get("page"), cards=True)
        results = results_html(request, initiative_filter, page)
        cache.set(key, results, RESULTS_CACHE_SECONDS)
    filters = _filters_html(request, context, reverse("initiatives:list"))
    content = shell.render_fragment(
        request,
        "initiatives/_list_content.html",
        {"signed_in": request.user.is_authenticated},
        {
            "filter_suffix": context["filter_suffix"],
            "feed_suffix": context["feed_suffix"],
            "filters": mark_safe(filters),  # noqa: S308 -- rendered by our escaping template
            "results": mark_safe(results),  # noqa: S308 -- rendered by our escaping template
        },
    )
    return shell.render_page(
        request,
        "initiatives/list.html",
        {"feed_query": context["feed_query"]},
        {"content": content},
    )


@require_safe
def initiative_map(request):
    """The same filters on a map of clustered markers, with the list beside it (and instead of it
    without JavaScript)."""
    initiative_filter = InitiativeFilter(request.GET)
    page = _page_of(initiative_filter, request.GET.get("page"))
    context = _filter_context(request, initiative_filter)
    context["page"] = page
    return render(request, "initiatives/map.html", context)


def map_features(initiative_filter: InitiativeFilter) -> dict:
    """The filtered initiatives as a light GeoJSON FeatureCollection, in one query (unordered: a map has
    no order, and ranking every search match would cost more than the rest)."""
    columns = ("pk", "title", "lat", "lon", "themes", "district__code")
    rows = initiative_filter.qs.order_by().values_list(*columns)
    pattern = detail_url_pattern()
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": pk,
                "geometry": point(lon, lat),
                "properties": {
                    "id": pk,
                    "title": title,
                    "url": pattern.replace("999999999", str(pk)),
                    "themes": themes,
                    "district": district,
                },
            }
            for pk, title, lat, lon, themes, district in rows
        ],
    }


def _accepts_gzip(request) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


@require_safe
def map_data(request):
    """GeoJSON for the map; cached a minute per filter query string (what anyone may see is public).

    The cache holds the encoded body and its gzip (10,000 initiatives are 2.4 MB of JSON, 0.3 MB
    compressed), so a hit neither validates the filters again nor encodes anything: only a valid query
    is ever cached."""
    query = filter_query_string(request.GET, without=("page", "sort"))
    key = "initiatives:map:" + hashlib.sha256(query.encode()).hexdigest()
    cached = cache.get(key)
    if cached is None:
        initiative_filter = InitiativeFilter(request.GET)
        if not initiative_filter.is_valid():
            return bad_filter(initiative_filter)
        body = json.dumps(map_features(initiative_filter), ensure_ascii=False, separators=(",", ":")).encode()
        cached = (body, gzip.compress(body, compresslevel=6, mtime=0))
        cache.set(key, cached, MAP_DATA_CACHE_SECONDS)
    body, compressed = cached
    if _accepts_gzip(request):
        response = HttpResponse(compressed, content_type="application/geo+json")
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(body, content_type="application/geo+json")
    patch_vary_headers(response, ["Accept-Encoding"])
    response["Cache-Control"] = f"public, max-age={MAP_DATA_CACHE_SECONDS}"
    return response


@require_safe
def district_page(request, code):
    """One arrondissement: its initiatives (the list's filters apply), its upcoming events, its impact."""
    district = get_object_or_404(arrondissements(), code=code)
    data = request.GET.copy()
    data["district"] = district.code
    initiative_filter = InitiativeFilter(data, queryset=Initiative.objects.all())  # public: the filter
    page = _page_of(initiative_filter, request.GET.get("page"), cards=True)
    in_district = Initiative.objects.public().filter(district=district)
    events = list(
        Event.objects.filter(
            status=Event.Status.SCHEDULED,
            ends_at__gte=timezone.now(),
            initiative__in=in_district,
        )
        .select_related("initiative")
        .only("title", "starts_at", "ends_at", "address", "initiative__title")
        .order_by("starts_at", "pk")[:UPCOMING_EVENTS_ON_DISTRICT_PAGE]
    )
    context = _filter_context(request, initiative_filter)
    context.update(
        district=district,
        results=results_html(request, initiative_filter, page),
        events=events,
        impact=services.impact_totals(in_district),
        impact_by_theme=services.impact_totals_by_theme(in_district),
    )
    return render(request, "initiatives/district.html", context)
