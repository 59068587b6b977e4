"""Greedy layout, with fake metrics (properties) and a few exact cases."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safepath.text.breaks import fallback_break_opportunities, normalize_newlines, syllable_boundaries
from safepath.text.layout import layout, size_of
from safepath.text.scripts import LATIN, MYANMAR, THAI, is_mark


def fake_measure(text, script, bold=False):
    """Marks take no room; Thai and Burmese letters are wider; bold adds a pixel a letter."""
    per = {LATIN: 8, THAI: 11, MYANMAR: 13}[script] + (1 if bold else 0)
    return sum(0 if is_mark(ch) else per for ch in text)


TRICKY_BURMESE = ["ဂိမ်း", "သင့်", "မင်္ဂလာပါ", "ကျွန်ုပ်", "မက်ဆေ့ချ်", "ကြောင်း", "ဗုဒ္ဓ", "အင်္ဂလိပ်"]
#: Burmese words of one syllable: never split (longer Burmese words may break between syllables)
ONE_SYLLABLE_BURMESE = ["ဂိမ်း", "သင့်", "ကျွန်ုပ်", "ကြောင်း", "ဆေ့ချ်", "မင်္ဂ"]
TRICKY_THAI = ["เริ่ม", "บอกว่า", "ประสบการณ์", "ผู้ใหญ่", "น้ำ", "ปฏิเสธ"]
PIECES = TRICKY_BURMESE + TRICKY_THAI + [
    "ကစားပါ", "အလုပ်", "တစ်လ", "ဖုန်း", "เงินเดือน", "บาท", "ครับ", "hello", "world", "Supercalifragilistic",
    "45,000", "1300", " ", " ", "  ", "\n", "။", "၊", "ๆ", "!", "(", ")", "\u200b", "😀",
]

texts = st.lists(st.sampled_from(PIECES), min_size=0, max_size=40).map("".join)
widths = st.integers(min_value=1, max_value=400)


def line_starts(text, lines):
    """Offsets in the normalised text where each line begins, and whether it begins a paragraph."""
    out, at, new_paragraph = [], 0, True
    for line in lines:
        out.append((at, new_paragraph))
        at += len(line.text) + len(line.trailing)
        new_paragraph = line.trailing.endswith("\n")
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, widths, st.booleans())
def test_layout_properties(text, width, bold):
    lines = layout(text, width, fake_measure, line_height=20, baseline=15, bold=bold)
    normal = normalize_newlines(text)
    # nothing lost or added: the dropped parts are only break spaces and newlines
    assert "".join(line.text + line.trailing for line in lines) == normal
    assert all(set(line.trailing) <= set(" \t\u00a0\u3000\u200b\n") for line in lines)
    for line, (start, new_paragraph) in zip(lines, line_starts(normal, lines)):
        # every line fits, unless it is one unbreakable unit (a syllable / cluster) wider than the box
        if line.width > width:
            paragraph_start = normal.rfind("\n", 0, start) + 1
            paragraph = normal[paragraph_start:normal.find("\n", start) if "\n" in normal[start:] else len(normal)]
            local = start - paragraph_start
            inner = [b for b in fallback_break_opportunities(paragraph) if local < b < local + len(line.text)]
            assert not inner, (line.text, width)
        # no line but a paragraph's first starts with a space, ၊ ။ or ๆ, or with a mark
        if not new_paragraph and line.text:
            assert line.text[0] not in " ၊။ๆ" and not is_mark(line.text[0])
        # runs tile the line
        assert "".join(r.text for r in line.runs) == line.text
        x = 0
        for run in line.runs:
            assert run.x == x and run.width == fake_measure(run.text, run.script, bold)
            x += run.width
        assert line.width == x
    assert [line.y for line in lines] == [20 * i for i in range(len(lines))]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=30), widths)
def test_no_break_inside_a_burmese_syllable(parts, width):
    text = "".join(parts).replace("\n", "")
    lines = layout(text, width, fake_measure)
    allowed = syllable_boundaries(text)
    at = 0
    for line in lines[:-1]:
        at += len(line.text) + len(line.trailing)
        assert at in allowed or not any(0x1000 <= ord(c) <= 0x109F for c in text[max(0, at - 1):at + 1]), at


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TRICKY_THAI + ONE_SYLLABLE_BURMESE + ["ครับ", "ကို"]), min_size=1, max_size=25),
       st.integers(min_value=150, max_value=500))
def test_tricky_words_are_never_split_when_they_fit(words, width):
    text = " ".join(words)
    lines = layout(text, width, fake_measure)
    drawn = [line.text for line in lines]
    for line in drawn:
        for piece in line.split(" "):
            if piece:
                # each word on a line is whole, except the Thai phrase บอก|ว่า which may break between its words
                assert piece in words or piece in ("บอก", "ว่า"), (piece, drawn)


def test_explicit_newlines_and_blank_lines():
    lines = layout("one\n\ntwo", 1000, fake_measure, line_height=10)
    assert [line.text for line in lines] == ["one", "", "two"]
    assert size_of(lines) == (24, 30)


def test_trailing_spaces_do_not_count_for_fit():
    # "aaaa " is 40 px wide with its space: it still fits a 32 px box
    lines = layout("aaaa bbbb", 32, fake_measure)
    assert [line.text for line in lines] == ["aaaa", "bbbb"]
    assert [line.trailing for line in lines] == [" ", ""]


def test_over_long_word_falls_back_to_graphemes_and_syllables():
    assert [line.text for line in layout("abcdefgh", 24, fake_measure)] == ["abc", "def", "gh"]
    burmese = layout("မင်္ဂလာပါ", 20, fake_measure)
    assert [line.text for line in burmese] == ["မင်္ဂ", "လာ", "ပါ"]  # မင်္ဂ (39 px) is too wide but never cut


def test_single_cluster_wider_than_box_goes_alone():
    assert [line.text for line in layout("ab", 3, fake_measure)] == ["a", "b"]


def test_mixed_runs_on_one_line_have_their_own_scripts():
    (line,) = layout("เงินเดือน 45,000 บาท", 1000, fake_measure)
    assert [(r.text, r.script) for r in line.runs] == [("เงินเดือน ", THAI), ("45,000 ", LATIN), ("บาท", THAI)]


def test_empty_text_gives_one_empty_line():
    lines = layout("", 100, fake_measure, line_height=12)
    assert len(lines) == 1 and lines[0].text == "" and size_of(lines) == (0, 12)


def test_over_long_thai_compound_breaks_between_its_words():
    lines = layout("หนังสือเดินทาง", 80, fake_measure)
    assert [line.text for line in lines] == ["หนังสือ", "เดินทาง"]


def test_an_amount_too_wide_for_its_line_is_cut_after_its_no_break_space_not_inside_the_number():
    """The game binds a number to its currency word ("ဘတ် 45,000"); in a box too narrow even for the pair,
    the cut goes after the no-break space, never between digits."""
    text = "ထိုင်း ဘတ်\u00a045,000၊ ကျပ်\u00a01,300,000"
    for width in (75, 80, 90):  # the number fits a line; the number with its word does not
        lines = [line.text for line in layout(text, width, fake_measure)]
        for line in lines:
            assert not line.startswith(("0", ",")), lines
        assert "45,000၊" in "".join(lines) and any(line.startswith("45,000") for line in lines), (width, lines)
