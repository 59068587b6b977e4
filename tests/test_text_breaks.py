"""Line-break opportunities, syllables, grapheme clusters, typewriter units."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safepath.text.breaks import (
    fallback_break_opportunities,
    grapheme_boundaries,
    graphemes,
    line_break_opportunities,
    reveal_units,
    split_paragraphs,
    syllables,
)


def pieces(text):
    cuts = (0,) + line_break_opportunities(text) + (len(text),)
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]


def test_icu_break_inside_burmese_syllable_is_dropped():
    assert pieces("ဂိမ်းကစားပါ")[0] == "ဂိမ်း"  # ICU alone gives ဂိ|မ်း


@pytest.mark.parametrize("word", ["ဂိမ်း", "သင့်", "မင်္ဂ", "ကျွန်ုပ်", "ချ်", "ကြောင်း", "တို့", "ဗုဒ္ဓ"])
def test_burmese_syllables_are_whole(word):
    assert syllables(word) == [word]
    assert fallback_break_opportunities(word) == ()


def test_syllables_of_a_sentence():
    assert syllables("မင်္ဂလာပါ") == ["မင်္ဂ", "လာ", "ပါ"]
    assert syllables("သင့်အလုပ်") == ["သင့်", "အ", "လုပ်"]
    assert syllables("မက်ဆေ့ချ်") == ["မက်", "ဆေ့ချ်"]


#: Tricky Thai words; "|" marks the only place a break may fall (between two words of a phrase:
#: บอก|ว่า "tell that", เงิน|เดือน "money month" = salary). A wrong segmenter splits บอ|กว่า or เริ่|ม.
TRICKY_THAI = ["เริ่ม", "บอก|ว่า", "ประสบการณ์", "หนังสือเดินทาง", "เงิน|เดือน", "ปฏิเสธ", "ผู้ใหญ่", "น้ำ", "ไม่"]


@pytest.mark.parametrize("entry", TRICKY_THAI)
def test_thai_words_are_not_split(entry):
    word = entry.replace("|", "")
    allowed = {entry.index("|")} if "|" in entry else set()
    text = f"วันนี้{word}ครับ"
    start = text.index(word)
    for cut in line_break_opportunities(text):
        if start < cut < start + len(word):
            assert cut - start in allowed, (word, cut - start)


def test_thai_words_get_breaks_between_them():
    assert pieces("เริ่มต้นบอกว่า") == ["เริ่ม", "ต้น", "บอก", "ว่า"]


@pytest.mark.parametrize("text", ["hello ၊world", "ကို ။ ပါ", "ดี ๆ ครับ", "a  b", "ดีๆครับ"])
def test_no_line_starts_with_space_or_forbidden_mark(text):
    for cut in line_break_opportunities(text):
        assert text[cut] not in " ၊။ๆ"


def test_offsets_are_code_points_even_after_emoji():
    text = "a😀b c😀 ကစားပါ"
    assert "".join(pieces(text)) == text
    assert pieces(text)[:2] == ["a", "😀"] or "b " in pieces(text)
    assert grapheme_boundaries("😀a") == (1, 2)


@given(st.text(alphabet="ab \r\n\t\x00\x1f.,-!~", min_size=1, max_size=14))
@settings(max_examples=300, deadline=None)
def test_ascii_clusters_without_icu_are_icus(text):
    from safepath.text.breaks import _character_breaker, _lengths_to_offsets

    assert grapheme_boundaries(text) == tuple(_lengths_to_offsets(_character_breaker(text)))


def test_graphemes_keep_marks_with_their_base():
    assert graphemes("ริ่ม") == ["ริ่", "ม"]
    assert graphemes("e\u0301x") == ["e\u0301", "x"]
    assert graphemes("👍🏽!") == ["👍🏽", "!"]


def test_reveal_units_rebuild_the_text_and_keep_syllables_whole():
    text = "ဂိမ်းကစားပါ\nเริ่ม ok"
    units = reveal_units(text)
    assert "".join(units) == text
    assert "ဂိမ်း" in units and "\n" in units
    assert "ริ่" in units  # Thai: whole clusters
    assert not any(u and u[0] in "\u103a\u1039\u0e48" for u in units)


def test_reveal_units_with_windows_newlines():
    assert "".join(reveal_units("a\r\nb")) == "a\r\nb"


def test_split_paragraphs():
    assert split_paragraphs("a\r\nb\rc\u2028d\ne") == ["a", "b", "c", "d", "e"]


def test_empty_text():
    assert line_break_opportunities("") == ()
    assert reveal_units("") == []
    assert graphemes("") == []


def test_thai_compound_too_long_is_cut_between_its_words():
    from safepath.text.breaks import preferred_fallback_breaks

    word = "หนังสือเดินทาง"
    assert [word[:p] for p in preferred_fallback_breaks(word)] == ["หนังสือ", "หนังสือเดิน"]
    assert [("ประสบการณ์"[:p]) for p in preferred_fallback_breaks("ประสบการณ์")] == ["ประสบ"]
    assert preferred_fallback_breaks("hello") == ()


def test_thai_fallback_never_separates_vowel_from_consonant():
    cuts = fallback_break_opportunities("เริ่มงาน")
    text = "เริ่มงาน"
    for c in cuts:
        assert text[c - 1] not in "เแโใไ" and text[c] not in "ะาำ"
    assert 1 not in cuts  # never เ|ริ่ม
    assert "ณ์" not in [text[c:] for c in fallback_break_opportunities("การณ์")]
