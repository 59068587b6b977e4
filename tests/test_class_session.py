"""A whole class session through the real screens, driven by synthetic key presses (issue 17).

Start from the title's "Class mode", name the class, enter the pre-check's hands, play a story with class
votes (one of them a tie the trainer decides), open the safe pause and come back, stop; a NEW app on the same
data folder resumes the session where it stopped; play to the ending, look at the road not taken, enter the
post-check's hands; then the stored anonymous records must be exactly what was entered.
"""

from __future__ import annotations

import pygame
import pytest

from safepath import i18n
from safepath.app import make_app
from safepath.classroom.session import ClassSession, check_label, winners
from safepath.classroom.store import SessionStore
from safepath.saves import records


def key(app, k, mod=0):
    app.step(0.0, [pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)])


def type_text(app, text):
    app.step(0.0, [pygame.event.Event(pygame.TEXTINPUT, text=text)])


def top(app):
    return type(app.stack.top).__name__


def digits(app, number):
    for ch in str(number):
        key(app, getattr(pygame, f"K_{ch}"))


def enter_check(app, pattern):
    """Type hands for every answer of every item; returns what was typed, item by item."""
    scene = app.stack.top
    typed = []
    for n in range(len(scene.items)):
        item = scene.items[scene.index]
        counts = {}
        for i, answer in enumerate(item["counts"]):
            hands = pattern[(n + i) % len(pattern)]
            digits(app, hands)
            counts[answer] = hands
            key(app, pygame.K_RIGHT)
        typed.append({"item": item["item"], "type": item["type"], "counts": counts})
        key(app, pygame.K_RETURN)
    return typed


@pytest.fixture
def data(tmp_path):
    yield tmp_path
    i18n.set_language("en")


