"""Script runs: which font draws each character."""

from safepath.text.scripts import LATIN, MYANMAR, THAI, assign_scripts, font_has, split_runs, uncovered


def runs(text):
    return [(r.text, r.script) for r in split_runs(text)]


def test_thai_with_digits_uses_latin_font_for_the_number_only():
    assert runs("เงินเดือน 45,000 บาท") == [("เงินเดือน ", THAI), ("45,000 ", LATIN), ("บาท", THAI)]


def test_burmese_with_digits():
    assert runs("ဖုန်း 1300") == [("ဖုန်း ", MYANMAR), ("1300", LATIN)]


def test_common_characters_at_the_start_take_the_following_run_when_its_font_has_them():
    assert runs(" ကို") == [(" ကို", MYANMAR)]
    assert runs("(ဖုန်း)") == [("(", LATIN), ("ဖုန်း", MYANMAR), (")", LATIN)]  # no ( ) in Noto Sans Myanmar


def test_common_characters_prefer_the_preceding_run():
    assert runs("สวัสดี hello") == [("สวัสดี ", THAI), ("hello", LATIN)]
    assert runs("hello สวัสดี") == [("hello ", LATIN), ("สวัสดี", THAI)]


def test_burmese_and_thai_digits_stay_with_their_script():
    assert runs("၁၂၃") == [("၁၂၃", MYANMAR)]
    assert runs("๑๒๓") == [("๑๒๓", THAI)]


def test_combining_marks_stay_with_their_base():
    text = "e\u0301ไม่"
    assert assign_scripts(text) == [LATIN, LATIN, THAI, THAI, THAI]
    # a Latin combining mark after Thai still belongs to the Thai cluster
    assert len(split_runs("ก\u0331")) == 1


def test_myanmar_extended_ranges_are_myanmar():
    assert runs("\uaa60\ua9e0") == [("\uaa60\ua9e0", MYANMAR)]


def test_runs_concatenate_to_the_text():
    text = "Call ဖုန်း 1300 (24/7) or โทร 1300, ๆ ။ done"
    assert "".join(r.text for r in split_runs(text)) == text
    for r in split_runs(text):
        assert text[r.start:r.end] == r.text


def test_characters_no_font_has_are_reported():
    assert uncovered("hi 😀 中 ok") == [(3, "😀"), (5, "中")]
    assert uncovered("เงินเดือน 45,000 บาท") == []
    assert uncovered("a\nb\t") == []


def test_fonts_coverage_read_from_the_font_files():
    assert font_has(THAI, "ก") and not font_has(THAI, "4")
    assert font_has(MYANMAR, "က") and not font_has(MYANMAR, "1")
    assert font_has(LATIN, "4") and not font_has(LATIN, "ก")


def test_script_tests_cover_exactly_the_unicode_blocks():
    from safepath.text.scripts import _MYANMAR_RANGES, _THAI_RANGES, is_myanmar, is_thai

    for ranges, test in ((_THAI_RANGES, is_thai), (_MYANMAR_RANGES, is_myanmar)):
        for lo, hi in ranges:
            assert test(chr(lo)) and test(chr(hi)) and not test(chr(lo - 1)) and not test(chr(hi + 1))
