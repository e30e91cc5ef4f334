import re

from csp.decorators import csp_replace
from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.utils.urlpatterns import decorate_urlpatterns

from home import views as home_views

urlpatterns = [
    path("healthz", home_views.health_check, name="health_check"),
    path("django-admin/", admin.site.urls),
    path(
        "admin/",
        include(
            decorate_urlpatterns(
                wagtailadmin_urls.urlpatterns,
                csp_replace(settings.WAGTAILADMIN_CONTENT_SECURITY_POLICY),
            )
        ),
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("members.urls")),
    path("", include("events.urls")),
    path("accounts/", include("allauth.urls")),
    path("digests/", include("digests.urls")),
    path("search/", home_views.search, name="search"),
]

if settings.SERVE_MEDIA:
    # Images and their renditions, and nothing else: documents are not under MEDIA_ROOT
    # (connected_places/storage.py) and are only ever served by the document view above.
    from django.views.static import serve

    def public_media(request, path):
        return serve(request, path, document_root=settings.MEDIA_ROOT)

    media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>(?:original_images|images)/.+)$", public_media),
    ]

urlpatterns += [path("", include(wagtail_urls))]
