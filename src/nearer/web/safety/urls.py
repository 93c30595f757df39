from django.urls import path

from nearer.web.safety import views

urlpatterns = [
    path("exit/", views.quick_exit, name="quick_exit"),
    path("weather/", views.neutral, name="neutral"),
    path("check-again/not-now/", views.dismiss_screen_reminder, name="screen_reminder_dismiss"),
]
