from django.apps import AppConfig


class DailyConfig(AppConfig):
    name = "nearer.web.daily"
    label = "daily"
