"""Which line of today's play-through each expected line of a golden file stands for.

``playtest --check --update`` rewrites a golden file's ``expect: lines`` after the story changed. The
author chose those lines (often a handful out of a long play-through), so the update must keep every one
that is still there and only touch the ones the change reworded. A greedy search forward does not do
that: a reworded line can look more like a line near the end than like its own new wording, and then
every expected line in between is skipped and silently dropped.

So the lines are aligned as a whole, in order, like a diff: first as many expected lines as possible are
matched to transcript lines that still contain them (the anchors); only then is a line that is not there
any more matched to the most similar line *between its two neighbouring anchors*, that is, the line in
its place. A line with nothing like it in its place is dropped, and the caller says so.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

CUTOFF = 0.5  # below this a transcript line is not taken for a rewording of an expected line
KEY_LIMIT = 70


@dataclass(frozen=True)
class Aligned:
    """One expected line and what became of it.

    ``index`` is the transcript line it stands for (None: dropped); ``text`` is what the golden file
    should expect from now on (the same text when the line is still there).
    """

    wanted: str
    index: int | None
    text: str | None
    reworded: bool = False
    still_in_transcript: bool = False  # dropped although it is there: it is no longer in this order


def key_part(line: str, limit: int = KEY_LIMIT) -> str:
    """A line, cut at a word before ``limit`` characters: part of a line is enough for a golden file."""
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0]
    return cut if len(cut) >= limit // 2 else line[:limit]


def similarity(wanted: str, line: str) -> float:
    """How much a transcript line looks like an expected line, 0 to 1.

    Recorded lines are the start of a transcript line (:func:`key_part`), so the line is compared both
    whole and cut the same way; ``autojunk=False`` so that frequent letters in long lines still count.
    """
    return max(difflib.SequenceMatcher(None, wanted, candidate, autojunk=False).ratio()
               for candidate in {line, key_part(line)})


def align_lines(wanted: list[str], transcript: list[str]) -> list[Aligned]:
    """Align expected lines to a transcript in order; one :class:`Aligned` per expected line.

    A dynamic programme over (expected line, transcript line) maximises, in this order: the number of
    expected lines still contained in their transcript line, then the summed similarity of the reworded
    ones. Counting the contained lines first means no near match can ever cost a line that is still
    there, and keeping the order means a reworded line can only take a line between its neighbours.
    """
    n, m = len(wanted), len(transcript)

    @lru_cache(maxsize=None)
    def near(i: int, j: int) -> float:
        score = similarity(wanted[i], transcript[j])
        return score if score >= CUTOFF else 0.0

    def gain(i: int, j: int) -> tuple[int, float] | None:
        if wanted[i] in transcript[j]:
            return (1, 0.0)
        score = near(i, j)
        return (0, score) if score else None

    # best[i][j]: the best score for wanted[i:] against transcript[j:]
    best = [[(0, 0.0)] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            options = [best[i + 1][j], best[i][j + 1]]
            g = gain(i, j)
            if g is not None:
                rest = best[i + 1][j + 1]
                options.append((rest[0] + g[0], rest[1] + g[1]))
            best[i][j] = max(options)
    out: list[Aligned] = []
    i = j = 0
    while i < n:
        g = gain(i, j) if j < m else None
        if g is not None and (best[i + 1][j + 1][0] + g[0], best[i + 1][j + 1][1] + g[1]) == best[i][j]:
            contained = g[0] == 1
            out.append(Aligned(wanted[i], j, wanted[i] if contained else key_part(transcript[j]),
                               reworded=not contained))
            i, j = i + 1, j + 1
        elif j < m and best[i][j + 1] == best[i][j]:
            j += 1
        else:
            out.append(Aligned(wanted[i], None, None,
                               still_in_transcript=any(wanted[i] in line for line in transcript)))
            i += 1
    return out
