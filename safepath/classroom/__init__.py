"""Class sessions: a trainer runs a story for a whole class with one laptop and a projector (issue 17).

Pure Python, no pygame. :mod:`safepath.classroom.session` is the model (what a session holds, class votes,
the anonymous ``class`` record), :mod:`safepath.classroom.store` keeps sessions on the laptop (several
classes at once, saved after every step so a session resumes in the next period exactly where it stopped),
:mod:`safepath.classroom.presenter` prepares what the trainer's own view shows, :mod:`safepath.classroom.sheets`
writes the printable facilitator sheets and answer cards, and :mod:`safepath.classroom.local_helplines`
edits the NGO's own helplines file. The screens are ``safepath/scenes/class_*.py``.
"""
