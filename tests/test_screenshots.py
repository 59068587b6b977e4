"""The screenshot command: every screen to PNG, names for every variant, the pseudo-language, layering."""

from __future__ import annotations

import argparse

import pygame
import pytest

from safepath import i18n
from safepath.commands import screenshots as command
from safepath.scenes import screenshots


@pytest.fixture(autouse=True)
def english():
    yield
    i18n.set_language("en")


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    return parser.parse_args(list(argv))


def test_pseudo_language_is_accepted_and_nonsense_is_not():
    assert parse("out", "--lang", "xx,my").lang == ["xx", "my"]
    with pytest.raises(SystemExit):
        parse("out", "--lang", "fr")


def test_variants_get_their_own_names():
    names = {screenshots.file_name("title", t, hc) for t in (0, 1, 2) for hc in (False, True)}
    assert len(names) == 6 and "title.png" in names and "title-t2-hc.png" in names


def test_normal_and_high_contrast_pictures_share_one_folder(tmp_path):
    for hc in (False, True):
        args = parse(str(tmp_path), "--lang", "xx", "--size", "800x500", "--only", "title")
        args.high_contrast = hc
        command.run(args)
    normal, contrast = tmp_path / "800x500" / "xx" / "title.png", tmp_path / "800x500" / "xx" / "title-hc.png"
    assert normal.exists() and contrast.exists()
    a, b = pygame.image.load(str(normal)), pygame.image.load(str(contrast))
    assert a.get_size() == b.get_size() == (800, 500)
    assert a.get_at((5, 5)) != b.get_at((5, 5)), "the high-contrast picture is not the normal one overwritten"


def test_pause_menu_is_drawn_over_the_story_chat(tmp_path):
    from safepath.app import make_app
    from safepath.scenes.pause import PauseMenu
    from safepath.scenes.story import StoryScene

    app = make_app(data_dir=tmp_path, lang="en")
    states = dict(screenshots.collect_states(app))
    under, top = states["pause"][:-1], states["pause"][-1]
    assert isinstance(top, PauseMenu) and [type(s) for s in under] == [StoryScene]
    assert states["language"] and states["author-errors"], "the first-run question and the author overlay are shown"
