from django.test import RequestFactory
from django.views import defaults


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
