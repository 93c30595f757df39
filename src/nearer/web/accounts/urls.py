from django.contrib.auth import views as auth
from django.urls import path, reverse_lazy

from nearer.web.accounts import data_views, reauth, views
from nearer.web.vault.forms import WITHOUT_CODE, ResetWithRecoveryForm

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("export/", data_views.export, name="export"),
    path("delete/", data_views.delete, name="delete_account"),
    path("confirm/", reauth.confirm, name="confirm_password"),
    path(
        "password/",
        views.PasswordChangeView.as_view(
            template_name="accounts/form_page.html",
            success_url=reverse_lazy("profile"),
            extra_context={"title": "Change your password"},
        ),
        name="password_change",
    ),
    path(
        "password/reset/",
        views.PasswordResetView.as_view(
            template_name="accounts/form_page.html",
            email_template_name="accounts/reset_email.txt",
            subject_template_name="accounts/reset_subject.txt",
            extra_context={"title": "Reset your password", "intro": WITHOUT_CODE},
        ),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth.PasswordResetDoneView.as_view(template_name="accounts/reset_sent.html"),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(
            template_name="accounts/form_page.html",
            form_class=ResetWithRecoveryForm,
            extra_context={"title": "Choose a new password"},
            success_url=reverse_lazy("login"),
        ),
        name="password_reset_confirm",
    ),
]
