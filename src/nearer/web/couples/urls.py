from django.urls import path

from nearer.web.couples import views

urlpatterns = [
    path("", views.couple, name="couple"),
    path("create/", views.create, name="couple_create"),
    path("invite/", views.invite, name="couple_invite"),
    path("join/", views.join, name="couple_join"),
    path("join/<str:code>/", views.join, name="couple_join_code"),
    path("leave/", views.leave, name="couple_leave"),
    path("notice/seen/", views.notice_seen, name="couple_notice_seen"),
]
