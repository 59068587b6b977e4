"""Saves under faults (issue 18, items 4-7): unwritable folders, newer files, unreadable entries, size caps."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from safepath.saves import savefile, storage
from safepath.saves.savefile import STARTED_FRESH, read_json, write_json
from safepath.saves.storage import NOT_SAVING, NOT_SAVING_RESULTS, Storage

ROOT = Path(__file__).resolve().parent.parent
MB = 1024 * 1024


class Disk:
    """Makes every write fail like a real disk would (``errno``) while ``broken``; reads keep working."""

    def __init__(self, monkeypatch, code: int = errno.EROFS) -> None:
        self.broken, self.code, self.writes = True, code, 0
        real = savefile._replace_durably

        def replace(path, payload):
            if self.broken and Path(path).name.endswith((".json", ".bak")) and ".corrupt-" not in Path(path).name:
                raise OSError(self.code, os.strerror(self.code), str(path))
            self.writes += 1
            return real(path, payload)

        monkeypatch.setattr(savefile, "_replace_durably", replace)


def played(s: Storage, n: int, pid: str, sid: str = "dream-job") -> list:
    """``n`` choices in a story, each saved; the notices a player would have been shown after each."""
    shown = []
    for i in range(n):
        s.save_state(pid, sid, {"version": 1, "steps": list(range(i + 1))})
        shown += s.take_notices()
    return shown


# -- item 4: a read-only or full folder ------------------------------------------------------------------
@pytest.mark.parametrize("code, reason", [(errno.EROFS, savefile.REASON_READ_ONLY), (errno.ENOSPC, savefile.REASON_FULL),
                                          (errno.EFBIG, savefile.REASON_TOO_LARGE)])
def test_failing_saves_are_told_once_then_marked_until_saving_works(tmp_path, monkeypatch, code, reason):
    s = Storage(tmp_path)
    pid = s.create_profile("Mya", "cat").id
    s.take_notices()
    disk = Disk(monkeypatch, code)
    shown = played(s, 18, pid)
    assert len(shown) == 1, f"{len(shown)} dialogs in one short play"
    assert shown[0].serious and shown[0].args["reason"] == reason
    assert reason in shown[0].text(lambda m: m) and "could not save" in shown[0].text(lambda m: m)
    assert s.saving_problem(pid) == NOT_SAVING and s.failure_reason(pid) == reason
    disk.broken = False
    s.save_state(pid, "dream-job", {"version": 1, "steps": [9]})
    assert s.saving_problem(pid) is None, "the marker goes once saving works again"
    assert read_json(tmp_path / "progress" / f"{pid}.json", "progress", 1).data["scenarios"]["dream-job"]["state"]["steps"] == [9]
    disk.broken = True
    assert len(played(s, 3, pid)) == 1, "a new failure after saving worked again is told again, once"


def test_only_the_trainers_log_failing_says_so(tmp_path, monkeypatch):
    s = Storage(tmp_path)
    pid = s.create_profile("Mya", "cat").id
    s._locked.add(tmp_path / "results.json")  # as if a newer SafePath had written it
    s.log_result("dream-job", "end", "good", 1, 0, 0, 2)
    assert s.saving_problem(pid) == NOT_SAVING_RESULTS
    assert s.take_notices() == [], "a file a newer SafePath wrote was told about when it was read"


def test_a_full_results_log_says_progress_is_still_saved(tmp_path, monkeypatch):
    s = Storage(tmp_path)
    pid = s.create_profile("Mya", "cat").id
    real = savefile._replace_durably

    def replace(path, payload):
        if Path(path).name.startswith(("results", ".results")):
            raise OSError(errno.EFBIG, "File too large")
        return real(path, payload)

    monkeypatch.setattr(savefile, "_replace_durably", replace)
    s.log_result("dream-job", "end", "good", 1, 0, 0, 2)
    (told,) = s.take_notices()
    assert told.message == savefile.NOT_SAVED_RESULTS and "Your own progress is saved" in told.text(lambda m: m)
    s.save_state(pid, "dream-job", {"version": 1, "steps": [0]})
    assert s.take_notices() == [] and s.saving_problem(pid) == NOT_SAVING_RESULTS, "progress is still saved"


def test_nothing_played_while_unsaved_is_lost_when_moving_to_another_folder(tmp_path, monkeypatch):
    stick, other = tmp_path / "stick", tmp_path / "documents" / "SafePath"
    s = Storage(stick)
    pid = s.create_profile("Mya", "cat").id
    s.record_ending(pid, "dream-job", "happy", 3)
    s.save_check_progress(pid, {"pre": "done", "pre_date": "2026-01-05"})
    Disk(monkeypatch)
    s.save_state(pid, "dream-job", {"version": 1, "steps": [0, 1]})
    s.save_check_progress(pid, {"pre": "done", "pre_date": "2026-01-05", "post": "skipped"})
    s.log_result("dream-job", "happy", "good", 2, 0, 0, 3, player=s.anonymous_code(pid))
    s.log_result("dream-job", "happy", "good", 2, 0, 0, 3, player=s.anonymous_code(pid))
    assert s.check_progress(pid)["post"] == "skipped", "reads see what could not be written"
    assert len(s.results()) == 2
    monkeypatch.undo()
    assert s.use_folder(other) is None
    assert s.root == other and s.saving_problem(pid) is None
    again = Storage(other)
    assert [p.nickname for p in again.profiles()] == ["Mya"]
    progress = again.scenario_progress(pid, "dream-job")
    assert progress.state["steps"] == [0, 1] and progress.endings == ["happy"] and progress.best_stars == 3
    assert again.check_progress(pid)["post"] == "skipped"
    assert len(again.results()) == 2
    s.save_state(pid, "dream-job", None)
    assert Storage(other).scenario_progress(pid, "dream-job").state is None, "later saves go to the new folder"


def test_a_folder_used_before_keeps_its_players_and_newer_progress(tmp_path, monkeypatch):
    stick, docs = tmp_path / "stick", tmp_path / "docs"
    first = Storage(stick)
    mya = first.create_profile("Mya", "cat").id
    first.save_state(mya, "dream-job", {"version": 1, "steps": [0]})
    # last time the stick was locked too, and Mya's progress went to docs, with a new player there
    last_time = Storage(docs)
    last_time.use_folder(docs)
    assert first.use_folder(docs) is None
    first.save_state(mya, "dream-job", {"version": 1, "steps": [0, 1, 2]})
    first.record_ending(mya, "dream-job", "wise", 3)
    first.create_profile("Nilar", "fish")
    # today: the stick (old progress) is locked again; the player moves to docs again without playing first
    today = Storage(stick)
    assert today.scenario_progress(mya, "dream-job").state == {"version": 1, "steps": [0]}
    Disk(monkeypatch)
    today.select_profile(mya)
    monkeypatch.undo()
    assert today.use_folder(docs) is None
    assert sorted(p.nickname for p in today.profiles()) == ["Mya", "Nilar"]
    assert today.scenario_progress(mya, "dream-job").endings == ["wise"], "the stick's old copy loses nothing newer"


def test_a_folder_that_cannot_be_written_is_refused_and_nothing_changes(tmp_path):
    s = Storage(tmp_path / "saves")
    s.create_profile("Mya", "cat")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert s.use_folder(blocker / "SafePath") == savefile.REASON_OTHER
    assert s.root == tmp_path / "saves" and [p.nickname for p in Storage(s.root).profiles()] == ["Mya"]


def test_a_real_file_size_limit_is_told_in_plain_words(tmp_path):
    """Not a simulation: a child process under RLIMIT_FSIZE 0, where every write raises EFBIG."""
    pytest.importorskip("resource")
    code = f"""
