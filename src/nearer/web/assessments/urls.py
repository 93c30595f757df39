from django.urls import path

from nearer.web.assessments import views

urlpatterns = [
    path("", views.overview, name="assessments"),
    path("report/", views.report, name="report"),
    path("safety/result/", views.safety_result, name="safety_result"),
    path("<str:instrument_id>/take/", views.take, name="take"),
]