def test_a_whole_class_session_through_the_screens(data):
    app = make_app(data_dir=data, lang="en", size=(1024, 768))
    app.start()
    assert top(app) == "TitleScene"
    title = app.stack.top
    labels = [b.label for b in title.menu.buttons]
    title.menu.activate(labels.index("Class mode"))
    assert top(app) == "TrainerMenu"
    key(app, pygame.K_1)  # New class session
    assert top(app) == "ClassSetup"
    setup = app.stack.top
    setup.chosen = ["village-broker"]
    setup.relayout()
    type_text(app, "Grade 10 B, Mae Sot")
    key(app, pygame.K_RETURN)  # to the buttons
    setup.start()
    assert top(app) == "ClassCheck"
    pre = enter_check(app, [12, 7, 3, 0])
    assert top(app) == "ClassStory"
    story = app.stack.top
    session_id = story.session.id

    # the first scene is read aloud; the broker's offer asks the class
    key(app, pygame.K_RETURN)
    assert story.state.scene == "broker"
    key(app, pygame.K_RETURN)  # to the vote
    assert story.phase == "vote"
    keys = story._keys()
    # a tie between the first two choices: the trainer decides for the second
    digits(app, 11)
    key(app, pygame.K_RIGHT)
    digits(app, 11)
    key(app, pygame.K_RIGHT)
    digits(app, 4)
    key(app, pygame.K_RETURN)
    assert story.phase == "reveal"
    key(app, pygame.K_RETURN)
    assert story.phase == "tie"
    key(app, pygame.K_3)  # not among the tied: nothing happens
    assert story.phase == "tie"
    key(app, pygame.K_2)
    first_vote = {"scene": "broker", "counts": {keys[0]: 11, keys[1]: 11, keys[2]: 4}, "chosen": keys[1], "tie": True}
    assert story.run.votes == [first_vote]
    if story.phase == "feedback":
        key(app, pygame.K_RETURN)
    # the safe pause covers everything and comes back to the same place
    where = (story.state.scene, story.phase)
    key(app, pygame.K_p)
    assert top(app) == "SafePause"
    key(app, pygame.K_SPACE)
    assert app.stack.top is story and (story.state.scene, story.phase) == where
    # half a vote at the next decision, then the period ends: Esc
    while not story.choices:
        key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    if story.phase == "discuss":
        key(app, pygame.K_RETURN)
    assert story.phase == "vote"
    second_scene = story.state.scene
    digits(app, 20)
    key(app, pygame.K_ESCAPE)
    assert top(app) == "TrainerMenu"
    path_before = list(story.run.path)
    app.quit()
    for _ in range(len(app.stack)):
        app.stack.pop()

    # the next period: a new app on the same laptop resumes where the class stopped, half-counted vote too
    app = make_app(data_dir=data, lang="en", size=(1280, 720))
    app.start()
    title = app.stack.top
    title.menu.activate([b.label for b in title.menu.buttons].index("Class mode"))
    trainer = app.stack.top
    resume = [b.label for b in trainer.menu.buttons].index("Resume: Grade 10 B, Mae Sot")
    trainer.menu.activate(resume)
    assert top(app) == "ClassStory"
    story = app.stack.top
    assert story.session.id == session_id
    assert story.state.scene == second_scene and story.phase == "vote"
    assert story.run.path == path_before
    assert story.counts[story._keys()[0]] == 20
    votes = [first_vote]
    # finish the count: a clear winner, then every later decision by vote (the first choice wins)
    for _ in range(200):
        if top(app) != "ClassStory":
            break
        story = app.stack.top
        if story.phase == "vote":
            keys = story._keys()
            counts = {k: 0 for k in keys}
            counts[keys[0]] = story.counts.get(keys[0], 0) or 9
            if counts[keys[0]] != 20:
                digits(app, counts[keys[0]])
            if len(keys) > 1:
                key(app, pygame.K_RIGHT)
                digits(app, 3)
                counts[keys[1]] = 3
            votes.append({"scene": story.state.scene, "counts": counts, "chosen": keys[0], "tie": False})
            key(app, pygame.K_RETURN)
            assert story.phase == "reveal"
            key(app, pygame.K_RETURN)
        else:
            key(app, pygame.K_RETURN)
    assert top(app) == "ClassEnding"
    ending = app.stack.top
    key(app, pygame.K_RETURN)  # what the class noticed, and where help is
    assert ending.page == 1 and "Help is always there" in " ".join(i.text for i in ending.canvas.items)
    key(app, pygame.K_RETURN)  # the road not taken
    assert ending.page == 2
    assert [p.scene.id for p in ending.road] == [v["scene"] for v in votes]
    assert all(p.others for p in ending.road if len(p.scene.choices) > 1)
    # replay a branch: nothing of it is counted
    key(app, pygame.K_r)
    assert top(app) == "ClassStory" and app.stack.top.replay is not None
    key(app, pygame.K_ESCAPE)
    assert app.stack.top is ending
    key(app, pygame.K_RETURN)
    assert top(app) == "ClassCheck" and app.stack.top.phase == "post"
    post = enter_check(app, [15, 2, 9])
    assert top(app) == "ClassDone"

    stored = app.storage.results()
    checks = [r for r in stored if r["kind"] == "class-check"]
    assert [(r["phase"], r["session"]) for r in checks] == [("pre", session_id), ("post", session_id)]
    assert checks[0]["items"] == pre and checks[1]["items"] == post
    assert checks[0]["form"] != checks[1]["form"]  # the parallel form after the story
    classes = [r for r in stored if r["kind"] == "class"]
    assert len(classes) == 1
    record = records.validate(classes[0])
    assert record["label"] == "Grade 10 B, Mae Sot" and record["session"] == session_id
    (played,) = record["stories"]
    assert played["scenario"] == "village-broker"
    assert played["votes"] == votes
    assert played["ending"] == ending.state.scene and played["ending_kind"] == ending.state.ending
    assert played["path"][0] == "start" and played["path"][-1] == played["ending"]
    assert set(v["scene"] for v in votes) <= set(played["path"])
    assert SessionStore(app.storage).load(session_id).stage == "done"


def _open_class_mode(app):
    title = app.stack.top
    title.menu.activate([b.label for b in title.menu.buttons].index("Class mode"))
    assert top(app) == "TrainerMenu"


