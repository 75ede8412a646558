from django.urls import path

from mobilization.core import views

urlpatterns = [
    path("", views.home, name="home"),
]
