"""How search reads what readers type and what documents say."""

from search.text import MAX_QUERY_WORDS, clean_query, fold, fold_word, highlight, query_words


def test_query_syntax_is_taken_as_words():
    assert clean_query('title:"open data" AND (C7 OR c10)*') == "title open data AND C7 OR c10"
    assert query_words(clean_query("open AND data OR not NEAR")) == ["open", "data"]


def test_a_long_query_keeps_its_first_words():
    assert len(clean_query("word " * 100).split()) == MAX_QUERY_WORDS


def test_case_and_accents_are_folded():
    assert fold("Gouvernement NUMÉRIQUE à Genève") == "gouvernement numerique a geneve"


def test_arabic_is_normalised_and_lightly_stemmed():
    # With and without the article, diacritics and the alef variants, one word.
    assert fold_word("الحكومة") == fold_word("حكومة") == fold_word("حكومه")
    assert fold_word("أَحْمَد") == fold_word("احمد")
    assert fold_word("والتنمية") == fold_word("تنمية")


def test_the_highlight_marks_the_words_and_escapes_the_rest():
    text = "<b>Open</b> government data in Jordan."
    snippet = highlight(text, query_words("government"))

    assert snippet == "&lt;b&gt;Open&lt;/b&gt; <mark>government</mark> data in Jordan."
    assert highlight(text, ["absent"]) is None


def test_the_highlight_shows_the_stretch_with_the_most_matches():
    text = " ".join(["filler"] * 100 + ["open", "data", "portal"] + ["filler"] * 100)
    snippet = highlight(text, ["open", "data"], size=10)

    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>open</mark> <mark>data</mark>" in snippet
