"""Finding initiatives: the list, the map and its data, and the arrondissement pages.

Every view reads the same filters (filters.InitiativeFilter) from the query string, so any view can be
shared by its address. Only public initiatives are shown (Initiative.objects.public()).
"""

import hashlib
import json

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from mobilization.initiatives.events.models import Event
from mobilization.initiatives.filters import (
    PAGE_SIZE,
    InitiativeFilter,
    arrondissements,
    detail_url_pattern,
    distance_km,
    feed_query_string,
    filter_query_string,
    impact_totals,
    impact_totals_by_theme,
)
from mobilization.initiatives.models import Initiative

MAP_DATA_CACHE_SECONDS = 60
UPCOMING_EVENTS_ON_DISTRICT_PAGE = 10


def _page_of(initiative_filter: InitiativeFilter, number):
    page = Paginator(initiative_filter.sorted_qs, PAGE_SIZE).get_page(number)
    pattern = detail_url_pattern()
    for initiative in page.object_list:
        initiative.distance_km = distance_km(initiative)
        initiative.page_url = pattern.replace("999999999", str(initiative.pk))
    return page


def _filter_context(request, initiative_filter: InitiativeFilter) -> dict:
    query = filter_query_string(request.GET)
    return {
        "initiative_filter": initiative_filter,
        "filters": initiative_filter.form,
        "filter_query": query,
        "near": initiative_filter.reference_point(),
        "sort_order": initiative_filter.sort_order(),
        "feed_query": feed_query(initiative_filter),
    }


def feed_query(initiative_filter: InitiativeFilter) -> str:
    """The feed that matches the list: its arrondissement and theme, when chosen."""
    if not initiative_filter.is_bound or not initiative_filter.is_valid():
        return ""
    data = initiative_filter.form.cleaned_data
    district, theme = data.get("district"), data.get("theme")
    return feed_query_string(district, theme)


@require_safe
def initiative_list(request):
    """The public initiatives, filtered, sorted and paginated; works without JavaScript."""
    initiative_filter = InitiativeFilter(request.GET)
    page = _page_of(initiative_filter, request.GET.get("page"))
    context = _filter_context(request, initiative_filter)
    context["page"] = page
    return render(request, "initiatives/list.html", context)


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
    """The filtered initiatives as a light GeoJSON FeatureCollection, in one query."""
    rows = initiative_filter.sorted_qs.values_list("pk", "title", "lat", "lon", "themes", "district__code")
    pattern = detail_url_pattern()
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": pk,
                "geometry": {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]},
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


@require_safe
def map_data(request):
    """GeoJSON for the map; cached a minute per filter query string (what anyone may see is public)."""
    initiative_filter = InitiativeFilter(request.GET)
    if not initiative_filter.is_valid():
        # Escaped so that no echoed value reads as markup, whatever opens the answer.
        body = json.dumps({"detail": initiative_filter.errors.get_json_data()})
        body = body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return HttpResponse(body, status=400, content_type="application/json")
    query = filter_query_string(request.GET, without=("page", "sort"))
    key = "initiatives:map:" + hashlib.sha256(query.encode()).hexdigest()
    body = cache.get(key)
    if body is None:
        body = json.dumps(map_features(initiative_filter), ensure_ascii=False, separators=(",", ":"))
        cache.set(key, body, MAP_DATA_CACHE_SECONDS)
    response = HttpResponse(body, content_type="application/geo+json")
    response["Cache-Control"] = f"public, max-age={MAP_DATA_CACHE_SECONDS}"
    return response


@require_safe
def district_page(request, code):
    """One arrondissement: its initiatives (the list's filters apply), its upcoming events, its impact."""
    district = get_object_or_404(arrondissements(), code=code)
    data = request.GET.copy()
    data["district"] = district.code
    initiative_filter = InitiativeFilter(data)
    page = _page_of(initiative_filter, request.GET.get("page"))
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
        page=page,
        events=events,
        impact=impact_totals(in_district),
        impact_by_theme=impact_totals_by_theme(in_district),
    )
    return render(request, "initiatives/district.html", context)
