"""Compiled catalogs (.mo) for the bundle: the same strings as the .po, read when fresh, ignored when stale."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from safepath import paths
from safepath.i18n import catalogs
from safepath.i18n.runtime import Translator

SHIPPED = sorted(paths.locales_dir().glob("*/LC_MESSAGES/*.po"))

PO = r'''msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

msgid "Play"
msgstr "Spielen"

msgctxt "dream-job/intro"
msgid "Hello"
msgstr "Hallo"

#, fuzzy
msgid "Settings"
msgstr "Einstellungen"

msgid "{n} star"
msgid_plural "{n} stars"
msgstr[0] "{n} Stern"
msgstr[1] "{n} Sterne"

msgid "{n} minute"
msgid_plural "{n} minutes"
msgstr[0] "{n} Minute"
msgstr[1] ""

msgid "Untranslated"
msgstr ""
'''


@pytest.mark.parametrize("po", SHIPPED, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_shipped_catalog_compiles_to_the_same_strings(po, tmp_path):
    mo = catalogs.compile_mo(po, tmp_path / "x.mo")
    assert catalogs.read_mo(mo) == catalogs.parse_po(po)


def _pair(tmp_path) -> tuple[Path, Path]:
    po = tmp_path / "de" / "LC_MESSAGES" / "safepath.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO, encoding="utf-8")
    return po, catalogs.compile_mo(po)


def test_fuzzy_and_half_translated_plurals_stay_out_of_the_mo(tmp_path):
    po, mo = _pair(tmp_path)
    table = catalogs.read_mo(mo)
    assert table.lookup(None, "Play") == "Spielen"
    assert table.lookup("dream-job/intro", "Hello") == "Hallo"
    assert table.lookup(None, "{n} star") == ["{n} Stern", "{n} Sterne"]
    for left_out in ("Settings", "{n} minute", "Untranslated"):
        assert table.lookup(None, left_out) is None
    assert table.plural_index(2) == 1 and table.plural_index(1) == 0
    parsed = catalogs.parse_po(po)
    assert (table.messages, table.plural_forms) == (parsed.messages, parsed.plural_forms)


def test_a_fresh_mo_is_read_a_stale_one_ignored_and_the_mo_alone_is_enough(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEPATH_CACHE_DIR", "")
    po, mo = _pair(tmp_path)
    mo.write_bytes(catalogs.compile_mo(po, tmp_path / "other.mo").read_bytes())
    os.utime(mo, ns=(po.stat().st_mtime_ns + 10**9,) * 2)
    calls = []
    monkeypatch.setattr(catalogs, "parse_po", lambda p: calls.append(p) or None)
    assert catalogs.load_table(po).lookup(None, "Play") == "Spielen" and not calls, "a fresh .mo needs no Babel"
    monkeypatch.undo()
    monkeypatch.setenv("SAFEPATH_CACHE_DIR", "")
    po.write_text(PO.replace('"Spielen"', '"Los"'), encoding="utf-8")  # a translator edits the .po afterwards
    os.utime(po, ns=(mo.stat().st_mtime_ns + 10**9,) * 2)
    assert catalogs.load_table(po).lookup(None, "Play") == "Los", "an older .mo never hides the translator's edit"
    po.unlink()
    assert catalogs.load_table(po).lookup(None, "Play") == "Spielen", "the bundle ships the .mo alone"


def test_a_damaged_mo_falls_back_to_the_po(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFEPATH_CACHE_DIR", "")
    po, mo = _pair(tmp_path)
    mo.write_bytes(b"\x00garbage, not a catalog")
    os.utime(mo, ns=(po.stat().st_mtime_ns + 10**9,) * 2)
    assert catalogs.load_table(po).lookup(None, "Play") == "Spielen"
    po.unlink()
    assert catalogs.load_table(po).messages == {}


def test_a_translator_over_compiled_catalogs_reads_like_one_over_po_files(tmp_path):
    compiled = tmp_path / "locales"
    for po in SHIPPED:
        catalogs.compile_mo(po, compiled / po.relative_to(paths.locales_dir()).with_suffix(".mo"))
    assert not list(compiled.rglob("*.po"))
    for lang in ("th", "my"):
        from_mo, from_po = Translator(lang, compiled), Translator(lang, paths.locales_dir())
        for domain in catalogs.DOMAINS:
            assert from_mo.table(domain) == from_po.table(domain)
        assert from_mo.gettext("Settings") == from_po.gettext("Settings") != "Settings"


def test_compiling_a_broken_po_stops_the_build(tmp_path):
    po = tmp_path / "broken.po"
    po.write_text('msgid "Play"\nmsgstr "Spielen\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken.po:2"):
        catalogs.compile_mo(po, tmp_path / "broken.mo")
    assert not (tmp_path / "broken.mo").exists()
