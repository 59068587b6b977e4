"""Choosing another folder for the saves, when the usual one cannot be written (issue 18, item 4).

Reached from the "could not save" message, the calm "progress is not being saved" marker, the pause
menu and the new-player screen. The player opens folders one at a time, from the usual places
(:func:`safepath.saves.places.places`) downwards, and picks "Save here". The game then keeps its saves
there until it closes (:meth:`safepath.saves.storage.Storage.use_folder` writes everything it holds), or
says in plain words why that folder cannot be used either, and the player can pick another.
"""

from __future__ import annotations

from pathlib import Path

from safepath.saves import places
from safepath.saves.storage import MOVED
from safepath.scenes.base import register_scene
from safepath.scenes.menu_scene import MenuScene
from safepath.ui.widgets import Button


@register_scene("save_folder")
class SaveFolderScene(MenuScene):
    """Open folders, then "Save here"; "Other places" lists where to start again."""

    column_width = 760
    text_width = 1000
    intro_align = "left"

    def __init__(self, folder: str | Path | None = None, home: str | Path | None = None,
                 within: str | Path | None = None) -> None:
        super().__init__()
        self.home = Path(home) if home is not None else None
        #: screenshots and tests: only this folder and those inside it are offered (nothing else is written)
        self.within = Path(within) if within is not None else None
        self.folder: Path | None = Path(folder) if folder is not None else None  # None: the list of places
        self.problem = ""  # why the last folder chosen could not be used, already translated

    def enter(self, app) -> None:
        if self.within is None:  # a headless app (tests, screenshots) offers nothing outside its own folder
            within = getattr(app, "folder_choice_within", None)
            self.within = Path(within) if within is not None else None
        super().enter(app)

    def heading(self) -> str:
        return self._("Choose a folder for your saves")

    def intro(self) -> str:
        parts = []
        reason = self.app.storage.failure_reason(self.app.profile.id if self.app.profile else None)
        if reason:
            parts.append(self._("Saving does not work now: {reason}.").format(reason=self._(reason)))
        if self.problem:
            parts.append(self.problem)
        if self.folder is None:
            parts.append(self._("Pick a place to start. A USB stick or your Documents folder usually works."))
        else:
            parts.append(self._("Looking in: {folder}").format(folder=places.shown(self.folder)))
            parts.append(self._("The saves go into a folder named SafePath here, until SafePath closes."))
        return "\n".join(parts)

    def buttons(self) -> list[Button]:
        out: list[Button] = []
        if self.folder is None:
            found = places.places(self.home)
            if self.within is not None:
                found = [p for p in found if p.is_relative_to(self.within)]
            for place in found:
                out.append(Button(place.name or places.shown(place), self._open(place), detail=places.shown(place), align="left"))
            out.append(Button(self._("Cancel"), self.cancel, style="primary" if not out else "normal"))
            return out
        out.append(Button(self._("Save here"), self.save_here, style="primary"))
        if self.folder.parent != self.folder and (self.within is None or self.folder != self.within):
            out.append(Button(self._("Up one folder"), self._open(self.folder.parent), half=True))
        out.append(Button(self._("Other places"), self._open(None), half=True))
        for child in places.children(self.folder):
            out.append(Button(places.shown(Path(child.name)), self._open(child), align="left", role="body", compact=True))
        out.append(Button(self._("Cancel"), self.cancel))
        return out

    def _open(self, folder: Path | None):
        def open_folder() -> None:
            self.folder, self.problem = folder, ""
            self._focus = 0
            if self.menu is not None:
                self.menu.focus, self.menu.scroll = 0, 0
            self.relayout()

        return open_folder

    def save_here(self) -> None:
        target = places.target_for(self.folder)
        problem = self.app.storage.use_folder(target)
        if problem:
            self.problem = self._("This folder cannot be used: {reason}. Please choose another one.").format(
                reason=self._(problem))
            self.relayout()
            return
        self.app.stack.pop()
        self.app.stack.relayout()  # the marker goes; screens that said "not kept" say so no more
        self.app.stack.push(self.app.show("dialog", self._(MOVED).format(folder=places.shown(target))))

    def cancel(self) -> None:
        self.app.stack.pop()


class _SavesRefused(MenuScene):
    """For screenshots only: while on the stack, the players' file cannot be written (as on a locked stick)."""

    is_overlay = True

    def enter(self, app) -> None:
        from safepath.saves import savefile

        super().enter(app)
        app.storage._failing[app.storage.root / "profiles.json"] = savefile.Msgid(savefile.REASON_READ_ONLY)

    def leave(self) -> None:
        self.app.storage._failing.pop(self.app.storage.root / "profiles.json", None)

    def draw(self, surface) -> None:
        pass


def screenshot_states(app) -> list[tuple[str, list]]:
    """The folder screen, and what a player sees while saving does not work: the message told once, the
    marker, the pause menu, a new player who would not be kept."""
    import tempfile

    from safepath.saves import savefile
    from safepath.scenes.profiles import NewProfileScene

    home = Path(tempfile.mkdtemp(prefix="safepath-home-"))
    for name in ("Documents", "Desktop", "Music", "Pictures", "ไฟล์งาน"):
        (home / name).mkdir(exist_ok=True)
    for name in ("Class 10B", "Homework", "Photos"):
        (home / "Documents" / name).mkdir(exist_ok=True)
    told = savefile.Notice(savefile.NOT_SAVED, {"reason": savefile.Msgid(savefile.REASON_READ_ONLY)}).text(app.tr)
    player = NewProfileScene()
    player.input.text = "Nilar"
    return [
        ("save-folder-places", [_SavesRefused(), SaveFolderScene(home=home, within=home)]),
        ("save-folder", [_SavesRefused(), SaveFolderScene(home / "Documents", home=home, within=home)]),
        ("not-saving-told", [_SavesRefused(), app.show("picker"), app.show("dialog", told, [
            (app.tr("Choose another folder"), None), (app.tr("Keep playing"), None)], serious=True)]),
        ("not-saving-marker", [_SavesRefused(), app.show("picker")]),
        ("not-saving-pause", [_SavesRefused(), app.show("picker"), app.show("pause")]),
        ("not-saving-new-player", [_SavesRefused(), app.show("profiles"), player]),
    ]
