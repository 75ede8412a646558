from django.urls import path

from mobilization.challenges import views

app_name = "challenges"

urlpatterns = [
    path("", views.challenge_list, name="list"),
    path("method/", views.method, name="method"),
    path("results.<str:fmt>", views.download, name="download"),
    path("invite/<str:token>/", views.invite, name="invite"),
    path("<int:pk>/", views.challenge_detail, name="detail"),
    path("<int:pk>/leaderboard/", views.leaderboard, name="leaderboard"),
    path("<int:pk>/join/", views.join_district, name="join_district"),
    path("<int:pk>/join/organisation/", views.join_organisation, name="join_organisation"),
    path("<int:pk>/teams/new/", views.form_team, name="form_team"),
    path("<int:pk>/check-in/", views.check_in, name="check_in"),
]
