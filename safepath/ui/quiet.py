"""Keep C libraries' chatter off the player's terminal while SDL probes for a screen or a sound card.

SDL tries its drivers in turn; the ones that fail may print through their own C
libraries (ALSA lists a dozen missing cards, libwayland complains about
XDG_RUNTIME_DIR). Those lines tell a player nothing and Python cannot catch them,
so file descriptor 2 points to nowhere for the moment of the probe; the game then
says in one plain sentence what it found (see ``safepath.app.run`` and
``safepath.ui.sound``).
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager


@contextmanager
def quiet_stderr():
    """Send what C libraries write to the error stream (file descriptor 2) to nowhere, for a moment."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):
        yield
        return
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.close(null)
    except OSError:
        os.close(saved)
        yield
        return
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
