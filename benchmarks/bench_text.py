"""Text layout and rendering of a 300-character Burmese and Thai paragraph: cold and cached.

    python3 benchmarks/run.py text

* cold: a new FontBook and empty caches: load the fonts, set their scripts, find
  ICU breaks, lay out, render (what the first frame showing a new text costs);
* relayout: layout at a new width with fonts loaded but no layout/break cache (a
  window resize: ICU breaks + measuring each candidate line);
* cached: ``render_paragraph`` for text it has already drawn (what every frame costs);
  median of many calls.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

BURMESE = ("မသိတဲ့သူတစ်ယောက်က မက်ဆေ့ချ်ပို့လာတယ်။ ဖုန်းဖြေတဲ့အလုပ်၊ တစ်လ ဘတ် 45,000၊ အခမဲ့နေရာ၊ "
           "အတွေ့အကြုံမလိုဘူးတဲ့။ ဒီနေ့ပဲ ပတ်စပို့ဓာတ်ပုံပို့ပေးပါ၊ ကားလက်မှတ်ဝယ်ပေးမယ်လို့ ပြောတယ်။ "
           "ဒါပေမဲ့ အလုပ်ကုမ္ပဏီနာမည် မပြောဘူး။ သင့်မိသားစုကို မေးပါ၊ ယုံကြည်ရတဲ့သူကို ပြောပါ။ "
           "ဘယ်တော့မှ သင့်အပြစ်မဟုတ်ပါ။ အကူအညီလိုရင် ဖုန်းဆက်ပါ။ ငွေမလွှဲပါနဲ့။ သတိထားပါ။ မင်္ဂလာပါ။")
THAI = ("มีข้อความจากคนแปลกหน้าบอกว่ามีงานที่คอลเซ็นเตอร์ เงินเดือน 45,000 บาท มีที่พักฟรี ไม่ต้องมีประสบการณ์ "
        "เริ่มงานได้เลย ส่งรูปหนังสือเดินทางมาวันนี้ แล้วพี่จะจองรถให้ แต่เขาไม่บอกชื่อบริษัท "
        "ลองถามครอบครัวหรือคนที่ไว้ใจก่อนตัดสินใจ อย่าโอนเงินให้ใครที่ไม่รู้จัก ถ้าต้องการความช่วยเหลือ "
        "โทรหาสายด่วนได้ตลอดเวลา ไม่ใช่ความผิดของคุณเลย ดูแลตัวเองนะ ขอบคุณที่อ่านจนจบ")
WIDTH, SIZE = 560, 24


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main() -> None:
    import pygame

    from safepath.text import breaks
    from safepath.text.layout import layout
    from safepath.ui import textrender
    from safepath.ui.fonts import FontBook

    pygame.font.init()
    from safepath.text import scripts

    # Once per process: ICU loads its dictionaries, the fonts' character tables are read.
    t = time.perf_counter()
    breaks.line_break_opportunities("warm ICU " + THAI[:20] + BURMESE[:20])
    scripts.font_has(scripts.LATIN, "a")
    print(f"once per process (ICU dictionaries, font character tables): {_ms(time.perf_counter() - t)}")
    for name, text in (("Burmese", BURMESE[:300]), ("Thai", THAI[:300])):
        lang = "my" if name == "Burmese" else "th"
        colds = []
        for _ in range(5):
            textrender.clear_caches()
            breaks.line_break_opportunities.cache_clear()
            breaks.grapheme_boundaries.cache_clear()
            scripts._assign_with_shipped_fonts.cache_clear()
            book = FontBook()
            t = time.perf_counter()
            surface = textrender.render_paragraph(text, WIDTH, SIZE, (0, 0, 0), lang=lang, book=book)
            colds.append(time.perf_counter() - t)
        lines = textrender.laid_out(text, WIDTH, SIZE, lang=lang, book=book)
        relayouts = []
        for i in range(30):
            breaks.line_break_opportunities.cache_clear()
            breaks.grapheme_boundaries.cache_clear()
            scripts._assign_with_shipped_fonts.cache_clear()
            t = time.perf_counter()
            layout(text, WIDTH - 7 * (i + 1), book.measurer(SIZE), 1, 1, False, lang)  # a new width each time
            relayouts.append(time.perf_counter() - t)
        cached = []
        for _ in range(2000):
            t = time.perf_counter()
            textrender.render_paragraph(text, WIDTH, SIZE, (0, 0, 0), lang=lang, book=book)
            cached.append(time.perf_counter() - t)
        print(f"{name}: {len(text)} chars -> {len(lines)} lines at {WIDTH} px, {SIZE} px, surface {surface.get_size()}")
        print(f"  cold (new FontBook, fonts + breaks + layout + render): median {_ms(statistics.median(colds))}, "
              f"max {_ms(max(colds))}")
        print(f"  relayout at a new width (fonts loaded, no break cache): median {_ms(statistics.median(relayouts))}")
        cached.sort()
        print(f"  cached render_paragraph: median {statistics.median(cached) * 1e6:.1f} µs, "
              f"p99 {cached[int(len(cached) * 0.99)] * 1e6:.1f} µs")


if __name__ == "__main__":
    main()
