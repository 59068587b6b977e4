"""Hand counting: the arithmetic both class screens share (safepath.classroom.hands)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from safepath.classroom.hands import erased, stepped, typed
from safepath.classroom.session import MAX_HANDS

counts = st.integers(min_value=0, max_value=MAX_HANDS)


def test_a_step_stays_between_none_and_the_most_hands():
    assert stepped(0, -1) == 0
    assert stepped(5, 1) == 6
    assert stepped(MAX_HANDS, 1) == MAX_HANDS


def test_digits_build_a_number_until_the_focus_moves():
    count = typed(7, 1, continuing=False)  # the first digit replaces what was there
    count = typed(count, 2, continuing=True)
    assert count == 12
    assert typed(count, 3, continuing=False) == 3


def test_a_number_over_the_cap_starts_again_at_the_digit():
    assert typed(MAX_HANDS, 4, continuing=True) == 4
    assert typed(99, 9, continuing=True) == 999 == MAX_HANDS


def test_backspace_takes_the_last_digit_off():
    assert erased(123) == 12
    assert erased(7) == 0


@given(counts, st.integers(min_value=-3, max_value=3), st.integers(min_value=0, max_value=9), st.booleans())
def test_no_key_ever_leaves_an_impossible_count(count, delta, digit, continuing):
    for value in (stepped(count, delta), typed(count, digit, continuing), erased(count)):
        assert 0 <= value <= MAX_HANDS


def _key(app, k, mod=0):
    import pygame

    app.step(0.0, [pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)])


def _count_with_every_key(app, scene):
    """The same presses on a class screen's counts; returns the counts of the first two answers."""
    import pygame

    first, second = scene._keys()[:2]
    for k in (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_BACKSPACE, pygame.K_UP, pygame.K_KP_PLUS):
        _key(app, k)  # 1, 12, 123, 12, 13, 14
    _key(app, pygame.K_TAB)
    for k in (pygame.K_KP9, pygame.K_9, pygame.K_9, pygame.K_4, pygame.K_DOWN):
        _key(app, k)  # 9, 99, 999, 4 (over the cap: starts again), 3
    _key(app, pygame.K_TAB, pygame.KMOD_SHIFT)
    _key(app, pygame.K_MINUS)  # back on the first answer: 13
    counts = scene._count_table()
    return counts[first], counts[second]


def test_the_story_vote_and_the_class_check_count_hands_with_the_same_keys(tmp_path):
    import pygame

    from safepath import i18n
    from safepath.app import make_app

    try:
        app = make_app(data_dir=tmp_path, lang="en", size=(1024, 768))
        app.start()
        title = app.stack.top
        title.menu.activate([b.label for b in title.menu.buttons].index("Class mode"))
        _key(app, pygame.K_1)  # New class session
        setup = app.stack.top
        setup.chosen = ["village-broker"]
        setup.relayout()
        app.step(0.0, [pygame.event.Event(pygame.TEXTINPUT, text="Keys")])
        _key(app, pygame.K_RETURN)
        setup.start()
        check = app.stack.top
        assert type(check).__name__ == "ClassCheck"
        assert _count_with_every_key(app, check) == (13, 3)
        check.skip()
        story = app.stack.top
        assert type(story).__name__ == "ClassStory"
        _key(app, pygame.K_RETURN)  # the first scene is read aloud
        _key(app, pygame.K_RETURN)  # to the vote
        assert story.phase == "vote"
        assert _count_with_every_key(app, story) == (13, 3)
        assert story.run.draft["counts"] == story.counts  # kept as a draft, as before
    finally:
        i18n.set_language("en")
