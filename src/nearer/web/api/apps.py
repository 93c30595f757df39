from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "nearer.web.api"
    label = "api"
