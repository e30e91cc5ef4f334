import re

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Page

from communities.selectors import search_discussions

MAX_QUERY_LENGTH = 200
MAX_QUERY_TERMS = 12


def search_terms(query: str) -> str:
    """Reduces what a visitor typed to plain words.

    The search backends build their own query syntax from the terms; punctuation such as
    quotes or angle brackets would otherwise reach SQLite's FTS5 parser and fail there.
    """
    return " ".join(re.findall(r"\w+", query)[:MAX_QUERY_TERMS])


@never_cache
@require_GET
def health_check(request):
    """The cheapest possible response: used by load balancers and as the benchmarks' yardstick."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    terms = search_terms(query)
    results_page = None
    discussions = []
    if terms:
        results = Page.objects.live().public().specific().search(terms)
        results_page = Paginator(results, 20).get_page(request.GET.get("page"))
        discussions = search_discussions(terms, user=request.user)
    return render(
        request,
        "home/search.html",
        {
            "query": query,
            "terms": terms,
            "results_page": results_page,
            "discussions": discussions,
        },
    )
