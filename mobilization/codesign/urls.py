from django.urls import path

from mobilization.codesign import views

app_name = "codesign"

urlpatterns = [
    # The ideas board
    path("", views.board, name="board"),
    path("ideas/new/", views.idea_new, name="idea_new"),
    path("ideas/<int:pk>/", views.idea_detail, name="idea"),
    path("ideas/<int:pk>/support/", views.support, name="support"),
    path("ideas/<int:pk>/withdraw-support/", views.withdraw_support, name="withdraw_support"),
    path("ideas/<int:pk>/comment/", views.comment, name="comment"),
    path("ideas/<int:pk>/status/", views.change_status, name="change_status"),
    path("ideas/<int:pk>/merge/", views.merge, name="merge"),
    path("comments/<int:pk>/hide/", views.hide_comment, name="hide_comment"),
    # Suggestions from the foot of every page
    path("suggest/", views.suggest, name="suggest"),
    path("suggest/thanks/", views.suggest_thanks, name="suggest_thanks"),
    path("suggestions/", views.suggestions, name="suggestions"),
    path("suggestions/<int:pk>/", views.suggestion_detail, name="suggestion"),
    path("suggestions/<int:pk>/close/", views.close_suggestion, name="close_suggestion"),
    # The roadmap, the releases, the workshops
    path("roadmap/", views.roadmap, name="roadmap"),
    path("releases/new/", views.release_new, name="release_new"),
    path("releases/<str:version>/", views.release_detail, name="release"),
    path("workshops/<int:pk>/", views.workshop_detail, name="workshop"),
    path("workshops/<int:pk>/publish/", views.publish_workshop, name="publish_workshop"),
    path("workshops/<int:pk>/announce/", views.announce_workshop, name="announce_workshop"),
    # Surveys
    path("surveys/", views.surveys, name="surveys"),
    path("surveys/<int:pk>/", views.survey_detail, name="survey"),
    path("surveys/<int:pk>/answer/", views.answer_survey, name="answer_survey"),
    path("surveys/<int:pk>/close/", views.close_survey, name="close_survey"),
]
