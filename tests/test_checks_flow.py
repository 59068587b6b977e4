"""Pre-check → story → post-check → (ten days later) booster, through the real screens with synthetic events.

Also: the schedule's rules (counterbalancing, the booster's window, the trainer's setting), the anonymous
records (no nickname, the random code pairs pre and post), skipping without penalty, and saves that
survive a damaged file.
"""

from __future__ import annotations

import datetime as _dt
import json

import pygame
import pytest

from safepath.app import make_app
from safepath.checks import flow, schedule, scoring
from safepath.checks.model import ActionItem, OfferItem, SignItem
from safepath.checks.schedule import CheckProgress, CheckSettings
from safepath.scenes.booster_replay import ReplayScene
from safepath.scenes.checks import CheckIntroScene, CheckResultScene, CheckScene
from safepath.scenes.content_note import ContentNoteScene
from safepath.scenes.ending import DebriefScene
from safepath.scenes.feedback import FeedbackOverlay
from safepath.scenes.picker import ScenarioPicker
from safepath.scenes.story import StoryScene
from safepath.scenes.title import TitleScene

SIZE = (1280, 720)


def key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)


def number(n: int) -> pygame.event.Event:
    return key(getattr(pygame, f"K_{n}"))


def press(app, *events) -> None:
    app.step(0.0, list(events))


def answer_check(app, scene: CheckScene, feedback: bool, discerning: bool = True) -> None:
    """Answer every item with the keyboard only: number keys and Enter."""
    assert app.stack.top is scene
    seen_feedback = 0
    for _ in range(len(scene.items)):
        item = scene.item
        app.draw()
        if isinstance(item, OfferItem):
            right = 1 if item.is_scam else 2
            press(app, number(right if discerning else 1))
            assert scene.step == "sure"
            press(app, number(4))
        elif isinstance(item, SignItem):
            for n, option in enumerate(item.options, start=1):
                if option.right:
                    press(app, number(n))
            press(app, number(len(item.options) + 1))  # "Done"
        else:
            best = next(n for n, o in enumerate(item.options, start=1) if o.right)
            press(app, number(best))
        if feedback:
            assert scene.step == "feedback", "post-check and booster show what the offer really was"
            app.draw()
            assert scene.rows, "the feedback names the red flag's advice or the safe sign"
            seen_feedback += 1
            press(app, key(pygame.K_RETURN))  # "Next"
        else:
            assert scene.step != "feedback", "the pre-check shows no right or wrong"
    assert seen_feedback == (len(scene.items) if feedback else 0)


def play_story_to_an_ending(app, story: StoryScene) -> None:
    """Take the first choice everywhere (keys), closing the feedback cards, until the debrief opens."""
    for _ in range(3000):
        top = app.stack.top
        if isinstance(top, DebriefScene):
            return
        if isinstance(top, FeedbackOverlay):
            press(app, key(pygame.K_RETURN))
            continue
        if type(top).__name__ == "DrillScene":  # a drill (tested on its own): end it with its first outcome
            top.drill.outcome = sorted(top.drill.outcomes)[0]
            top.close()
            continue
        if top is story and story.phase == "ready":
            press(app, number(1))
            continue
        if top is story and story.story.ended and story.phase in ("ready", "done"):
            press(app, key(pygame.K_RETURN))
            continue
        app.step(1 / 30, [])
        if top is story and story.phase in ("typing", "reveal"):
            press(app, key(pygame.K_SPACE))
    raise AssertionError(f"no debrief reached (top: {type(app.stack.top).__name__})")


