"""Draw every screen of the game to PNG files: the pygame half of ``safepath screenshots``.

The command (:mod:`safepath.commands.screenshots`) only reads its options and
chooses SDL's dummy driver; the drawing lives here, in the presentation layer,
because only ``safepath/scenes/``, ``safepath/ui/`` and ``safepath/app.py``
import pygame.

Each module of :mod:`safepath.scenes` may define ``screenshot_states(app)``
returning named stacks of scenes (see :mod:`safepath.scenes.base`).
:func:`render_all` builds a headless app (saves in a temporary folder, never
the player's) for every window size × language × text size, draws each stack
once and writes ``OUTDIR/<W>x<H>/<lang>/<name>.png``, with ``-t1``/``-t2`` for
larger text and ``-hc`` for high contrast, so one folder can hold them all.
Screens that can check their own text boxes (``fit_problems(size)``) are
checked too: overflowing text is listed and the exit status is 1.

With ``content_dir`` (an author's own stories, ``safepath screenshots OUT --content DIR``)
the pictures are of those stories instead: the story picker, then every scene of every
story in file order, ``OUTDIR/<W>x<H>/<lang>/<story-id>/<nn>-<scene-id>.png``, and for an
ending its debrief too; translated by the author's own catalogs when they have them.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import pygame

from safepath.app import make_app
from safepath.play import walk


def collect_states(app) -> list[tuple[str, list]]:
    """Every named screen state offered by the modules of :mod:`safepath.scenes`, in module order."""
    import importlib
    import pkgutil

    import safepath.scenes as pkg

    states = []
    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"safepath.scenes.{info.name}")
        maker = getattr(module, "screenshot_states", None)
        if maker is not None:
            states.extend(maker(app))
    return states


def story_states(app) -> list[tuple[str, list]]:
    """The picker, then every scene of every loaded story (in file order) and each ending's debrief."""
    from safepath.scenes.ending import DebriefScene
    from safepath.scenes.picker import screenshot_states as picker_states
    from safepath.scenes.story import StoryScene

    shots = list(picker_states(app))
    for scenario in app.scenarios.values():
        reached = walk.state_per_scene(scenario)
        for number, scene in enumerate(scenario.scenes.values(), 1):
            state = reached.get(scene.id) or _placed_in(scenario, scene)
            name = f"{scenario.id}/{number:02d}-{scene.id}"
            shots.append((name, [StoryScene(scenario, state=state, preview="ready")]))
            if scene.is_drill and scene.drill is not None:  # the drill's own screen, at each of its stages
                from safepath.scenes.drill import DrillScene, drill_stages

                for stage, drill in drill_stages(scenario, state):
                    shots.append((f"{name}-drill-{stage}", [DrillScene(scenario, state, drill=drill)]))
            if scene.is_ending:
                shots.append((f"{name}-debrief", [DebriefScene(scenario, state)]))
    return shots


def _placed_in(scenario, scene):
    """A state standing in a scene no path reaches (lint warns about it, SP050): drawn all the same."""
    import dataclasses

    from safepath.play import engine

    ending = scene.ending.value if scene.is_ending and scene.ending else None
    return dataclasses.replace(engine.start(scenario), scene=scene.id, visited=(scene.id,), ending=ending)


def file_name(screen: str, text_size: int, high_contrast: bool) -> str:
    """``chat.png``, ``chat-t2.png``, ``chat-hc.png``, ``chat-t1-hc.png``: every variant its own name."""
    return f"{screen}{f'-t{text_size}' if text_size else ''}{'-hc' if high_contrast else ''}.png"


def render_all(outdir: Path, sizes: list[tuple[int, int]], langs: list[str], text_sizes: list[int],
               only: str = "", high_contrast: bool = False, say: Callable[[str], None] = print,
               content_dir: Path | None = None, second_langs: list[str | None] | tuple = (None,)) -> int:
    """Write the pictures; returns the exit status (1 when a screen failed or text overflows).

    ``second_langs``: a second language shown under each language (None: one language); every
    pair of two different languages is drawn, into ``<lang>+<second>/``.
    """
    outdir = Path(outdir)
    written = failed = overflowing = 0
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="safepath-shots-") as data_dir:
        for size in sizes:
            for lang, second in [(lang, second) for lang in langs for second in second_langs if second != lang]:
                for step in text_sizes:
                    app = make_app(size=size, lang=lang, text_size=step, data_dir=data_dir, high_contrast=high_contrast,
                                   content_dir=content_dir, second_lang=second)
                    folder = outdir / f"{size[0]}x{size[1]}" / (f"{lang}+{second}" if second else lang)
                    folder.mkdir(parents=True, exist_ok=True)
                    if content_dir is not None and app.load_problems:
                        for problem in app.load_problems:
                            say(f"not drawn (it does not load; see `safepath lint`): {problem}")
                    try:
                        states = story_states(app) if content_dir is not None else collect_states(app)
                    except Exception as exc:  # a broken screen module must not hide the others' pictures
                        print(f"error: could not list the screens: {exc!r}", file=sys.stderr)
                        return 1
                    for name, scenes in states:
                        if only and only not in name:
                            continue
                        path = folder / file_name(name, step, high_contrast)
                        path.parent.mkdir(parents=True, exist_ok=True)
                        try:
                            surface = app.render_stack(scenes)
                            pygame.image.save(surface, str(path))
                            written += 1
                            check = getattr(scenes[-1], "fit_problems", None)
                            problems = check(surface.get_size()) if check else []
                        except Exception as exc:
                            failed += 1
                            print(f"error: {path}: {type(exc).__name__}: {exc}", file=sys.stderr)
                            continue
                        for problem in problems:
                            overflowing += 1
                            say(f"overflow: {path}: {problem}")
    took = time.perf_counter() - started
    say(f"{written} screenshots in {outdir} ({took:.1f} s); {failed} failed; {overflowing} text boxes overflow")
    return 1 if failed or overflowing else 0
