"""The user's cache folder worked out without platformdirs (safepath/paths.py) is the one platformdirs gives."""

import sys

import platformdirs
import pytest

from safepath import paths
from safepath.i18n import catalogs
from safepath.ui import cache


@pytest.mark.skipif(sys.platform != "linux", reason="the quick way is taken on Linux only")
@pytest.mark.parametrize("xdg, home", [
    (None, "/home/player"),
    ("/mnt/usb/cache", "/home/player"),
    ("relative/cache", "/home/player"),  # platformdirs ignores a relative XDG_CACHE_HOME: so must we
    ("", "/home/player/"),
    (None, "relative-home"),  # not worked out here: platformdirs decides
])
def test_the_cache_folder_is_the_one_platformdirs_gives(monkeypatch, xdg, home):
    monkeypatch.delenv("SAFEPATH_CACHE_DIR", raising=False)
    monkeypatch.delenv("ANDROID_DATA", raising=False)
    monkeypatch.delenv("ANDROID_ROOT", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CACHE_HOME", xdg)
    monkeypatch.setenv("HOME", home)
    expected = platformdirs.user_cache_dir("safepath", appauthor=False)
    assert str(paths.user_cache_root()) == str(type(paths.user_cache_root())(expected))
    assert cache.cache_dir("art") == paths.user_cache_root() / "art"
    assert catalogs.cache_dir() == paths.user_cache_root() / "catalogs"


def test_the_game_asks_platformdirs_nothing_when_the_quick_way_applies(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/cache/someone")
    monkeypatch.delenv("ANDROID_DATA", raising=False)
    monkeypatch.delenv("ANDROID_ROOT", raising=False)
    monkeypatch.setitem(sys.modules, "platformdirs", None)  # importing it now fails
    assert str(paths.user_cache_root()) == "/var/cache/someone/safepath"
    monkeypatch.setattr(sys, "platform", "win32")
    with pytest.raises(ImportError):
        paths.user_cache_root()  # elsewhere platformdirs is asked
