from django.urls import path

from mobilization.territory import views

app_name = "territory"

urlpatterns = [
    path("", views.places, name="places"),
    path("<int:pk>/", views.place_detail, name="place"),
]
