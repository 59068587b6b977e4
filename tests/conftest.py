import os

# Tests never open a window or a sound device.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# The bundled helplines were checked on 2026-11-22; judge their age as on a fixed day, so the suite does not
# start failing a year later (tests of the staleness rule pass their own `today`).
os.environ.setdefault("SAFEPATH_TODAY", "2026-12-01")
# the report screen offers no real folder in tests (a monkey test must never write into ~/Documents or a stick)
os.environ.setdefault("SAFEPATH_REPORT_PLACES", "")


import sys  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _fonts_follow_the_project_root():
    """A test that points ``SAFEPATH_ROOT`` at a temporary project (monkeypatch undoes the variable after it)
    must not leave the process-wide font book looking for fonts in that folder: the next test would find none."""
    yield
    fonts = sys.modules.get("safepath.ui.fonts")
    if fonts is not None and fonts._default is not None:
        from safepath import paths

        if fonts._default.folder != paths.fonts_dir():
            fonts._default = None


@pytest.fixture(autouse=True)
def _language_back_to_english():
    """A test that makes an app in Thai or Burmese (the monkey tests do) must not leave the process in it:
    the next test reads English (tests/test_drills.py failed after tests/test_checks_monkey.py)."""
    yield
    i18n = sys.modules.get("safepath.i18n")
    if i18n is not None and i18n.current_language() != "en":
        i18n.set_language("en")
