"""`safepath --author` says what it watches and echoes reload errors as lint does (issue 16, point 7)."""

from __future__ import annotations

import io
import os
import time
from contextlib import redirect_stderr, redirect_stdout

import pytest

from safepath.app import make_app
from safepath.cli import main
from safepath.commands.new import skeleton

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def own_story(tmp_path):
    folder = tmp_path / "ngo" / "content" / "scenarios"
    folder.mkdir(parents=True)
    path = folder / "ngo-story.yaml"
    path.write_text(skeleton("ngo-story", path), encoding="utf-8")
    return path


def author_app(tmp_path, folder):
    app = make_app(content_dir=folder, data_dir=tmp_path / "data", load=False)
    app.author = True
    return app


def touch_later(path, text):
    path.write_text(text, encoding="utf-8")
    stamp = time.time() + 2
    os.utime(path, (stamp, stamp))  # a new change time even on a coarse file system clock


def test_start_says_what_is_watched_and_that_the_stories_load(tmp_path, capsys):
    story = own_story(tmp_path)
    author_app(tmp_path, story.parent).start()
    out = capsys.readouterr().out
    assert f"author mode: watching 1 story in {story.parent} (ngo-story.yaml)" in out
    assert "and the catalogs in" in out and "F5 reloads at once" in out
    assert "author mode: 1 story loaded, no errors" in out


def test_a_reload_with_errors_prints_them_as_lint_does(tmp_path, capsys):
    story = own_story(tmp_path)
    app = author_app(tmp_path, story.parent)
    app.start()
    capsys.readouterr()
    good = story.read_text(encoding="utf-8")
    touch_later(story, good.replace("goto: check\n", "goto: chek\n", 1))
    app._check_content_changed()
    out = capsys.readouterr().out
    assert f"{story}:" in out and "error SP030" in out and "hint: did you mean 'check'?" in out
    assert "          goto: chek" in out and "^" in out  # the source line and the caret, as lint prints them
    assert "1 file did not load (1 error); the game keeps the last good version" in out
    touch_later(story, good)
    app._check_content_changed()
    assert "author mode: 1 story loaded, no errors" in capsys.readouterr().out


def test_a_broken_story_at_start_is_in_the_terminal_before_the_first_screen(tmp_path, capsys):
    story = own_story(tmp_path)
    story.write_text(story.read_text(encoding="utf-8").replace("goto: check\n", "goto: chek\n", 1), encoding="utf-8")
    author_app(tmp_path, story.parent).start()
    assert "error SP030" in capsys.readouterr().out


@pytest.mark.parametrize("author", [True, False])
def test_a_content_folder_that_does_not_exist_is_refused(tmp_path, author):
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = main([*(["--author"] if author else []), "--content", str(tmp_path / "stories")])
    assert code == 2
    assert f"the story folder {tmp_path / 'stories'} does not exist" in err.getvalue()
