from django.urls import path

from nearer.web.security import views

urlpatterns = [
    path("", views.sign_ins, name="sessions"),
    path("<int:sign_in_id>/end/", views.end_one, name="session_end"),
    path("end-others/", views.end_others, name="sessions_end_others"),
    path("tokens/<int:token_id>/revoke/", views.revoke_token, name="token_revoke"),
]