def test_pre_story_post_then_booster_ten_days_later(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEPATH_TODAY", "2026-12-01")
    app = make_app(SIZE, "en", data_dir=tmp_path)
    app.settings.typewriter = "instant"
    profile = app.storage.create_profile("Khin", "cat")
    app.select_profile(profile)
    app.settings.typewriter = "instant"
    app.stack.clear_to(app.show("picker"))

    # the first story: the pre-check comes first
    app.start_scenario("dream-job", resume=False)
    intro = app.stack.top
    assert isinstance(intro, CheckIntroScene) and intro.phase == "pre"
    press(app, key(pygame.K_RETURN))  # "Start"
    check = app.stack.top
    assert isinstance(check, CheckScene) and check.phase == "pre"
    pre_form = check.form.letter
    assert pre_form == schedule.forms_for(app.storage.anonymous_code(profile.id))[0]
    answer_check(app, check, feedback=False, discerning=False)
    result = app.stack.top
    assert isinstance(result, CheckResultScene)
    assert "spotted" not in result.intro(), "no score after the pre-check"
    press(app, key(pygame.K_RETURN))  # "Continue": on to the story
    assert isinstance(app.stack.top, ContentNoteScene)

    # the story
    press(app, key(pygame.K_RETURN))
    story = app.stack.top
    assert isinstance(story, StoryScene)
    play_story_to_an_ending(app, story)
    debrief = app.stack.top
    app.draw()
    back = next(n for n, b in enumerate(debrief.menu.buttons, start=1) if b.action == debrief.back)
    press(app, number(back))  # back to the stories: the post-check is due ("after the first story")
    intro = app.stack.top
    assert isinstance(intro, CheckIntroScene) and intro.phase == "post"
    assert isinstance(list(app.stack)[0], ScenarioPicker)
    press(app, key(pygame.K_RETURN))
    check = app.stack.top
    assert check.form.letter != pre_form and check.form.letter in ("A", "B")
    answer_check(app, check, feedback=True)
    result = app.stack.top
    assert isinstance(result, CheckResultScene)
    scams = sum(isinstance(i, OfferItem) and i.is_scam for i in check.items)
    assert f"You spotted {scams} of {scams} scams" in result.intro()
    press(app, key(pygame.K_RETURN))
    assert isinstance(app.stack.top, ScenarioPicker)

    # the same day: no booster on the title yet
    app.stack.clear_to(TitleScene())
    assert "A short refresher" not in [b.label for b in app.stack.top.menu.buttons]

    # ten days later, the title offers the booster
    monkeypatch.setenv("SAFEPATH_TODAY", "2026-12-11")
    app.stack.clear_to(TitleScene())
    labels = [b.label for b in app.stack.top.menu.buttons]
    assert "A short refresher" in labels
    press(app, number(labels.index("A short refresher") + 1))
    intro = app.stack.top
    assert isinstance(intro, CheckIntroScene) and intro.phase == "booster"
    press(app, key(pygame.K_RETURN))
    check = app.stack.top
    assert check.form.letter == "C"
    answer_check(app, check, feedback=True)
    replay = app.stack.top
    assert isinstance(replay, ReplayScene) and replay.moments
    assert all(scenario.id == "dream-job" for scenario, _state in replay.moments), "moments from the stories played"
    for _ in range(len(replay.moments)):
        app.draw()
        press(app, number(1))  # a choice of the moment
        assert replay.chosen is not None
        app.draw()
        assert replay.fit_problems(SIZE) == []
        press(app, key(pygame.K_RETURN))  # "Next"
    assert isinstance(app.stack.top, CheckResultScene)
    press(app, key(pygame.K_RETURN))
    assert isinstance(app.stack.top, TitleScene)
    labels = [b.label for b in app.stack.top.menu.buttons]
    assert "A short refresher" not in labels, "the booster is offered once"

    # what stayed on the laptop: three anonymous check records, paired by the random code
    records = [r for r in app.storage.results() if r["kind"] == "check"]
    assert [(r["phase"], r["date"]) for r in records] == [("pre", "2026-12-01"), ("post", "2026-12-01"),
                                                           ("booster", "2026-12-11")]
    code = app.storage.anonymous_code(profile.id)
    assert {r["player"] for r in records} == {code}
    raw = (tmp_path / "results.json").read_text(encoding="utf-8")
    assert "Khin" not in raw and profile.id not in raw
    pre, post = scoring.pair_records(records)[0]
    assert scoring.score_answers(post["answers"]).tally.d_prime > scoring.score_answers(pre["answers"]).tally.d_prime
    progress = flow.progress_of(app.storage, profile.id)
    assert (progress.pre, progress.post, progress.booster) == ("done", "done", "done")
    assert progress.booster_date == "2026-12-11"


def test_skipping_the_pre_check_starts_the_story_and_is_not_asked_again(tmp_path):
    app = make_app(SIZE, "th", data_dir=tmp_path)
    profile = app.storage.create_profile("Aye", "fish")
    app.select_profile(profile)
    app.stack.clear_to(app.show("picker"))
    app.start_scenario("friend-referral", resume=False)
    assert isinstance(app.stack.top, CheckIntroScene)
    press(app, number(2))  # "Skip for now"
    assert isinstance(app.stack.top, ContentNoteScene)
    assert flow.progress_of(app.storage, profile.id).pre == "skipped"
    app.stack.clear_to(app.show("picker"))
    app.start_scenario("friend-referral", resume=False)
    assert isinstance(app.stack.top, ContentNoteScene)
    assert [r for r in app.storage.results() if r["kind"] == "check"] == []


def test_stop_leaves_the_check_with_nothing_lost(tmp_path):
    app, check, profile = _pre_check_of_dream_job(tmp_path, "my", "Min", "boat")
    press(app, key(pygame.K_s))  # skip one question
    assert check.index == 1
    press(app, key(pygame.K_ESCAPE))  # Esc: stop the check
    assert isinstance(app.stack.top, ContentNoteScene)


def test_counterbalancing_gives_half_the_players_a_first():
    codes = [f"p-{n:010x}" for n in range(400)]
    firsts = [schedule.forms_for(code) for code in codes]
    assert set(firsts) == {("A", "B"), ("B", "A")}
    assert 160 <= sum(f == ("A", "B") for f in firsts) <= 240
    assert all(schedule.forms_for(c) == schedule.forms_for(c) for c in codes[:5])  # stable
    assert schedule.form_for("booster", codes[0]) == "C"


@pytest.mark.parametrize("days, due", [(6, False), (7, True), (10, True), (14, True), (15, False)])
def test_booster_window_is_7_to_14_days_after_the_post_check(days, due):
    progress = CheckProgress()
    progress.mark("post", "done", _dt.date(2026, 12, 1))
    assert schedule.booster_due(progress, CheckSettings(), _dt.date(2026, 12, 1) + _dt.timedelta(days=days)) is due
    progress.mark("booster", "skipped", _dt.date(2026, 12, 9))
    assert not schedule.booster_due(progress, CheckSettings(), _dt.date(2026, 12, 10))


def test_post_check_after_all_chosen_stories():
    settings = CheckSettings.from_dict({"post_after": "after-all", "stories": ["dream-job", "friend-referral"]})
    progress = CheckProgress()
    assert not schedule.post_due(progress, settings, ["dream-job"], ["dream-job", "friend-referral"])
    assert schedule.post_due(progress, settings, ["dream-job", "friend-referral"], [])
    assert schedule.post_due(progress, CheckSettings(), ["dream-job"], ["dream-job", "friend-referral"])
    assert not schedule.post_due(progress, CheckSettings(enabled=False), ["dream-job"], [])
    assert CheckSettings.from_dict({"post_after": "sometimes", "enabled": "yes"}) == CheckSettings()


def test_check_progress_survives_a_damaged_file(tmp_path):
    from safepath.saves.storage import Storage

    storage = Storage(tmp_path)
    profile = storage.create_profile("Nok", "star")
    flow.skip(storage, profile, "pre", _dt.date(2026, 12, 1))
    flow.skip(storage, profile, "post", _dt.date(2026, 12, 2))
    path = tmp_path / "checks" / f"{profile.id}.json"
    assert path.exists() and path.with_suffix(".json.bak").exists()
    path.write_text("{ damaged", encoding="utf-8")
    again = Storage(tmp_path)
    progress = flow.progress_of(again, profile.id)
    assert progress.pre == "skipped"  # recovered from the backup
    assert again.notices  # and the player is told once
    assert CheckProgress.from_dict({"pre": "maybe", "post": "done", "post_date": "soon"}) == CheckProgress(post="done")
    assert json.loads(json.dumps(progress.to_dict())) == progress.to_dict()


def test_trainer_command_sets_the_post_check_and_summarises(tmp_path, capsys):
    from safepath.checks.loader import load_bank
    from safepath.cli import main
    from safepath.saves.records import class_check_record
    from safepath.saves.storage import Storage

    assert main(["checks", "settings", "--data-dir", str(tmp_path), "--post-after", "after-all",
                 "--stories", "dream-job"]) == 0
    assert CheckSettings.from_dict(Storage(tmp_path).check_settings()) == CheckSettings(True, "after-all", ["dream-job"])
    storage = Storage(tmp_path)
    form = load_bank().forms["A"]
    from safepath.checks.answers import offer_answer
    from safepath.saves.records import check_record

    for code, right in (("p-aaaaaaaaaa", 10), ("p-bbbbbbbbbb", 14)):
        pre = [offer_answer(i, "scam", 2) for i in form.offers()]
        post = [offer_answer(i, i.truth if n < right else ("real" if i.is_scam else "scam"), 3)
                for n, i in enumerate(form.offers())]
        storage.log_record(check_record("A", "pre", pre, player=code, lang="th"))
        storage.log_record(check_record("B", "post", post, player=code, lang="th"))
    items = [{"item": i.id, "type": "offer", "counts": {"scam": 12, "real": 3} if i.is_scam else {"scam": 4, "real": 11}}
             for i in form.offers()]
    storage.log_record(class_check_record("A", "pre", items, session="grade-10-b", lang="my"))
    capsys.readouterr()
    assert main(["checks", "summary", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "grade-10-b" in out and "2 players with a pre- and a post-check" in out and "Hake's g" in out
    assert "d′ 0.00 →" in out  # "scam" to every offer before: no sensitivity at all
    assert "red flag pay-too-good" in out and "safe sign normal-pay" in out



def _pre_check_of_dream_job(tmp_path, lang: str, name: str, avatar: str):
    """A new player starts dream-job and opens its pre-check: the app, the check screen and the player."""
    app = make_app(SIZE, lang, data_dir=tmp_path)
    profile = app.storage.create_profile(name, avatar)
    app.select_profile(profile)
    app.stack.clear_to(app.show("picker"))
    app.start_scenario("dream-job", resume=False)
    press(app, key(pygame.K_RETURN))
    return app, app.stack.top, profile


def test_a_check_with_every_card_skipped_keeps_no_record(tmp_path):
    app, check, profile = _pre_check_of_dream_job(tmp_path, "en", "Sai", "tree")
    for _ in range(len(check.items)):
        app.draw()
        press(app, key(pygame.K_s))
    assert isinstance(app.stack.top, ContentNoteScene)
    assert [r for r in app.storage.results() if r["kind"] == "check"] == []
    assert flow.progress_of(app.storage, profile.id).pre == "skipped"


def click(pos) -> list[pygame.event.Event]:
    return [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1, touch=False),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1, touch=False)]


def test_the_check_top_bar_skips_and_stops_with_the_mouse(tmp_path):
    app, check, profile = _pre_check_of_dream_job(tmp_path, "en", "Nang", "star")
    assert isinstance(check, CheckScene)
    app.draw()
    press(app, pygame.event.Event(pygame.MOUSEMOTION, pos=check.topbar.skip.rect.center, rel=(0, 0), buttons=(0, 0, 0),
                                  touch=False))
    assert check.topbar.hover == "skip"
    press(app, *click(check.topbar.skip.rect.center))
    assert app.stack.top is check and check.index == 1
    press(app, *click(check.topbar.pause.rect.center))  # Stop
    assert isinstance(app.stack.top, ContentNoteScene)
