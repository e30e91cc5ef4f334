import pytest

from communities.library.models import PlaceType
from communities.membership.models import JoinPolicy
from tests.factories import CaseStudyPageFactory, CommunityPageFactory
from tests.querycounts import assert_queries_constant


@pytest.fixture
def data_community(site_tree):
    return CommunityPageFactory(
        parent=site_tree["communities"],
        title="Data",
        slug="data",
        summary="Better decisions from shared data.",
        join_policy=JoinPolicy.ON_REQUEST,
    )


@pytest.fixture
def health_community(site_tree):
    return CommunityPageFactory(
        parent=site_tree["communities"], title="Health and wellbeing", slug="health"
    )


def test_community_index_lists_every_live_community_in_tree_order(
    client, data_community, health_community
):
    response = client.get("/communities/")

    content = response.content.decode()
    assert response.status_code == 200
    assert content.index("Data") < content.index("Health and wellbeing")
    assert "Better decisions from shared data." in content


def test_unpublished_community_is_not_listed_and_answers_404(client, site_tree, data_community):
    data_community.unpublish()

    assert "Better decisions" not in client.get("/communities/").content.decode()
    assert client.get("/communities/data/").status_code == 404
    assert client.get("/communities/data/discussions/").status_code == 404


def test_community_addresses_route_to_the_community_or_answer_404(
    client, site_tree, data_community
):
    assert client.get("/communities/data/discussions/").status_code == 200
    assert client.get("/communities/nowhere/").status_code == 404
    assert client.get("/communities/nowhere/discussions/").status_code == 404
    assert client.get("/communities/data/nowhere/").status_code == 404


def test_community_page_shows_its_own_case_studies_only(
    client, site_tree, data_community, health_community
):
    CaseStudyPageFactory(
        parent=site_tree["case_studies"],
        title="Barnsley vulnerability index",
        components=[data_community],
    )
    CaseStudyPageFactory(
        parent=site_tree["case_studies"], title="Virtual wards", components=[health_community]
    )

    content = client.get("/communities/data/").content.decode()

    assert "Barnsley vulnerability index" in content
    assert "Virtual wards" not in content
    assert "Membership on request" in content or "On request" in content


def test_community_page_queries_do_not_grow_with_case_studies(client, site_tree, data_community):
    def grow():
        for _ in range(10):
            CaseStudyPageFactory(parent=site_tree["case_studies"], components=[data_community])

    CaseStudyPageFactory(parent=site_tree["case_studies"], components=[data_community])
    assert_queries_constant(client, "/communities/data/", grow, max_queries=21)


def test_case_study_library_filters_by_component_place_type_and_organisation(
    client, site_tree, data_community, health_community
):
    index = site_tree["case_studies"]
    CaseStudyPageFactory(
        parent=index,
        title="Barnsley UPRNs",
        organisation="Barnsley Council",
        place_type=PlaceType.TOWN,
        components=[data_community],
    )
    CaseStudyPageFactory(
        parent=index,
        title="Barcelona open data",
        organisation="Barcelona City Council",
        place_type=PlaceType.INTERNATIONAL,
        components=[data_community],
    )
    CaseStudyPageFactory(
        parent=index,
        title="Virtual wards",
        organisation="NHS England",
        place_type=PlaceType.NATIONAL,
        components=[health_community],
    )

    by_component = client.get("/case-studies/", {"component": "data"}).content.decode()
    by_place = client.get(
        "/case-studies/", {"component": "data", "place_type": "town"}
    ).content.decode()
    by_organisation = client.get("/case-studies/", {"organisation": "NHS England"}).content.decode()

    assert "Barnsley UPRNs" in by_component and "Barcelona open data" in by_component
    assert "Virtual wards" not in by_component
    assert "2 case studies match your filters" in by_component
    assert "Barnsley UPRNs" in by_place and "Barcelona open data" not in by_place
    assert "Virtual wards" in by_organisation and "Barnsley UPRNs" not in by_organisation


def test_case_study_library_with_unknown_filter_value_says_so_and_lists_everything(
    client, site_tree, data_community
):
    CaseStudyPageFactory(
        parent=site_tree["case_studies"], title="Barnsley UPRNs", components=[data_community]
    )

    response = client.get("/case-studies/", {"place_type": "moon-base"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-message" in content
    assert "Barnsley UPRNs" in content


def test_case_study_library_paginates_and_keeps_filters_in_page_links(
    client, site_tree, data_community
):
    for number in range(25):
        CaseStudyPageFactory(
            parent=site_tree["case_studies"],
            title=f"Data story {number:02d}",
            components=[data_community],
        )

    first = client.get("/case-studies/", {"component": "data"}).content.decode()
    second = client.get("/case-studies/", {"component": "data", "page": 2}).content.decode()

    assert first.count("Data story") == 20
    assert second.count("Data story") == 5
    assert "component=data" in first and "page=2" in first


def test_case_study_library_queries_do_not_grow_with_case_studies(
    client, site_tree, data_community, health_community
):
    def grow():
        for _ in range(15):
            CaseStudyPageFactory(
                parent=site_tree["case_studies"], components=[data_community, health_community]
            )

    CaseStudyPageFactory(parent=site_tree["case_studies"], components=[data_community])
    assert_queries_constant(
        client, "/case-studies/?component=data&place_type=city", grow, max_queries=19
    )
    assert_queries_constant(client, "/case-studies/", grow, max_queries=18)


def test_case_study_page_shows_facts_and_links_to_its_components(
    client, site_tree, data_community, health_community
):
    page = CaseStudyPageFactory(
        parent=site_tree["case_studies"],
        title="LOOP resource data",
        slug="loop",
        organisation="Leeds City Council",
        place="Leeds",
        components=[data_community, health_community],
    )
    page.links.create(title="Leeds City Council", url="https://www.leeds.gov.uk/")
    page.save()

    content = client.get("/case-studies/loop/").content.decode()

    assert "Leeds City Council" in content
    assert 'href="/communities/data/"' in content
    assert 'href="/communities/health/"' in content
    assert "https://www.leeds.gov.uk/" in content


def test_case_study_page_query_count_is_bounded(
    client, site_tree, data_community, django_assert_max_num_queries
):
    CaseStudyPageFactory(parent=site_tree["case_studies"], slug="loop", components=[data_community])

    with django_assert_max_num_queries(15):
        assert client.get("/case-studies/loop/").status_code == 200


def test_community_index_queries_do_not_grow_with_communities(client, site_tree, data_community):
    def grow():
        for number in range(10):
            CommunityPageFactory(parent=site_tree["communities"], slug=f"more-{number}")

    assert_queries_constant(client, "/communities/", grow, max_queries=12)
