"""Text layout for Latin, Thai and Burmese, with no pygame (measuring is passed in).

* :mod:`safepath.text.scripts`: which font draws each character (script runs).
* :mod:`safepath.text.breaks`: ICU line breaks filtered by Burmese syllables,
  grapheme clusters, and :func:`reveal_units` for typewriter effects.
* :mod:`safepath.text.layout`: greedy fitting into a pixel width.

``safepath.ui.fonts`` and ``safepath.ui.textrender`` put real fonts behind it.
"""

from safepath.text.breaks import graphemes, line_break_opportunities, reveal_units, syllables
from safepath.text.layout import LaidLine, LaidRun, layout, size_of
from safepath.text.scripts import LATIN, MYANMAR, THAI, Run, split_runs, uncovered

__all__ = [
    "LATIN", "MYANMAR", "THAI", "LaidLine", "LaidRun", "Run", "graphemes", "layout",
    "line_break_opportunities", "reveal_units", "size_of", "split_runs", "syllables", "uncovered",
]
