"""Saves survive crashes and damage: atomic writes, backups, checksums, versions, profiles, progress."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from safepath import savefile, storage
from safepath.savefile import RESTORED, STARTED_FRESH, SaveTooNewError, read_json, write_json
from safepath.storage import Settings, Storage, check_nickname, nickname_length, resolve_data_dir


def envelope(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


# -- atomic writes --------------------------------------------------------------------------------------
def test_round_trip_carries_version_and_checksum(tmp_path):
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"a": [1, 2, "ไทย မြန်မာ"]})
    env = envelope(path)
    assert env["version"] == 1 and env["kind"] == "demo" and env["checksum"].startswith("sha256:")
    result = read_json(path, "demo", 1)
    assert result.data == {"a": [1, 2, "ไทย မြန်မာ"]} and result.notices == []


def test_second_write_keeps_previous_as_backup(tmp_path):
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"n": 1})
    write_json(path, "demo", 1, {"n": 2})
    assert envelope(savefile.backup_path(path))["data"] == {"n": 1}
    assert envelope(path)["data"] == {"n": 2}


def test_crash_in_replace_keeps_old_save(tmp_path, monkeypatch):
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"n": 1})

    def power_cut(*args):
        raise OSError("power cut")

    monkeypatch.setattr(savefile.os, "replace", power_cut)
    with pytest.raises(OSError):
        write_json(path, "demo", 1, {"n": 2})
    monkeypatch.undo()
    assert read_json(path, "demo", 1).data == {"n": 1}
    assert not list(tmp_path.glob("*.tmp")), "the temporary file is cleaned up"


def test_crash_in_fsync_keeps_old_save(tmp_path, monkeypatch):
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"n": 1})
    monkeypatch.setattr(savefile.os, "fsync", lambda fd: (_ for _ in ()).throw(OSError("disk gone")))
    with pytest.raises(OSError):
        write_json(path, "demo", 1, {"n": 2})
    monkeypatch.undo()
    assert read_json(path, "demo", 1).data == {"n": 1}


def test_truncated_temp_file_never_replaces_the_save(tmp_path, monkeypatch):
    """Simulate the process dying after writing half the temp file: the rename never happens."""
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"n": 1})
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise KeyboardInterrupt  # the process is killed mid-write

        def flush(self):
            pass

        def fileno(self):
            return self.handle.fileno()

    monkeypatch.setattr(savefile.os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    with pytest.raises(KeyboardInterrupt):
        write_json(path, "demo", 1, {"n": 2, "long": "x" * 1000})
    monkeypatch.undo()
    assert read_json(path, "demo", 1).data == {"n": 1}


# -- damage and recovery -----------------------------------------------------------------------------------
def test_truncated_file_is_restored_from_backup_with_notice(tmp_path):
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"n": 1})
    write_json(path, "demo", 1, {"n": 2})
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    result = read_json(path, "demo", 1)
    assert result.data == {"n": 1}
    assert [n.message for n in result.notices] == [RESTORED]
    assert "Nothing was lost" in result.notices[0].text(lambda s: s)
    assert list(tmp_path.glob("x.json.corrupt-*")), "the damaged file is kept, not deleted"
    assert read_json(path, "demo", 1).data == {"n": 1} and read_json(path, "demo", 1).notices == []


def test_edited_file_fails_checksum(tmp_path):
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"stars": 1})
    write_json(path, "demo", 1, {"stars": 2})
    env = envelope(path)
    env["data"]["stars"] = 3  # valid JSON, wrong checksum
    path.write_text(json.dumps(env), "utf-8")
    result = read_json(path, "demo", 1)
    assert result.data == {"stars": 1} and result.notices[0].message == RESTORED


def test_both_damaged_starts_fresh_and_keeps_files(tmp_path):
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"n": 1})
    write_json(path, "demo", 1, {"n": 2})
    path.write_bytes(b"\x00\x00garbage")
    savefile.backup_path(path).write_text("{", "utf-8")
    result = read_json(path, "demo", 1)
    assert result.data is None
    assert result.notices[0].message == STARTED_FRESH and result.notices[0].serious
    kept = sorted(p.name for p in tmp_path.glob("*.corrupt-*"))
    assert len(kept) == 2 and result.notices[0].args["name"] in kept
    assert {p.read_bytes() for p in tmp_path.glob("*.corrupt-*")} == {b"\x00\x00garbage", b"{"}


def test_version_too_new_is_refused_and_untouched(tmp_path):
    path = tmp_path / "x.json"
    write_json(path, "demo", 5, {"future": True})
    before = path.read_bytes()
    with pytest.raises(SaveTooNewError) as info:
        read_json(path, "demo", 1)
    assert "newer version of SafePath" in info.value.notice.text(lambda s: s)
    assert path.read_bytes() == before and not list(tmp_path.glob("*.corrupt-*"))


def test_old_version_is_migrated(tmp_path):
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"name": "a"})
    result = read_json(path, "demo", 3, migrations={1: lambda d: {**d, "v2": True}, 2: lambda d: {**d, "v3": True}})
    assert result.data == {"name": "a", "v2": True, "v3": True}


def test_missing_migration_counts_as_damage_not_crash(tmp_path):
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"name": "a"})
    result = read_json(path, "demo", 2, migrations={})
    assert result.data is None and result.notices


# -- Storage ---------------------------------------------------------------------------------------------
def test_data_dir_choices(tmp_path, monkeypatch):
    assert resolve_data_dir(data_dir=tmp_path) == tmp_path
    monkeypatch.setenv("SAFEPATH_ROOT", str(tmp_path))
    assert resolve_data_dir(portable=True) == tmp_path / "userdata"
    assert resolve_data_dir().name == "SafePath"


def test_profiles_create_select_delete(tmp_path):
    s = Storage(tmp_path)
    a = s.create_profile("  Mya  ", "cat")
    b = s.create_profile("น้องฟ้า", "bird")
    assert a.nickname == "Mya"
    with pytest.raises(ValueError):
        s.create_profile("mya", "fish")  # same nickname, other case
    s.save_state(a.id, "dream-job", {"version": 1, "steps": [0, 1]})
    s2 = Storage(tmp_path)  # a new start of the game reads it all back
    assert [p.nickname for p in s2.profiles()] == ["Mya", "น้องฟ้า"]
    assert s2.last_profile_id == b.id
    assert s2.scenario_progress(a.id, "dream-job").state == {"version": 1, "steps": [0, 1]}
    assert s2.delete_profile(a.id)
    s3 = Storage(tmp_path)
    assert [p.nickname for p in s3.profiles()] == ["น้องฟ้า"]
    assert s3.scenario_progress(a.id, "dream-job").state is None
    raw = (tmp_path / "profiles.json").read_text("utf-8")
    assert set(json.loads(raw)["data"]["profiles"][0]) == {"id", "nickname", "avatar", "created", "settings"}


@pytest.mark.parametrize("name, ok", [
    ("", False), ("   ", False), ("a" * 20, True), ("a" * 21, False), ("line\nbreak", False),
    ("မြန်မာ", True), ("สวัสดีครับ", True), ("ကျွန်တော့်နာမည်ကကိုကိုကြီးပါဗျာ", True),
])
def test_nickname_rules(name, ok):
    assert (check_nickname(name) is None) == ok


def test_nickname_length_counts_visible_letters():
    assert nickname_length("မြန်မာ") == 3  # မ, န, မ; medials, asat, vowel signs don't count
    assert nickname_length("abc") == 3


def test_progress_endings_stars_and_resume_cleared(tmp_path):
    s = Storage(tmp_path)
    p = s.create_profile("Ko", "star")
    s.save_state(p.id, "dream-job", {"version": 1, "steps": [0]})
    s.record_ending(p.id, "dream-job", "safe-home", 2)
    s.record_ending(p.id, "dream-job", "trapped", 1)
    prog = Storage(tmp_path).scenario_progress(p.id, "dream-job")
    assert prog.state is None and prog.endings == ["safe-home", "trapped"] and prog.best_stars == 2 and prog.plays == 2


def test_settings_global_and_per_profile(tmp_path):
    s = Storage(tmp_path)
    p = s.create_profile("Aye", "moon")
    q = s.create_profile("Bo", "boat")
    mine = Settings(language="my", text_size=2, high_contrast=True, fullscreen=True, typewriter="instant")
    s.save_settings(p.id, mine)
    s2 = Storage(tmp_path)
    assert s2.settings_for(p.id) == mine
    other = s2.settings_for(q.id)  # Bo never chose: the laptop's last settings apply
    assert other.fullscreen is True and other.language == "my"
    s2.save_settings(q.id, Settings(language="th", fullscreen=False))
    again = Storage(tmp_path).settings_for(p.id)
    assert again.language == "my" and again.text_size == 2 and again.fullscreen is False  # fullscreen is global


def test_settings_ignore_nonsense_values():
    s = Settings.from_dict({"language": "xx", "text_size": 9, "sound": "yes", "typewriter": "warp"})
    assert s == Settings()


def test_results_log_is_anonymous(tmp_path):
    s = Storage(tmp_path)
    p = s.create_profile("Secret Name", "cat")
    s.log_result("dream-job", "safe-home", "safe", hits=4, misses=1, false_alarms=0, stars=3)
    s.log_result("dream-job", "trapped", "trapped-with-help", hits=1, misses=5, false_alarms=1, stars=0)
    results = Storage(tmp_path).results()
    assert [r["ending"] for r in results] == ["safe-home", "trapped"]
    raw = (tmp_path / "results.json").read_text("utf-8")
    assert "Secret Name" not in raw and p.id not in raw


def test_corrupt_profiles_file_recovered_with_player_notice(tmp_path):
    s = Storage(tmp_path)
    s.create_profile("Mya", "cat")
    s.create_profile("Zaw", "fish")
    path = tmp_path / "profiles.json"
    path.write_bytes(path.read_bytes()[:40])
    s2 = Storage(tmp_path)
    assert [p.nickname for p in s2.profiles()] == ["Mya"]  # the copy before the last write
    notices = s2.take_notices()
    assert [n.message for n in notices] == [RESTORED]


def test_unwritable_folder_gives_notice_not_crash(tmp_path, monkeypatch):
    s = Storage(tmp_path)
    monkeypatch.setattr(savefile, "write_json", lambda *a, **k: (_ for _ in ()).throw(PermissionError(13, "Read-only file system")))
    p = s.create_profile("Mya", "cat")  # still works for this session
    assert p in s.profiles()
    notices = s.take_notices()
    assert notices and "could not save" in notices[0].text(lambda m: m)


def test_newer_save_is_never_overwritten(tmp_path):
    write_json(tmp_path / "profiles.json", "profiles", storage.PROFILES_VERSION + 1, {"profiles": []})
    before = (tmp_path / "profiles.json").read_bytes()
    s = Storage(tmp_path)
    assert s.profiles() == []
    s.create_profile("Mya", "cat")
    assert (tmp_path / "profiles.json").read_bytes() == before
    assert any("newer version" in n.text(lambda m: m) for n in s.take_notices())


def test_storage_runs_registered_migrations(tmp_path, monkeypatch):
    write_json(tmp_path / "profiles.json", "profiles", 1, {"players": [{"id": "ab12", "nick": "Mya", "avatar": "cat"}]})

    def rename_keys(data):
        return {"profiles": [{"id": p["id"], "nickname": p["nick"], "avatar": p["avatar"]} for p in data["players"]]}

    monkeypatch.setattr(storage, "PROFILES_VERSION", 2)
    monkeypatch.setitem(storage.MIGRATIONS, "profiles", {1: rename_keys})
    assert [p.nickname for p in Storage(tmp_path).profiles()] == ["Mya"]


def test_process_killed_while_saving_leaves_a_good_save(tmp_path):
    """A real crash: a child process saves in a loop and is killed with SIGKILL mid-way, five times."""
    import signal
    import subprocess
    import sys
    import time

    if not hasattr(signal, "SIGKILL"):
        pytest.skip("needs POSIX signals")
    path = tmp_path / "progress.json"
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from safepath.savefile import write_json\n"
        "n = 0\n"
        "while True:\n"
        "    n += 1\n"
        "    write_json(Path(sys.argv[1]), 'progress', 1, {'n': n, 'pad': 'x' * 20000})\n"
        "    if n == 3:\n"
        "        print('ready', flush=True)\n"
    )
    last = 0
    for _ in range(5):
        child = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "ready"
        time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait()
        result = read_json(path, "progress", 1)
        assert result.data is not None and result.data["pad"] == "x" * 20000
        assert result.data["n"] >= 3 and not [n for n in result.notices if n.serious]
        last = result.data["n"]
    assert last >= 3
