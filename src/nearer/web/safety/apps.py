from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "nearer.web.safety"
    label = "safety"
    verbose_name = "Safety: quick exit, support pointers, the repeated private check"
