"""Short fingerprints for the names of cache files, without OpenSSL.

``import hashlib`` loads OpenSSL's libcrypto: about 2.5 ms on this project's machine, a
twentieth of what the whole start-up may cost beyond a bare window (benchmarks/bench_game.py).
The catalog and picture caches only need a name that changes when what it stands for changes;
no one attacks a name in the player's own cache folder, and the catalog cache checks its full
stamp inside the file anyway. CRC-32 and Adler-32 (zlib, already loaded by pygame) side by
side give 64 bits: an accidental clash among a few dozen cache files is out of reach. Saves and
records keep their SHA-256 (:mod:`safepath.saves.savefile`): there the digest is a checksum.
"""

from __future__ import annotations

import zlib


def fingerprint(data: bytes | str) -> str:
    """16 hex digits that change when ``data`` changes (text is taken as UTF-8)."""
    if isinstance(data, str):
        data = data.encode("utf-8", "replace")
    return f"{zlib.crc32(data):08x}{zlib.adler32(data):08x}"
