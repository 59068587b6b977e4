"""The trainer's menu (class mode): start a class session, resume one, and the trainer's tools.

Opened from the title (``Class mode``) or with ``safepath --class``. It lists the unfinished sessions of
this laptop (several classes can each have one), newest first, with how far each got; "New class session"
asks for the class's name and the stories. The trainer's tools (printable sheets, helplines to check,
reports) are listed only when their screens exist (``class_sheets``, ``trainer_helplines``, ``report``:
registered with :func:`safepath.scenes.base.register_scene`).
"""

from __future__ import annotations

from safepath.i18n import N_, _
from safepath.scenes.base import register_scene, scene_factory
from safepath.scenes.class_parts import session_store
from safepath.scenes.menu_scene import MenuScene
from safepath.ui.widgets import Button

#: the trainer's tools: scene name -> label (an interface msgid)
TOOLS = (("class_sheets", N_("Printable sheets and answer cards")),
         ("trainer_helplines", N_("Helplines: check and add local ones")), ("report", N_("Reports for the NGO")))


def registered(name: str) -> bool:
    try:
        scene_factory(name)
    except LookupError:
        return False
    return True


@register_scene("trainer")
class TrainerMenu(MenuScene):
    column_width = 820
    text_width = 1000

    def heading(self) -> str:
        return self._("Class mode")

    def intro(self) -> str:
        return self._("For a trainer with a projector: the class reads the story together, votes at each decision "
                      "and talks about it. Nothing here names a student.")

    def buttons(self) -> list[Button]:
        from safepath.i18n import format_number

        out = [Button(self._("New class session"), self.new_session, style="primary")]
        for session in session_store(self.app).unfinished()[:6]:
            done, total = session.stories_done(), len(session.stories)
            detail = _("{done} of {total} stories done · last used {when}",
                            done=format_number(done, self.app.lang), total=format_number(total, self.app.lang),
                            when=_when(session.updated, self.app.lang))
            out.append(Button(_("Resume: {label}", label=session.label), self._resume(session), detail=detail))
        if session_store(self.app).sessions():
            out.append(Button(self._("All class sessions on this laptop"), self._open("class_sessions")))
        for name, label in TOOLS:
            if registered(name):
                out.append(Button(self._(label), self._open(name)))
        out.append(Button(self._("Back"), self.cancel))
        return out

    def new_session(self) -> None:
        self.app.stack.push(self.app.show("class_setup"))

    def _resume(self, session):
        def resume() -> None:
            resume_session(self.app, session)

        return resume

    def _open(self, name: str):
        def open_tool() -> None:
            self.app.stack.push(self.app.show(name))

        return open_tool

    def cancel(self) -> None:
        self.app.stack.clear_to(self.app.show("title"))

    def enter(self, app) -> None:
        super().enter(app)
        self.relayout()  # the list of sessions may have changed under it


@register_scene("class_sessions")
class ClassSessions(MenuScene):
    """Every session on the laptop, unfinished first: resume one, or forget one the class no longer needs."""

    column_width = 820

    def heading(self) -> str:
        return self._("All class sessions on this laptop")

    def intro(self) -> str:
        return self._("Forgetting a session removes it from this list; its anonymous results stay for the reports.")

    def buttons(self) -> list[Button]:
        from safepath.classroom.session import DONE
        from safepath.i18n import format_number

        out = []
        for session in session_store(self.app).sessions():
            state = self._("finished") if session.stage == DONE else self._("not finished")
            detail = _("{done} of {total} stories done · last used {when}",
                       done=format_number(session.stories_done(), self.app.lang),
                       total=format_number(len(session.stories), self.app.lang), when=_when(session.updated, self.app.lang))
            out.append(Button(f"{session.label} · {state}", self._ask(session), detail=detail))
        out.append(Button(self._("Back"), self.cancel))
        return out

    def _ask(self, session):
        from safepath.classroom.session import DONE

        def ask() -> None:
            choices = [] if session.stage == DONE else [(self._("Resume"), lambda: resume_session(self.app, session)),
                                                        (self._("End the session now (its results are kept)"),
                                                         lambda: self._end(session))]
            choices += [(self._("Forget this session"), lambda: self._forget(session)), (self._("Back"), None)]
            self.app.stack.push(self.app.show("dialog", session.label, choices=choices))

        return ask

    def _end(self, session) -> None:
        """The class will not come back to it: its anonymous record is written with what was played."""
        session_store(self.app).finish(session)
        self.relayout()

    def _forget(self, session) -> None:
        session_store(self.app).delete(session)
        self.relayout()

    def cancel(self) -> None:
        self.app.stack.pop()
        if self.app.stack.top is not None:
            self.app.stack.top.relayout()


def _when(stamp: str, lang: str) -> str:
    import datetime as _dt

    from safepath.i18n import format_date

    try:
        return format_date(_dt.datetime.fromisoformat(stamp).date(), lang, "medium")
    except (ValueError, TypeError):
        return stamp


def resume_session(app, session) -> None:
    """Show the screen where ``session`` stands: a check, a story under way, or the end."""
    from safepath.classroom.session import DONE, POST, PRE

    if session.lang != app.lang and session.lang in ("th", "my", "en"):
        app.set_language(session.lang)  # the class's language, whatever the laptop was set to since
    if session.second_lang != app.second_lang:  # and the class's second language under it (or none)
        app.settings.second_language = session.second_lang
        app.settings_changed()
    if session.stage == PRE:
        app.stack.clear_to(app.show("class_check", session=session, phase="pre"))
    elif session.stage == POST:
        app.stack.clear_to(app.show("class_check", session=session, phase="post"))
    elif session.stage == DONE:
        app.stack.clear_to(app.show("class_done", session=session))
    elif session.run.done:  # stopped on the road not taken: go on with the next story
        session.next_stage()
        session_store(app).save(session)
        resume_session(app, session)
    else:
        app.stack.clear_to(app.show("class_story", session=session))


def screenshot_states(app) -> list[tuple[str, list]]:
    from safepath.scenes.class_parts import sample_session

    store = session_store(app)
    if not store.unfinished():
        store.save(sample_session(app, "stories"))
    return [("class-trainer", [TrainerMenu()]), ("class-sessions", [ClassSessions()])]
