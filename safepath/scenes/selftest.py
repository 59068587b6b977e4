"""The drawing half of ``safepath --selftest`` (:mod:`safepath.packaging.selftest`).

These checks need pygame, so they live in the presentation layer. Each returns a
short detail for its line of output and raises :class:`SelfTestFailure` with a
plain reason when something a player would see is wrong: a font that does not
shape, a paragraph that breaks inside a word, a screen that draws nothing, a
story that cannot be played to its end. They run on SDL's dummy driver unless a
driver was chosen (under Xvfb: ``SDL_VIDEODRIVER=x11`` shows the frames for real).
"""

from __future__ import annotations

from pathlib import Path

import pygame

from safepath.text.scripts import LATIN, MYANMAR, THAI

#: strings whose drawing depends on shaping (docs: ../shared/design/text-pipeline.md): kinzi and
#: reordered medials in Burmese, ำ under a tone mark in Thai; unshaped, they come out visibly different
SHAPING_SAMPLES = ((MYANMAR, "Burmese", "မင်္ဂလာပါ"), (THAI, "Thai", "น้ำใจ"))
#: a Thai paragraph without spaces: only ICU's dictionary can find where its words end
THAI_PARAGRAPH = "ภาษาไทยไม่มีช่องว่างระหว่างคำ ดังนั้นโปรแกรมต้องรู้ว่าคำแต่ละคำจบตรงไหนก่อนจะตัดบรรทัด"
PARAGRAPH_WIDTH = 240
KEY_FIELDS = dict(mod=0, unicode="", scancode=0)


class SelfTestFailure(Exception):
    """A check found something wrong; the message says what, in plain words."""


def fonts_and_shaping() -> str:
    """Every font file opens; Thai and Burmese samples have all their glyphs and come out shaped."""
    from safepath.ui import fonts

    book = fonts.default_book()
    book.check_files()  # FontMissingError names the file and folder
    details = [f"SDL_ttf {'.'.join(map(str, pygame.font.get_sdl_ttf_version()))}"]
    latin = book.get(LATIN, 24)
    if any(m is None for m in latin.metrics("SafePath 123")):
        raise SelfTestFailure("the Latin font has no glyphs for plain letters and digits")
    for script, name, sample in SHAPING_SAMPLES:
        shaped = book.get(script, 40)
        missing = [f"U+{ord(ch):04X}" for ch, m in zip(sample, shaped.metrics(sample)) if m is None]
        if missing:
            raise SelfTestFailure(f"the {name} font has no glyph for {', '.join(missing)}")
        plain = pygame.font.Font(str(book.path(script)), 40)  # no set_script: what an unshaped font draws
        a = shaped.render(sample, True, (0, 0, 0), (255, 255, 255))
        b = plain.render(sample, True, (0, 0, 0), (255, 255, 255))
        if a.get_size() != b.get_size():
            details.append(f"{name} shaped {a.get_width()} px wide (unshaped {b.get_width()} px)")
            continue
        pa, pb = pygame.image.tobytes(a, "RGB"), pygame.image.tobytes(b, "RGB")
        moved = sum(1 for i in range(0, len(pa), 3) if pa[i:i + 3] != pb[i:i + 3])
        if not moved:
            raise SelfTestFailure(f"{name} is drawn the same with and without shaping: "
                                  "this SDL_ttf does not shape (no HarfBuzz?)")
        details.append(f"{name} shaped ({moved} pixels differ from unshaped: marks placed)")
    return "; ".join(details)


