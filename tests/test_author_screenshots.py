"""`safepath screenshots --content DIR` draws every scene of an author's own stories (issue 16, point 4)."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

import pygame
import pytest

from safepath.cli import main
from safepath.commands.new import skeleton

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def own_story(tmp_path):
    folder = tmp_path / "ngo" / "content" / "scenarios"
    folder.mkdir(parents=True)
    path = folder / "ngo-story.yaml"
    path.write_text(skeleton("ngo-story", path), encoding="utf-8")
    return folder


def run(args):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(args)
    return code, out.getvalue() + err.getvalue()


@pytest.mark.parametrize("where", ["before", "after"])
def test_every_scene_of_the_authors_story_in_each_language(tmp_path, where):
    stories = own_story(tmp_path)
    out = tmp_path / "shots"
    common = ["--lang", "th,en", "--size", "800x500"]
    args = (["--content", str(stories), "screenshots", str(out), *common] if where == "before"
            else ["screenshots", str(out), *common, "--content", str(stories)])
    code, said = run(args)
    assert code == 0, said
    for lang in ("th", "en"):
        drawn = sorted(p.name for p in (out / "800x500" / lang / "ngo-story").glob("*.png"))
        assert drawn == ["01-ad.png", "02-check.png", "03-safe-end-debrief.png", "03-safe-end.png",
                         "04-trapped-debrief.png", "04-trapped.png"]
        assert (out / "800x500" / lang / "picker.png").is_file()
        assert not list((out / "800x500" / lang).glob("story-*.png"))  # not the game's own sample screens
    ad = pygame.image.load(str(out / "800x500" / "en" / "ngo-story" / "01-ad.png"))
    check = pygame.image.load(str(out / "800x500" / "en" / "ngo-story" / "02-check.png"))
    assert ad.get_size() == (800, 500) and pygame.image.tobytes(ad, "RGB") != pygame.image.tobytes(check, "RGB")


def test_a_scene_no_path_reaches_is_drawn_too(tmp_path):
    stories = own_story(tmp_path)
    path = stories / "ngo-story.yaml"
    path.write_text(path.read_text(encoding="utf-8") + """
  lost:
    kind: narration
    lines: [Nobody comes here.]
    next: safe-end
""", encoding="utf-8")
    code, said = run(["screenshots", str(tmp_path / "s"), "--lang", "en", "--size", "800x500", "--content", str(stories)])
    assert code == 0, said
    assert (tmp_path / "s" / "800x500" / "en" / "ngo-story" / "05-lost.png").is_file()


def test_a_missing_story_folder_is_refused_with_a_clear_message(tmp_path):
    code, said = run(["screenshots", str(tmp_path / "s"), "--content", str(tmp_path / "nope")])
    assert code == 2
    assert "does not exist" in said and "nope" in said
    assert not (tmp_path / "s").exists()
