from csp.decorators import csp_replace
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
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

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
