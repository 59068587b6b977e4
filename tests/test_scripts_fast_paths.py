"""The shortcuts of safepath.text.scripts (English text, characters every font draws) give the full answer.

Issue 18, item 13 (lint speed): `assign_scripts` and `uncovered` skip the cluster-by-cluster work when
the answer is certain; these compare them with the full algorithm on every kind of text.
"""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from safepath.i18n import checks
from safepath.text import scripts

ALPHABET = "abcXYZ019 .,!?'\"()-–\n\t\u00a0éü\u0301กขำ่้ เ\u1000\u1001\u103a\u103c\u1039\u200b\u200c\u200d\u00ad😀€"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_shortcuts_agree_with_the_full_algorithm(text):
    assert list(scripts._assign_with_shipped_fonts(text)) == scripts._assign(text, scripts.font_has)
    full = scripts.uncovered(text, lambda script, ch: scripts.font_has(script, ch))  # not font_has itself: no shortcut
    assert scripts.uncovered(text) == full
    assert scripts.scripts_used(text) == tuple(sorted(set(scripts._assign(text, scripts.font_has))))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x7F), max_size=40))
def test_the_shortcuts_agree_on_any_ascii(text):
    assert list(scripts._assign_with_shipped_fonts(text)) == scripts._assign(text, scripts.font_has)
    assert scripts.uncovered(text) == scripts.uncovered(text, lambda script, ch: scripts.font_has(script, ch))
    assert not checks.is_zawgyi(text)  # what text_diagnostics takes for granted of an ASCII text
    assert scripts.scripts_used(text) == tuple(sorted(set(scripts.assign_scripts(text))))


def test_english_takes_the_shortcut_and_stays_latin():
    text = "Message s12. The pay is very good (45,000 baht)!"
    assert set(scripts.assign_scripts(text)) == {scripts.LATIN}
    assert scripts.uncovered(text) == []
