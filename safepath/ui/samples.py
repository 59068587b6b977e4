"""Render sample paragraphs in English, Thai, Burmese and mixed text to PNG, with their boxes drawn.

    python3 -m safepath.ui.samples OUTDIR

Writes one PNG per language and text size, each showing the same paragraph laid
out at several widths inside a thin outline of the box it was given (22 px is
body text at the normal size, 31 px at the largest); the last paragraph has
amounts of money as the game writes them out for that language. Open them
to check shaping (Burmese stacks and reordered vowels, Thai marks), line breaks
(never inside a Burmese syllable or a Thai word) and that no run shows boxes.
Works headless (``SDL_VIDEODRIVER=dummy``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SAMPLES = {
    "en": "Mai got a message from a stranger: a job in a call centre, 45,000 baht a month, free housing, "
          "no experience needed. \"Send me a photo of your passport today and I will book the bus.\"",
    "th": "มีข้อความจากคนแปลกหน้าบอกว่ามีงานที่คอลเซ็นเตอร์ เงินเดือน 45,000 บาท มีที่พักฟรี ไม่ต้องมีประสบการณ์ "
          "เริ่มงานได้เลย \"ส่งรูปหนังสือเดินทางมาวันนี้ แล้วพี่จะจองรถให้\" ๆ",
    "my": "မသိတဲ့သူတစ်ယောက်က မက်ဆေ့ချ်ပို့လာတယ်။ ဖုန်းဖြေတဲ့အလုပ်၊ တစ်လ ဘတ် 45,000၊ အခမဲ့နေရာ၊ "
          "အတွေ့အကြုံမလိုဘူးတဲ့။ \"ဒီနေ့ပဲ ပတ်စပို့ဓာတ်ပုံပို့ပေး၊ ကားလက်မှတ်ဝယ်ပေးမယ်\" သင့်ဘဝ၊ ဂိမ်းကစားပါ၊ မင်္ဂလာပါ။",
    "mixed": "Call 1300 (ဖုန်း 1300) or โทร 1300 ฟรี 24 ชั่วโมง. It is never your fault / ဘယ်တော့မှ သင့်အပြစ်မဟုတ်ပါ / "
             "ไม่ใช่ความผิดของคุณ\nNew line: เงินเดือน 45,000 บาท; ဖုန်း 1300",
}
#: a second paragraph with amounts, written out by the game for each language (safepath.i18n.amounts)
MONEY = {
    "en": "Pay: {baht:45000} a month, more than {kyat:1300000} at home.",
    "th": "เงินเดือน {baht:45000} มากกว่า {kyat:1300000} ที่บ้าน",
    "my": "လစာ {baht:45000}၊ အိမ်မှာ {kyat:1300000} ထက် ပိုများတယ်။",
}
WIDTHS = (180, 320, 560)
SIZES = (22, 31)
MARGIN = 16


def render_samples(outdir: Path) -> list[Path]:
    import pygame

    from safepath.ui.textrender import laid_out, render_paragraph

    pygame.font.init()
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    from safepath.i18n.amounts import expand

    for lang, text in SAMPLES.items():
        if lang in MONEY:
            text += "\n" + expand(MONEY[lang], lang)
        for size in SIZES:
            blocks = []
            for width in WIDTHS:
                bold = width == WIDTHS[0]
                surface = render_paragraph(text, width, size, (20, 28, 40), bold=bold, lang=lang)
                blocks.append((width, surface, len(laid_out(text, width, size, bold, lang))))
            total_w = sum(w for w, _s, _n in blocks) + MARGIN * (len(blocks) + 1)
            total_h = max(s.get_height() for _w, s, _n in blocks) + 2 * MARGIN
            page = pygame.Surface((total_w, total_h))
            page.fill((250, 248, 242))
            x = MARGIN
            for width, surface, _n in blocks:
                box = pygame.Rect(x, MARGIN, width, surface.get_height())
                pygame.draw.rect(page, (200, 60, 60), box.inflate(2, 2), 1)
                page.blit(surface, box.topleft)
                x += width + MARGIN
            path = outdir / f"text-{lang}-{size}px.png"
            pygame.image.save(page, str(path))
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: python3 -m safepath.ui.samples OUTDIR")
        return 2
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    for path in render_samples(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
