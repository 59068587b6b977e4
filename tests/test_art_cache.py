"""Rendered backgrounds kept on disk: the same pixels come back, damage or an edited picture means drawing again."""

from __future__ import annotations

import pygame
import pytest

from safepath.ui import art


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEPATH_CACHE_DIR", str(tmp_path))
    pygame.display.init()
    pygame.display.set_mode((320, 200))
    art.clear_cache()
    yield tmp_path / "art"
    art.clear_cache()


def made(calls):
    def make():
        calls.append(1)
        surf = pygame.Surface((64, 40))
        surf.fill((10, 120, 200))
        pygame.draw.circle(surf, (250, 240, 30), (20, 20), 12)
        return surf
    return make


def test_second_use_reads_the_same_pixels_from_disk(cache):
    calls = []
    first = art.on_disk("demo", (64, 40), "recipe-1", made(calls))
    again = art.on_disk("demo", (64, 40), "recipe-1", made(calls))
    assert calls == [1], "drawn once, then read back"
    assert all(first.get_at((x, y)) == again.get_at((x, y)) for x in range(0, 64, 3) for y in range(0, 40, 3))
    assert len(list(cache.glob("demo-64x40-*.px"))) == 1


def test_a_changed_recipe_or_a_damaged_file_means_drawing_again(cache):
    calls = []
    art.on_disk("demo", (64, 40), "recipe-1", made(calls))
    art.on_disk("demo", (64, 40), "recipe-2", made(calls))  # the SVG was edited
    assert len(calls) == 2
    for f in cache.glob("*.px"):
        f.write_bytes(f.read_bytes()[:100])  # cut short
    art.on_disk("demo", (64, 40), "recipe-1", made(calls))
    assert len(calls) == 3


def test_an_empty_cache_setting_turns_it_off(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEPATH_CACHE_DIR", "")
    pygame.display.init()
    pygame.display.set_mode((320, 200))
    calls = []
    art.on_disk("demo", (64, 40), "r", made(calls))
    art.on_disk("demo", (64, 40), "r", made(calls))
    assert calls == [1, 1] and not list(tmp_path.rglob("*.px"))


def test_background_from_disk_matches_a_fresh_drawing(cache):
    fresh = art.background("day", (320, 200))
    art.clear_cache()
    cached = art.background("day", (320, 200))
    assert list(cache.glob("bg-day-320x200-*.px"))
    assert all(fresh.get_at((x, y)) == cached.get_at((x, y)) for x in range(0, 320, 7) for y in range(0, 200, 7))
