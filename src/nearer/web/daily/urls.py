from django.urls import path

from nearer.web.daily import views

urlpatterns = [
    path("today/", views.today, name="today"),
    path("day/<str:day>/", views.today, name="today_for"),
    path("day/<str:day>/answer/", views.answer, name="answer"),
    path("day/<str:day>/respond/", views.respond, name="respond"),
    path("history/", views.history, name="daily_history"),
    path("checkin/", views.checkin, name="checkin"),
    path("checkin/<str:day>/", views.checkin, name="checkin_for"),
]
