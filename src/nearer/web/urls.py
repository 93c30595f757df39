from django.urls import include, path

from nearer.web.api.main import api

urlpatterns = [
    path("", include("nearer.web.insights.urls")),
    path("accounts/", include("nearer.web.accounts.urls")),
    path("couple/", include("nearer.web.couples.urls")),
    path("daily/", include("nearer.web.daily.urls")),
    path("assessments/", include("nearer.web.assessments.urls")),
    path("plan/", include("nearer.web.plans.urls")),
    path("api/v1/", api.urls),
]
