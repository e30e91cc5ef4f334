"""The case-study library (/case-studies/) and the case-study page: filters, sort, shareable
addresses, the Atom feed, related case studies, "discussed in", and what each costs in queries
at 5,000 case studies."""

import datetime
import re
import xml.etree.ElementTree as ET
from html import unescape

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from communities.forum.models import Post
from communities.library.models import (
    CaseStudyDocument,
    CaseStudyLink,
    CaseStudyPage,
    OrganisationType,
    PlaceType,
)
from home import demo_content
from tests.factories import (
    CommunityPageFactory,
    TaggedCaseStudyPageFactory,
    ThreadFactory,
    UserFactory,
    bulk_case_studies,
    reply_to_thread,
)
from tests.querycounts import assert_queries_constant, count_queries

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
RESULT_TITLE = re.compile(
    r'<h3 class="govuk-heading-s govuk-!-margin-bottom-1">\s*<a class="govuk-link" '
    r'href="[^"]+">([^<]+)</a>'
)


def result_titles(response) -> list[str]:
    assert response.status_code == 200
    return [unescape(title) for title in RESULT_TITLE.findall(response.content.decode())]


@pytest.fixture
def make_case_study(site_tree):
    def make(title, *components, **fields):
        return TaggedCaseStudyPageFactory(
            parent=site_tree["case_studies"], title=title, components=list(components), **fields
        )

    return make


@pytest.fixture
def library(forum, private_forum, make_case_study):
    """Four case studies across the Data (public) and Health (members-only) communities."""
    return {
        "barnsley": make_case_study(
            "Barnsley UPRNs",
            forum,
            organisation="Barnsley Council",
            organisation_type=OrganisationType.LOCAL_AUTHORITY,
            place_type=PlaceType.TOWN,
            tags=["uprn", "data sharing"],
            published_date=datetime.date(2024, 3, 1),
        ),
        "wards": make_case_study(
            "Virtual wards",
            private_forum,
            organisation="NHS England",
            organisation_type=OrganisationType.HEALTH_AND_CARE,
            place_type=PlaceType.NATIONAL,
            tags=["virtual wards"],
            published_date=datetime.date(2023, 5, 1),
        ),
        "leeds": make_case_study(
            "Leeds sensors",
            forum,
            private_forum,
            organisation="Leeds City Council",
            organisation_type=OrganisationType.LOCAL_AUTHORITY,
            place_type=PlaceType.CITY,
            tags=["sensors", "data sharing"],
            published_date=datetime.date(2024, 7, 1),
        ),
        "lincolnshire": make_case_study(
            "Lincolnshire maps",
            forum,
            organisation="Lincolnshire Resilience Forum",
            organisation_type=OrganisationType.PARTNERSHIP,
            place_type=PlaceType.COUNTY,
            tags=["data sharing", "flooding"],
            published_date=datetime.date(2022, 11, 1),
        ),
    }


# -- filters ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Leeds sensors", "Barnsley UPRNs", "Virtual wards", "Lincolnshire maps"]),
        ("component=health", ["Leeds sensors", "Virtual wards"]),
        ("place_type=county", ["Lincolnshire maps"]),
        ("organisation_type=local-authority", ["Leeds sensors", "Barnsley UPRNs"]),
        ("tags=data-sharing", ["Leeds sensors", "Barnsley UPRNs", "Lincolnshire maps"]),
        ("tags=data-sharing&tags=flooding", ["Lincolnshire maps"]),
        ("year=2024", ["Leeds sensors", "Barnsley UPRNs"]),
        ("organisation=NHS+England", ["Virtual wards"]),
        ("component=data&year=2024&tags=data-sharing", ["Leeds sensors", "Barnsley UPRNs"]),
        (
            "component=data&place_type=town&organisation_type=local-authority"
            "&tags=data-sharing&year=2024&organisation=Barnsley+Council",
            ["Barnsley UPRNs"],
        ),
        ("component=health&place_type=county", []),
    ],
)
def test_library_filters_alone_and_combined(client, library, query, expected):
    response = client.get(f"/case-studies/?{query}")

    assert result_titles(response) == expected
    content = response.content.decode()
    if not query:
        assert "4 case studies</h2>" in content and "Clear filters" not in content
    elif len(expected) == 1:
        assert "1 case study matches your filters" in content and "Clear filters" in content
    elif expected:
        assert f"{len(expected)} case studies match your filters" in content
    else:
        assert "No case studies match these filters" in content


