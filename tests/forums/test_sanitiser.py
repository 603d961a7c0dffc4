"""The renderer of posts and private messages against known XSS payloads and random input.

forums.rendering.render_post is community.rendering.render_markdown (Markdown, then nh3)
plus linked @mentions; what it returns goes into pages with |safe, so nothing a member
types may come out as script, an event handler, a dangerous link or a style.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forums.rendering import render_post
from members.models import User

pytestmark = pytest.mark.django_db

ALLOWED_TAGS = {
    "p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td", "hr", "h3", "h4", "del",
}  # fmt: skip
BLOCK_TAGS = {"p", "ul", "ol", "blockquote", "pre", "table", "h3", "h4"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "background", "poster"}
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")


class Tags(HTMLParser):
    """Every start tag of a fragment with its attributes, as a browser would read them."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def _squeezed(value: str) -> str:
    """A URL as a browser's scheme check sees it: entities decoded, no whitespace or controls."""
    value = html.unescape(value)
    return re.sub(r"[\x00-\x20\x7f]+", "", value).lower()


def assert_inert(output: str) -> None:
    lowered = output.lower()
    assert "<script" not in lowered
    assert "<style" not in lowered
    for tag, attributes in Tags(output).tags:
        assert tag in ALLOWED_TAGS, f"<{tag}> in {output!r}"
        for name, value in attributes.items():
            assert not name.startswith("on"), f"{name}= on <{tag}> in {output!r}"
            assert name not in {"style", "srcdoc", "formaction"}, f"{name}= in {output!r}"
            if name in URL_ATTRIBUTES:
                assert not _squeezed(value).startswith(DANGEROUS_SCHEMES), (
                    f"{name}={value!r} in {output!r}"
                )
        if tag == "a":
            if attributes.get("class") == "mention":  # ours, added after sanitising
                assert re.fullmatch(r"/forums/u/[a-z0-9-]+/", attributes["href"])
                assert set(attributes) == {"class", "href"}
            else:
                assert {"nofollow", "ugc"} <= set(attributes.get("rel", "").split())
                assert set(attributes) <= {"href", "title", "rel"}
        if tag in BLOCK_TAGS:
            assert attributes.get("dir") == "auto", f"<{tag}> without dir=auto in {output!r}"


def rendered(body: str) -> str:
    return render_post(body).html


# Known payloads --------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>alert(1)<</script>/script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<img src=`javascript:alert(1)`>",
    "<body onload=alert(1)>",
    '<p onclick="alert(1)">click</p>',
    "<p/onmouseover=alert(1)>hover</p>",
    '<a href="https://ok.example" onmouseover="alert(1)">x</a>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="position:fixed;inset:0">cover the page</p>',
    "<style>body{display:none}</style>",
    "<svg onload=alert(1)><circle r=10 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    '<form action="javascript:alert(1)"><button>go</button></form>',
    '<button formaction="javascript:alert(1)">go</button>',
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    '<video><source onerror="alert(1)"></video>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<link rel=stylesheet href="javascript:alert(1)">',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click](javascript&#58;alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](DATA:text/html,<script>alert(1)</script>)",
    '[click](https://ok.example "title" onmouseover="alert(1)")',
    '[click](https://ok.example" onmouseover="alert(1))',
    "![image](javascript:alert(1))",
    '![image](https://ok.example/x.png" onerror="alert(1))',
    "[ref]: javascript:alert(1)\n\n[click][ref]",
    "[ref]: data:text/html,hi\n\n[click][ref]",
    "<javascript:alert(1)>",
    "[[inner](javascript:alert(1))](https://ok.example)",
    "[a](https://ok.example)[b](javascript:alert(1))",
    "[x](https://ok.example)(javascript:alert(1))",
    '<a href="java&#x09;script:alert(1)">tab</a>',
    '<a href="java&#x0A;script:alert(1)">newline</a>',
    '<a href="java&#x0D;script:alert(1)">return</a>',
    '<a href="&#x20;javascript:alert(1)">leading space</a>',
    '<a href="jav&#97;script:alert(1)">entity</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112'
    '&#0000116&#0000058alert(1)">padded entities</a>',
    '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
    "<a href=javascript:alert(1)>unquoted</a>",
    "<a href='vbscript:msgbox(1)'>vb</a>",
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    '<a href="https://ok.example" style="color:red">styled</a>',
    '<a href="https://ok.example" rel="opener">opener</a>',
    '<a href="https://ok.example" target="_blank">new tab</a>',
    '<p dir="ltr" class="x" id="y">attributes of its own</p>',
    '<p dir="x>@amina <img src=x onerror=alert(1)>">mention in an attribute</p>',
    '<a title="@amina" href="https://ok.example">mention in a title</a>',
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    "> <script>alert(1)</script>",
    "| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |",
    "<!-- <script>alert(1)</script> -->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<textarea><script>alert(1)</script></textarea>",
    "<template><script>alert(1)</script></template>",
    '<a href="https://ok.example">@amina</a> and @amina and `@amina`',
]