def test_a_check_stopped_halfway_resumes_at_the_same_question(data):
    """Stop in the middle of the pre-check (the second item had no hands at all); a new app resumes at the
    item and answer where the trainer was, with every count entered before, and the record holds them all."""
    app = make_app(data_dir=data, lang="en", size=(1024, 768))
    app.start()
    _open_class_mode(app)
    key(app, pygame.K_1)
    setup = app.stack.top
    setup.chosen = ["village-broker"]
    setup.relayout()
    type_text(app, "Grade 9 A")
    key(app, pygame.K_RETURN)
    setup.start()
    check = app.stack.top
    assert top(app) == "ClassCheck" and check.phase == "pre" and check.index == 0
    first, second, third = (check.items[n]["item"] for n in range(3))
    answers = [list(check.items[n]["counts"]) for n in range(3)]
    digits(app, 14)
    key(app, pygame.K_RIGHT)
    digits(app, 6)
    key(app, pygame.K_RETURN)  # the first item counted
    key(app, pygame.K_RETURN)  # nobody put a hand up for the second: it stays at 0 hands
    assert check.index == 2
    digits(app, 8)
    key(app, pygame.K_RIGHT)  # on to the third item's second answer, nothing typed there yet
    key(app, pygame.K_ESCAPE)  # the period ends
    assert top(app) == "TrainerMenu"
    session_id = check.session.id
    app.quit()
    for _ in range(len(app.stack)):
        app.stack.pop()

    app = make_app(data_dir=data, lang="en", size=(1280, 720))
    app.start()
    _open_class_mode(app)
    trainer = app.stack.top
    trainer.menu.activate([b.label for b in trainer.menu.buttons].index("Resume: Grade 9 A"))
    check = app.stack.top
    assert top(app) == "ClassCheck" and check.session.id == session_id and check.phase == "pre"
    assert check.items[check.index]["item"] == third and check.index == 2
    assert check.focus == 1
    assert check.items[0] == {"item": first, "type": check.items[0]["type"],
                              "counts": {answers[0][0]: 14, answers[0][1]: 6}}
    assert check.items[1]["item"] == second and set(check.items[1]["counts"].values()) == {0}
    assert check.items[2]["counts"][answers[2][0]] == 8
    digits(app, 5)  # the answer in focus is the one the trainer was on
    assert check.items[2]["counts"][answers[2][1]] == 5
    expected = [dict(i, counts=dict(i["counts"])) for i in check.items[:3]]
    key(app, pygame.K_RETURN)
    while top(app) == "ClassCheck":
        expected.append(dict(check.items[check.index], counts=dict(check.items[check.index]["counts"])))
        key(app, pygame.K_RETURN)
    assert top(app) == "ClassStory"
    (record,) = [r for r in app.storage.results() if r["kind"] == "class-check"]
    assert record["phase"] == "pre" and record["items"] == expected
    saved = SessionStore(app.storage).load(session_id)
    assert saved.stage == "stories" and "pre" not in saved.check_at and "pre" not in saved.check_counts


def test_a_check_position_survives_the_file_and_bad_data_is_dropped():
    session = ClassSession.new("Grade 9 A", ["village-broker"], "en", checks=True)
    items = [{"item": "a", "type": "offer", "counts": {"scam": 3, "real": 1}},
             {"item": "b", "type": "offer", "counts": {"scam": 0, "real": 0}},
             {"item": "c", "type": "sign", "counts": {"x": 0, "y": 0, "z": 0}}]
    assert session.check_position("pre", items) == (0, 0)  # not begun
    session.enter_check("pre", items, "c", 2)
    again = ClassSession.from_dict(session.to_dict())
    assert again.check_position("pre", items) == (2, 2)
    assert again.check_position("post", items) == (0, 0)
    # the form changed since (the item is gone): after the last item with hands
    assert again.check_position("pre", [i for i in items if i["item"] != "c"]) == (1, 0)
    broken = dict(session.to_dict(), check_at={"pre": {"item": 7}, "post": "x", "mid": {"item": "a"}})
    assert ClassSession.from_dict(broken).check_at == {}
    session.end_check("pre", "skipped")
    assert session.check_at == {} and session.check_counts == {} and session.checks_done == {"pre": "skipped"}


def test_several_classes_keep_their_own_sessions(data):
    app = make_app(data_dir=data, lang="en")
    store = SessionStore(app.storage)
    a = ClassSession.new("Grade 9 A", ["village-broker"], "en")
    b = ClassSession.new("Grade 11 C", ["friend-referral", "village-broker"], "th", vote="marked", checks=True)
    store.save(a)
    store.save(b)
    b.run.enter_scene("start")
    store.save(b)
    loaded = {s.label: s for s in store.sessions()}
    assert set(loaded) == {"Grade 9 A", "Grade 11 C"}
    assert loaded["Grade 11 C"].run.path == ["start"] and loaded["Grade 11 C"].stage == "pre-check"
    (app.storage.root / "classes" / f"{a.id}.json").write_text("{ damaged", encoding="utf-8")
    assert store.load(a.id) is not None  # the backup brings it back
    assert {s.label for s in store.sessions()} == {"Grade 9 A", "Grade 11 C"}


