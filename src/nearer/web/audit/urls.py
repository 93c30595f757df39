from django.urls import path

from nearer.web.audit import views

urlpatterns = [
    path("", views.activity, name="activity"),
]
