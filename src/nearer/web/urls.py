from django.urls import include, path

from nearer.web.api.main import api

urlpatterns = [
    path("", include("nearer.web.insights.urls")),
    path("accounts/activity/", include("nearer.web.audit.urls")),
    path("accounts/sessions/", include("nearer.web.security.urls")),
    path("accounts/keys/", include("nearer.web.vault.urls")),
    path("accounts/", include("nearer.web.accounts.urls")),
    path("couple/", include("nearer.web.couples.urls")),
    path("daily/", include("nearer.web.daily.urls")),
    path("assessments/", include("nearer.web.assessments.urls")),
    path("plan/", include("nearer.web.plans.urls")),
    path("chats/", include("nearer.web.chats.urls")),
    path("", include("nearer.web.safety.urls")),
    path("api/v1/", api.urls),
]

handler400 = "nearer.web.errorpages.bad_request"
handler403 = "nearer.web.errorpages.forbidden"
handler404 = "nearer.web.errorpages.not_found"
handler500 = "nearer.web.errorpages.server_error"
