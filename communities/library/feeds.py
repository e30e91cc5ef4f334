"""The library's Atom feed: the newest case studies, for the filters in the query string."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from communities.library.models import CaseStudyIndexPage, CaseStudyPage
from communities.library.views import read_library
from members.emails import absolute_url


class LibraryFeed(Feed):
    feed_type = Atom1Feed
    language = "en-gb"

    def get_object(self, request, library: CaseStudyIndexPage):
        filters = read_library(request, library)
        query = request.GET.urlencode()
        return {
            "library": library,
            "filters": filters,
            "case_studies": filters.qs,
            "query": f"?{query}" if query else "",
            "url": absolute_url(library.get_url(request)),
        }

    def title(self, obj):
        return "New case studies" + (" matching your filters" if obj["filters"].applied else "")

    def link(self, obj):
        return obj["url"] + obj["query"]

    def feed_url(self, obj):
        return f"{obj['url']}feed/{obj['query']}"

    def subtitle(self, obj):
        return obj["library"].intro or "Case studies of connected places in practice."

    def items(self, obj):
        newest = obj["case_studies"].order_by("-published_date", "-first_published_at", "-id")
        return newest[: obj["library"].feed_length]

    def item_title(self, item: CaseStudyPage):
        return item.title

    def item_description(self, item: CaseStudyPage):
        return item.summary

    def item_link(self, item: CaseStudyPage):
        return absolute_url(item.url)

    def item_guid(self, item: CaseStudyPage):
        return self.item_link(item)

    def item_author_name(self, item: CaseStudyPage):
        return item.organisation

    def item_pubdate(self, item: CaseStudyPage):
        return item.first_published_at or datetime.datetime.combine(
            item.published_date, datetime.time(), datetime.UTC
        )

    def item_updateddate(self, item: CaseStudyPage):
        return item.last_published_at

    def item_categories(self, item: CaseStudyPage):
        return [
            *(component.title for component in item.components.all()),
            *(tag.name for tag in item.tags.all()),
        ]
