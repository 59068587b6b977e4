"""The allocator tuning (issue 18, item 10): glibc told to give memory back; a no-op elsewhere."""

from __future__ import annotations

import os
import sys

import pytest

from safepath import malloc_tune


@pytest.fixture
def fresh(monkeypatch):
    monkeypatch.setattr(malloc_tune, "_libc", [])
    yield
    malloc_tune._libc.clear()


def test_tune_and_trim_are_no_ops_off_glibc(fresh, monkeypatch):
    monkeypatch.setattr(sys, "platform", "darwin")
    assert malloc_tune.tune() is False
    assert malloc_tune.trim() is False


def test_tune_and_trim_are_no_ops_on_musl(fresh, monkeypatch):
    monkeypatch.setattr(malloc_tune, "_libc_name", lambda: "")  # musl has no CS_GNU_LIBC_VERSION
    assert malloc_tune._glibc() is None
    assert malloc_tune.tune() is False


@pytest.mark.skipif(not (sys.platform.startswith("linux") and malloc_tune._libc_name().startswith("glibc")), reason="glibc only")
def test_tune_sets_the_three_options_on_glibc(fresh, monkeypatch):
    calls = []

    class FakeLibc:
        def mallopt(self, option, value):
            calls.append((option, value))
            return 1

        def malloc_trim(self, pad):
            calls.append(("trim", pad))
            return 1

    monkeypatch.setattr(malloc_tune, "_libc", [FakeLibc()])
    assert malloc_tune.tune() is True
    assert (malloc_tune.M_ARENA_MAX, malloc_tune.ARENA_MAX) in calls
    assert (malloc_tune.M_MMAP_THRESHOLD, malloc_tune.MMAP_THRESHOLD) in calls
    assert (malloc_tune.M_TRIM_THRESHOLD, malloc_tune.TRIM_THRESHOLD) in calls
    assert malloc_tune.trim() is True


@pytest.mark.skipif(not (sys.platform.startswith("linux") and malloc_tune._libc_name().startswith("glibc")), reason="glibc only")
def test_the_real_glibc_accepts_the_options(fresh):
    assert malloc_tune.tune() is True
    malloc_tune.trim()  # returns whether pages went back; either is fine, it must not fail


def test_the_app_tunes_the_allocator_and_clearing_the_stack_trims(monkeypatch):
    from safepath.app import make_app

    seen = []
    monkeypatch.setattr(malloc_tune, "tune", lambda: seen.append("tune") or True)
    monkeypatch.setattr(malloc_tune, "trim", lambda: seen.append("trim") or True)
    app = make_app((640, 360), "en")
    assert "tune" in seen
    seen.clear()
    app.stack.clear_to(app.show("picker"))
    assert seen == ["trim"]


def test_libc_name_comes_from_confstr_without_importing_platform(monkeypatch):
    monkeypatch.setattr(os, "confstr", lambda name: "glibc 2.99" if name == "CS_GNU_LIBC_VERSION" else None)
    assert malloc_tune._libc_name() == "glibc 2.99"

    def refuse(name):
        raise ValueError("unrecognized configuration name")
    monkeypatch.setattr(os, "confstr", refuse)
    assert malloc_tune._libc_name() == ""
