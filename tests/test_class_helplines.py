"""Help the trainer keeps current: stale numbers, local contacts saved as the local helplines file (issue 17)."""

from __future__ import annotations

import datetime as _dt
import subprocess
import sys

import pygame

from safepath import i18n
from safepath.app import make_app
from safepath.classroom import local_helplines as lh
from safepath.story import helplines as hl

#: not a real number (all zeros): tests never show a number someone could dial
NUMBER = "000 0000"


def test_a_saved_contact_reaches_the_game_and_fills_the_slot(tmp_path):
    assert lh.save_contact(tmp_path, lh.Contact("Youth centre", NUMBER, "Talk about a job offer", ["th", "my"],
                                                "Mon-Fri")) == []
    entries, diags = hl.load_helplines(paths=hl.default_paths(tmp_path), check_age=False)
    assert not [d for d in diags if d.is_error]
    local = hl.find(entries, "ngo-local")
    assert local.number == NUMBER and local.name.text == "Youth centre"
    assert local.purpose.text == "Talk about a job offer (Mon-Fri)" and local.languages == ("th", "my")
    assert hl.for_language(entries, "my")[0].id == "ngo-local"  # the NGO's own number comes first
    # a second contact gets its own id; editing keeps the id
    assert lh.save_contact(tmp_path, lh.Contact("Legal aid", NUMBER, "Contracts", ["en"])) == []
    ids = [e["id"] for e in lh.local_entries(tmp_path)]
    assert ids == ["ngo-local", "ngo-legal-aid"]
    assert lh.save_contact(tmp_path, lh.Contact("Legal aid clinic", NUMBER, "Contracts", ["en"], id="ngo-legal-aid")) == []
    assert [e["name"] for e in lh.local_entries(tmp_path)] == ["Youth centre", "Legal aid clinic"]


def test_a_refused_contact_is_never_saved(tmp_path):
    assert lh.save_contact(tmp_path, lh.Contact("Youth centre", NUMBER, "Talk", ["th"])) == []
    before = hl.local_path(tmp_path).read_text(encoding="utf-8")
    errors = lh.save_contact(tmp_path, lh.Contact("Bad", "call me", "x", ["xx9"]))
    assert {d.code for d in errors} == {"SP092"}
    assert hl.local_path(tmp_path).read_text(encoding="utf-8") == before
    assert lh.check_contact(lh.Contact("", NUMBER, "x")) is not None


def test_stale_numbers_are_listed_for_the_trainer(tmp_path):
    entries, _ = hl.load_helplines(check_age=False)
    newest = max(h.verified_on for h in entries if h.verified_on)
    assert lh.stale(tmp_path, newest) == []
    late = lh.stale(tmp_path, newest + _dt.timedelta(days=400))
    assert late and all(h.verified_on + _dt.timedelta(days=365) < newest + _dt.timedelta(days=400) for h in late)


def test_the_form_on_screen_saves_a_contact(tmp_path):
    app = make_app(data_dir=tmp_path, lang="en")
    app.render_stack([app.show("trainer_helplines")])
    app.stack.top.menu.activate(0)  # Add a local contact
    form = app.stack.top
    for text in ("Youth centre", NUMBER, "Talk about a job offer", "th, my"):
        app.step(0.0, [pygame.event.Event(pygame.TEXTINPUT, text=text)])
        app.step(0.0, [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=0, unicode="", scancode=0)])
    form.save()
    assert type(app.stack.top).__name__ == "TrainerHelplines"
    assert [e["name"] for e in lh.local_entries(tmp_path)] == ["Youth centre"]
    assert "Edit: Youth centre" in [b.label for b in app.stack.top.menu.buttons]
    i18n.set_language("en")


def test_play_text_shows_the_local_contact(tmp_path):
    assert lh.save_contact(tmp_path, lh.Contact("Youth centre", NUMBER, "Talk about a job offer", ["en"])) == []
    done = subprocess.run([sys.executable, "-m", "safepath", "--data-dir", str(tmp_path), "play", "--text",
                           "--choices", "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1"], capture_output=True, text=True,
                          timeout=300, input="")
    assert "Youth centre" in done.stdout, done.stdout[-2000:] + done.stderr[-2000:]
