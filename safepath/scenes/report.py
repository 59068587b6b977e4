"""The trainer's report screen: save this laptop's report to a USB stick (or another folder) and say where.

It lists the places a report can go (:func:`safepath.report.places.places`: plugged-in USB sticks first,
then Documents and, for a portable copy, the game's folder), writes the report there in the game's current
language (``SafePath-report-DATE/``: report.html, summary.html, csv/, privacy receipt) together with an
export file of the anonymous records for merging laptops (``safepath report FILE ...`` on the trainer's
computer), and then shows the folder's full path. A stick that is full, read-only or pulled out gives a
plain message and the list again. Computing and writing is :mod:`safepath.report`'s; this screen only
asks and tells. Opened from Settings (and from the trainer's menu of class mode).
"""

from __future__ import annotations

from safepath.i18n import N_, format_number
from safepath.scenes.base import register_scene
from safepath.scenes.menu_scene import MenuScene
from safepath.ui.widgets import Button

_KIND_WORDS = {"usb": N_("USB stick or drive"), "documents": N_("Documents folder on this computer"),
               "game": N_("Next to the game (its own USB stick)")}


@register_scene("report")
class ReportScene(MenuScene):
    is_overlay = True
    column_width = 900
    intro_align = "left"

    def __init__(self, places=None, k: int = 10) -> None:
        super().__init__()
        self._given_places = places  # tests and screenshots give their own; None: look for them
        self.places: list = []
        self.k = k
        self.state = "choose"  # choose | saving | done | failed
        self.pending = None  # the place chosen, saved once the "Saving…" frame is on the screen
        self.job = None  # the report being computed and written in a child process
        self._shown_saving = False
        self.folder = None
        self.reason = ""
        self.records = 0
        self.export_name = ""

    def enter(self, app) -> None:
        self.app = app
        self.refresh()
        super().enter(app)

    def refresh(self) -> None:
        from safepath.report import places

        self.places = list(self._given_places) if self._given_places is not None else places.places()
        try:
            self.records = len(self.app.storage.results())
        except Exception:  # a damaged log: the report says what it could read
            self.records = 0

    # -- what to show ---------------------------------------------------------------------------------
    def heading(self) -> str:
        if self.state == "saving":
            return self._("Saving the report…")
        if self.state == "done":
            return self._("Report saved")
        if self.state == "failed":
            return self._("The report could not be saved")
        return self._("Report for trainers")

    def intro(self) -> str:
        if self.state == "saving":
            return self._("Please wait and do not pull out the USB stick.")
        if self.state == "done":
            return self.app.tr(N_("The report is in this folder:\n{folder}\n\nOpen report.html in a web browser; "
                                  "summary.html is one page to print. {export} holds this laptop's anonymous "
                                  "records: copy it to the trainer's computer to add this laptop to a report of "
                                  "several laptops."), folder=str(self.folder), export=self.export_name)
        if self.state == "failed":
            return self.app.tr(N_("Nothing was saved in {folder} ({reason}). Check that the USB stick is plugged "
                                  "in and not full, or choose another place."), folder=str(self.folder),
                               reason=self.reason)
        if not self.places:
            return self._("No USB stick or folder to save in was found. Plug in a USB stick, then choose "
                          "\"Look again\".")
        return self.app.tr(N_("This laptop holds {n} anonymous results. The report counts them without any name; "
                              "small numbers are hidden. Where shall it be saved? A USB stick is best."),
                           n=format_number(self.records, self.app.lang if self.app.lang in ("th", "my", "en") else "en"))

    def buttons(self) -> list[Button]:
        if self.state == "saving":
            return []
        if self.state == "done":
            return [Button(self._("Done"), self.cancel, style="primary")]
        rows = [Button(place.name, (lambda p=place: self.save(p)), detail=f"{self._(_KIND_WORDS[place.kind])} · {place.path}",
                       align="left") for place in self.places]
        rows.append(Button(self._("Look again"), self.look_again, half=True))
        rows.append(Button(self._("Back"), self.cancel, half=True))
        return rows

    # -- actions --------------------------------------------------------------------------------------
    def look_again(self) -> None:
        self.state = "choose"
        self.refresh()
        self.relayout()

    def save(self, place) -> None:
        """Show "Saving…" first (a big log takes a few seconds), then write on the next frame."""
        self.pending, self.state, self._shown_saving = place, "saving", False
        self.relayout()

    def draw(self, surface) -> None:
        super().draw(surface)
        if self.state == "saving":
            self._shown_saving = True

    def update(self, dt: float) -> bool:
        waiting = self.app is None or getattr(self.app, "headless", False)  # no frames to show: wait here
        if self.pending is not None and (self._shown_saving or waiting):
            place, self.pending = self.pending, None
            self.write(place)
        if self.job is not None and (waiting or self.job.done()):
            self.finish()
        return self.pending is not None or self.job is not None

    def handle_event(self, event) -> bool:
        if self.pending is not None or self.job is not None:
            self.update(0)  # a key while saving (pressed twice, or a test): never a second report
            return True
        return super().handle_event(event)

    def write(self, place) -> None:
        """The records are read and exported here; the report is computed and written in a child process."""
        from safepath.child_job import ChildJob
        from safepath.report import build, export, inputs

        when = None
        folder = build.report_folder(place.path, when)
        self.folder = folder
        if not place.path.is_dir():  # the stick was pulled out: never make its folder on the laptop's own disk
            self.fail(self._("the folder is not there any more"))
            return
        try:
            collection = inputs.collect([], self.app.storage)
            name = export.export_name(when)
            export.write_export(collection.records, folder / name)
        except OSError as exc:
            self.fail(exc.strerror or str(exc))
            return
        self.export_name = name
        lang = self.app.lang if self.app.lang in ("th", "my", "en") else "en"
        self.job = ChildJob(build.make_and_write, collection, lang, self.k,
                            dict(getattr(self.app, "scenarios", {}) or {}) or None, folder, name)

    def finish(self) -> None:
        job, self.job = self.job, None
        try:
            job.result()
        except OSError as exc:
            self.fail(exc.strerror or str(exc))
            return
        self.state = "done"
        self.relayout()

    def fail(self, reason: str) -> None:
        self.state, self.reason = "failed", reason
        self.relayout()

    def cancel(self) -> None:
        if self.state == "saving" or self.job is not None:
            return  # never leave half-way: the files being written would be left behind
        super().cancel()


def screenshot_states(app) -> list[tuple[str, list]]:
    from pathlib import Path

    from safepath.report.places import DOCUMENTS, USB, Place

    # shown, never written to: the screenshots only draw the list and the two answers
    stick, docs = Path("/media/trainer/KINGSTON"), Path("/home/trainer/Documents")
    shown = [Place(stick, USB, "KINGSTON"), Place(docs, DOCUMENTS, "Documents")]
    choose = ReportScene(places=shown)
    done = ReportScene(places=shown)
    done.state, done.folder, done.export_name = "done", stick / "SafePath-report-2026-12-03", \
        "safepath-records-2026-12-03-3f9a1c.json"
    failed = ReportScene(places=shown)
    failed.state, failed.folder, failed.reason = "failed", stick / "SafePath-report-2026-12-03", "No space left on device"
    saving = ReportScene(places=shown)
    saving.state = "saving"
    title = app.show("title")
    return [("report", [title, choose]), ("report-saving", [title, saving]), ("report-saved", [title, done]),
            ("report-failed", [title, failed])]
