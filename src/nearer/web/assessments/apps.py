from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "nearer.web.assessments"
    label = "assessments"
