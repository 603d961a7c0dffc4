from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import views

handler403 = "community.views.permission_denied"
handler404 = "community.views.page_not_found"
handler500 = "community.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    path("healthz", views.health, name="health"),
    path("r/<int:page_id>/", views.citable_link, name="citable_link"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    ]

# Pages people read carry their language in the URL (/ar/..., /fr/...); English has none.
urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("experts/", include("members.urls")),
    path("forums/", include("forums.urls")),
    path("search/", include("search.urls")),
    path("notifications/", include("community.notifications.urls")),
    path("", include("community.reader_urls")),  # feeds, .ics, country and region hubs
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
