from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from mobilization.territory import services
from mobilization.territory.filters import PlaceFilter
from mobilization.territory.forms import NearForm
from mobilization.territory.models import Place

PLACES_PER_PAGE = 25


@require_safe
def places(request):
    """The places map and list: filters and the reference point come from the query string."""
    place_filter = PlaceFilter(request.GET, queryset=Place.objects.all())
    near_form = NearForm(request.GET)
    near = near_form.reference_point()
    results = services.search_places(place_filter.qs, near=near)
    page = Paginator(results, PLACES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "territory/places.html",
        {"place_filter": place_filter, "near_form": near_form, "near": near, "page": page},
    )


@require_safe
def place_detail(request, pk):
    place = get_object_or_404(Place.objects.select_related("district"), pk=pk)
    return render(
        request,
        "territory/place_detail.html",
        {"place": place, "week": services.weekly_hours(place), "is_open": services.is_open_at(place)},
    )