def paragraph_layout() -> str:
    """A Thai paragraph with the real fonts: several lines, each within the width, broken only where ICU allows."""
    from safepath.text.breaks import line_break_opportunities
    from safepath.ui.textrender import laid_out, render_paragraph

    lines = laid_out(THAI_PARAGRAPH, PARAGRAPH_WIDTH, 24, lang="th")
    if "".join(line.text + line.trailing for line in lines) != THAI_PARAGRAPH:
        raise SelfTestFailure("the laid-out lines do not add up to the paragraph")
    if len(lines) < 3:
        raise SelfTestFailure(f"the paragraph took {len(lines)} line(s) in {PARAGRAPH_WIDTH} px; expected several")
    allowed = set(line_break_opportunities(THAI_PARAGRAPH, "th"))
    if len(allowed) < 10:
        raise SelfTestFailure(f"ICU found only {len(allowed)} break opportunities in Thai (no dictionary data?)")
    offset = 0
    for line in lines[:-1]:
        offset += len(line.text) + len(line.trailing)
        if offset not in allowed:
            raise SelfTestFailure(f"a line ends at {offset}, inside a word ({THAI_PARAGRAPH[offset - 3:offset + 3]!r})")
        if line.width > PARAGRAPH_WIDTH:
            raise SelfTestFailure(f"a line is {line.width} px wide in a {PARAGRAPH_WIDTH} px box")
    surface = render_paragraph(THAI_PARAGRAPH, PARAGRAPH_WIDTH, 24, (0, 0, 0), lang="th")
    if _colours(surface) < 2:
        raise SelfTestFailure("the rendered paragraph is empty")
    return f"Thai, {len(lines)} lines in {PARAGRAPH_WIDTH} px at ICU word breaks ({len(allowed)} found)"


def _colours(surface: pygame.Surface, limit: int = 3) -> int:
    """How many different pixel values a surface has (up to ``limit``): 1 means it drew nothing."""
    data = pygame.image.tobytes(surface, "RGBA")
    seen: set[bytes] = set()
    for i in range(0, len(data), 4 * 97):  # a sample is plenty to tell a picture from a blank
        seen.add(data[i:i + 4])
        if len(seen) >= limit:
            break
    return len(seen)


def bundled_problems(app) -> list[str]:
    """The app's load errors, less those of an NGO's own files (the "local content" check reports them)."""
    import os

    from safepath import paths

    local = os.path.normcase(os.path.normpath(str(paths.local_dir()))) + os.sep
    return [f"{Path(file).name}:{found[0].line}: {found[0].message}" for file, found in app.load_errors.items()
            if not os.path.normcase(os.path.normpath(file)).startswith(local)]


def main_screens(data_dir: Path, lang: str, shots: Path | None = None) -> str:
    """One frame of every screen the game offers for screenshots, in ``lang``; none may be blank."""
    from safepath.app import make_app
    from safepath.scenes.screenshots import collect_states

    app = make_app(lang=lang, data_dir=data_dir)
    bundled = bundled_problems(app)
    if bundled:
        raise SelfTestFailure(f"a story could not be opened: {bundled[0]}")
    states = collect_states(app)
    if not states:
        raise SelfTestFailure("no screens were found")
    blank = []
    for name, scenes in states:
        surface = app.render_stack(scenes)
        if _colours(surface) < 2:
            blank.append(name)
        if shots is not None:
            shots.mkdir(parents=True, exist_ok=True)
            pygame.image.save(surface, str(shots / f"{lang}-{name}.png"))
    if blank:
        raise SelfTestFailure(f"{len(blank)} screen(s) drew nothing: {', '.join(blank[:5])}")
    return f"{len(states)} screens drawn in {lang}, none blank"


def _key(k: int) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, **KEY_FIELDS)


