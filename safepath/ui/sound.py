"""Soft interface sounds: made here, from sine waves, so their licence is never in doubt (CC0).

The game's sounds are few and quiet on purpose (trauma-informed: no alarms, no
harsh buzzers). They are synthesised by :func:`synthesise` with the standard
``wave`` module and shipped as small WAV files in ``assets/sounds/``; run
``python3 -m safepath.ui.sound`` to write them again after changing a recipe.

:class:`SoundBank` plays them through ``pygame.mixer`` when a sound device
exists and the player has sound switched on; without audio it stays silent and
never raises, because a classroom laptop with a broken sound driver must still
run the game. Opening the device is done with the terminal's error stream muted:
ALSA prints a dozen lines about every sound card it did not find, which tell a
player nothing; one plain sentence says the game plays without sound instead.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from safepath.paths import assets_dir
from safepath.ui.quiet import quiet_stderr

RATE = 22050  # Hz, mono, 16 bit: plenty for soft chimes and keeps files to a few KB


@dataclass(frozen=True)
class Note:
    freq: float  # Hz
    start: float  # seconds from the start of the sound
    length: float  # seconds
    volume: float = 0.3  # 0..1, before the master gain


#: name -> notes. Intervals are consonant (fifths, thirds); attacks are soft; nothing is loud.
RECIPES: dict[str, tuple[Note, ...]] = {
    # a message arrives: two soft rising notes, like a chat app but gentler
    "message": (Note(880.0, 0.0, 0.16, 0.22), Note(1318.5, 0.08, 0.22, 0.18)),
    # the player sends a reply: one short, lower "whoosh"-like note
    "send": (Note(659.3, 0.0, 0.12, 0.2), Note(987.8, 0.03, 0.10, 0.1)),
    # a button is pressed: a very short, quiet tick
    "tap": (Note(1046.5, 0.0, 0.05, 0.16),),
    # feedback after a choice: a warm major third
    "feedback": (Note(523.3, 0.0, 0.35, 0.18), Note(659.3, 0.06, 0.35, 0.14)),
    # the story ends: a slow, calm arpeggio (the same for every ending: no punishing sound)
    "ending": (Note(392.0, 0.0, 0.6, 0.16), Note(493.9, 0.15, 0.6, 0.14), Note(587.3, 0.3, 0.8, 0.12)),
}


def _samples(notes: tuple[Note, ...]) -> list[int]:
    import math

    total = max(n.start + n.length for n in notes) + 0.02
    count = int(total * RATE)
    out = [0.0] * count
    for note in notes:
        first = int(note.start * RATE)
        length = int(note.length * RATE)
        attack = max(1, int(0.008 * RATE))  # 8 ms fade-in: no click
        for i in range(length):
            t = i / RATE
            env = min(1.0, i / attack) * math.exp(-5.0 * t / note.length)
            tone = math.sin(2 * math.pi * note.freq * t) + 0.15 * math.sin(4 * math.pi * note.freq * t)
            if first + i < count:
                out[first + i] += note.volume * env * tone
    peak = max(1e-9, max(abs(v) for v in out))
    gain = min(1.0, 0.5 / peak) if peak > 0.5 else 1.0
    return [int(max(-1.0, min(1.0, v * gain)) * 32767) for v in out]


def synthesise(folder: Path | None = None) -> list[Path]:
    """Write every recipe as ``folder/NAME.wav``; returns the files written."""
    import struct
    import wave  # making the files is a tool's job; playing them needs neither module

    folder = folder or assets_dir() / "sounds"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, notes in RECIPES.items():
        path = folder / f"{name}.wav"
        data = _samples(notes)
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(RATE)
            wav.writeframes(struct.pack(f"<{len(data)}h", *data))
        written.append(path)
    return written


def say_no_sound() -> None:
    """The one sentence a player or trainer at a terminal gets about a missing sound device."""
    from safepath.i18n import _

    try:
        sentence = _("No sound device was found, so the game plays without sound.")
        print(f"SafePath: {sentence}", file=sys.stderr)
    except (UnicodeEncodeError, OSError, ValueError):
        pass


class SoundBank:
    """Plays the interface sounds by name; silent when audio is off or missing."""

    def __init__(self, enabled: bool = True, folder: Path | None = None) -> None:
        self.enabled = enabled
        self.folder = folder or assets_dir() / "sounds"
        self._sounds: dict[str, object] = {}
        self._available: bool | None = None  # unknown until the first play

    def _ready(self) -> bool:
        if self._available is None:
            try:
                import pygame

                if not pygame.mixer.get_init():
                    with quiet_stderr():
                        pygame.mixer.init(frequency=RATE, size=-16, channels=1, buffer=512)
                self._available = True
            except Exception:  # no device, no driver: play silently (issue 4: "no audio: play silently")
                self._available = False
                say_no_sound()
        return self._available

    def play(self, name: str) -> bool:
        """Play ``name`` (see :data:`RECIPES`); returns True when a sound actually started."""
        if not self.enabled or name not in RECIPES or not self._ready():
            return False
        try:
            sound = self._sounds.get(name)
            if sound is None:
                import pygame

                sound = pygame.mixer.Sound(str(self.folder / f"{name}.wav"))
                sound.set_volume(0.6)
                self._sounds[name] = sound
            sound.play()
            return True
        except Exception:  # a missing or damaged file must never stop the game
            self._sounds.pop(name, None)
            return False


if __name__ == "__main__":
    for written in synthesise():
        print(f"wrote {written} ({written.stat().st_size} bytes)")
