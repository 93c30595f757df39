from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "nearer.web.security"
    label = "security"
    verbose_name = "Sign-ins and sessions"

    def ready(self) -> None:
        from nearer.web.security import signals  # noqa: F401  (connects the receivers)
