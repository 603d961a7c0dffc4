from django.urls import path

from . import my_data_views, people_views, views

app_name = "members"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.profile, name="profile"),
    path("<int:pk>/follow/", views.toggle_follow, name="toggle_follow"),
    path("<int:pk>/followers/", views.follow_list, {"direction": "followers"}, name="followers"),
    path("<int:pk>/following/", views.follow_list, {"direction": "following"}, name="following"),
    path("me/", views.own_profile, name="own_profile"),
    path("me/profile/", views.edit_profile, name="edit_profile"),
    path("me/verification/", views.apply_for_verification, name="apply_for_verification"),
    path("verification/", views.verification_queue, name="verification_queue"),
    path("verification/<int:pk>/", views.decide_verification, name="decide_verification"),
]

# Organisations' people (members/people.py) and the member's own settings and data.
urlpatterns += [
    path(
        "organisations/<int:organisation_id>/people/",
        people_views.organisation_people,
        name="organisation_people",
    ),
    path(
        "organisations/<int:organisation_id>/people/invite/",
        people_views.invite,
        name="invite_person",
    ),
    path(
        "organisations/<int:organisation_id>/people/<int:user_id>/role/",
        people_views.change_role,
        name="change_role",
    ),
    path(
        "organisations/<int:organisation_id>/people/<int:user_id>/remove/",
        people_views.remove,
        name="remove_person",
    ),
    path("invitations/<str:token>/", people_views.accept_invitation, name="accept_invitation"),
    path("me/settings/", my_data_views.settings_page, name="settings"),
    path("me/data.json", my_data_views.download_my_data, name="download_my_data"),
    path("me/delete/", my_data_views.delete_account, name="delete_account"),
]