import resource, signal, sys
sys.path.insert(0, {str(ROOT)!r})
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))
from safepath.saves.storage import Storage
s = Storage({str(tmp_path)!r})
p = s.create_profile("Mya", "cat")
for i in range(5):
    s.save_state(p.id, "dream-job", {{"version": 1, "steps": [i]}})
notices = s.take_notices()
print(len(notices), notices[0].args["reason"], s.saving_problem(p.id), s.is_kept(p.id), s.keeps_new_players())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[0] == (f"1 {savefile.REASON_TOO_LARGE} {NOT_SAVING} False {savefile.REASON_TOO_LARGE}")


# -- item 5: saves from a newer version --------------------------------------------------------------------
def test_a_player_made_while_the_players_file_is_newer_is_not_offered_as_kept(tmp_path):
    write_json(tmp_path / "profiles.json", "profiles", storage.PROFILES_VERSION + 1, {"profiles": []})
    s = Storage(tmp_path)
    assert s.keeps_new_players() == savefile.REASON_NEWER, "said before the player is made"
    p = s.create_profile("Mya", "cat")
    assert not s.is_kept(p.id) and s.saving_problem(p.id) == NOT_SAVING
    s.save_state(p.id, "dream-job", {"version": 1, "steps": [0]})
    s.save_check_progress(p.id, {"pre": "done"})
    assert not (tmp_path / "progress").exists() and not (tmp_path / "checks").exists(), \
        "no progress is written for a player the players' file does not have"
    assert s.scenario_progress(p.id, "dream-job").state == {"version": 1, "steps": [0]}, "playable for this session"
    assert s.keeps_new_players() == savefile.REASON_NEWER


