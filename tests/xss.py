"""Finds markup that could run script in HTML we show, read the way a browser reads it.

The HTML is parsed by lexbor (through selectolax), an HTML5 parser of its own: not html5ever,
which the sanitiser (nh3) parses and writes with, so the check does not share the sanitiser's
blind spots. Entities in attributes are decoded by the parser, as a browser decodes them.

This is a deny-list of what can run script, independent of the sanitiser's allow-list: it stays
meaningful if that allow-list grows.

The corpus (tests/data/xss-vectors/) is a public collection of 7,012 vectors; its README and the
licence of each source it was gathered from are kept beside it.
"""

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

CORPUS = Path(__file__).parent / "data" / "xss-vectors" / "xss-vectors.json"

# Elements that run script, load a document or plug-in, restyle or retarget the page, or submit
# data. SVG and MathML are refused whole: foreign content brings its own script, event, link
# and animation rules (<animate attributeName=href>, <use href>, <foreignObject>) and the
# parser switches behind mutation XSS. noscript, noembed, noframes, xmp, plaintext and template
# hold text that parses differently depending on where and how it is parsed (mutation XSS).
SCRIPT_CAPABLE_ELEMENTS = frozenset(
    {
        "script",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "portal",
        "fencedframe",
        "svg",
        "math",
        "style",
        "link",
        "base",
        "form",
        "meta",
        "noscript",
        "noembed",
        "noframes",
        "xmp",
        "plaintext",
        "template",
        "xml",
        "import",
    }
)

# Attributes that hold one URL that is loaded, navigated to or submitted to.
URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "poster",
        "background",
        "data",
        "codebase",
        "cite",
        "longdesc",
        "lowsrc",
        "dynsrc",
        "manifest",
        "icon",
        "usemap",
        "classid",
        "profile",
    }
)
# Attributes that hold a list of URLs ("url 2x, url 640w"; "url url").
URL_LIST_ATTRIBUTES = frozenset({"srcset", "imagesrcset", "ping", "archive"})
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "livescript", "data"})

# Ignored by browsers inside a URL's scheme (tab, newline), stripped around it (C0 controls and
# space), or ignored by older engines anywhere; also invisible format characters (zero-width
# spaces, bidi marks) that make "java\u200bscript:" look different from what a reader sees, and
# U+FFFD, which the parser puts for a NUL (that old engines skipped). Removing all of them errs
# on the side of finding a scheme.
_IGNORABLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")

_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|$)", re.DOTALL)
_CSS_HEX_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?")
_CSS_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_CSS_URL_SCRIPT = re.compile(r"url\(['\"]?(?:javascript|vbscript|livescript|data):")
CSS_SCRIPT_MARKERS = ("expression(", "javascript:", "vbscript:", "livescript:", "behavior:")
CSS_SCRIPT_MARKERS += ("behaviour:", "-moz-binding", "@import")


def _compact(text: str) -> str:
    """The text without whitespace, control or format characters, in lower case."""
    return "".join(
        char
        for char in text
        if char != "\ufffd" and unicodedata.category(char) not in _IGNORABLE_CATEGORIES
    ).lower()


def script_scheme(url: str) -> str | None:
    """The URL's scheme if it is one that runs script or carries a document (javascript:,
    vbscript:, data: ...), else None. `url` is already entity-decoded."""
    match = _SCHEME.match(_compact(url))
    return match.group(1) if match and match.group(1) in SCRIPT_SCHEMES else None


def _css_unescape(css: str) -> str:
    def hex_escape(match):
        code = int(match.group(1), 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"

    return _CSS_ESCAPE.sub(r"\1", _CSS_HEX_ESCAPE.sub(hex_escape, css))


def script_in_css(css: str) -> str | None:
    """What in an inline style could run script (expression(), url(javascript:...), IE
    behaviours, Firefox bindings, imports), after CSS comments and escapes, else None."""
    compact = _compact(_css_unescape(_CSS_COMMENT.sub("", css)))
    if _CSS_URL_SCRIPT.search(compact):
        return "url() with a script or data scheme"
    return next((marker for marker in CSS_SCRIPT_MARKERS if marker in compact), None)


def _attribute_problems(tag: str, name: str, value: str) -> list[str]:
    where = f"<{tag} {name}={value!r}>"
    local = name.lower().rsplit(":", 1)[-1]  # xlink:href, xml:base -> href, base
    if local.startswith("on"):
        return [f"event handler {where}"]
    if local == "srcdoc":
        return [f"a document in an attribute {where}"]
    if local == "style":
        found = script_in_css(value)
        return [f"script in a style ({found}) {where}"] if found else []
    if local in URL_ATTRIBUTES or name.lower() == "xml:base":
        urls = [value]
    elif local in URL_LIST_ATTRIBUTES:
        # Every token, URL or descriptor ("2x", "640w"): a descriptor never has a scheme.
        urls = re.split(r"[\s,]+", value)
    else:
        return []
    schemes = {scheme for url in urls if (scheme := script_scheme(url))}
    return [f"{scheme}: URL {where}" for scheme in sorted(schemes)]


def script_capable_markup(html: str) -> list[str]:
    """Every piece of the HTML that could run script, as a browser would parse it; an empty
    list when it is inert."""
    problems = []
    for node in LexborHTMLParser(html).root.traverse():
        tag = (node.tag or "").lower()  # None for the bogus comments "<?" opens
        if tag in SCRIPT_CAPABLE_ELEMENTS:
            problems.append(f"<{tag}> element")
        for name, value in node.attributes.items():
            problems += _attribute_problems(tag, name, value or "")
    return problems


@cache
def corpus() -> tuple[dict, ...]:
    """The vectors, each {"id", "payload", "context", "description"}, one per distinct payload
    (the first id it appears under)."""
    distinct = {}
    for vector in json.loads(CORPUS.read_text(encoding="utf-8"))["vectors"]:
        distinct.setdefault(vector["payload"], vector)
    return tuple(distinct.values())
