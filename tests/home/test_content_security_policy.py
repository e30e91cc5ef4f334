"""Every response carries a Content-Security-Policy: only our own scripts run, and nothing loads
from another origin. The Wagtail admin gets the few allowances Wagtail needs, and no more.

What the policy does in a browser (injected scripts refused, GOV.UK Frontend and the admin
still working) is tested in tests/browser/test_content_security_policy.py.
"""

import base64
import hashlib
import re

import pytest

from home.page_cache import HIT_HEADER
from tests.factories import CommunityPageFactory, UserFactory

pytestmark = pytest.mark.django_db

PUBLIC_PATHS = ["/", "/communities/", "/accounts/login/", "/accounts/signup/", "/search/?q=data"]


def policy_of(response) -> dict[str, list[str]]:
    assert "Content-Security-Policy" in response, f"{response.wsgi_request.path}: no policy"
    assert "Content-Security-Policy-Report-Only" not in response
    directives = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *sources = directive.split()
        directives[name] = sources
    return directives


def inline_script_hashes(content: str) -> list[str]:
    """The CSP hash source of each inline script that the browser would run."""
    hashes = []
    for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", content, re.S):
        if "src=" in attributes or re.search(r'type="application/(ld\+)?json"', attributes):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return hashes


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_pages_run_only_our_own_scripts_and_load_only_from_the_site(client, site_tree, path):
    CommunityPageFactory(parent=site_tree["communities"], title="Data")
    response = client.get(path)
    assert response.status_code == 200

    policy = policy_of(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    # GOV.UK Frontend's "supported" test runs, allowed by its hash; no other inline script.
    hashes = inline_script_hashes(response.content.decode())
    assert len(hashes) == 1
    assert policy["script-src"] == ["'self'", *hashes]
    # No directive lets in another origin, other inline scripts, inline event handlers (no
    # script-src-attr: they fall back to script-src), inline styles or eval.
    for name, sources in policy.items():
        assert set(sources) <= {"'self'", "'none'", *hashes}, f"{name}: {sources}"


def test_pages_from_the_anonymous_page_cache_keep_the_policy(client, site_tree, settings):
    settings.ANONYMOUS_PAGE_CACHE_SECONDS = 60
    first = client.get("/communities/")
    second = client.get("/communities/")

    assert second[HIT_HEADER] == "hit"
    assert policy_of(second) == policy_of(first)
    assert policy_of(second)["default-src"] == ["'self'"]


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_wagtail_admin_allows_inline_scripts_and_styles_but_nothing_from_elsewhere(
    client, site_tree, signed_in
):
    if signed_in:
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/" if signed_in else "/admin/login/")
    assert response.status_code == 200

    policy = policy_of(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["script-src-attr"] == ["'none'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    # The page editor's preview panel frames the admin's own preview.
    assert policy["frame-ancestors"] == ["'self'"]