def test_moving_keeps_a_player_who_was_not_kept(tmp_path):
    write_json(tmp_path / "old" / "profiles.json", "profiles", storage.PROFILES_VERSION + 1, {"profiles": []})
    newer = (tmp_path / "old" / "profiles.json").read_bytes()
    s = Storage(tmp_path / "old")
    p = s.create_profile("Mya", "cat")
    s.save_state(p.id, "dream-job", {"version": 1, "steps": [0]})
    assert s.use_folder(tmp_path / "new") is None
    assert s.is_kept(p.id) and s.saving_problem(p.id) is None
    assert Storage(tmp_path / "new").scenario_progress(p.id, "dream-job").state == {"version": 1, "steps": [0]}
    assert (tmp_path / "old" / "profiles.json").read_bytes() == newer, "the newer file is never changed"


def test_a_folder_whose_players_are_newer_is_refused(tmp_path):
    write_json(tmp_path / "new" / "profiles.json", "profiles", storage.PROFILES_VERSION + 1, {"profiles": []})
    s = Storage(tmp_path / "old")
    s.create_profile("Mya", "cat")
    assert s.use_folder(tmp_path / "new") == savefile.REASON_NEWER and s.root == tmp_path / "old"


# -- item 6: entries with a good checksum but the wrong types ----------------------------------------------
def test_an_unreadable_player_is_kept_aside_and_the_player_told(tmp_path):
    good = {"id": "ab12", "nickname": "Mya", "avatar": "cat", "code": "p-1234567890"}
    bad = {"id": 12345, "nickname": "Nilar", "avatar": "fish"}
    write_json(tmp_path / "profiles.json", "profiles", 1, {"profiles": [good, bad], "last_profile": "ab12"})
    s = Storage(tmp_path)
    assert [p.nickname for p in s.profiles()] == ["Mya"]
    (notice,) = s.take_notices()
    assert notice.message == storage.UNREADABLE_PLAYERS and notice.serious
    text = notice.text(lambda m: m)
    assert "players could not be read" in text and notice.args["name"].startswith("profiles.json.corrupt-")
    kept = tmp_path / notice.args["name"]
    assert bad in json.loads(kept.read_bytes())["data"]["profiles"], "what could not be read is kept"
    again = Storage(tmp_path)
    assert [p.nickname for p in again.profiles()] == ["Mya"] and not again.take_notices(), "told once"


def test_wrongly_typed_progress_fields_are_not_dropped_silently(tmp_path):
    scenarios = {"dream-job": {"endings": ["happy"], "best_stars": "3", "plays": 2}, "other": "nonsense"}
    write_json(tmp_path / "progress" / "ab12.json", "progress", 1, {"scenarios": scenarios})
    s = Storage(tmp_path)
    assert s.scenario_progress("ab12", "dream-job").endings == ["happy"]
    (notice,) = s.take_notices()
    assert notice.message == storage.UNREADABLE_PROGRESS and "progress could not be read" in notice.text(lambda m: m)
    kept = tmp_path / "progress" / notice.args["name"]
    assert json.loads(kept.read_bytes())["data"]["scenarios"] == scenarios


