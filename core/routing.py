"""Pages whose routes live with their views.

A page model names the list of URL patterns that serve it (a dotted path, the way ROOT_URLCONF
names a URLconf), so the model never imports its views: the views import the models, never the
other way round. The patterns are built with :func:`page_path`, whose views take the page as an
ordinary argument: ``view(request, page, *args, **kwargs)``.
"""

from functools import wraps

from django.urls import path, re_path
from django.utils.module_loading import import_string
from wagtail.contrib.routable_page.models import RoutablePageMixin


def page_path(route: str, view, name: str | None = None, *, regex: bool = False):
    """A URL pattern below a page, served by ``view(request, page, ...)``; ``regex`` for a
    regular expression rather than a path pattern."""

    # Wagtail binds a route's callable to the page, so the page arrives first.
    @wraps(view)
    def bound(page, request, *args, **kwargs):
        return view(request, page, *args, **kwargs)

    return (re_path if regex else path)(route, bound, name=name)


class RoutedPage(RoutablePageMixin):
    """A routable page whose sub-URLs, its own address ("") included, come from ``routes``."""

    #: Dotted path of the list of URL patterns that serve this page type.
    routes: str = ""

    @classmethod
    def get_subpage_urls(cls):
        return tuple(import_string(cls.routes))

    def serve(self, request, view=None, args=None, kwargs=None):
        if view is None:
            # A preview (or any call without a route) renders through the page's own view,
            # so it shows what visitors will see.
            match = self.resolve_subpage("/")
            view, args, kwargs = match.func, match.args, match.kwargs
        return super().serve(request, view, args, kwargs)