def test_the_filters_offer_only_what_the_library_holds(client, library):
    content = client.get("/case-studies/").content.decode()

    assert '<option value="2022">2022</option>' in content
    assert '<option value="2021">' not in content
    assert 'value="virtual-wards"' in content and "virtual wards</label>" in content
    assert '<option value="Lincolnshire Resilience Forum">' in content
    assert '<option value="health">Health and wellbeing</option>' in content


def test_chosen_filters_are_shown_selected(client, library):
    content = client.get(
        "/case-studies/?component=data&tags=flooding&tags=uprn&year=2024"
    ).content.decode()

    assert '<option value="data" selected>' in content
    assert '<option value="2024" selected>' in content
    assert re.search(r'value="flooding" checked', content)
    assert re.search(r'value="uprn" checked', content)
    assert not re.search(r'value="sensors" checked', content)


def test_invalid_filter_values_are_explained_and_the_valid_ones_still_apply(client, library):
    response = client.get(
        "/case-studies/?component=atlantis&place_type=moon-base&organisation_type=pirates"
        "&tags=nope&year=abc&organisation=No%00body&sort=loudest&page=zzz"
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Case studies" in content
    assert "There is a problem" in content
    for message in [
        "Choose a component from the list",
        "Choose a type of place from the list",
        "Choose a type of organisation from the list",
        "Choose themes from the list",
        "Choose a year from the list",
        "Choose an organisation from the list",
        "Choose newest first or most discussed",
    ]:
        assert message in content
    assert "Select a valid choice" not in content
    assert len(result_titles(response)) == 4  # nothing valid to filter by: everything
    summary = content.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]
    targets = re.findall(r'href="#([^"]+)"', summary)
    assert len(targets) == 6  # each filter's error leads to its field (the sort has none)
    for target in targets:
        assert content.count(f'id="{target}"') == 1, target

    partly = client.get("/case-studies/?component=data&year=1066")
    assert result_titles(partly) == ["Leeds sensors", "Barnsley UPRNs", "Lincolnshire maps"]
    assert "Choose a year from the list" in partly.content.decode()


def test_a_page_past_the_end_shows_the_last_page(client, library):
    assert result_titles(client.get("/case-studies/?page=99")) == result_titles(
        client.get("/case-studies/")
    )


# -- sort: most discussed -----------------------------------------------------------------------


def link(post, *case_studies):
    post.case_studies.add(*case_studies)
    return post


def test_most_discussed_counts_visible_threads_the_reader_may_read(
    client, library, forum, private_forum, member
):
    barnsley, wards, leeds = library["barnsley"], library["wards"], library["leeds"]
    # Barnsley: two discussions (one linking twice); Lincolnshire: one.
    first = ThreadFactory(community=forum)
    link(first.posts.get(), barnsley)
    link(reply_to_thread(first, member), barnsley)
    link(ThreadFactory(community=forum).posts.get(), barnsley, library["lincolnshire"])
    # None of these count: a hidden post, a deleted post, a hidden thread, a held thread.
    shown = ThreadFactory(community=forum)
    link(reply_to_thread(shown, member, is_hidden=True), leeds)
    link(reply_to_thread(shown, member, is_deleted=True), leeds)
    link(ThreadFactory(community=forum, is_hidden=True).posts.get(), leeds)
    held = ThreadFactory(community=forum, is_held=True)
    Post.objects.filter(thread=held).update(number=None, is_held=True)
    link(held.posts.get(), leeds)
    # Two discussions in the members-only community: they count only for its members.
    for _ in range(2):
        link(ThreadFactory(community=private_forum).posts.get(), wards)

    anonymous = client.get("/case-studies/?sort=discussed")
    assert result_titles(anonymous) == [
        "Barnsley UPRNs",
        "Lincolnshire maps",
        "Leeds sensors",
        "Virtual wards",
    ]
    content = anonymous.content.decode()
    assert "discussed in 2 discussions" in content and "discussed in 1 discussion" in content
    assert "not discussed yet" in content

    client.force_login(member)
    assert result_titles(client.get("/case-studies/?sort=discussed"))[:2] == [
        "Barnsley UPRNs",
        "Virtual wards",
    ]


