from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "nearer.web.insights"
    label = "insights"

    def ready(self) -> None:
        from nearer.web import checks  # noqa: F401 - registers the content check
