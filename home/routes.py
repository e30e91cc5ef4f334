"""The home page's address (see core/routing.py)."""

from core.routing import page_path

from .views import home_page

home_page_urls = [page_path("", home_page)]
