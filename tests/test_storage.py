"""Saves survive crashes and damage: atomic writes, backups, checksums, versions, profiles, progress."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from safepath.saves import savefile, storage
from safepath.saves.savefile import RESTORED, STARTED_FRESH, SaveTooNewError, read_json, write_json
from safepath.saves.players import Settings, check_nickname, nickname_length
from safepath.saves.storage import Storage, resolve_data_dir


def envelope(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def whole_copy(path: Path) -> dict:
    """The envelope of ``path``, asserting it is complete and its checksum matches."""
    env = json.loads(path.read_bytes().decode("utf-8"))
    assert env["checksum"] == savefile.checksum(env["data"], env["version"], env["seq"]), path
    return env


# -- atomic writes --------------------------------------------------------------------------------------
def test_round_trip_carries_version_and_checksum(tmp_path):
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"a": [1, 2, "ไทย မြန်မာ"]})
    env = envelope(path)
    assert env["version"] == 1 and env["kind"] == "demo" and env["checksum"].startswith("sha256:")
    result = read_json(path, "demo", 1)
    assert result.data == {"a": [1, 2, "ไทย မြန်မာ"]} and result.notices == []


def test_backup_holds_the_same_latest_save(tmp_path):
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"n": 1})
    write_json(path, "demo", 1, {"n": 2})
    main, bak = envelope(path), envelope(savefile.backup_path(path))
    assert main == bak and main["data"] == {"n": 2}
    assert main["seq"] == 2, "every write counts up, so the newer of two copies is known"


def test_crash_in_replace_keeps_old_save(tmp_path, monkeypatch):
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"n": 1})

    def power_cut(*args):
        raise OSError("power cut")

    monkeypatch.setattr(savefile.os, "replace", power_cut)
    with pytest.raises(OSError):
        write_json(path, "demo", 1, {"n": 2})
    monkeypatch.undo()
    result = read_json(path, "demo", 1)
    assert result.data == {"n": 1} and result.notices == []
    assert not list(tmp_path.glob(".*.tmp")), "the temporary file is cleaned up"


def test_crash_between_backup_and_main_file_keeps_the_new_save(tmp_path, monkeypatch):
    """Power is cut after the backup was renamed into place, before the main file was."""
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"n": 1})
    real_replace = savefile.os.replace

    def replace_once_then_fail(src, dst):
        if Path(dst) == path:
            raise OSError("power cut")
        real_replace(src, dst)

    monkeypatch.setattr(savefile.os, "replace", replace_once_then_fail)
    with pytest.raises(OSError):
        write_json(path, "demo", 1, {"n": 2})
    monkeypatch.undo()
    assert envelope(path)["data"] == {"n": 1}, "the main file is still the old one"
    result = read_json(path, "demo", 1)
    assert result.data == {"n": 2}, "the newer backup wins"
    assert result.notices == [], "nothing was damaged, so there is nothing to tell"
    assert envelope(path)["data"] == {"n": 2}, "the main file is brought up to date"
    assert not list(tmp_path.glob("*.corrupt-*"))


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
    assert result.data == {"n": 2}, "the newest save comes back, not the one before"
    assert [n.message for n in result.notices] == [RESTORED]
    assert "Nothing was lost" in result.notices[0].text(lambda s: s)
    assert list(tmp_path.glob("x.json.corrupt-*")), "the damaged file is kept, not deleted"
    again = read_json(path, "demo", 1)
    assert again.data == {"n": 2} and again.notices == []


def test_edited_file_fails_checksum(tmp_path):
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"stars": 1})
    write_json(path, "demo", 1, {"stars": 2})
    env = envelope(path)
    env["data"]["stars"] = 3  # valid JSON, wrong checksum
    path.write_text(json.dumps(env), "utf-8")
    result = read_json(path, "demo", 1)
    assert result.data == {"stars": 2} and result.notices[0].message == RESTORED


def test_edited_write_count_fails_checksum(tmp_path):
    """A copy whose seq was changed (so it would win) is damaged, not trusted."""
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"n": 1})
    bak = savefile.backup_path(path)
    env = envelope(bak)
    env["seq"], env["data"] = 99, {"n": "forged"}
    env["checksum"] = savefile.checksum(env["data"])  # a checksum over the data alone is not enough
    bak.write_text(json.dumps(env), "utf-8")
    result = read_json(path, "demo", 1)
    assert result.data == {"n": 1} and result.notices == []
    assert envelope(bak)["data"] == {"n": 1}, "the damaged backup is replaced by the good main file"
    assert list(tmp_path.glob("x.json.bak.corrupt-*")), "and kept for a trainer to look at"


def test_damaged_backup_alone_is_repaired_quietly(tmp_path):
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"n": 1})
    savefile.backup_path(path).write_bytes(b"{\"half")
    result = read_json(path, "demo", 1)
    assert result.data == {"n": 1} and result.notices == []
    assert envelope(savefile.backup_path(path))["data"] == {"n": 1}


def test_file_from_before_write_counts_still_reads(tmp_path):
    path = tmp_path / "x.json"
    data = {"n": 7}
    path.write_text(json.dumps({"format": savefile.FORMAT, "kind": "demo", "version": 1,
                                "checksum": savefile.checksum(data), "data": data}), "utf-8")
    assert read_json(path, "demo", 1).data == data
    write_json(path, "demo", 1, {"n": 8})
    assert envelope(path)["seq"] == 1 and read_json(path, "demo", 1).data == {"n": 8}


def test_left_over_temp_files_of_a_killed_write_are_removed_when_old(tmp_path):
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"n": 1})
    old, fresh = tmp_path / ".x.json.abc.tmp", tmp_path / ".x.json.bak.def.tmp"
    old.write_bytes(b"{")
    fresh.write_bytes(b"{")
    os.utime(old, (1_000_000, 1_000_000))
    assert read_json(path, "demo", 1).data == {"n": 1}
    assert not old.exists() and fresh.exists(), "a recent one may belong to a game saving right now"


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
    assert set(json.loads(raw)["data"]["profiles"][0]) == {"id", "nickname", "avatar", "created", "code", "settings"}


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
    assert [p.nickname for p in s2.profiles()] == ["Mya", "Zaw"], "the last save, not the one before"
    notices = s2.take_notices()
    assert [n.message for n in notices] == [RESTORED]


def test_restored_profiles_keep_the_players_own_language(tmp_path):
    """The audit's case: a Thai player's settings came back as the laptop's English after a repair."""
    s = Storage(tmp_path)
    s.save_global_settings(Settings(language="en"))
    nok = s.create_profile("Nok", "bird")
    s.save_settings(nok.id, Settings(language="th", text_size=1))
    s.save_global_settings(Settings(language="en"))  # someone else switched the laptop back to English
    s.save_state(nok.id, "dream-job", {"version": 1, "steps": [0, 1, 2]})
    for name in ("profiles.json", f"progress/{nok.id}.json"):
        raw = (tmp_path / name).read_bytes()
        (tmp_path / name).write_bytes(raw[: len(raw) - 25])
    s2 = Storage(tmp_path)
    mine = s2.settings_for(nok.id)
    assert mine.language == "th" and mine.text_size == 1
    assert s2.scenario_progress(nok.id, "dream-job").state == {"version": 1, "steps": [0, 1, 2]}
    assert {n.message for n in s2.take_notices()} == {RESTORED}


