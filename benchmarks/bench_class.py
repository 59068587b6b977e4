"""Class mode: how fast a key press is answered on the projector, and what saving after every step costs.

    python3 benchmarks/run.py class

* a count typed during a vote (digit -> new picture drawn), Burmese at 1024×768 and 1920×1080, against
  the baseline of a key press on the game's own title menu (the same app, the same frame);
* the presenter view: the first time at a decision (where every choice leads: a search of the story's
  states) and again (remembered);
* the class session saved after a step (atomic write with fsync and a backup), against a player's
  progress save (the same machinery).
Target: a key press answered within one 30 fps frame (33 ms) once warm; the presenter's first look at a
decision under a second on this machine.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def best(runs: int, work) -> float:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        out.append(time.perf_counter() - start)
    return min(out)


def main() -> None:
    import pygame

    from safepath.app import make_app
    from safepath.classroom import presenter
    from safepath.classroom.session import ClassSession
    from safepath.classroom.store import SessionStore
    from safepath.play import engine

    def key(k):
        return [pygame.event.Event(pygame.KEYDOWN, key=k, mod=0, unicode="", scancode=0)]

    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'key press, drawn':<44}{'1024x768':>12}{'1920x1080':>12}")
        for label, build in (("title menu: Down (baseline)", "title"), ("class vote: a digit typed", "vote")):
            row = []
            for size in ((1024, 768), (1920, 1080)):
                app = make_app(size=size, lang="my", data_dir=tmp)
                if build == "title":
                    app.render_stack([app.show("title")])
                    press = key(pygame.K_DOWN)
                else:
                    session = ClassSession.new("Grade 9 A", ["dream-job"], "my")
                    story = app.show("class_story", session=session, preview=True)
                    app.render_stack([story])
                    for k in (pygame.K_RETURN, pygame.K_RETURN):
                        app.step(0.0, key(k))
                    press = key(pygame.K_3)

                def one():
                    app.step(0.0, press)
                    app.draw()

                one()
                row.append(best(20, one))
            print(f"{label:<44}{row[0] * 1000:>9.1f} ms{row[1] * 1000:>9.1f} ms")

        app = make_app(size=(1280, 720), lang="en", data_dir=tmp)
        scenario = app.scenarios["dream-job"]
        state = engine.advance(scenario, engine.start(scenario))
        presenter._REACHED.clear()
        start = time.perf_counter()
        presenter.choice_infos(scenario, state)
        first = time.perf_counter() - start
        again = best(20, lambda: presenter.choice_infos(scenario, state))
        print(f"{'presenter: where each choice leads':<44}{first * 1000:>9.0f} ms first, {again * 1000:.2f} ms again")

        store = SessionStore(app.storage)
        session = ClassSession.new("Grade 9 A", ["dream-job", "friend-referral"], "en")
        for n in range(30):  # a long session: thirty votes recorded
            session.run.enter_scene("ad")
            session.run.record_vote("ad", {"1": 10 + n, "2": 5, "3": 1}, "1", False)
        saved = best(10, lambda: store.save(session))
        profile = app.storage.create_profile("Bench", "bird")
        progress = best(10, lambda: app.storage.save_state(profile.id, "dream-job", state.to_json()))
        print(f"{'save after a step: class session (30 votes)':<44}{saved * 1000:>9.1f} ms")
        print(f"{'save after a step: a player (baseline)':<44}{progress * 1000:>9.1f} ms")


if __name__ == "__main__":
    main()
