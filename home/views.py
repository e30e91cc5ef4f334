from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.models import Page

MAX_QUERY_LENGTH = 200


@never_cache
@require_GET
def health_check(request):
    """The cheapest possible response: used by load balancers and as the benchmarks' yardstick."""
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def search(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results_page = None
    if query:
        results = Page.objects.live().public().specific().search(query)
        results_page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(request, "home/search.html", {"query": query, "results_page": results_page})