def test_class_labels_are_checked():
    assert check_label("Grade 10 B, Mae Sot") is None
    assert check_label("ม.4/2 แม่สอด 2026") is None
    assert check_label("   ") is not None
    assert check_label("x" * 41) is not None
    assert check_label("Call 0812345678") is not None  # a phone number in a label: refused
    with pytest.raises(ValueError):
        ClassSession.new("Grade 10", [], "en")


def test_ties_and_winners():
    assert winners({"1": 3, "2": 5}) == ["2"]
    assert winners({"1": 4, "2": 4, "3": 1}) == ["1", "2"]
    assert winners({"1": 0, "2": 0}) == []


def test_class_record_refuses_a_malformed_story():
    good = {"scenario": "village-broker", "ending": None, "ending_kind": None, "path": ["start"],
            "votes": [{"scene": "broker", "counts": {"1": 2}, "chosen": "1", "tie": False}]}
    assert records.class_record("c12345678", "Grade 9", [good])["stories"] == [good]
    with pytest.raises(ValueError):
        records.class_record("c12345678", "Grade 9", [dict(good, votes=[{"scene": "broker", "counts": {"1": -1},
                                                                       "chosen": "1", "tie": False}])])


def _marked_story(tmp_path):
    """The broker story with a class question and a `vote: true` at the broker's offer only."""
    from safepath import paths

    text = (paths.scenarios_dir() / "village-broker.yaml").read_text(encoding="utf-8")
    text = text.replace("    choices:\n", "    discuss: What would you check first?\n    choices:\n", 1)
    text = text.replace("        goto: broker-answer\n", "        goto: broker-answer\n        vote: true\n", 1)
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "village-broker.yaml").write_text(text, encoding="utf-8")
    return folder


def test_vote_and_discuss_in_the_format(tmp_path):
    from safepath.story import loader

    folder = _marked_story(tmp_path)
    result = loader.load_scenario(folder / "village-broker.yaml")
    assert not [d for d in result.diagnostics if d.is_error]
    scenario = result.scenario
    ad = scenario.scenes["broker"]
    assert ad.discuss.text == "What would you check first?" and ad.discuss.context == "village-broker/broker/discuss"
    assert [c.vote for c in ad.choices] == [True, False, False]
    assert ad.discuss in list(scenario.texts())  # extracted for the translators
    from safepath.classroom.session import is_voted

    assert is_voted(ad, "marked") and is_voted(ad, "every")
    others = [s for s in scenario.scenes.values() if s.choices and s.id != "broker"]
    assert others and not any(is_voted(s, "marked") for s in others)
    assert all(is_voted(s, "every") for s in others)


def test_marked_votes_only_where_the_author_asked(tmp_path):
    folder = _marked_story(tmp_path)
    app = make_app(data_dir=tmp_path / "data", lang="en", content_dir=folder)
    session = ClassSession.new("Grade 9 A", ["village-broker"], "en", vote="marked")
    story = app.show("class_story", session=session)
    app.render_stack([story])
    key(app, pygame.K_RETURN)
    assert story.state.scene == "broker"
    key(app, pygame.K_RETURN)
    assert story.phase == "discuss"  # the author's question first
    key(app, pygame.K_RETURN)
    assert story.phase == "vote"
    digits(app, 5)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    if story.phase == "feedback":
        key(app, pygame.K_RETURN)
    while not story.choices:
        key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    assert story.phase == "pick"  # not marked: the trainer presses the class's choice
    scene = story.state.scene
    key(app, pygame.K_1)
    assert story.state.scene != scene
    assert [v["scene"] for v in story.run.votes] == ["broker"]  # no vote recorded where none was held


