"""A community's Atom feed: its newest discussions, when its discussions are public."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed

from communities.forum.models import Thread
from communities.forum.rendering import excerpt
from communities.forum.selectors import newest_threads_for_feed
from communities.membership.models import CommunityPage
from members.emails import absolute_url
from members.profiles import author_name


class CommunityThreadsFeed(Feed):
    feed_type = Atom1Feed
    language = "en-gb"

    def get_object(self, request, community: CommunityPage):
        if not community.discussions_are_public:
            raise Http404("No such feed")
        return community

    def title(self, community: CommunityPage):
        return f"{community.title}: new discussions"

    def link(self, community: CommunityPage):
        return absolute_url(f"{community.url}discussions/")

    def feed_url(self, community: CommunityPage):
        return absolute_url(f"{community.url}feed/")

    def subtitle(self, community: CommunityPage):
        return community.summary

    def items(self, community: CommunityPage):
        threads = list(newest_threads_for_feed(community))
        for thread in threads:
            thread.community = community  # every item's link is under it: no query each
        return threads

    def item_title(self, thread: Thread):
        return thread.title

    def item_link(self, thread: Thread):
        return absolute_url(f"{thread.community.url}{thread.path}")

    def item_guid(self, thread: Thread):
        return self.item_link(thread)

    def item_description(self, thread: Thread):
        opening = thread.opening_posts[0] if thread.opening_posts else None
        if opening is None or opening.is_deleted:
            return ""
        return excerpt(opening.body_markdown, length=500)

    def item_author_name(self, thread: Thread):
        return author_name(thread.author)

    def item_pubdate(self, thread: Thread):
        return thread.created_at

    def item_updateddate(self, thread: Thread):
        return thread.last_activity_at
