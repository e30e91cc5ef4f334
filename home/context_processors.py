from wagtail.models import Site


def navigation(request):
    """The site's top-level pages shown in the header, marked current for the page being viewed."""
    site = Site.find_for_request(request)
    if site is None:
        return {"navigation_items": []}
    root = site.root_page
    items = root.get_children().live().in_menu().only("id", "title", "url_path", "path", "depth")
    current_path = request.path
    nav = []
    for page in items:
        url = page.get_url(request)
        nav.append(
            {"title": page.title, "url": url, "active": bool(url) and current_path.startswith(url)}
        )
    return {"navigation_items": nav, "site_root": root}
