"""Scenes and the scene stack: the skeleton every screen of the game hangs on.

A *scene* is one screen (title, scenario picker, chat, debrief ...) or an overlay
drawn over the screen below it (pause, settings). Scenes live on a
:class:`SceneStack`; only the top scene receives events, and the app draws the
stack bottom-up from the last opaque scene so overlays dim what is underneath.

Why the hooks look like this
----------------------------
The game runs on old laptops on battery, so the loop is event-driven: it blocks
on ``pygame.event.wait()`` while nothing moves and only ticks at 60 fps while
some scene's :meth:`Scene.update` says it is animating. A scene therefore tells
the app two things: "I am still animating" (``update`` returns True) and "my
picture changed" (``needs_redraw``; the app clears it after drawing).

Lifecycle, called by the stack (never call these yourself)::

    enter(app)          pushed, or uncovered again after the scene above left
    leave()             popped or replaced (free caches, stop sounds)
    handle_event(ev)    top scene only; return True when the event was used
    update(dt)          every frame while animating; dt in seconds; return True
                        while still animating
    draw(surface)       paint the whole scene (overlays: only their own part)
    relayout()          window size, language, text size or contrast changed:
                        drop cached text surfaces and lay out again
    content_reloaded(scenarios)   optional: F5 / --author reloaded the scenario files;
                        a scene showing a scenario swaps in the new model
    drawing_failed(problem)       optional: this scene's ``draw`` (or ``update``, ``handle_event``) raised; return True once the
                        scene has put something drawable in its place (the story saves and
                        offers the way on). Otherwise the app closes the scene with a kind message.

Set ``pausable = True`` on story screens: an Esc they do not use opens the pause menu.
Starting a story: ``app.start_scenario(id, resume)`` pushes the scene registered as
"content_note" with ``scenario=`` and ``state=`` (an engine State to resume, or None).

Screens read everything from ``self.app`` (see :class:`AppServices`): the
current translator ``app.tr``, ``app.theme``, ``app.storage``, the loaded
scenarios, and ``app.stack`` to push / pop / replace scenes. ``app.show(name,
*args, **kwargs)`` builds a scene by its registered name (see :func:`register_scene`):
screens never import each other to navigate, so a new screen (classroom, checks,
report) is added without touching the others, and there are no import cycles.

Screenshots (the ``safepath screenshots`` command)
--------------------------------------------------
Every scene module may define ``screenshot_states(app) -> list[tuple[str, list[Scene]]]``:
named states, each a list of scenes forming a stack (bottom first, e.g.
``[ScenarioPicker(), PauseMenu()]`` for an overlay). The command walks the
modules of :mod:`safepath.scenes` with :mod:`pkgutil`, builds a headless app
with :func:`safepath.app.make_app` (size, language, text size, data folder)
and renders each stack with ``app.render_stack(scenes) -> pygame.Surface``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Protocol

import pygame

if TYPE_CHECKING:  # pragma: no cover - typing only
    from safepath.ui.theme import Theme


class AppServices(Protocol):
    """What a scene may rely on from ``self.app`` (implemented by :class:`safepath.app.App`)."""

    stack: "SceneStack"
    theme: "Theme"
    storage: Any  # safepath.saves.storage.Storage
    profile: Any  # current safepath.saves.players.Profile or None
    scenarios: dict  # scenario id -> model.Scenario (loaded without errors)
    load_problems: list  # plain-language lines about scenarios that failed to load
    lang: str  # "th", "my" or "en"

    def tr(self, message: str) -> str: ...  # translate an interface string now
    def show(self, name: str, *args: Any, **kwargs: Any) -> "Scene": ...  # build a registered scene
    def settings_changed(self) -> None: ...  # settings were edited: apply and re-lay out
    def play_sound(self, name: str) -> None: ...  # "tap", "message", ...; silent if no audio
    def quit(self) -> None: ...


_REGISTRY: dict[str, Callable[..., "Scene"]] = {}


def register_scene(name: str) -> Callable[[type], type]:
    """Class decorator: make a scene constructible by name through ``app.show(name, **kwargs)``."""

    def deco(cls: type) -> type:
        _REGISTRY[name] = cls
        return cls

    return deco


def scene_factory(name: str) -> Callable[..., "Scene"]:
    """The registered constructor for ``name``; imports ``safepath.scenes.<module>`` lazily on a miss.

    The module named like the screen comes first (``title`` is in ``title.py``): the first
    frame then imports only what the title needs, not every screen of the game (start-up
    time on old laptops; :func:`import_all_scenes` brings in the rest after the first frame).
    """
    if name not in _REGISTRY:
        import importlib

        try:  # the module named like the screen, without listing the package (pkgutil: ~0.4 ms at start)
            if name.isidentifier():
                importlib.import_module(f"safepath.scenes.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"safepath.scenes.{name}":
                raise  # the screen's module is there but needs something missing: say so
        if name in _REGISTRY:
            return _REGISTRY[name]
        import pkgutil

        import safepath.scenes as pkg

        modules = [info.name for info in pkgutil.iter_modules(pkg.__path__) if info.name != "base"]
        if name in modules:
            modules.remove(name)
            modules.insert(0, name)
        for module in modules:
            importlib.import_module(f"safepath.scenes.{module}")
            if name in _REGISTRY:
                break
    try:
        return _REGISTRY[name]
    except KeyError:
        raise LookupError(f"no scene registered as {name!r}") from None


def import_all_scenes() -> None:
    """Import every screen module now (the app does it in the background after the first frame)."""
    import importlib
    import pkgutil

    import safepath.scenes as pkg

    for info in pkgutil.iter_modules(pkg.__path__):
        importlib.import_module(f"safepath.scenes.{info.name}")


class Scene:
    """One screen or overlay. Subclasses override the hooks they need."""

    #: draw the scene below first (pause and settings dim the screen under them)
    is_overlay: bool = False
    #: an unused Esc opens the pause menu over this scene (the story screens)
    pausable: bool = False

    def __init__(self) -> None:
        self.app: AppServices | None = None
        #: set when the picture changed; the app redraws and clears it
        self.needs_redraw: bool = True

    # -- lifecycle -------------------------------------------------------------------------
    def enter(self, app: AppServices) -> None:
        self.app = app
        self.needs_redraw = True

    def leave(self) -> None:
        pass

    def handle_event(self, event: pygame.event.Event) -> bool:
        return False

    def update(self, dt: float) -> bool:
        return False

    def draw(self, surface: pygame.Surface) -> None:
        pass

    def changed_area(self) -> pygame.Rect | None:
        """The part of the screen that changed since this scene last drew it all, or None for all of it.

        Asked only when this scene is the one visible scene and nothing else changed. A scene
        that answers a rect promises that drawing it again with the surface clipped to that rect
        gives the very pixels a whole redraw would (the chat while messages type: only the thread
        moves). The app then redraws and shows only that rect.
        """
        return None

    def relayout(self) -> None:
        """Window size, language, text size or contrast changed: rebuild cached text and layout."""
        self.needs_redraw = True

    # -- helpers -----------------------------------------------------------------------------
    def _(self, message: str) -> str:
        """Translate an interface string in the app's current language."""
        return self.app.tr(message) if self.app is not None else message

    @property
    def second_lang(self) -> str | None:
        """The language shown smaller under the app's (None: one language, the default)."""
        return getattr(self.app, "second_lang", None) if self.app is not None else None

    def _pair(self, message: str, **kwargs) -> tuple[str, str | None]:
        """An interface string in the app's language and in the second language (None: no second line).

        A placeholder's value may be a scenario text; see :func:`safepath.i18n.pair_in`.
        """
        from safepath import i18n

        if self.app is None:
            return message.format(**kwargs) if kwargs else message, None
        return i18n.pair_in(i18n.get_translator(self.app.lang), self.second_lang, message, **kwargs)

    def _button(self, message: str, action, **kwargs):
        """A :class:`~safepath.ui.widgets.Button` labelled ``message`` in the app's language, and under it
        in the second language when one is set (menus, cards): one language by default."""
        from safepath.ui.widgets import Button

        label, under = self._pair(message)
        return Button(label, action, second=under or "", second_lang=self.second_lang, **kwargs)

    def _text_pair(self, text) -> tuple[str, str | None]:
        """A scenario text in the app's language and in the second language (None: no second line)."""
        from safepath import i18n

        if self.app is None or text is None:
            return (text.text if text is not None else ""), None
        return i18n.text_pair_in(i18n.get_translator(self.app.lang), self.second_lang, text)


