"""The report screen, driven like a trainer: Settings → Report for trainers → the USB stick → saved, and where."""

from __future__ import annotations

import json
import os

import pygame
import pytest

from safepath import i18n
from safepath.app import make_app
from safepath.report.places import USB, Place
from safepath.saves import records as R


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)


@pytest.fixture
def app(tmp_path):
    a = make_app(data_dir=tmp_path / "data", lang="th")
    for i in range(12):
        a.storage.log_record(R.play_record("dream-job", "safe-end", "safe", hits=2, misses=0, false_alarms=0, stars=3,
                                           player=f"p-{i:010x}", lang="th"))
    yield a
    i18n.set_language("en")


def test_settings_opens_the_report_screen(app):
    app.stack.clear_to(app.show("title"))
    app.stack.push(app.show("settings"))
    settings = app.stack.top
    button = next(b for b in settings.menu.buttons if b.label == app.tr("Report for trainers"))
    button.action()
    assert type(app.stack.top).__name__ == "ReportScene"


def test_trainer_saves_to_the_stick_and_is_told_where(app, tmp_path):
    stick = tmp_path / "KINGSTON"
    stick.mkdir()
    app.stack.clear_to(app.show("title"))
    scene = app.stack.push(app.show("report", places=[Place(stick, USB, "KINGSTON")]))
    assert "12" in scene.intro()  # how many records the laptop holds
    app.dispatch(key(pygame.K_1))  # the stick is the first place
    assert scene.state == "saving" and scene.menu.buttons == []  # "Saving the report…" is drawn first
    app.step(0.0, [])  # the next frame writes it
    assert scene.state == "done", scene.reason
    folders = list(stick.iterdir())
    assert len(folders) == 1 and folders[0].name.startswith("SafePath-report-")
    folder = folders[0]
    assert str(folder) in scene.intro()  # it says where
    for name in ("report.html", "summary.html", "privacy-receipt.txt", "csv/README.txt", "csv/plays_by_story.csv"):
        assert (folder / name).is_file(), name
    assert 'lang="th"' in (folder / "report.html").read_text(encoding="utf-8")  # the game's language
    exports = list(folder.glob("safepath-records-*.json"))
    assert len(exports) == 1 and exports[0].name in scene.intro()
    assert json.loads(exports[0].read_text(encoding="utf-8"))["count"] == 12
    app.dispatch(key(pygame.K_1))  # Done
    assert app.stack.top is not scene
    # a second report never overwrites the first
    again = app.stack.push(app.show("report", places=[Place(stick, USB, "KINGSTON")]))
    app.step(0.0, [key(pygame.K_1)])
    assert again.state == "done" and len(list(stick.iterdir())) == 2


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_stick_says_so_and_offers_the_list_again(app, tmp_path):  # pragma: no cover - not as root
    stick = tmp_path / "LOCKED"
    stick.mkdir()
    stick.chmod(0o500)
    scene = app.stack.push(app.show("report", places=[Place(stick, USB, "LOCKED")]))
    app.step(0.0, [key(pygame.K_1)])
    assert scene.state == "failed"


def test_stick_pulled_out_says_so_and_offers_the_list_again(app, tmp_path):
    gone = tmp_path / "not-a-folder"
    gone.write_text("a file where the stick was", encoding="utf-8")
    scene = app.stack.push(app.show("report", places=[Place(gone, USB, "GONE")]))
    app.step(0.0, [key(pygame.K_1)])
    assert scene.state == "failed" and str(gone) in scene.intro() and scene.reason
    assert not (tmp_path / "away").exists()
    assert scene.menu.buttons[0].label == "GONE"  # the list again, to choose another place
    app.dispatch(key(pygame.K_ESCAPE))
    assert app.stack.top is not scene


def test_a_stick_that_is_gone_is_never_made_on_the_laptop(app, tmp_path):
    away = tmp_path / "media" / "KINGSTON"
    scene = app.stack.push(app.show("report", places=[Place(away, USB, "KINGSTON")]))
    app.step(0.0, [key(pygame.K_1)])
    assert scene.state == "failed" and not away.exists()


def test_no_place_found_asks_for_a_stick(app):
    scene = app.stack.push(app.show("report", places=[]))
    labels = [b.label for b in scene.menu.buttons]
    assert labels == [app.tr("Look again"), app.tr("Back")]
    assert scene.intro()


def test_places_can_be_set_and_tests_offer_none(tmp_path, monkeypatch):
    from safepath.report import places

    assert places.places() == []  # tests/conftest.py: no real folder is ever offered to a test
    share = tmp_path / "share"
    share.mkdir()
    monkeypatch.setenv("SAFEPATH_REPORT_PLACES", os.pathsep.join([str(share), str(tmp_path / "missing")]))
    assert [p.path for p in places.places()] == [share]
    monkeypatch.delenv("SAFEPATH_REPORT_PLACES")
    found = places.places()  # the real search: whatever this machine has, each one writable
    assert all(os.access(p.path, os.W_OK) for p in found)


def test_the_report_is_computed_and_written_in_a_child_process(app, tmp_path, monkeypatch):
    """The fonts' subsetting takes ~100 MB that the game would keep: a child does it, the screen polls."""
    import time

    from safepath import child_job

    jobs = []
    real = child_job.ChildJob
    monkeypatch.setattr(child_job, "ChildJob", lambda *a, **k: jobs.append(real(*a, **k)) or jobs[-1])
    stick = tmp_path / "KINGSTON"
    stick.mkdir()
    app.headless = False  # as with a window: "Saving…" is drawn, then the screen polls the child
    scene = app.stack.push(app.show("report", places=[Place(stick, USB, "KINGSTON")]))
    scene.save(scene.places[0])
    scene.draw(app.surface)
    deadline = time.monotonic() + 120
    while scene.state == "saving" and time.monotonic() < deadline:
        scene.update(1 / 60)
        time.sleep(0.02)
    assert scene.state == "done", scene.reason
    assert jobs and jobs[0].ran_in_child
    folder = next(stick.iterdir())
    assert (folder / "report.html").is_file() and (folder / "csv" / "plays_by_story.csv").is_file()