def test_lost_settings_with_no_backup_leave_the_language_unknown(tmp_path):
    """Both copies gone bad: the language is asked again rather than silently set to one."""
    s = Storage(tmp_path)
    s.save_global_settings(Settings(language="my"))
    (tmp_path / "settings.json").write_bytes(b"\x00")
    savefile.backup_path(tmp_path / "settings.json").write_bytes(b"\x00")
    s2 = Storage(tmp_path)
    assert s2.load_global_settings().language is None
    assert [n.message for n in s2.take_notices()] == [STARTED_FRESH]


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
    """A real crash: a child process saves in a loop and is killed with SIGKILL mid-way, five times.

    While it saves, this process keeps reading both copies: each read must be a whole, checksummed
    file (a write in place would be caught half done). After each kill the file reads back as the
    last save the child finished or the one it was writing, with no repair needed: a write that was
    not atomic would leave a half file and show up as a "restored" notice.
    """
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
        "from safepath.saves.savefile import read_json, write_json\n"
        "old = read_json(Path(sys.argv[1]), 'progress', 1).data\n"
        "n = old['n'] if old else 0\n"
        "while True:\n"
        "    n += 1\n"
        "    write_json(Path(sys.argv[1]), 'progress', 1, {'n': n, 'pad': 'x' * 20000})\n"
        "    print(n, flush=True)\n"
    )
    last = 0
    for _ in range(5):
        child = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, text=True)
        first = int(child.stdout.readline())
        assert first == last + 1, "the child carries on from the save it found"
        deadline, reads = time.monotonic() + 0.05 + 0.02 * len(str(last)), 0
        while time.monotonic() < deadline:
            for copy in (path, savefile.backup_path(path)):
                assert whole_copy(copy)["data"]["pad"] == "x" * 20000
            reads += 1
        assert reads > 10
        child.send_signal(signal.SIGKILL)
        child.wait()
        finished = [first] + [int(line) for line in child.stdout.read().split()]
        child.stdout.close()
        result = read_json(path, "progress", 1)
        assert result.notices == [], "a killed write never needs the backup's help"
        assert result.data["pad"] == "x" * 20000
        assert result.data["n"] in (finished[-1], finished[-1] + 1), "the last finished save or the one being written"
        assert not list(tmp_path.glob("*.corrupt-*"))
        last = result.data["n"]
    assert last >= 5


