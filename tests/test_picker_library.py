"""The story list with a library of stories: at the largest text every card of a page is on screen, and the
pages together show every story exactly once (issue: six or more stories at 1280×720)."""

from __future__ import annotations

import dataclasses

import pygame
import pytest

from safepath import i18n
from safepath.app import make_app
from safepath.scenes.picker import ScenarioCard, ScenarioPicker


def with_library(app, count: int = 7) -> list[str]:
    """``count`` stories (copies of the shipped ones under new ids, titles and lengths)."""
    app._ensure_scenarios()
    base = list(app._scenarios.values())
    library = {}
    for i in range(count):
        scenario = base[i % len(base)]
        sid = f"{scenario.id}-{i}"
        library[sid] = dataclasses.replace(scenario, id=sid, minutes=10 + (i * 3) % 7,
                                           title=dataclasses.replace(scenario.title, text=f"{scenario.title.text} {i + 1}"))
    app._scenarios = library
    return list(library)


def cards_of(picker) -> list[ScenarioCard]:
    return [b for b in picker.menu.buttons if isinstance(b, ScenarioCard)]


@pytest.mark.parametrize("size", [(1280, 720), (1024, 768), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", ["my", "th", "en"])
@pytest.mark.parametrize("text_size", [0, 2])
def test_every_story_is_on_one_page_and_no_page_scrolls(tmp_path, size, lang, text_size):
    try:
        app = make_app(size, lang, text_size=text_size, data_dir=tmp_path)
        app.profile = app.storage.create_profile("Mya", "flower")
        ids = with_library(app)
        picker = ScenarioPicker()
        app.render_stack([picker])
        seen = []
        for _page in range(len(ids)):
            assert not picker.menu.max_scroll, "a page never scrolls"
            for b in picker.menu.buttons:
                assert 0 <= b.rect.top and b.rect.bottom <= size[1], f"{b.label!r} is off the screen"
            seen += [c.label for c in cards_of(picker)]
            if not picker.turn_page(1):
                break
            app.render_stack([picker])
        titles = [i18n.text(s.title) for _sid, s in picker.stories()]
        assert seen == titles, "every story once, in the list's order"
        assert picker.fit_problems() == []
    finally:
        i18n.set_language("en")


def test_pages_turn_with_keys_and_buttons_and_the_first_card_takes_focus(tmp_path):
    try:
        app = make_app((1280, 720), "my", text_size=2, data_dir=tmp_path)
        app.profile = app.storage.create_profile("Mya", "flower")
        with_library(app, 8)
        picker = ScenarioPicker()
        app.render_stack([picker])
        assert picker.per_page is not None and picker.per_page < 8, "this many cards need pages here"
        first_page = [c.label for c in cards_of(picker)]
        previous = next(b for b in picker.menu.buttons if b.label == i18n.gettext("Previous stories"))
        assert not previous.enabled, "no page before the first"
        picker.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEDOWN, mod=0, unicode=""))
        app.render_stack([picker])
        second_page = [c.label for c in cards_of(picker)]
        assert second_page and not set(second_page) & set(first_page)
        assert isinstance(picker.menu.buttons[picker.menu.focus], ScenarioCard)
        assert i18n.format_number(picker.per_page + 1, "my") in picker.intro()  # "Stories 3–4 of 8", in Burmese digits
        more = next(b for b in picker.menu.buttons if b.label == i18n.gettext("Previous stories"))
        more.action()
        app.render_stack([picker])
        assert [c.label for c in cards_of(picker)] == first_page
        picker.handle_event(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_PAGEUP, mod=0, unicode=""))
        assert [c.label for c in cards_of(picker)] == first_page, "Page Up on the first page changes nothing"
    finally:
        i18n.set_language("en")


def test_two_stories_need_no_pages(tmp_path):
    app = make_app((1280, 720), "en", text_size=2, data_dir=tmp_path)
    app.profile = app.storage.create_profile("Mya", "flower")
    picker = ScenarioPicker()
    app.render_stack([picker])
    assert picker.per_page is None and len(cards_of(picker)) == len(app.scenarios)
    assert not any(b.label in ("Previous stories", "More stories") for b in picker.menu.buttons)
