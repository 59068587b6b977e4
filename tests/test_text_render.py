"""render_paragraph / measure_paragraph with the real fonts."""

import pygame

from safepath.text.breaks import syllable_boundaries
from safepath.ui import textrender
from safepath.ui.fonts import FontBook

BURMESE = ("မသိတဲ့သူတစ်ယောက်က မက်ဆေ့ချ်ပို့လာတယ်။ ဖုန်းဖြေတဲ့အလုပ်၊ တစ်လ ဘတ် 45,000၊ အခမဲ့နေရာ၊ "
           "အတွေ့အကြုံမလိုဘူးတဲ့။ သင့်ဘဝ၊ ဂိမ်းကစားပါ၊ မင်္ဂလာပါ။")
THAI = "มีข้อความจากคนแปลกหน้าบอกว่ามีงานที่คอลเซ็นเตอร์ เงินเดือน 45,000 บาท เริ่มงานได้เลย"


def test_measure_and_render_agree_and_fit():
    for text in (BURMESE, THAI, "It is never your fault."):
        for width in (150, 300, 600):
            w, h = textrender.measure_paragraph(text, width, 24)
            surface = textrender.render_paragraph(text, width, 24, (0, 0, 0))
            assert surface.get_size() == (w, h)
            assert w <= width
            assert surface.get_bounding_rect().width <= w + 2  # ink inside the box (antialiasing fringe)


def test_lines_are_as_tall_as_the_tallest_font_used():
    lines = textrender.laid_out("hello ဖုန်း 1300", 1000, 24)
    assert lines[0].height == FontBook().get("Mymr", 24).get_linesize()
    assert textrender.measure_paragraph("hello", 1000, 24)[1] == 33


def test_real_layout_keeps_burmese_syllables_whole():
    for width in (60, 120, 200):
        lines = textrender.laid_out(BURMESE, width, 22)
        at = 0
        allowed = syllable_boundaries(BURMESE)
        for line in lines[:-1]:
            at += len(line.text) + len(line.trailing)
            assert at in allowed


def test_runs_share_one_baseline():
    """Latin digits inside Burmese sit on the Burmese baseline: their ink bottoms line up."""
    surface = textrender.render_paragraph("ကက 1300", 1000, 40, (0, 0, 0))
    (line,) = textrender.laid_out("ကက 1300", 1000, 40)
    digits_x = line.runs[1].x
    left = surface.subsurface((0, 0, digits_x, surface.get_height())).get_bounding_rect()
    right = surface.subsurface((digits_x, 0, surface.get_width() - digits_x, surface.get_height())).get_bounding_rect()
    assert abs(left.bottom - right.bottom) <= 2


def test_render_is_cached():
    a = textrender.render_paragraph(THAI, 300, 22, (10, 20, 30))
    assert textrender.render_paragraph(THAI, 300, 22, (10, 20, 30)) is a
    assert textrender.render_paragraph(THAI, 300, 22, (10, 20, 31)) is not a


def test_empty_text():
    assert textrender.measure_paragraph("", 100, 20) == (0, 0)
    assert textrender.render_paragraph("", 100, 20, (0, 0, 0)).get_size() == (0, 0)


def test_center_alignment_moves_short_lines():
    text = "aaaaaaaaaaaa b"
    left = textrender.render_paragraph(text, 140, 24, (0, 0, 0))
    centre = textrender.render_paragraph(text, 140, 24, (0, 0, 0), align="center")
    assert left.get_size() == centre.get_size()
    half = left.get_height() // 2
    low_left = left.subsurface((0, half, left.get_width(), left.get_height() - half)).get_bounding_rect()
    low_centre = centre.subsurface((0, half, centre.get_width(), centre.get_height() - half)).get_bounding_rect()
    assert low_centre.x > low_left.x


def test_drawing_onto_a_surface():
    target = pygame.Surface((300, 100))
    target.fill((255, 255, 255))
    lines = textrender.laid_out("เงินเดือน 45,000 บาท", 300, 24)
    textrender.draw_lines(target, lines, (5, 5), 24, (0, 0, 0))
    assert target.get_at((0, 0)) == (255, 255, 255, 255)
    assert any(target.get_at((x, y))[0] < 128 for x in range(5, 200) for y in range(5, 60))