class SceneStack:
    """A stack of scenes; the top one gets the events.

    Changes made while a scene handles an event take effect immediately; the
    scene that called ``pop()`` on itself simply receives no more events.
    """

    def __init__(self, app: AppServices | None = None) -> None:
        self.app = app
        self._scenes: list[Scene] = []
        #: set when scenes were pushed or popped, so the app redraws everything
        self.changed = True
        #: how many scenes have left the stack so far (the app frees what they held: see ``App.step``)
        self.left = 0
        #: the scene being drawn / updated (still set if it raised: the app then knows which one failed)
        self.drawing: Scene | None = None
        self.updating: Scene | None = None

    def __len__(self) -> int:
        return len(self._scenes)

    def __iter__(self):
        return iter(list(self._scenes))

    @property
    def top(self) -> Scene | None:
        return self._scenes[-1] if self._scenes else None

    def push(self, scene: Scene) -> Scene:
        self._scenes.append(scene)
        scene.enter(self.app)
        self.changed = True
        return scene

    def pop(self) -> Scene | None:
        if not self._scenes:
            return None
        scene = self._scenes.pop()
        scene.leave()
        self.left += 1
        self.changed = True
        if self._scenes:  # the uncovered scene is visible again; let it refresh itself
            self._scenes[-1].needs_redraw = True
        return scene

    def remove(self, scene: Scene) -> bool:
        """Take ``scene`` off the stack wherever it is (an overlay whose reason went away); False if absent."""
        if scene is self.top:
            self.pop()
            return True
        if scene not in self._scenes:
            return False
        self._scenes.remove(scene)
        scene.leave()
        self.left += 1
        self.changed = True
        return True

    def replace(self, scene: Scene) -> Scene:
        """Swap the top scene for ``scene`` (the title becomes the picker, and so on)."""
        if self._scenes:
            self._scenes.pop().leave()
            self.left += 1
        return self.push(scene)

    def clear_to(self, scene: Scene) -> Scene:
        """Pop everything and start again from ``scene`` (e.g. "back to scenarios")."""
        while self._scenes:
            self._scenes.pop().leave()
            self.left += 1
        from safepath import malloc_tune

        malloc_tune.trim()  # the screens just left are freed: hand their pages back (glibc only)
        return self.push(scene)

    def find(self, cls: type) -> Scene | None:
        """The topmost scene of this class, if any (overlays use it to reach the screen below)."""
        for scene in reversed(self._scenes):
            if isinstance(scene, cls):
                return scene
        return None

    def handle_event(self, event: pygame.event.Event) -> bool:
        top = self.top
        if top is None:
            return False
        used = top.handle_event(event)
        return bool(used)

    def update(self, dt: float) -> bool:
        """Update every visible scene; True while any of them animates."""
        animating = False
        for scene in self.visible():
            self.updating = scene
            if scene.update(dt):
                animating = True
        self.updating = None
        return animating

    def visible(self) -> list[Scene]:
        """Scenes to draw, bottom first: from the topmost opaque scene upwards."""
        start = 0
        for i in range(len(self._scenes) - 1, -1, -1):
            if not self._scenes[i].is_overlay:
                start = i
                break
        return self._scenes[start:]

    def needs_redraw(self) -> bool:
        return self.changed or any(s.needs_redraw for s in self.visible())

    def changed_area(self) -> pygame.Rect | None:
        """The rect to redraw when only part of the screen changed (see :meth:`Scene.changed_area`); None: all."""
        if self.changed or len(self._scenes) == 0:
            return None
        visible = self.visible()
        if len(visible) != 1:
            return None
        return visible[0].changed_area()

    def draw(self, surface: pygame.Surface) -> None:
        for scene in self.visible():
            self.drawing = scene
            scene.draw(surface)
            scene.needs_redraw = False
        self.drawing = None
        self.changed = False

    def relayout(self) -> None:
        for scene in self._scenes:
            scene.relayout()
        self.changed = True
