from django.core.cache import cache
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from mobilization.territory import services
from mobilization.territory.filters import PlaceFilter
from mobilization.territory.forms import NearForm
from mobilization.territory.models import Place

PLACES_PER_PAGE = 25
# The filters, map and list of one query are rendered once a minute at most (they say what is open now),
# and at once again when the places change: the key holds the places' version (services.list_cache_key).
LIST_CACHE_SECONDS = 60
# The filter form depends on these parameters alone (and the language): it is cached per their values.
FORM_PARAMETERS = ("kind", "district", "free", "open_now", "near_district", "lat", "lon")


def query_pairs(data) -> list[tuple[str, str]]:
    return [(name, value) for name in data for value in data.getlist(name)]


def places_content(request, moment) -> str:
    """The filters, the map and the list of the places page, as HTML."""
    place_filter = PlaceFilter(request.GET, queryset=Place.objects.all())
    near_form = NearForm(request.GET)
    near = near_form.reference_point()
    results = services.search_places(place_filter.qs, near=near, moment=moment)
    page = Paginator(results, PLACES_PER_PAGE).get_page(request.GET.get("page"))
    services.describe_now(page.object_list, moment)
    form_key = [(name, request.GET.get(name, "")) for name in FORM_PARAMETERS]
    context = {
        "place_filter": place_filter,
        "near_form": near_form,
        "near": near,
        "page": page,
        "form_key": services.digest(form_key),
    }
    return render_to_string("territory/_places_content.html", context, request=request)


@require_safe
def places(request):
    """The places map and list: filters and the reference point come from the query string.

    With a point, the list offers the places usable now first (see services.PlaceIndex.usable_first)."""
    moment = services.local_time()
    key = services.list_cache_key("page", query_pairs(request.GET), moment)
    content = cache.get(key)
    if content is None:
        content = places_content(request, moment)
        cache.set(key, content, LIST_CACHE_SECONDS)
    return render(
        request,
        "territory/places.html",
        {"content": mark_safe(content)},  # noqa: S308 -- rendered by our escaping template
    )


@require_safe
def place_detail(request, pk):
    place = get_object_or_404(Place.objects.select_related("district"), pk=pk)
    return render(
        request,
        "territory/place_detail.html",
        {"place": place, "week": services.weekly_hours(place), "is_open": services.is_open_at(place)},
    )
