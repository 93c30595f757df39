from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "nearer.web.audit"
    label = "audit"
    verbose_name = "Activity log"
