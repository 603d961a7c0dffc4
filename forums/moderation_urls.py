"""Reporting and moderation: included by forums/urls.py under /forums/, namespace "forums"."""

from django.urls import path

from . import moderation_views as views

urlpatterns = [
    path("p/<int:pk>/flag/", views.flag_post, name="flag_post"),
    path("p/<int:pk>/hide/", views.hide_post, name="hide_post"),
    path("p/<int:pk>/restore/", views.restore_post, name="restore_post"),
    path("messages/<int:pk>/flag/", views.flag_message, name="flag_message"),
    path("t/<int:pk>/moderate/", views.moderate_thread, name="moderate_thread"),
    path("t/<int:pk>/move/", views.move_thread, name="move_thread"),
    path("moderation/", views.moderation_queue, name="moderation_queue"),
    path("moderation/log/", views.moderation_log, name="moderation_log"),
    path("moderation/flags/<int:pk>/dismiss/", views.dismiss_flag, name="dismiss_flag"),
    path("members/<int:pk>/suspend/", views.suspend_member, name="suspend_member"),
    path("members/<int:pk>/lift-suspension/", views.lift_suspension, name="lift_suspension"),
]
