"""The story's pictures and sounds: every key the shipped stories use has art, every file is listed and small."""

from __future__ import annotations

import wave

import pygame
import pytest

from safepath.story import loader
from safepath.paths import assets_dir, scenarios_dir
from safepath.ui import art, sound

ASSETS = assets_dir()


def shipped_scenarios():
    report = loader.load_all(sorted(scenarios_dir().glob("*.yaml")))
    assert report.scenarios, "no scenario loaded"
    return list(report.scenarios.values())


def test_every_avatar_and_image_key_has_its_own_picture():
    missing = []
    for scenario in shipped_scenarios():
        for ch in scenario.characters.values():
            if not art.has_avatar(ch.avatar):
                missing.append(f"{scenario.id}: avatar {ch.avatar!r} of {ch.id}")
        for scene in scenario.scenes.values():
            for line in scene.lines:
                if line.image and not art.has_image(line.image):
                    missing.append(f"{scenario.id}/{scene.id}: image {line.image!r}")
    assert missing == []


def test_pictures_render_at_the_size_asked_and_unknown_keys_fall_back():
    pygame.display.init()
    for key in ("player", "recruiter", "family", "friend", "official", "other"):
        surf = art.avatar(key, "other", 48)
        assert surf.get_size() == (48, 48)
        assert surf.get_at((0, 0)).a == 0, "avatars are round: the corner is transparent"
        assert surf.get_at((24, 24)).a == 255
    assert art.avatar("no-such-key", "recruiter", 40).get_size() == (40, 40)
    assert art.avatar("../../etc/passwd", "player", 40).get_size() == (40, 40)  # keys never leave assets/
    assert art.picture("job-ad", 300).get_size() == art.picture_size(300)
    assert art.picture("no-such-image", 200).get_size() == art.picture_size(200)
    for key in art.BACKGROUNDS:
        for size in ((1280, 720), (1366, 768), (800, 600)):
            assert art.background(key, size).get_size() == size


def test_sounds_are_small_valid_wav_files_made_by_the_recipes(tmp_path):
    for name in sound.RECIPES:
        path = ASSETS / "sounds" / f"{name}.wav"
        assert path.stat().st_size < 64 * 1024
        with wave.open(str(path)) as wav:
            assert wav.getnchannels() == 1 and wav.getframerate() == sound.RATE
    for written in sound.synthesise(tmp_path):  # the shipped files are exactly what the recipes make
        assert written.read_bytes() == (ASSETS / "sounds" / written.name).read_bytes()


def test_sound_bank_is_silent_without_audio_and_never_raises():
    bank = sound.SoundBank(enabled=False)
    assert bank.play("message") is False
    bank = sound.SoundBank(enabled=True)
    bank.play("no-such-sound")
    bank.play("tap")  # dummy audio driver or none at all: no exception either way


@pytest.mark.parametrize("folder", ["avatars", "images", "sounds"])
def test_every_asset_file_is_listed_with_its_source_and_licence(folder):
    readme = (ASSETS / "README.md").read_text(encoding="utf-8")
    assert "CC0" in readme
    for path in sorted((ASSETS / folder).iterdir()):
        assert f"`{path.name}`" in readme, f"{folder}/{path.name} is not described in assets/README.md"


def test_fake_and_real_contracts_and_the_hotel_have_pictures_of_their_own():
    """A scam's unreadable contract must not look like a real one; a hotel job is not a mountain photo."""
    pygame.display.init()
    keys = ("contract-blurry", "contract", "hotel", "photo", "job-ad")
    assert all(art.has_image(k) for k in keys)
    pictures = {k: pygame.image.tobytes(art.picture(k, 240), "RGBA") for k in keys}
    assert len(set(pictures.values())) == len(keys), "every image key draws a different picture"


def test_image_keys_in_the_format_reference_exist():
    import re
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "format.md").read_text(encoding="utf-8")
    section = text[text.index("Image keys"):text.index("Any other key")]
    keys = re.findall(r"`([a-z-]+)`", section)
    assert {"contract-blurry", "contract", "hotel"} <= set(keys)
    assert [k for k in keys if not art.has_image(k)] == []
