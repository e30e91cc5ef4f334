from functools import cached_property

from wagtail.models import Site

# The footer's support links, by slug, in the wording the footer uses.
FOOTER_LINK_TITLES = {
    "about": "About",
    "privacy": "Privacy",
    "accessibility": "Accessibility statement",
    "code-of-conduct": "Code of conduct",
}


class SiteSections:
    """The live pages directly under the site's home page, read once, on first use.

    The header shows those marked "show in menus"; the footer links to the support pages.
    Lazy, so that templates which show neither (the Wagtail admin) cost no query.
    """

    def __init__(self, request):
        self.request = request

    @cached_property
    def _links(self):
        site = Site.find_for_request(self.request)
        if site is None:
            return []
        pages = (
            site.root_page.get_children()
            .live()
            .only("id", "title", "slug", "url_path", "path", "depth", "show_in_menus")
        )
        return [(page, page.get_url(self.request)) for page in pages]

    @cached_property
    def navigation(self):
        path = self.request.path
        return [
            {"title": page.title, "url": url, "active": bool(url) and path.startswith(url)}
            for page, url in self._links
            if page.show_in_menus
        ]

    @cached_property
    def footer(self):
        return [
            {"title": FOOTER_LINK_TITLES[page.slug], "url": url}
            for page, url in self._links
            if page.slug in FOOTER_LINK_TITLES
        ]


def site_sections(request):
    return {"site_sections": SiteSections(request)}
