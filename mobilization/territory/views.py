from collections.abc import Sequence

from django.core.cache import cache
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.template.loader import get_template, render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from mobilization.core import shell
from mobilization.core.pagination import pagination_html
from mobilization.territory import services
from mobilization.territory.filters import PlaceFilter
from mobilization.territory.forms import NearForm
from mobilization.territory.models import Place

PLACES_PER_PAGE = 25
# The filters, map and list of one query are rendered once a minute at most (they say what is open now),
# and at once again when the places change: the key holds the places' version (services.list_cache_key).
LIST_CACHE_SECONDS = 60
# A row of the list: its key says everything it shows (services.entry_key); the time bounds the cache.
ROW_CACHE_SECONDS = 60 * 60
# The filter form depends on these parameters alone (and the language): it is cached per their values.
FORM_PARAMETERS = ("kind", "district", "free", "open_now", "near_district", "lat", "lon")


def query_pairs(data) -> list[tuple[str, str]]:
    return [(name, value) for name in data for value in data.getlist(name)]


def places_content(request, moment, version) -> str:
    """The filters, the map and the list of the places page, as HTML.

    Each piece is cached under what it depends on: the filter form under the values it shows (in the
    template), the page of the list (how many places match, which are on this page, from where) under
    the filters and page number, each row under what it shows (place_rows). A new address that only
    differs by another parameter (a tracking tag, the map's state) reads every piece from the cache."""
    place_filter = PlaceFilter(request.GET, queryset=Place.objects.all())
    near_form = NearForm(request.GET)
    form_values = [(name, request.GET.get(name, "")) for name in FORM_PARAMETERS]
    listing_key = services.list_cache_key(
        "listing", [*form_values, ("page", request.GET.get("page", ""))], moment, version
    )
    listing = cache.get(listing_key)
    if listing is None:
        near = near_form.reference_point()
        results = services.search_places(place_filter.qs, near=near, moment=moment, version=version)
        entries = services.listed_entries(results, moment, version)
        page = Paginator(entries, PLACES_PER_PAGE).get_page(request.GET.get("page"))
        listing = (near, page.paginator.count, page.number, list(page.object_list))
        cache.set(listing_key, listing, LIST_CACHE_SECONDS)
    near, count, number, entries = listing
    page = Paginator(Counted(count), PLACES_PER_PAGE).page(number)
    rows = place_rows(entries, moment, version, with_distance=near is not None)
    filters = render_to_string(
        "territory/_places_filters.html",
        {"place_filter": place_filter, "near_form": near_form, "form_key": services.digest(form_values)},
    )
    several_pages = page.paginator.num_pages > 1
    return shell.render_fragment(
        request,
        "territory/_places_content.html",
        {"near": near is not None, "several_pages": several_pages, "has_rows": bool(rows)},
        {
            "filters": mark_safe(filters),  # noqa: S308 -- rendered by our escaping template
            "query": request.GET.urlencode(),
            "near_lat": f"{near.lat:f}" if near else "",
            "near_lon": f"{near.lon:f}" if near else "",
            "near_label": near.label if near else "",
            "count_title": ngettext("%(counter)s place", "%(counter)s places", count) % {"counter": count},
            "page_number": page.number,
            "page_total": page.paginator.num_pages,
            "rows": mark_safe("".join(f"\n      {row}\n      " for row in rows)),  # noqa: S308 -- rows are safe
            "pagination": pagination_html(request, page, label=_("Pages of the list"), first_last=True),
        },
    )


class Counted(Sequence):
    """A list known by its length alone, for a Paginator whose page's entries were kept in the cache."""

    def __init__(self, count: int):
        self._count = count

    def __len__(self):
        return self._count

    def __getitem__(self, index):
        return []


def place_rows(entries, moment, version, *, with_distance: bool) -> list[str]:
    """The list's rows as HTML, each kept in the cache until what it shows changes (services.entry_key):
    a new query, or the next minute, reads and renders only the places no list has shown yet."""
    keys = [services.entry_key("row", entry, moment, version, with_distance) for entry in entries]
    cached = cache.get_many(keys)
    missing = [entry for entry, key in zip(entries, keys, strict=True) if key not in cached]
    if missing:
        places = services.search_places(Place.objects.all()).in_bulk([entry[0] for entry in missing])
        template = get_template("territory/_place_row.html")
        fresh = {}
        for entry, key in zip(entries, keys, strict=True):
            place = places.get(entry[0])
            if key in cached or place is None:
                continue
            place.distance_m = entry[1]
            services.describe_now([place], moment)
            fresh[key] = template.render({"place": place, "near": with_distance})
        cache.set_many(fresh, ROW_CACHE_SECONDS)
        cached.update(fresh)
    return [mark_safe(cached[key]) for key in keys if key in cached]  # noqa: S308 -- our template


@require_safe
def places(request):
    """The places map and list: filters and the reference point come from the query string.

    With a point, the list offers the places usable now first (see services.PlaceIndex.usable_first)."""
    moment = services.local_time()
    version = services.places_version()
    key = services.list_cache_key("page", query_pairs(request.GET), moment, version)
    content = cache.get(key)
    if content is None:
        content = places_content(request, moment, version)
        cache.set(key, content, LIST_CACHE_SECONDS)
    return shell.render_page(
        request,
        "territory/places.html",
        {},
        {"content": mark_safe(content)},  # noqa: S308 -- rendered by our escaping template
    )


@require_safe
def place_detail(request, pk):
    """A place's page. Read by many at once in a heatwave: its content is kept a minute (what is open now)
    per language and version of the places, like the list's."""
    moment = services.local_time()
    key = services.list_cache_key("place", [("pk", str(pk))], moment)
    cached = cache.get(key)
    if cached is None:
        place = get_object_or_404(Place.objects.select_related("district"), pk=pk)
        context = {
            "place": place,
            "week": services.weekly_hours(place, moment.weekday()),
            "is_open": services.is_open_at(place, moment),
        }
        content = render_to_string("territory/_place_detail_content.html", context, request=request)
        cached = (place.name, content)
        cache.set(key, cached, LIST_CACHE_SECONDS)
    name, content = cached
    return shell.render_page(
        request,
        "territory/place_detail.html",
        {},
        {"place_name": name, "content": mark_safe(content)},  # noqa: S308 -- rendered by our escaping template
    )