def test_a_wrongly_typed_check_is_not_dropped_silently(tmp_path):
    checks = {"pre": "done", "pre_date": "2026-01-05", "post": ["done"], "post_date": 20260301, "future_field": 1}
    write_json(tmp_path / "checks" / "ab12.json", "checks", 1, checks)
    s = Storage(tmp_path)
    assert s.check_progress("ab12") == {"pre": "done", "pre_date": "2026-01-05", "future_field": 1}
    (notice,) = s.take_notices()
    assert notice.message == storage.UNREADABLE_PROGRESS
    assert json.loads((tmp_path / "checks" / notice.args["name"]).read_bytes())["data"] == checks
    again = Storage(tmp_path)
    assert again.check_progress("ab12")["pre"] == "done" and not again.take_notices(), "told once"


def test_an_unreadable_part_on_a_read_only_stick_leaves_the_file_as_it_is(tmp_path, monkeypatch):
    entries = [{"id": "ab12", "nickname": "Mya", "avatar": "cat"}, {"id": None, "nickname": "Nilar"}]
    write_json(tmp_path / "profiles.json", "profiles", 1, {"profiles": entries})
    before = (tmp_path / "profiles.json").read_bytes()
    Disk(monkeypatch)
    monkeypatch.setattr(savefile, "_replace_durably", lambda *a: (_ for _ in ()).throw(OSError(errno.EROFS, "ro")))
    s = Storage(tmp_path)
    assert len(s.profiles()) == 1
    assert (tmp_path / "profiles.json").read_bytes() == before
    assert s.take_notices()[0].args["name"] == "profiles.json"


# -- item 7: size caps and left-over temporary files --------------------------------------------------------
def test_a_save_file_larger_than_any_save_is_damage_and_is_not_read(tmp_path):
    path = tmp_path / "profiles.json"
    huge = {"profiles": [], "padding": "x" * (3 * MB)}
    env = {"format": savefile.FORMAT, "kind": "profiles", "version": 1, "seq": 1,
           "checksum": savefile.checksum(huge, 1, 1), "data": huge}
    path.write_text(json.dumps(env), encoding="utf-8")
    tracemalloc.start()
    s = Storage(tmp_path)
    assert s.profiles() == []
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < MB, f"reading a 3 MB save used {peak / MB:.1f} MB"
    (notice,) = s.take_notices()
    assert notice.message == STARTED_FRESH and notice.args["name"].startswith("profiles.json.corrupt-")
    assert (tmp_path / notice.args["name"]).stat().st_size > 3 * MB, "kept aside, not deleted"


def test_a_save_that_would_be_too_large_to_read_back_is_not_written(tmp_path):
    path = tmp_path / "x.json"
    write_json(path, "demo", 1, {"n": 1})
    with pytest.raises(OSError) as info:
        write_json(path, "demo", 1, {"n": "x" * (2 * MB)})
    assert info.value.errno == errno.EFBIG and read_json(path, "demo", 1).data == {"n": 1}
    write_json(tmp_path / "results.json", "results", 2, {"results": ["x" * (2 * MB)]})  # the log may be larger


def test_left_over_temp_files_are_cleaned_at_the_next_start(tmp_path):
    write_json(tmp_path / "profiles.json", "profiles", 1, {"profiles": []})
    (tmp_path / "progress").mkdir()
    fresh = [tmp_path / ".profiles.json.k1ll3d_x.tmp", tmp_path / ".profiles.json.bak.abc123.tmp",
             tmp_path / "progress" / ".ab12.json.zz9.tmp"]
    for tmp in fresh:
        tmp.write_bytes(b'{"half')  # a write killed a moment ago
    unrelated = tmp_path / ".notes.tmp"
    unrelated.write_bytes(b"mine")
    s = Storage(tmp_path)
    s.profiles()
    assert not any(p.exists() for p in fresh), "no other game uses the folder: every left-over goes"
    assert unrelated.exists(), "only SafePath's own temporary files"


