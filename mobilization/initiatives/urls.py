from django.urls import include, path

from mobilization.initiatives import views

app_name = "initiatives"
urlpatterns = [
    # Finding initiatives: list, map, search, district pages, feeds, downloads (discovery_urls.py).
    path("", include("mobilization.initiatives.discovery_urls")),
    # Organisers
    path("new/", views.create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/manage/", views.manage, name="manage"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/pause/", views.pause, name="pause"),
    path("<int:pk>/resume/", views.resume, name="resume"),
    path("<int:pk>/finish/", views.finish, name="finish"),
    path("<int:pk>/news/new/", views.post_news, name="post_news"),
    path("<int:pk>/impact/new/", views.record_impact, name="record_impact"),
    path("<int:pk>/members/", views.members, name="members"),
    path("<int:pk>/members/message/", views.message_members, name="message_members"),
    path("<int:pk>/members/<int:membership_pk>/remove/", views.remove_member, name="remove_member"),
    # Volunteers and visitors
    path("<int:pk>/join/", views.join, name="join"),
    path("<int:pk>/leave/", views.leave, name="leave"),
    path("<int:pk>/follow/", views.follow, name="follow"),
    path("<int:pk>/unfollow/", views.unfollow, name="unfollow"),
    path("<int:pk>/contact/", views.contact, name="contact"),
    path("messages/<int:pk>/reply/", views.reply_to_contact, name="reply_to_contact"),
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/news/<int:post_pk>/report/", views.report, name="report_news"),
    # Partners
    path("<int:pk>/partner/", views.ask_partnership, name="ask_partnership"),
    path("partnerships/<int:pk>/answer/", views.answer_partnership, name="answer_partnership"),
    # Moderators
    path("moderation/", views.moderation, name="moderation"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/reject/", views.reject, name="reject"),
    path("<int:pk>/change-reviewed/", views.mark_change_reviewed, name="mark_change_reviewed"),
    path("<int:pk>/unpublish/", views.unpublish_changed, name="unpublish_changed"),
    path("reports/", views.reports, name="reports"),
    path("reports/<int:pk>/resolve/", views.resolve_report, name="resolve_report"),
    path("clusters/", views.clusters, name="clusters"),
]
