"""Whole-page caching for anonymous visitors, invalidated by any change to what pages show.

A request is served from the cache only when it can't be personal: a GET or HEAD with no
cookie but the CSRF cookie (so no session, no flash messages). A response is stored only when
it is a plain 200 that set no cookie, used no CSRF token (a token is tied to its visitor's
secret) and did not ask not to be cached.

Invalidation is by generation: every key includes a counter that goes up after any write
transaction that changed content (see `content_changed`), so a new post, a registration that
changes "places left", or a published page makes every cached page stale at once. That is
deliberately coarse: it can never serve a page older than the last change, and readers far
outnumber writers.
"""

import hashlib

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import cc_delim_re

GENERATION_KEY = "page-cache:generation"
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


def generation() -> int:
    return cache.get_or_set(GENERATION_KEY, 1, timeout=None)


def content_changed() -> None:
    """Makes every cached page stale once the current transaction commits (at once outside
    one): a reader racing the commit caches the old content under the old generation."""
    if not is_enabled():
        return
    transaction.on_commit(_next_generation)


def _next_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # evicted or never set
        cache.set(GENERATION_KEY, generation() + 1, timeout=None)


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
