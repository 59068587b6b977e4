"""The trainer's printable material from the game: facilitator sheets and answer cards, written as HTML.

One button writes every story's facilitator sheet and the answer cards (with the tally sheet for the
latest unfinished class session's forms) in the game's language into the ``class-sheets`` folder next to
the saves (on a USB stick with ``--portable``), and says where: open the files in any browser and print.
The same files come from ``safepath class-sheets`` on the command line. They are written in a child
process (:mod:`safepath.child_job`): measuring and subsetting the fonts takes some 100 MB that the game
would otherwise keep for the rest of the session; meanwhile the screen says it is writing.
"""

from __future__ import annotations

from safepath.i18n import _
from safepath.scenes.base import register_scene
from safepath.scenes.class_parts import session_store
from safepath.scenes.menu_scene import MenuScene
from safepath.ui.widgets import Button


@register_scene("class_sheets")
class ClassSheets(MenuScene):
    column_width = 820
    text_width = 1000

    def __init__(self) -> None:
        super().__init__()
        self.written: list = []
        self.problem = ""
        self.job = None  # the sheets being written in a child process

    def heading(self) -> str:
        return self._("Printable sheets and answer cards")

    def intro(self) -> str:
        if self.job is not None:
            return self._("Writing the sheets… This takes a few seconds.")
        if self.problem:
            return self.problem
        if self.written:
            return _("Written to {folder}: {count} files. Open them in any web browser and print them.",
                     folder=str(self.folder), count=len(self.written))
        return self._("A facilitator sheet for each story (notes, questions, timings, red flags) and answer cards "
                      "that students hold up for the knowledge check, with a tally sheet for the trainer.")

    @property
    def folder(self):
        return self.app.storage.root / "class-sheets"

    def buttons(self) -> list[Button]:
        if self.job is not None:
            return []
        return [Button(self._("Write the sheets"), self.write, style="primary"), Button(self._("Back"), self.cancel)]

    def write(self) -> None:
        from safepath.child_job import ChildJob
        from safepath.classroom.sheets import write_all
        from safepath.scenes.checks import load_check_content

        forms = load_check_content(self.app)[0]
        sessions = session_store(self.app).unfinished()
        self.job = ChildJob(write_all, list(self.app.scenarios.values()), forms, self.app.lang, self.folder,
                            sessions[0].id if sessions else None)
        self.relayout()
        if getattr(self.app, "headless", False):  # no frames to show while it works: wait here
            self.finish()

    def update(self, dt: float) -> bool:
        if self.job is not None and self.job.done():
            self.finish()
        return self.job is not None

    def finish(self) -> None:
        job, self.job = self.job, None
        try:
            self.written = job.result()
            self.problem = ""
        except OSError as exc:
            self.problem = _("The sheets could not be written ({reason}).", reason=exc.strerror or str(exc))
        self.relayout()

    def handle_event(self, event) -> bool:
        if self.job is not None:
            return True  # writing: nothing to press until it is done
        return super().handle_event(event)

    def cancel(self) -> None:
        if self.job is None:
            self.app.stack.pop()


def screenshot_states(app) -> list[tuple[str, list]]:
    return [("class-sheets", [ClassSheets()])]
