from django.urls import path

from nearer.web.vault import views

urlpatterns = [
    path("recovery-code/", views.recovery_code, name="recovery_code"),
    path("unlock/", views.unlock, name="unlock"),
    path("recover/", views.recover, name="recover"),
]
