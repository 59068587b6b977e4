"""safepath.child_job: heavy one-off work in a child process, and the work done here when no child can be had."""

from __future__ import annotations

import errno
import os
import time

import pytest

from safepath.child_job import ChildJob
from safepath.i18n import runtime


def pid() -> int:
    return os.getpid()


def refuse(path: str) -> None:
    raise OSError(errno.ENOSPC, "No space left on device", path)


def die_in_a_child(parent: int) -> str:
    if os.getpid() != parent:
        os._exit(3)  # a child killed half-way: no answer comes back
    return "done here"


def slow(seconds: float) -> str:
    time.sleep(seconds)
    return "slept"


def catalogs() -> tuple:
    return runtime.catalog_setup()


def test_the_work_runs_in_another_process_and_its_answer_comes_back():
    job = ChildJob(pid)
    assert job.result(timeout=60) != os.getpid()
    assert job.ran_in_child


def test_the_childs_exception_is_raised_here_with_its_reason():
    job = ChildJob(refuse, "/media/KINGSTON/sheets")
    with pytest.raises(OSError) as raised:
        job.result(timeout=60)
    assert raised.value.errno == errno.ENOSPC and raised.value.strerror == "No space left on device"
    assert raised.value.filename == "/media/KINGSTON/sheets" and job.ran_in_child


def test_work_that_cannot_be_sent_to_a_child_runs_here():
    here = os.getpid()
    job = ChildJob(lambda: os.getpid())  # a lambda has no name to import in a child
    assert job.done() and job.result() == here and not job.ran_in_child


def test_a_child_that_dies_without_an_answer_has_the_work_done_here():
    job = ChildJob(die_in_a_child, os.getpid())
    deadline = time.monotonic() + 60
    while not job.done() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert job.done()
    assert job.result() == "done here" and not job.ran_in_child


def test_done_says_no_while_the_child_works_and_a_timeout_is_not_an_answer():
    job = ChildJob(slow, 3.0)
    assert not job.done()
    with pytest.raises(TimeoutError):
        job.result(timeout=0.01)
    assert job.result(timeout=60) == "slept" and job.ran_in_child and job.done()


def test_in_process_runs_here_and_the_answer_is_kept():
    job = ChildJob(pid, in_process=True)
    assert job.result() == os.getpid() == job.result() and not job.ran_in_child


def test_the_child_reads_the_catalogs_this_process_reads(tmp_path):
    from safepath.i18n import local

    own = tmp_path / "locales"
    own.mkdir()
    before = runtime.catalog_setup()
    try:
        local.install()
        runtime.use_own_catalogs(own)
        job = ChildJob(catalogs)
        overlay, folders = job.result(timeout=60)
        assert job.ran_in_child
        assert overlay is local.with_local and folders == (own,)
    finally:
        runtime.use_catalog_setup(before)
