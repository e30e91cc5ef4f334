from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from communities.library.selectors import case_study_list
from communities.membership.selectors import community_list

from .models import HomePage
from .search import (
    MAX_QUERY_LENGTH,
    MAX_QUERY_TERMS,
    parse_query,
    result_types_from,
    site_search,
)


@never_cache
@require_GET
def health_check(request):
    """The cheapest possible response: used by load balancers and as the benchmarks' yardstick."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def search(request):
    """One search across the site. No words typed: the search form only."""
    query = parse_query(request.GET.get("q", ""))
    types = result_types_from(request.GET.getlist("type"))
    outcome = None
    if query.terms:
        outcome = site_search(
            query,
            user=request.user,
            types=types,
            page_number=request.GET.get("page"),
            request=request,
        )
    return render(
        request,
        "home/search.html",
        {
            "query": query,
            "selected_types": types,
            "outcome": outcome,
            "max_query_length": MAX_QUERY_LENGTH,
            "max_query_terms": MAX_QUERY_TERMS,
        },
    )


def home_page(request, page: HomePage):
    return page.render(
        request,
        context_overrides={
            "communities": community_list(),
            "latest_case_studies": case_study_list()[:3],
        },
    )
