from django.shortcuts import render

from mobilization.territory.models import Place


def places(request):
    return render(request, "territory/places.html", {"places": Place.objects.all()[:50]})
