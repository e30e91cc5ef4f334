"""Markdown is rendered and sanitised once, on save; nothing executable survives.

The corpus covers the usual ways in: script and style elements, event handlers, javascript:,
vbscript: and data: URLs (plain, mixed case, entity-encoded, with whitespace and control
characters), SVG and MathML, iframes and forms, and Markdown's own link and image syntax
carrying those URLs. Each payload is stored as a post and read back through the thread page.
"""

import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communities.forum.rendering import excerpt, render_post
from tests.factories import ThreadFactory

# Rendering looks mentioned handles up in the database.
pytestmark = pytest.mark.django_db

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src=x onerror="alert(1)">',
    "<img src=x onerror=alert(1)//",
    '<svg onload="alert(1)"><circle r="10"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<body onload="alert(1)">',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript:alert(1)">x</a>',
    '<a href="java\tscript:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<div style="background-image:url(javascript:alert(1))">x</div>',
    '<p style="expression(alert(1))">x</p>',
    '<input autofocus onfocus="alert(1)">',
    '<details open ontoggle="alert(1)">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    '[click](https://example.org "title" onmouseover="alert(1)")',
    "[click][ref]\n\n[ref]: javascript:alert(1)",
    "![x](javascript:alert(1))",
    "![x](https://example.org/x.png) <img src=x onerror=alert(1)>",
    '![x" onerror="alert(1)](https://example.org/x.png)',
    "<javascript:alert(1)>",
    "**<script>alert(1)</script>**",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "> <script>alert(1)</script>",
    "* <a href=javascript:alert(1)>x</a>",
    '<a href="https://example.org" onclick="alert(1)">ok</a>',
    "@mia-member <script>alert(1)</script>",
    "<x onclick=alert(1)>custom element</x>",
    '<a href="https://example.org" target="_blank" rel="opener">x</a>',
]

SAFE_ELEMENTS = {
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
SAFE_ATTRIBUTES = {"href", "title", "rel", "class", "start"}
SAFE_SCHEMES = {"http", "https", "mailto"}


class _Elements(HTMLParser):
    """Every element and attribute as a browser's parser would see them (entities decoded)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag

    def handle_comment(self, data):
        self.found.append(("!--", []))


def assert_safe(markup: str) -> None:
    """Only allow-listed elements and attributes; links only to web or mail addresses."""
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    for tag, attrs in parser.found:
        assert tag in SAFE_ELEMENTS, f"<{tag}> in {markup!r}"
        for name, value in attrs:
            assert name in SAFE_ATTRIBUTES, f"{name}= on <{tag}> in {markup!r}"
            if name == "href" and value:
                # Browsers ignore whitespace and control characters inside a scheme.
                compact = re.sub(r"[\x00-\x20]", "", value).lower()
                # A scheme is a letter then letters, digits, "+", "-" or "."; anything else
                # before a colon ('"(<https:') makes a relative address.
                match = re.match(r"([a-z][a-z0-9+.\-]*):", compact)
                scheme = match.group(1) if match else None
                assert scheme is None or scheme in SAFE_SCHEMES, f"href={value!r} in {markup!r}"
            if name == "class":
                assert value == "cp-mention", markup
            if name == "rel":
                assert value == "nofollow ugc noopener", markup


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_payload_renders_without_executable_markup(payload):
    assert_safe(render_post(payload).html)


def test_payloads_stored_and_shown_on_the_thread_page_stay_inert(client, forum, member):
    thread = ThreadFactory(community=forum, author=member, opening_post="Opening")
    for number, payload in enumerate(XSS_PAYLOADS, start=2):
        thread.posts.create(author=member, number=number, body_markdown=payload)
    thread.reply_count = len(XSS_PAYLOADS)
    thread.save()

    pages = [
        client.get(f"/communities/data/discussions/{thread.pk}-{thread.slug}/?page={page}")
        for page in range(1, len(XSS_PAYLOADS) // 20 + 2)
    ]

    for response in pages:
        assert response.status_code == 200
        content = response.content.decode()
        posts = re.findall(r'<div class="cp-prose cp-post__body">(.*?)</div>', content, re.DOTALL)
        assert posts, "the page shows the posts"
        for body in posts:
            assert_safe(body)


def test_links_are_marked_nofollow_ugc_noopener():
    rendered = render_post("[site](https://example.org) and <https://example.com>").html

    assert rendered.count('rel="nofollow ugc noopener"') == 2
    assert 'href="https://example.org"' in rendered


def test_typed_html_is_shown_as_text():
    rendered = render_post("Use <b>bold</b> like this").html

    assert "&lt;b&gt;bold&lt;/b&gt;" in rendered


def test_images_become_links_and_headings_start_below_the_post_heading():
    rendered = render_post("# Title\n\n![A map](https://example.org/map.png)").html

    assert "<h3>Title</h3>" in rendered
    assert "<img" not in rendered
    assert 'href="https://example.org/map.png"' in rendered and ">A map</a>" in rendered


def test_mentions_link_known_handles_only_and_skip_code_and_emails(member):
    rendered = render_post(
        "Hi @mia-member and @no-such-person, mail mia@example.org, code `@mia-member`"
    )

    assert rendered.mentioned == {"mia-member"}
    assert rendered.unknown_mentions == {"no-such-person"}
    assert rendered.html.count('href="/members/mia-member/"') == 1
    assert "<code>@mia-member</code>" in rendered.html


def test_excerpt_is_plain_text():
    assert excerpt("**Bold** <script>x()</script> and [a link](https://e.org)") == "Bold and a link"


# Fragments of Markdown and HTML that attacks are made of, strung together at random.
FRAGMENTS = [
    *"abc <>\"'=/:;&#()[]!*_`-\n\t\x00",
    "<a href=",
    "<img src=x ",
    "<svg ",
    "<script>",
    "</script>",
    "<style>",
    "<iframe ",
    " onload=",
    " onerror=",
    " style=",
    "javascript:",
    "JaVaScRiPt:",
    "vbscript:",
    "data:",
    "&#106;",
    "&#x6A;",
    "&colon;",
    "](",
    "![",
    "[x]: ",
    "<https://",
    "http://",
    "```\n",
    "> ",
    "* ",
    "# ",
    "@mia-member",
    "alert(1)",
    "\n\n",
]
markdownish = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)


@given(markdownish)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_input_renders_to_safe_markup(text):
    assert_safe(render_post(text).html)


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_any_unicode_text_renders_to_safe_markup(text):
    assert_safe(render_post(text).html)
