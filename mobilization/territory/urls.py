from django.urls import path

from mobilization.territory import views

app_name = "territory"

urlpatterns = [
    path("", views.places, name="places"),
]
