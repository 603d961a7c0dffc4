from django.urls import include, path

from . import views

app_name = "forums"
urlpatterns = [
    path("", views.index, name="index"),
    path("latest/", views.thread_listing, {"view": "latest"}, name="latest"),
    path("top/", views.thread_listing, {"view": "top"}, name="top"),
    path("unanswered/", views.thread_listing, {"view": "unanswered"}, name="unanswered"),
    path("mine/", views.thread_listing, {"view": "mine"}, name="mine"),
    path("bookmarks/", views.bookmarks, name="bookmarks"),
    path("c/<slug:slug>/", views.category, name="category"),
    path("c/<slug:slug>/new/", views.new_thread, name="new_thread"),
    path("c/<slug:slug>/watch/", views.watch_category, name="watch_category"),
    path("tags/<str:kind>/<str:value>/", views.tag, name="tag"),
    path("tags/<str:kind>/<str:value>/watch/", views.watch_tag, name="watch_tag"),
    path("t/<int:pk>/", views.thread, name="thread"),
    path("t/<int:pk>/reply/", views.reply, name="reply"),
    path("t/<int:pk>/unread/", views.first_unread, name="first_unread"),
    path("t/<int:pk>/watch/", views.watch_thread, name="watch_thread"),
    path("t/<int:pk>/unaccept/", views.unaccept, name="unaccept"),
    path("p/<int:pk>/", views.post_link, name="post"),
    path("p/<int:pk>/edit/", views.edit, name="edit_post"),
    path("p/<int:pk>/delete/", views.delete, name="delete_post"),
    path("p/<int:pk>/like/", views.like, name="like_post"),
    path("p/<int:pk>/bookmark/", views.bookmark, name="bookmark_post"),
    path("p/<int:pk>/accept/", views.accept, name="accept_post"),
    path("p/<int:pk>/revisions/", views.revisions, name="post_revisions"),
    path("u/<slug:handle>/", views.member_posts, name="member_posts"),
    # Private conversations and moderation have url modules of their own.
    path("", include("forums.conversation_urls")),
    path("", include("forums.moderation_urls")),
]
