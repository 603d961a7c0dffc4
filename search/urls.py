from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("", views.search, name="search"),
    path("results.json", views.search_json, name="search_json"),
    path("suggestions.json", views.suggestions, name="suggestions"),
]