@pytest.fixture
def amina():
    return User.objects.create(email="amina@example.org", handle="amina")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_known_payloads_come_out_inert(payload, amina):
    assert_inert(rendered(payload))


def test_ordinary_markdown_survives(amina):
    output = rendered(
        "Hello **world**, see [the guide](https://ok.example/guide) and ask @amina.\n\n"
        "- one\n- two\n\n> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )

    assert "<strong>world</strong>" in output
    assert '<a href="https://ok.example/guide" rel="nofollow ugc noopener">the guide</a>' in output
    assert '<a class="mention" href="/forums/u/amina/">@amina</a>' in output
    assert '<ul dir="auto">' in output and '<blockquote dir="auto">' in output
    assert '<table dir="auto">' in output
    assert_inert(output)


def test_a_block_with_attributes_of_its_own_still_reads_in_its_own_direction():
    assert rendered('<p class="x" dir="ltr">مرحبا</p>') == '<p dir="auto">مرحبا</p>'


def test_a_lone_surrogate_is_replaced_and_the_rest_kept():
    # No HTTP form can send one, but JSON can ("\\ud800"); the sanitiser refused such text.
    output = rendered("Half a pair \ud800 and **bold** words")

    assert "Half a pair ? and <strong>bold</strong> words" in output


def test_one_text_leaves_nothing_behind_for_the_next():
    # Each thread reuses one Markdown renderer (community/rendering.py), reset after each text.
    rendered("[register]: https://register.example\n\nSee the [register].")

    later = rendered("Our [register] is different.")

    assert "href" not in later
    assert "[register]" in later


def test_each_thread_renders_with_a_renderer_of_its_own():
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"**Reply {n}** with\n\n- a list\n- of {n} items" for n in range(200)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        outputs = list(pool.map(rendered, texts))

    for n, output in enumerate(outputs):
        assert output == rendered(texts[n])
        assert f"<strong>Reply {n}</strong>" in output


def test_script_text_is_shown_as_text():
    output = rendered("Write `<script>` in the page head.")

    assert "<code>&lt;script&gt;</code>" in output


def test_a_mention_inside_an_attribute_is_not_linked(amina):
    output = rendered('<a title="ask @amina" href="https://ok.example">x</a>')

    assert 'class="mention"' not in output
    assert_inert(output)


# Any input -------------------------------------------------------------------------------

FRAGMENTS = st.sampled_from(
    [
        "<", ">", "/", '"', "'", "=", "`", "&", "#", ";", ":", "(", ")", "[", "]", "!", "\n",
        "\n\n", " ", "\t", "\x00", "<script>", "</script>", "<img src=x ", "<a href=", "<p ",
        "<svg ", "<iframe ", "<style>", "onerror=", "onload=", " onclick=", "style=",
        "javascript:", "JaVaScRiPt:", "java\tscript:", "data:", "vbscript:", "&#x09;", "&#106;",
        "&#58;", "&colon;", "](", "[x](", "![x](", "[r]: ", "<https://", "https://ok.example",
        "@amina", "@", "**", "`", "```", "> ", "- ", "| a |", "|---|", "<!--", "-->", "dir=",
    ]
)  # fmt: skip
MARKUP_SOUP = st.lists(st.one_of(FRAGMENTS, st.text(max_size=5)), max_size=30).map("".join)


# No example database: a failure prints the input that caused it, and nothing is written
# into the working tree.
# The `amina` fixture is the same member for every example, as intended.
FAST = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
}


@settings(max_examples=150, **FAST)
@given(body=MARKUP_SOUP)
def test_any_markup_soup_comes_out_inert(body, amina):
    assert_inert(rendered(body))


@settings(max_examples=100, **FAST)
@given(body=st.text(max_size=300))
def test_any_text_comes_out_inert(body):
    assert_inert(rendered(body))


@settings(max_examples=100, **FAST)
@given(
    label=st.text(alphabet=st.characters(exclude_characters="[]\n"), max_size=20),
    scheme=st.sampled_from(["javascript", "JAVASCRIPT", "jAvAsCrIpT", "data", "vbscript"]),
    filler=st.sampled_from(["", "\t", "&#x09;", "&#9;", "&#x0A;", " ", "%20"]),
    split=st.integers(min_value=0, max_value=10),
    wrap=st.sampled_from(["md", "md-angle", "html", "html-unquoted", "reference"]),
)
def test_dangerous_links_lose_their_target(label, scheme, filler, split, wrap):
    """However the scheme is cased, split or spelled, the link keeps no dangerous target."""
    at = min(split, len(scheme))
    url = f"{scheme[:at]}{filler}{scheme[at:]}:alert(1)"
    body = {
        "md": f"[{label}]({url})",
        "md-angle": f"[{label}](<{url}>)",
        "html": f'<a href="{url}">{label}</a>',
        "html-unquoted": f"<a href={url}>{label}</a>",
        "reference": f"[{label}][r]\n\n[r]: {url}",
    }[wrap]

    assert_inert(rendered(body))