def test_sort_links_and_pages_keep_the_filters(client, forum, make_case_study):
    for number in range(25):
        make_case_study(f"Sensor story {number:02d}", forum, tags=["sensors"])

    response = client.get("/case-studies/?component=data&tags=sensors")
    content = unescape(response.content.decode())

    assert len(result_titles(response)) == 20
    assert re.search(r'href="\?component=data&tags=sensors&page=2"', content)
    assert re.search(r'href="\?component=data&tags=sensors&sort=discussed"', content)

    sorted_page = unescape(
        client.get("/case-studies/?component=data&tags=sensors&sort=discussed").content.decode()
    )
    assert re.search(r'href="\?component=data&tags=sensors&sort=discussed&page=2"', sorted_page)
    assert '<input type="hidden" name="sort" value="discussed">' in sorted_page
    assert '<a class="govuk-link" href="/case-studies/">Clear filters</a>' in sorted_page
    second = client.get("/case-studies/?component=data&tags=sensors&sort=discussed&page=2")
    assert len(result_titles(second)) == 5
    assert "(page 2 of 2)" in second.content.decode()


# -- feed ---------------------------------------------------------------------------------------


def test_feed_is_atom_with_the_newest_case_studies_for_the_filters(client, library):
    response = client.get("/case-studies/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own response
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [
        "Leeds sensors",
        "Barnsley UPRNs",
        "Virtual wards",
        "Lincolnshire maps",
    ]
    leeds = entries[0]
    assert leeds.find(f"{ATOM}link").get("href").startswith("http://testserver/case-studies/")
    assert leeds.find(f"{ATOM}author/{ATOM}name").text == "Leeds City Council"
    assert {category.get("term") for category in leeds.findall(f"{ATOM}category")} >= {
        "Data",
        "sensors",
    }

    filtered = ET.fromstring(client.get("/case-studies/feed/?tags=flooding").content)  # noqa: S314
    assert [entry.find(f"{ATOM}title").text for entry in filtered.findall(f"{ATOM}entry")] == [
        "Lincolnshire maps"
    ]
    assert_queries_constant(
        client,
        "/case-studies/feed/",
        lambda: bulk_case_studies(library["leeds"].get_parent(), 40),
        max_queries=14,
    )
    page = client.get("/case-studies/?tags=flooding").content.decode()
    assert (
        'type="application/atom+xml"' in page and 'href="/case-studies/feed/?tags=flooding"' in page
    )


# -- scale --------------------------------------------------------------------------------------

SIX_FILTERS = (
    "component=data&place_type=city&organisation_type=local-authority&tags=sensors"
    "&year=2024&organisation=Leeds+City+Council"
)


def varied(forum, private_forum):
    """Case studies whose facts cycle, so that about one in 60 passes all six filters."""
    organisations = ["Leeds City Council", "Barnsley Council", "NHS England", "Nesta"]
    place_types = [PlaceType.CITY, PlaceType.TOWN, PlaceType.RURAL]
    organisation_types = [OrganisationType.LOCAL_AUTHORITY, OrganisationType.PARTNERSHIP]
    themes = [["sensors", "housing"], ["open data"], ["sensors"], ["flooding", "data sharing"]]

    def make(number):
        return {
            "title": f"Case study number {number}",
            "organisation": organisations[number % 4],
            "place_type": place_types[number % 3],
            "organisation_type": organisation_types[number % 2],
            "tags": themes[number % 4],
            "published_date": datetime.date(2024 - number % 5, 1 + number % 12, 1),
            "components": [forum] if number % 2 == 0 else [forum, private_forum],
        }

    return make


# Signed in: 19 queries newest first; most discussed adds the communities the member may read
# (readable_community_ids: view restrictions, permissions, memberships).
@pytest.mark.parametrize(("sort", "max_queries"), [("newest", 19), ("discussed", 23)])
def test_library_with_5000_case_studies_and_six_filters_costs_what_it_does_with_60(
    client, site_tree, forum, private_forum, member, sort, max_queries
):
    make = varied(forum, private_forum)
    bulk_case_studies(site_tree["case_studies"], 60, make=make)
    thread = ThreadFactory(community=forum)
    link(thread.posts.get(), *CaseStudyPage.objects.filter(organisation="Leeds City Council")[:3])
    client.force_login(member)
    url = f"/case-studies/?{SIX_FILTERS}&sort={sort}"

    def grow():
        bulk_case_studies(site_tree["case_studies"], 4940, make=lambda n: make(n + 60))

    assert_queries_constant(client, url, grow, max_queries=max_queries)

    assert CaseStudyPage.objects.live().count() == 5000
    response = client.get(url)
    assert "84 case studies match your filters" in response.content.decode()
    assert len(result_titles(response)) == 20


# -- the case-study page ------------------------------------------------------------------------


def test_case_study_page_shows_every_part_and_links_facts_to_the_library(
    client, settings, tmp_path, forum, make_case_study
):
    settings.MEDIA_ROOT = tmp_path
    page = make_case_study(
        "LOOP resource data",
        forum,
        slug="loop",
        organisation="Leeds City Council",
        organisation_type=OrganisationType.LOCAL_AUTHORITY,
        place="Leeds",
        place_type=PlaceType.CITY,
        tags=["waste", "data sharing"],
        challenge="<p>Resource data was scattered across organisations.</p>",
        outcomes="<p>Partners saw where 40% of waste came from.</p>",
        lessons="<p>Agree how data is pooled first.</p>",
        contact="Data team, data@example.org",
    )
    page.links.create(title="Leeds City Council", url="https://www.leeds.gov.uk/")
    page.save()
    document = Document.objects.create(
        title="Evaluation report",
        file=ContentFile(b"%PDF-1.4 " + b"x" * 2039, name="evaluation.pdf"),
        file_size=2048,
    )
    CaseStudyDocument.objects.create(page=page, document=document)

    content = client.get("/case-studies/loop/").content.decode()

    for text in [
        "Leeds City Council",
        "local authority",
        "The challenge",
        "Resource data was scattered across organisations.",
        "Outcomes",
        "40% of waste",
        "Lessons",
        "Agree how data is pooled first.",
        'href="mailto:data@example.org"',
        'href="https://www.leeds.gov.uk/"',
        "Evaluation report",
        "PDF</abbr>, 2.0\xa0KB",
    ]:
        assert text in content, text
    assert 'href="/case-studies/?organisation=Leeds%20City%20Council"' in content
    assert 'href="/case-studies/?organisation_type=local-authority"' in content
    assert 'href="/case-studies/?place_type=city"' in content
    assert 'href="/case-studies/?component=data"' in content
    assert 'href="/case-studies/?tags=data-sharing"' in content
    assert 'href="/communities/data/"' in content
    assert 'href="/documents/' in content


def test_beside_each_component_a_link_says_it_leads_to_more_case_studies_about_it(
    client, forum, make_case_study
):
    make_case_study("LOOP resource data", forum, slug="loop")

    content = client.get("/case-studies/loop/").content.decode()

    library_links = re.findall(r'<a [^>]*href="/case-studies/\?component=data">(.*?)</a>', content)
    assert library_links == ["More case studies about data"]
    facts = content.split('<dl class="govuk-summary-list">', 1)[1].split("</dl>", 1)[0]
    assert "·" not in facts  # no stray separator before it


def test_related_case_studies_rank_by_shared_components_and_tags(
    client, forum, private_forum, make_case_study, site_tree
):
    other = CommunityPageFactory(parent=site_tree["communities"], slug="travel")
    make_case_study("The case study", forum, private_forum, slug="it", tags=["sensors", "housing"])
    make_case_study("Everything shared", forum, private_forum, tags=["sensors", "housing"])
    make_case_study("Data, sensors and housing", forum, tags=["sensors", "housing"])
    make_case_study(
        "Both components", forum, private_forum, published_date=datetime.date(2025, 1, 1)
    )
    make_case_study(
        "Health and sensors",
        private_forum,
        tags=["sensors"],
        published_date=datetime.date(2023, 1, 1),
    )
    make_case_study("Data only", forum)
    make_case_study("Nothing shared", other, tags=["buses"])
    unpublished = make_case_study("Unpublished twin", forum, private_forum, tags=["sensors"])
    unpublished.unpublish()

    related = client.get("/case-studies/it/").content.decode().split("Related case studies")[1]

    titles = re.findall(r'class="govuk-link cp-card__link" href="[^"]+">([^<]+)</a>', related)
    assert titles == [
        "Everything shared",
        "Data, sensors and housing",
        "Both components",
        "Health and sensors",
    ]


def test_discussed_in_shows_only_discussions_the_visitor_may_read(
    client, library, forum, private_forum, member, outsider
):
    leeds = library["leeds"]
    public = ThreadFactory(community=forum, title="Sensor batteries in winter")
    link(public.posts.get(), leeds)
    private = ThreadFactory(community=private_forum, title="Sensor alerts for care teams")
    link(private.posts.get(), leeds)
    hidden = ThreadFactory(community=forum, title="A hidden discussion", is_hidden=True)
    link(hidden.posts.get(), leeds)
    url = leeds.url

    for viewer in [None, outsider]:
        if viewer:
            client.force_login(viewer)
        content = client.get(url).content.decode()
        assert "Sensor batteries in winter" in content
        assert "Sensor alerts for care teams" not in content
        assert "A hidden discussion" not in content
    client.force_login(member)
    content = client.get(url).content.decode()
    assert "Sensor batteries in winter" in content and "Sensor alerts for care teams" in content
    assert f'href="/communities/health/discussions/{private.pk}-{private.slug}/"' in content
    assert "A hidden discussion" not in content


def test_case_study_page_queries_do_not_grow_with_related_case_studies_and_discussions(
    client, site_tree, forum, private_forum, member, make_case_study, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    page = make_case_study("The case study", forum, private_forum, slug="it", tags=["sensors"])
    page.links.create(title="More", url="https://example.org/")
    page.save()
    document = Document.objects.create(
        title="Report", file=ContentFile(b"x", name="report.pdf"), file_size=1
    )
    CaseStudyDocument.objects.create(page=page, document=document)

    def discuss(count):
        for community in [forum, private_forum] * count:
            link(ThreadFactory(community=community).posts.get(), page)

    def grow():
        bulk_case_studies(
            site_tree["case_studies"],
            40,
            make=lambda n: {"components": [forum], "tags": ["sensors"] if n % 2 else []},
        )
        discuss(10)

    discuss(1)
    bulk_case_studies(site_tree["case_studies"], 1, make=lambda n: {"components": [forum]})
    # Everything present: 20 queries for a visitor, 26 for a member (who may also read, and
    # start discussions in, the members-only community).
    assert_queries_constant(client, "/case-studies/it/", grow, max_queries=20)
    client.force_login(member)
    assert_queries_constant(client, "/case-studies/it/", lambda: discuss(5), max_queries=26)
    content = client.get("/case-studies/it/").content.decode()
    assert content.count("cp-card__link") == 4
    assert content.count("/discussions/") >= 20


def test_a_bare_case_study_page_costs_few_queries(client, forum, make_case_study):
    make_case_study("Bare", forum, slug="bare")

    client.get("/case-studies/bare/")
    # Routing, view restrictions and navigation (10), its components, which of its parts have
    # content, and related case studies (view restrictions and the query): 14.
    assert count_queries(client, "/case-studies/bare/") <= 14


def test_an_editor_previews_a_case_study_not_yet_saved_with_its_themes_and_components(
    rf, site_tree, forum
):
    editor = UserFactory(is_superuser=True, is_staff=True)
    draft = CaseStudyPage(
        title="A draft case study",
        slug="draft",
        organisation="Test Valley Borough Council",
        place="Test Valley",
        place_type=PlaceType.RURAL,
        summary="What a member submitted.",
        published_date=datetime.date(2024, 5, 1),
        path=f"{site_tree['case_studies'].path}0999",
        depth=site_tree["case_studies"].depth + 1,
        url_path=f"{site_tree['case_studies'].url_path}draft/",
    )
    draft.components = [forum]
    draft.tags.add("rural engagement")
    draft.links = [CaseStudyLink(title="The council", url="https://www.testvalley.gov.uk/")]
    request = rf.get("/case-studies/draft/")
    request.user = editor

    response = draft.make_preview_request(request)

    content = response.render().content.decode()
    assert response.status_code == 200
    assert "#rural engagement" in content and 'href="/communities/data/"' in content
    assert "https://www.testvalley.gov.uk/" in content


# -- demo content -------------------------------------------------------------------------------


def test_every_demo_case_study_has_a_type_of_organisation_themes_a_challenge_and_lessons():
    slugs = {case_study["slug"] for case_study in demo_content.CASE_STUDIES}

    assert set(demo_content.CASE_STUDY_DETAILS) == slugs
    for slug, details in demo_content.CASE_STUDY_DETAILS.items():
        assert details["organisation_type"] in OrganisationType.values, slug
        assert 2 <= len(details["tags"]) <= 4, slug
        assert all(tag == tag.lower() and len(tag) <= 30 for tag in details["tags"]), slug
        assert details["challenge"] and details["lessons"], slug


def test_seeded_library_has_themes_and_a_discussion_links_a_case_study(client):
    from home.seeding import seed_demo_content

    seed_demo_content(password="a-demo-password-for-tests")

    wards = CaseStudyPage.objects.get(slug="nhs-england-virtual-wards")
    assert wards.organisation_type == OrganisationType.HEALTH_AND_CARE
    assert sorted(wards.tags.names()) == ["remote monitoring", "social care", "virtual wards"]
    assert "<p>" in wards.challenge and "<p>" in wards.lessons
    linking = Post.objects.filter(case_studies=wards).select_related("thread")
    assert [post.thread.title for post in linking] == [
        "Virtual wards: what did you measure in the first six months?"
    ]
    page = client.get(wards.url).content.decode()
    assert "Virtual wards: what did you measure in the first six months?" in page
    assert "#virtual wards" in page
    library = client.get("/case-studies/?tags=sensors").content.decode()
    assert "Leeds City Council: sensors in social housing" in library


# -- in a browser -------------------------------------------------------------------------------


def library_journey(browser, base_url):
    from tests.browser.test_journeys import check_page, follow, open_page

    reports = []
    with open_page(browser, base_url) as page:
        reports.append(check_page(page, page.goto("/case-studies/")))
        filters = page.get_by_role("main").locator("form.cp-filters")
        filters.get_by_label("Component").select_option(label="Data")
        filters.get_by_label("data standards").check()
        reports.append(check_page(page, follow(page, filters.get_by_role("button"))))
        assert "component=data" in page.url and "tags=data-standards" in page.url
        assert "Barnsley Council: using UPRNs" in page.get_by_role("main").inner_text()

        reports.append(check_page(page, page.goto("/case-studies/?year=1066&sort=loudest")))
        assert page.locator(".govuk-error-summary").is_visible()

        response = follow(page, page.get_by_role("link", name="Barnsley Council: using UPRNs"))
        reports.append(check_page(page, response))
        reports.append(check_page(page, page.goto("/case-studies/nhs-england-virtual-wards/")))
        discussion = page.get_by_role("link", name="Virtual wards: what did you measure")
        response = follow(page, discussion)
        reports.append(check_page(page, response))
        assert page.locator(".cp-post .cp-card").count() == 1

    with open_page(browser, base_url, javascript=False) as page:
        response = page.goto("/case-studies/?component=data&tags=data-standards&sort=discussed")
        assert response.ok and "Barnsley Council" in page.get_by_role("main").inner_text()
    return [report for report in reports if report]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_library_case_study_and_card_pages_have_no_accessibility_violations(
    browser, live_server, seeded
):
    violations = browser.run(library_journey, live_server.url)

    assert not violations, "axe-core found WCAG 2.2 A/AA violations:\n\n" + "\n\n".join(violations)
