"""Text as search sees it: what a reader typed, what a document says, and the words in both.

The database backend matches on words folded here (lower case, accents and Arabic
diacritics removed, Arabic letter variants unified, a light Arabic stemmer), so that
"Gouvernement", "gouvernement" and "GOUVERNEMENT", or "الحكومة" and "حكومه", find each other.
Elasticsearch does the same with its own analysers (search/backends/elasticsearch/analysis.py).
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

# What a reader may type; more is cut, never an error.
MAX_QUERY_LENGTH = 200
# Words of a query that are searched for; the rest of a very long query is ignored.
MAX_QUERY_WORDS = 12

# Anything that is not a letter, a digit or a space: query syntax of SQLite FTS, PostgreSQL
# tsquery and Elasticsearch alike ("AND", quotes, brackets, stars, colons, slashes).
_NOT_WORD = re.compile(r"[^\w\s]+|_", re.UNICODE)
_WORD = re.compile(r"\w+", re.UNICODE)
_TOKENS = re.compile(r"(\w+)", re.UNICODE)  # split: the words, and what is between them
# FTS5 and tsquery operators, which would be parsed even without punctuation.
_OPERATOR_WORDS = {"and", "or", "not", "near"}

# Arabic: harakat, tanwin, shadda, sukun, superscript alef and tatweel.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_ARABIC_LETTERS = str.maketrans(
    {
        "\u0622": "\u0627",  # alef with madda -> alef
        "\u0623": "\u0627",  # alef with hamza above -> alef
        "\u0625": "\u0627",  # alef with hamza below -> alef
        "\u0671": "\u0627",  # alef wasla -> alef
        "\u0649": "\u064a",  # alef maqsura -> yeh
        "\u0629": "\u0647",  # teh marbuta -> heh
        "\u0624": "\u0648",  # waw with hamza -> waw
        "\u0626": "\u064a",  # yeh with hamza -> yeh
    }
)
_ARABIC_SCRIPT = re.compile("[\u0600-\u06ff]")
# Light stemming (after Larkey et al., "light10"): prefixes and suffixes, longest first,
# removed only while at least three letters remain.
_ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و")
_ARABIC_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")


def clean_query(raw: str) -> str:
    """Words only: what a reader types is searched for, never parsed as query syntax."""
    words = _NOT_WORD.sub(" ", raw[:MAX_QUERY_LENGTH]).split()
    return " ".join(words[:MAX_QUERY_WORDS])


def query_words(cleaned: str) -> list[str]:
    """The folded words of a cleaned query, without operator words and duplicates."""
    seen: list[str] = []
    for word in cleaned.split():
        folded = fold_word(word)
        if folded and word.lower() not in _OPERATOR_WORDS and folded not in seen:
            seen.append(folded)
    return seen


def query_terms(cleaned: str) -> list[str]:
    """The words of a cleaned query as typed (for engines that fold words themselves),
    without operator words and duplicates."""
    seen: list[str] = []
    for word in cleaned.split():
        if word.lower() not in _OPERATOR_WORDS and word.lower() not in (w.lower() for w in seen):
            seen.append(word)
    return seen


def plain_text(value: str) -> str:
    """HTML or Markdown-rendered HTML as one line of readable text."""
    text = html.unescape(strip_tags(value or ""))
    return " ".join(text.split())


def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _arabic_light_stem(word: str) -> str:
    for prefix in _ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix) :]
            break
    for suffix in _ARABIC_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word


@lru_cache(maxsize=100_000)
def fold_word(word: str) -> str:
    """One word as the database backend indexes and searches it (remembered: a text says
    the same words again and again, and so do the texts of an index)."""
    word = word.lower()
    if _ARABIC_SCRIPT.search(word):
        word = _ARABIC_MARKS.sub("", word).translate(_ARABIC_LETTERS)
        return _arabic_light_stem(word)
    return _strip_accents(word)


def fold(text: str) -> str:
    """Every word of a text, folded, separated by spaces: what the full-text index stores."""
    return " ".join(fold_word(word) for word in _WORD.findall(text or "") if word != "_")


def _matcher(words: list[str]) -> Callable[[str], bool]:
    """Whether a word of a text is one of the query's: the same once folded, or, for query
    words of four letters or more, starting with one. A prefix match finds plurals and
    other endings ("registry" in "registries" is not, but "government" in "governments"
    is), which is what readers expect of the marked words."""
    exact = frozenset(words)
    prefixes = tuple(word for word in words if len(word) >= 4)

    def matches(token: str) -> bool:
        folded = fold_word(token)
        return folded in exact or (bool(prefixes) and folded.startswith(prefixes))

    return matches


def highlight(text: str, words: list[str], *, size: int = 32) -> SafeString | None:
    """The stretch of `text` (about `size` words) with the most query words, each in <mark>.

    Everything is escaped before <mark> goes in, so the result is safe to show as HTML.
    None when no word of the query is in the text.
    """
    if not text or not words:
        return None
    tokens = _TOKENS.split(text)
    # Odd positions are words, even positions the text between them.
    word_positions = range(1, len(tokens), 2)
    # Each different word is looked at once: a text repeats its words.
    marked = set(filter(_matcher(words), set(tokens[1::2])))
    if not marked:
        return None
    hits = [n for n, token in enumerate(tokens[1::2]) if token in marked]
    # The stretch that starts at a match and holds the most matches; a few words before it
    # are shown too, so that the first match is read in context.
    best, best_count = hits[0], 0
    for n, start in enumerate(hits[:500]):
        count = bisect.bisect_left(hits, start + size) - n
        if count > best_count:
            best, best_count = start, count
    best_start = max(0, best - 3)
    window = word_positions[best_start : best_start + size]
    hit_set = {word_positions[hit] for hit in hits}
    first, last = window[0], window[-1]
    parts = []
    if best_start > 0:
        parts.append("… ")
    else:
        first = 0  # what comes before the first word
    for i in range(first, last + 1):
        piece = html.escape(tokens[i])  # as django.utils.html.escape, without its wrapper
        parts.append(f"<mark>{piece}</mark>" if i in hit_set else piece)
    if last < len(tokens) - 2:
        parts.append(" …")
    else:
        parts.append(html.escape(tokens[-1]))  # the full stop after the last word
    return mark_safe("".join(parts).strip())  # every piece was escaped above


def shorten(text: str, words: int = 40) -> str:
    parts = (text or "").split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
