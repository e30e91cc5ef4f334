"""The library's addresses and each case study's (see core/routing.py)."""

from communities.library import views
from communities.library.feeds import LibraryFeed
from core.routing import page_path

library_urls = [
    page_path("", views.library_index),
    page_path("feed/", LibraryFeed(), name="feed"),
    page_path("submit/", views.submission_create, name="submit"),
    page_path("submit/<int:page_id>/", views.submission_change, name="resubmit"),
    page_path("yours/", views.your_case_studies, name="your_case_studies"),
]

case_study_urls = [page_path("", views.case_study_page)]