def test_a_story_that_no_longer_loads_can_be_left_out(data):
    app = make_app(data_dir=data, lang="en")
    store = SessionStore(app.storage)
    session = ClassSession.new("Grade 9 A", ["gone-story", "village-broker"], "en")
    store.save(session)
    story = app.show("class_story", session=session)
    app.render_stack([story])
    assert story.state is None and story.fit_problems() == []
    key(app, pygame.K_s)
    assert top(app) == "ClassStory" and app.stack.top.scenario.id == "village-broker"
    saved = store.load(session.id)
    assert saved.stories[0].done and saved.stories[0].ending is None and saved.current == 1


def test_a_session_can_be_forgotten_and_its_record_stays(data):
    app = make_app(data_dir=data, lang="en")
    store = SessionStore(app.storage)
    session = ClassSession.new("Grade 9 A", ["village-broker"], "en")
    store.finish(session)
    assert [r["kind"] for r in app.storage.results()] == ["class"]
    app.render_stack([app.show("trainer")])
    labels = [b.label for b in app.stack.top.menu.buttons]
    app.stack.top.menu.activate(labels.index("All class sessions on this laptop"))
    sessions = app.stack.top
    sessions.menu.activate(0)
    dialog = app.stack.top
    assert [b.label for b in dialog.menu.buttons] == ["Forget this session", "Back"]  # finished: no resume
    dialog.menu.activate(0)
    assert store.sessions() == [] and [b.label for b in sessions.menu.buttons] == ["Back"]
    assert [r["kind"] for r in app.storage.results()] == ["class"]


def test_a_stop_during_the_feedback_keeps_the_path_whole(data):
    app = make_app(data_dir=data, lang="en")
    session = ClassSession.new("Grade 9 A", ["village-broker"], "en")
    story = app.show("class_story", session=session)
    app.render_stack([story])
    key(app, pygame.K_RETURN)
    key(app, pygame.K_RETURN)
    key(app, pygame.K_c)  # choose without counting
    key(app, pygame.K_1)
    assert story.phase == "feedback"
    after = story.state.scene
    key(app, pygame.K_ESCAPE)
    resumed = SessionStore(app.storage).load(session.id)
    assert resumed.run.path == ["start", "broker", after]
    assert resumed.run.votes == [{"scene": "broker", "counts": {k: 0 for k in resumed.run.votes[0]["counts"]},
                                  "chosen": resumed.run.votes[0]["chosen"], "tie": False}]
    again = app.show("class_story", session=resumed)
    app.render_stack([again])
    assert again.state.scene == after and again.phase == "read"
    key(app, pygame.K_RETURN)
    assert again.run.path[:3] == ["start", "broker", after]  # nothing doubled, nothing lost


def test_safepath_class_opens_the_trainers_menu(data):
    from safepath.app import App
    from safepath.cli import build_parser
    from safepath.saves.storage import Storage

    args = build_parser(["--class"]).parse_args(["--class"])
    assert args.class_mode and args.command is None
    app = App(Storage(data), lang="en", headless=True, class_mode=args.class_mode)
    app.open_window()
    app.start()
    assert top(app) == "TrainerMenu"
    key(app, pygame.K_ESCAPE)  # Esc on the trainer's menu: back to the title, never out of the game
    assert top(app) == "TitleScene" and len(app.stack) == 1


def test_an_unfinished_session_can_be_ended_and_keeps_what_was_played(data):
    app = make_app(data_dir=data, lang="en")
    store = SessionStore(app.storage)
    session = ClassSession.new("Grade 9 A", ["village-broker", "friend-referral"], "en")
    session.run.enter_scene("start")
    session.run.enter_scene("broker")
    session.run.record_vote("broker", {"1": 4, "2": 9, "3": 0}, "2", False)
    store.save(session)
    app.render_stack([app.show("class_sessions")])
    app.stack.top.menu.activate(0)
    dialog = app.stack.top
    labels = [b.label for b in dialog.menu.buttons]
    assert labels == ["Resume", "End the session now (its results are kept)", "Forget this session", "Back"]
    dialog.menu.activate(1)
    (record,) = [r for r in app.storage.results() if r["kind"] == "class"]
    first, second = record["stories"]
    assert first["path"] == ["start", "broker"] and first["ending"] is None and len(first["votes"]) == 1
    assert second == {"scenario": "friend-referral", "ending": None, "ending_kind": None, "path": [], "votes": []}
    assert store.load(session.id).stage == "done"
