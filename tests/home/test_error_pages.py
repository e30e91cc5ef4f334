import re
from pathlib import Path

from django.test import RequestFactory
from django.views import defaults

from tests.settings_modules import run_under


def test_missing_page_answers_404_with_help_in_our_design(client, site_tree):
    response = client.get("/no-such-page/")

    content = response.content.decode()
    assert response.status_code == 404
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in content
    assert 'href="/search/"' in content
    assert 'href="/communities/"' in content  # the site's navigation is still there


def test_server_error_page_renders_without_touching_the_database(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = defaults.server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_make_run_answers_a_wrong_address_with_the_sites_404_and_still_serves_static_files(
    client, site_tree, settings
):
    # What `make run` (settings/dev.py) is configured with on a fresh checkout.
    names = ["DEBUG", "WHITENOISE_USE_FINDERS", "WHITENOISE_AUTOREFRESH"]
    dev = run_under("dev", f"result = [getattr(settings, name) for name in {names!r}]")
    for name, value in zip(names, dev, strict=True):
        setattr(settings, name, value)

    response = client.get("/no-such-page/")

    content = response.content.decode()
    assert response.status_code == 404
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in content
    assert "URLconf" not in content and "healthz" not in content
    stylesheet = re.search(r'<link[^>]+href="(/static/[^"]+\.css)"', content).group(1)
    assert client.get(stylesheet).status_code == 200


def test_developers_can_still_ask_for_djangos_debug_pages():
    assert run_under("dev", "result = settings.DEBUG", env={"DJANGO_DEBUG": "true"}) is True
    assert run_under("production", "result = settings.DEBUG", env={"DJANGO_DEBUG": "true"}) is False


def test_make_run_builds_every_absolute_link_on_the_address_it_serves():
    """Account emails link to the host the member used; digests, email footers, feeds and
    calendars are built on WAGTAILADMIN_BASE_URL. Under `make run` both are its ADDR, so a
    member who follows a digest link arrives signed in."""
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    addr = re.search(r"^ADDR \?= (\S+)$", makefile, re.M).group(1)
    assert re.search(r"^BASE_URL \?= http://\$\(ADDR\)$", makefile, re.M)
    assert "WAGTAILADMIN_BASE_URL=$(BASE_URL)" in makefile

    code = "from members.emails import absolute_url; result = absolute_url('/digests/x/')"
    served = f"http://{addr}"
    assert run_under("dev", code) == f"{served}/digests/x/"
    assert run_under("dev", code, env={"WAGTAILADMIN_BASE_URL": served}) == f"{served}/digests/x/"
