from django.urls import path

from nearer.web.plans import views

urlpatterns = [
    path("", views.plan, name="plan"),
    path("settings/", views.settings, name="plan_settings"),
    path("done/<str:practice_id>/", views.done, name="practice_done"),
]