def play_to_an_ending(data_dir: Path, lang: str, shots: Path | None = None) -> str:
    """Each bundled story played with synthetic key presses, from its content note to its debrief.

    The path to an ending is found with the engine; the keys are those a player presses
    (Enter on the content note, the choice's number key, Enter to close a feedback card and
    to open the debrief). The ending must be the one the engine predicted and be saved.
    """
    from safepath.play import engine
    from safepath.app import make_app
    from safepath.scenes.ending import DebriefScene
    from safepath.scenes.feedback import FeedbackOverlay
    from safepath.scenes.story import StoryScene
    from safepath.scenes.story_parts import ending_states

    app = make_app(lang=lang, data_dir=data_dir)
    profile = app.storage.create_profile("Selftest", "star")
    app.select_profile(profile)
    app.settings.typewriter = "fast"  # the typing indicator and the reveal really run
    if not app.scenarios:
        raise SelfTestFailure("there is no story to play")
    played = []
    for sid in sorted(app.scenarios):
        scenario = app.scenarios[sid]
        endings = _endings_without_drills(scenario) or ending_states(scenario)
        if not endings:
            raise SelfTestFailure(f"{sid}: no ending can be reached")
        ending_id, target = sorted(endings.items())[0]
        app.start_scenario(sid, resume=False, checks=False)  # the knowledge checks have their own tests
        _step(app, [_key(pygame.K_RETURN)])  # the content note's "Continue"
        scene = app.stack.top
        if not isinstance(scene, StoryScene):
            raise SelfTestFailure(f"{sid}: Enter on the content note did not open the story")
        for step in target.steps:
            _wait_ready(app, scene, sid)
            if scene.story.scene.is_drill and step != engine.CONTINUE:
                _finish_drill(app, scene, step, sid)
            else:
                position = 0 if step == engine.CONTINUE else [c.index for c in scene.story.choices].index(step)
                _step(app, [_key(getattr(pygame, f"K_{position + 1}"))])
            if isinstance(app.stack.top, FeedbackOverlay):
                app.draw()
                _step(app, [_key(pygame.K_RETURN)])
        _wait_ready(app, scene, sid)
        if not scene.story.ended or scene.story.state.scene != ending_id:
            raise SelfTestFailure(f"{sid}: the story did not end at {ending_id}")
        _step(app, [_key(pygame.K_RETURN)])  # "What happened? Read the debrief"
        if not isinstance(app.stack.top, DebriefScene):
            raise SelfTestFailure(f"{sid}: Enter at the ending did not open the debrief")
        app.draw()
        pygame.display.flip()
        if shots is not None:
            shots.mkdir(parents=True, exist_ok=True)
            pygame.image.save(app.surface, str(shots / f"{lang}-played-{sid}-debrief.png"))
        if ending_id not in app.storage.scenario_progress(profile.id, sid).endings:
            raise SelfTestFailure(f"{sid}: the ending was not saved")
        played.append(f"{sid} -> {ending_id} in {len(target.steps)} steps")
        app.back_to_scenarios()
    return "; ".join(played)


def _endings_without_drills(scenario) -> dict:
    """A path to each ending that opens no drill screen (the drills have their own tests), breadth-first."""
    from safepath.play import engine, walk
    from safepath.story.model import SceneKind

    drills = {kind for kind in SceneKind if kind.value in ("phone", "register", "codeword", "travelplan")}
    return walk.ending_states(scenario, seen_as=walk.by_state, limit=20000,
                                 follow=lambda s: engine.current_scene(scenario, s).kind not in drills)


def _finish_drill(app, scene, step: int, sid: str) -> None:
    """Open the drill from the story (Enter) and hand its outcome back as the drill would: the drill's own
    screens have their tests; here the story must take the outcome and go on (a story may have no path
    without a drill)."""
    from safepath.scenes.drill import DrillScene

    _step(app, [_key(pygame.K_RETURN)])
    drill = app.stack.top
    if not isinstance(drill, DrillScene):
        raise SelfTestFailure(f"{sid}: Enter on the drill scene {scene.story.scene.id!r} did not open the drill")
    outcome = next(c.outcome for c in scene.story.scene.choices if c.index == step)
    drill.closed = True
    app.stack.pop()
    if drill.on_done is not None:
        drill.on_done(outcome)
    app.draw()


def _step(app, events) -> None:
    app.step(0.0, events)
    pygame.display.flip()  # shown for real when a visible driver was chosen (Xvfb)


def _wait_ready(app, scene, sid: str) -> None:
    for _ in range(6000):
        if app.stack.top is scene and scene.phase in ("ready", "done"):
            return
        app.step(1 / 30, [])
    raise SelfTestFailure(f"{sid}: the story never stopped to wait for the player (phase {scene.phase})")
