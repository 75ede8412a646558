from django.urls import path

from mobilization.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.resource_list, name="resource_list"),
    path("resources/new/", views.resource_create, name="resource_create"),
    path("resources/review/", views.resource_review, name="resource_review"),
    path("resources/<int:pk>/", views.resource_detail, name="resource_detail"),
    path("resources/<int:pk>/edit/", views.resource_edit, name="resource_edit"),
    path("resources/<int:pk>/submit/", views.resource_submit, name="resource_submit"),
    path("resources/<int:pk>/publish/", views.resource_publish, name="resource_publish"),
    path("resources/<int:pk>/reject/", views.resource_reject, name="resource_reject"),
    path("resources/<int:pk>/feedback/", views.resource_feedback, name="resource_feedback"),
    path("trainings/", views.training_list, name="training_list"),
    path("trainings/<int:pk>/", views.training_detail, name="training_detail"),
    path("trainings/<int:pk>/quiz/", views.quiz, name="quiz"),
    path("sessions/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("certifications/", views.verify, name="verify"),
    path("certifications/<str:code>/", views.certification, name="certification"),
]
