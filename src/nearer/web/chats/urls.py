from django.urls import path

from nearer.web.chats import views

urlpatterns = [
    path("", views.chats, name="chats"),
    path("upload/", views.upload, name="chat_upload"),
    path("<int:pk>/", views.chat_import, name="chat_import"),
    path("<int:pk>/agree/", views.agree, name="chat_agree"),
    path("<int:pk>/withdraw/", views.withdraw, name="chat_withdraw"),
]