def test_temp_files_of_a_game_running_now_are_left_alone(tmp_path):
    running = Storage(tmp_path)
    running.profiles()  # a game is playing in this folder
    tmp = tmp_path / ".profiles.json.abc123.tmp"
    tmp.write_bytes(b'{"half')
    second = Storage(tmp_path)
    second.profiles()
    assert tmp.exists(), "it may be the other game's save being written"
    running.close()
    second.close()
    third = Storage(tmp_path)
    third.profiles()
    assert not tmp.exists(), "once the other game closed"


def test_a_killed_game_does_not_count_as_running(tmp_path):
    code = f"""
import os, sys
sys.path.insert(0, {str(ROOT)!r})
from safepath.saves.storage import Storage
s = Storage({str(tmp_path)!r}); s.profiles()
open({str(tmp_path / '.profiles.json.abc123.tmp')!r}, 'wb').write(b'half')
os.kill(os.getpid(), 9)
"""
    subprocess.run([sys.executable, "-c", code], timeout=60)
    assert list(tmp_path.glob(".safepath-running-*")), "the killed game left its mark"
    s = Storage(tmp_path)
    s.profiles()
    assert not (tmp_path / ".profiles.json.abc123.tmp").exists()
    assert [p.name for p in tmp_path.glob(".safepath-running-*")] == [s._mark.path.name]


def test_a_folder_that_takes_a_few_bytes_but_not_the_saves_is_left(tmp_path, monkeypatch):
    """Nearly full, or a file-size limit: the test write passes, the saves do not; nothing moves, nothing is lost."""
    s = Storage(tmp_path / "old")
    pid = s.create_profile("Mya", "cat").id
    real = savefile._replace_durably

    def replace(path, payload):
        if Path(path).is_relative_to(tmp_path / "new") and len(payload) > 100:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, payload)

    monkeypatch.setattr(savefile, "_replace_durably", replace)
    assert s.use_folder(tmp_path / "new") == savefile.REASON_FULL
    assert s.root == tmp_path / "old" and s.saving_problem(pid) is None and not s.take_notices()
    s.save_state(pid, "dream-job", {"version": 1, "steps": [0]})
    assert Storage(tmp_path / "old").scenario_progress(pid, "dream-job").state == {"version": 1, "steps": [0]}


def test_trying_again_says_whether_saving_works_without_a_second_message(tmp_path, monkeypatch):
    s = Storage(tmp_path)
    pid = s.create_profile("Mya", "cat").id
    disk = Disk(monkeypatch)
    played(s, 2, pid)
    assert s.retry() == savefile.REASON_READ_ONLY and not s.take_notices()
    disk.broken = False
    assert s.retry() is None and s.saving_problem(pid) is None
    assert Storage(tmp_path).scenario_progress(pid, "dream-job").state["steps"] == [0, 1]


def test_wrongly_typed_settings_are_kept_aside_and_told_once(tmp_path):
    write_json(tmp_path / "settings.json", "settings", 1, {"language": "th", "text_size": "large", "sound": 1})
    s = Storage(tmp_path)
    settings = s.load_global_settings()
    assert settings.language == "th" and settings.text_size == 0 and settings.sound is True
    (notice,) = s.take_notices()
    assert notice.message == storage.UNREADABLE_SETTINGS
    assert json.loads((tmp_path / notice.args["name"]).read_bytes())["data"]["text_size"] == "large"
    s.load_global_settings()
    assert not s.take_notices() and not Storage(tmp_path).take_notices()
    again = Storage(tmp_path)
    again.load_global_settings()
    assert not again.take_notices(), "the file now holds what could be read"


def test_an_unreadable_check_on_a_read_only_stick_is_told_once_a_session(tmp_path, monkeypatch):
    write_json(tmp_path / "checks" / "ab12.json", "checks", 1, {"pre": 5})
    monkeypatch.setattr(savefile, "_replace_durably", lambda *a: (_ for _ in ()).throw(OSError(errno.EROFS, "ro")))
    s = Storage(tmp_path)
    told = []
    for _ in range(5):
        s.check_progress("ab12")
        told += s.take_notices()
    assert len(told) == 1 and told[0].args["name"] == "ab12.json"
