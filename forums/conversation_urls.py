"""Private conversations, under /forums/conversations/ (included by forums/urls.py)."""

from django.urls import path

from . import conversation_views as views

urlpatterns = [
    path("conversations/", views.conversations, name="conversations"),
    path("conversations/new/", views.new_conversation, name="new_conversation"),
    path("conversations/<int:pk>/", views.conversation, name="conversation"),
    path("conversations/<int:pk>/reply/", views.conversation_reply, name="conversation_reply"),
    path("conversations/<int:pk>/leave/", views.leave, name="leave_conversation"),
]