def test_results_are_records_with_ids_and_a_player_code(tmp_path):
    from safepath.saves import records

    s = Storage(tmp_path)
    p = s.create_profile("Secret Name", "cat")
    code = s.anonymous_code(p.id)
    assert code.startswith("p-") and code == Storage(tmp_path).anonymous_code(p.id), "kept with the profile"
    s.log_result("dream-job", "safe-home", "safe", hits=4, misses=1, false_alarms=0, stars=3, player=code,
                 flags={"rush": "spotted", "debt": "not-met"}, lang="my")
    (record,) = Storage(tmp_path).results()
    assert record["kind"] == "play" and record["player"] == code and len(record["id"]) == 32
    assert record["flags"] == {"rush": "spotted", "debt": "not-met"}
    assert records.validate(dict(record)) == record
    with pytest.raises(ValueError, match="stars"):
        s.log_record(dict(record, stars=7))
    with pytest.raises(ValueError, match="kind"):
        s.log_record({"id": "abcdef0123", "kind": "nickname", "date": "2026-01-01"})


def test_version_1_results_migrate_with_stable_ids(tmp_path):
    from safepath.saves import savefile

    old = {"results": [{"scenario": "dream-job", "ending": "safe-home", "ending_kind": "safe", "hits": 1,
                        "misses": 0, "false_alarms": 0, "stars": 2, "date": "2026-05-01"}]}
    savefile.write_json(tmp_path / "results.json", "results", 1, old)
    first = Storage(tmp_path).results()
    again = Storage(tmp_path).results()
    assert first[0]["kind"] == "play" and first[0]["id"] == again[0]["id"]


def test_profiles_older_than_codes_get_one(tmp_path):
    s = Storage(tmp_path)
    p = s.create_profile("Mya", "cat")
    p.code = ""
    s._save_profiles()
    code = Storage(tmp_path).anonymous_code(p.id)
    assert code and code.startswith("p-")
