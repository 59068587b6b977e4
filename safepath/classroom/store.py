"""Class sessions on the laptop: several classes at once, each saved after every step.

Each session is its own file, ``classes/<session id>.json`` in the data folder, written by
:class:`safepath.saves.storage.Storage` (atomically, checksummed, with a ``.bak``), so a laptop that loses
power in the middle of a vote resumes at that vote, and one damaged session never hides the others. When a
session ends, its anonymous ``class`` record goes to the results log once; pre/post check counts go there as
``class-check`` records as soon as the trainer finishes entering them. No pygame.
"""

from __future__ import annotations

import datetime as _dt

from safepath.classroom.session import DONE, ClassSession, class_record


class SessionStore:
    """Read and write the class sessions of one :class:`~safepath.saves.storage.Storage`."""

    def __init__(self, storage) -> None:
        self.storage = storage

    def sessions(self) -> list[ClassSession]:
        """Every readable session, the most recently used first (finished ones last)."""
        out = []
        for sid in self.storage.class_session_ids():
            session = self.load(sid)
            if session is not None:
                out.append(session)
        out.sort(key=lambda s: s.updated, reverse=True)
        out.sort(key=lambda s: s.stage == DONE)
        return out

    def unfinished(self) -> list[ClassSession]:
        return [s for s in self.sessions() if s.stage != DONE]

    def load(self, session_id: str) -> ClassSession | None:
        try:
            data = self.storage.class_session(session_id)
        except ValueError:
            return None
        if data is None:
            return None
        try:
            return ClassSession.from_dict(data)
        except (ValueError, TypeError, KeyError):
            return None

    def save(self, session: ClassSession, when: _dt.datetime | None = None) -> bool:
        """Save the session now (every screen calls this after every step)."""
        session.touch(when)
        return self.storage.save_class_session(session.id, session.to_dict())

    def delete(self, session: ClassSession) -> bool:
        return self.storage.delete_class_session(session.id)

    def log_check(self, session: ClassSession, phase: str, form: str, items: list[dict]) -> bool:
        """The class's counts for the pre- or post-check: one ``class-check`` record, and the session moves on."""
        from safepath.saves import records

        ok = self.storage.log_record(records.class_check_record(form, phase, items, session=session.id,
                                                                 lang=session.lang))
        session.end_check(phase, "done")
        return ok

    def finish(self, session: ClassSession) -> bool:
        """The trainer ends the session: its ``class`` record is logged (once) and the session is kept as done."""
        session.stage = DONE
        ok = True
        if not session.recorded:
            ok = self.storage.log_record(class_record(session))
            session.recorded = ok
        return self.save(session) and ok
