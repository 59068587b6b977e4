"""Catalog loading and lookup speed: what starting the game and drawing a screen cost in translation.

Figures: parsing every shipped ``.po`` with Babel (cold: no cache), loading them from the JSON cache
(every later start), a Translator's first lookup per domain, and the cost of one ``_()`` / ``.text()``
call (screens call them at draw or layout time), plus extracting the content template.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(fn, repeat=1):
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        os.environ["SAFEPATH_CACHE_DIR"] = cache
        from safepath import paths
        from safepath.i18n import catalogs, reset
        from safepath.i18n.runtime import Translator
        from safepath.story.model import Pos, Text

        files = sorted(paths.locales_dir().glob("*/LC_MESSAGES/*.po"))
        entries = sum(len(catalogs.parse_po(f).messages) for f in files)
        cold = timed(lambda: [catalogs.parse_po(f) for f in files], repeat=3)
        for f in files:
            catalogs.load_table(f)  # fill the cache
        warm = timed(lambda: [catalogs.load_table(f) for f in files], repeat=10)
        print(f"{len(files)} catalogs, {entries} translated entries")
        print(f"parse all .po with Babel (no cache): {cold * 1000:8.1f} ms")
        print(f"load all from the JSON cache:        {warm * 1000:8.1f} ms")

        reset()
        th = Translator("th")
        first = timed(lambda: (th.gettext("Play"), th.text(Text("The dream job", "dream-job/title", Pos("x", 1, 1)))))
        print(f"first lookups (both domains, cached): {first * 1000:7.1f} ms")
        line = Text("This is Ploy. She is 19.", "dream-job/start/line/0", Pos("x", 1, 1))
        n = 100_000
        per_ui = timed(lambda: th.gettext("Continue"), repeat=n)
        per_text = timed(lambda: th.text(line), repeat=n)
        per_fmt = timed(lambda: th.gettext("Playing as {name}. You can stop at any time; your place is kept.", name="Mai"), repeat=n)
        print(f"_() lookup:                {per_ui * 1e6:6.2f} µs")
        print(f".text() lookup:            {per_text * 1e6:6.2f} µs")
        print(f"_() with a placeholder:    {per_fmt * 1e6:6.2f} µs")
        print(f"money (THB, th):           {timed(lambda: th.format_money(45000, 'THB'), repeat=2000) * 1e6:6.1f} µs")
        paid = Text("Pay: {baht:45000} a month.", "bench/ad/line/pay", Pos("x", 1, 1))
        print(f".text() with {{baht:45000}}:  {timed(lambda: th.text(paid), repeat=2000) * 1e6:6.1f} µs"
              "  (the CLDR words of each amount are cached)")

        from safepath.i18n.tools import build_template

        print(f"extract the content template: {timed(lambda: build_template('content')) * 1000:7.0f} ms")
        print(f"extract the interface template: {timed(lambda: build_template('safepath')) * 1000:5.0f} ms")


if __name__ == "__main__":
    main()
