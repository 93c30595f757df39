from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "nearer.web.accounts"
    label = "accounts"
