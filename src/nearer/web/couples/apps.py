from django.apps import AppConfig


class CouplesConfig(AppConfig):
    name = "nearer.web.couples"
    label = "couples"
