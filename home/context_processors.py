from functools import cached_property

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import post_page_move

from . import cache_counters

# The footer's support links, by slug, in the wording the footer uses.
FOOTER_LINK_TITLES = {
    "about": "About",
    "privacy": "Privacy",
    "accessibility": "Accessibility statement",
    "code-of-conduct": "Code of conduct",
}
SECTIONS_VERSION_KEY = "site-sections:version"
SECTIONS_SECONDS = 24 * 60 * 60
# The site's root page and its children: the only pages the header and footer show.
SECTION_MAX_DEPTH = 3


class SiteSections:
    """The live pages directly under the site's home page, read on first use and cached.

    The header shows those marked "show in menus"; the footer links to the support pages.
    Lazy, so that templates which show neither (the Wagtail admin) cost nothing; cached under
    a version that any change to a page near the top of the tree moves on (see
    `connect_invalidation`), so that most pages cost no query for them at all.
    """

    def __init__(self, request):
        self.request = request

    @cached_property
    def _links(self) -> list[dict]:
        site = Site.find_for_request(self.request)
        if site is None:
            return []
        key = f"site-sections:{cache_counters.current(SECTIONS_VERSION_KEY)}:{site.pk}"
        links = cache.get(key)
        if links is None:
            pages = (
                site.root_page.get_children()
                .live()
                .only("id", "title", "slug", "url_path", "path", "depth", "show_in_menus")
            )
            links = [
                {
                    "title": page.title,
                    "slug": page.slug,
                    "url": page.get_url(self.request),
                    "in_menus": page.show_in_menus,
                }
                for page in pages
            ]
            cache.set(key, links, timeout=SECTIONS_SECONDS)
        return links

    @cached_property
    def navigation(self):
        path = self.request.path
        return [
            {
                "title": link["title"],
                "url": link["url"],
                "active": bool(link["url"]) and path.startswith(link["url"]),
            }
            for link in self._links
            if link["in_menus"]
        ]

    @cached_property
    def footer(self):
        return [
            {"title": FOOTER_LINK_TITLES[link["slug"]], "url": link["url"]}
            for link in self._links
            if link["slug"] in FOOTER_LINK_TITLES
        ]


def site_sections(request):
    return {"site_sections": SiteSections(request)}


def _next_version() -> None:
    cache_counters.bump(SECTIONS_VERSION_KEY)


def sections_changed() -> None:
    """Moves the version on at once and again after the transaction commits: at once so
    that this process never reads its own stale copy, after the commit so that a request
    that read the old pages meanwhile can't leave them cached under the new version."""
    _next_version()
    transaction.on_commit(_next_version)


def _on_page_saved_or_deleted(sender, instance, **kwargs):
    if (instance.depth or 0) <= SECTION_MAX_DEPTH:
        sections_changed()


def _on_page_moved(sender, **kwargs):
    sections_changed()


def connect_invalidation() -> None:
    """Listens to the page models only, not to every save in the project."""
    for model in apps.get_models():
        if issubclass(model, Page):
            uid = model._meta.label_lower
            post_save.connect(
                _on_page_saved_or_deleted, sender=model, dispatch_uid=f"sections-save-{uid}"
            )
            post_delete.connect(
                _on_page_saved_or_deleted, sender=model, dispatch_uid=f"sections-delete-{uid}"
            )
    post_page_move.connect(_on_page_moved, dispatch_uid="site-sections-move")
