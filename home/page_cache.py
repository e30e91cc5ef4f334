"""Whole-page caching for anonymous visitors, invalidated by any change to what pages show.

A request is served from the cache only when it can't be personal: a GET or HEAD with no
cookie but the CSRF cookie (so no session, no flash messages). A response is stored only when
it is a plain 200 that set no cookie, used no CSRF token (a token is tied to its visitor's
secret) and did not ask not to be cached.

Invalidation is by generation. A counter of changes goes up after any write transaction that
changed content commits (see `content_changed`): a new post, a registration that changes
"places left", a published page. Every key includes the count that is "published" for
readers, and the first anonymous request after a change publishes the new count, so every
cached page becomes stale at once. That is deliberately coarse, and can never serve a page that
misses a change for longer than ANONYMOUS_PAGE_CACHE_MAX_STALE_SECONDS: at 0 a change is
published to the next reader; above it, changes are gathered for at most that long and
published together, so that a busy site, where someone posts every second, still serves most
anonymous readers from the cache. Signed-in members always see changes at once.

The steps are ordered so that a race can only publish early: a page is stored under a count
only if it was built after that count's change committed, and losing the "first unpublished
change" timestamp (a reader publishing as a writer commits) publishes at the next request.
"""

import hashlib
import time

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import cc_delim_re

from . import cache_counters

CHANGES_KEY = "page-cache:changes"
PUBLISHED_KEY = "page-cache:published"
FIRST_UNPUBLISHED_KEY = "page-cache:first-unpublished"
HIT_HEADER = "X-Page-Cache"

# Writes that change nothing any cached page shows: bookkeeping, per-member state that only
# signed-in pages (never cached) display, and logs.
IRRELEVANT_MODELS = {
    "sessions.session",
    "admin.logentry",
    "communities.readmarker",
    "communities.pendingreplyemail",
    "members.notification",
    "wagtailsearch.indexentry",
    "wagtailimages.rendition",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.revision",
    "wagtailcore.pagesubscription",
    "account.emailconfirmation",
    "mfa.authenticator",
    "usersessions.usersession",
}
IRRELEVANT_APPS = {"digests", "django_celery_beat", "django_celery_results", "taggit"}


def is_enabled() -> bool:
    return settings.ANONYMOUS_PAGE_CACHE_SECONDS > 0


def _now() -> float:
    return time.time()


def generation() -> int:
    """The count of changes that cached pages are stored and looked up under now."""
    values = cache.get_many([CHANGES_KEY, PUBLISHED_KEY, FIRST_UNPUBLISHED_KEY])
    changes = values.get(CHANGES_KEY)
    if changes is None:
        changes = cache_counters.current(CHANGES_KEY)
    published = values.get(PUBLISHED_KEY)
    if published == changes:
        return published
    first_unpublished = values.get(FIRST_UNPUBLISHED_KEY)
    if (
        published is not None
        and first_unpublished is not None
        and _now() - first_unpublished < settings.ANONYMOUS_PAGE_CACHE_MAX_STALE_SECONDS
    ):
        return published
    cache.set(PUBLISHED_KEY, changes, timeout=None)
    cache.delete(FIRST_UNPUBLISHED_KEY)
    return changes


def content_changed() -> None:
    """Counts a change once the current transaction commits (at once outside one): a reader
    racing the commit stores the old content under the old count."""
    if not is_enabled():
        return
    transaction.on_commit(_count_change)


def _count_change() -> None:
    cache_counters.bump(CHANGES_KEY)
    cache.add(FIRST_UNPUBLISHED_KEY, _now(), timeout=None)


def _is_relevant(model, update_fields=None) -> bool:
    label = model._meta.label_lower
    if label in IRRELEVANT_MODELS or model._meta.app_label in IRRELEVANT_APPS:
        return False
    # Signing in saves last_login and nothing else.
    return not (label == settings.AUTH_USER_MODEL.lower() and update_fields == {"last_login"})


def _on_save(sender, update_fields=None, raw=False, **kwargs):
    if not raw and _is_relevant(sender, set(update_fields) if update_fields else None):
        content_changed()


def _on_delete(sender, **kwargs):
    if _is_relevant(sender):
        content_changed()


def _on_m2m_changed(sender, action, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and _is_relevant(sender):
        content_changed()


def connect_invalidation() -> None:
    for model in apps.get_models(include_auto_created=True):
        if _is_relevant(model):
            post_save.connect(_on_save, sender=model, dispatch_uid=f"page-cache-save-{model}")
            post_delete.connect(_on_delete, sender=model, dispatch_uid=f"page-cache-delete-{model}")
    m2m_changed.connect(_on_m2m_changed, dispatch_uid="page-cache-m2m")


def _is_anonymous_request(request) -> bool:
    return request.method in {"GET", "HEAD"} and set(request.COOKIES) <= {settings.CSRF_COOKIE_NAME}


def _is_cacheable_response(request, response) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & {"private", "no-cache", "no-store"}:
        return False
    varies = {value.strip().lower() for value in response.get("Vary", "").split(",") if value}
    return varies <= {"cookie", "accept-encoding"}


def _key(request) -> str:
    url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
    return f"page-cache:{generation()}:{url}"


class AnonymousPageCacheMiddleware:
    """Goes after WhiteNoise and before the session middleware, so that a hit costs one cache
    lookup and no database query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (is_enabled() and _is_anonymous_request(request)):
            return self.get_response(request)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            cached[HIT_HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if request.method == "GET" and _is_cacheable_response(request, response):
            cache.set(key, response, settings.ANONYMOUS_PAGE_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
        return response
