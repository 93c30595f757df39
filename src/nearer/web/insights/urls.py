from django.urls import path

from nearer.web.insights import views

urlpatterns = [
    path("", views.root, name="root"),
    path("home/", views.home, name="home"),
    path("welcome/", views.onboarding, name="onboarding"),
    path("support/", views.support, name="support"),
    path("healthz", views.healthz, name="healthz"),
]
