from django.urls import path

from mobilization.learning import views

app_name = "learning"

urlpatterns = [
    path("trainings/", views.training_list, name="training_list"),
    path("trainings/<int:pk>/", views.training_detail, name="training_detail"),
    path("trainings/<int:pk>/quiz/", views.quiz, name="quiz"),
    path("sessions/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("certifications/", views.verify, name="verify"),
    path("certifications/<str:code>/", views.certification, name="certification"),
]
