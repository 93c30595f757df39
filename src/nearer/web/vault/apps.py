from django.apps import AppConfig


class VaultConfig(AppConfig):
    name = "nearer.web.vault"
    label = "vault"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nearer.web.vault import checks, signals  # noqa: F401 - registers the hooks
