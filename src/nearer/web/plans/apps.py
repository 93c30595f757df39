from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "nearer.web.plans"
    label = "plans"
