"""Helplines: the bundled data, the checks with file:line:col, the NGO's local file, staleness, ordering."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import date

import pytest

from safepath.story import helplines as hl, phone_numbers as story_numbers
from safepath.story.diagnostics_codes import CODES

#: Every number in shared/research/helplines.md, the only ones the game may show.
RESEARCH_NUMBERS = {"1300", "+66 99 130 1300", "1441", "1506", "@esshelpme", "117", "1343", "1694"}
RESEARCH_VERIFIED_ON = date(2026, 11, 22)
#: verified_on of the research table where it differs from RESEARCH_VERIFIED_ON
VERIFIED_LATER = {"1694": date(2026, 12, 3)}


def write(tmp_path, text: str, name: str = "helplines.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def codes(diags):
    return [d.code for d in diags]


GOOD_ENTRY = """\
schema_version: 1
helplines:
  - id: th-1300
    kind: phone
    number: "1300"
    name: Social Assistance Center
    purpose: Help for people in danger.
    country: TH
    languages: [th]
    source: https://1300sano.com/
    confidence: high
    verified_on: 2026-11-22
"""


# --- the bundled file -----------------------------------------------------------------

def test_bundled_file_loads_clean_with_only_research_numbers():
    helplines, diags = hl.load_helplines(today=RESEARCH_VERIFIED_ON)
    assert diags == []
    numbers = {h.number for h in helplines if h.number}
    assert numbers == RESEARCH_NUMBERS
    ids = [h.id for h in helplines]
    assert len(ids) == len(set(ids))
    for h in helplines:
        if h.kind == "local":
            continue
        assert h.source.startswith("https://"), h.id
        assert h.verified_on == VERIFIED_LATER.get(h.number, RESEARCH_VERIFIED_ON), h.id
        assert h.confidence in ("high", "medium"), h.id
        assert h.name.text and h.purpose.text, h.id
        assert h.name.context == f"helpline/{h.id}/name"


def test_bundled_file_names_the_three_resource_centres_without_a_number():
    helplines, _ = hl.load_helplines()
    centres = [h for h in helplines if h.kind == "centre"]
    assert sorted(h.place.text for h in centres) == ["Mae Sot", "Tachileik", "Yangon"]
    assert {h.place.context for h in centres} == {f"helpline/{h.id}/place" for h in centres}
    assert all(h.number == "" and h.is_shown for h in centres)


def test_ngo_slot_exists_and_stays_hidden_until_filled():
    helplines, _ = hl.load_helplines()
    slot = hl.find(helplines, "ngo-local")
    assert slot is not None and slot.kind == "local" and slot.number == ""
    assert not slot.is_shown
    assert slot not in hl.for_language(helplines, "th")
    assert not hl.is_stale(slot, date(2099, 1, 1))  # nothing to check while it is empty


def test_1506_is_dialled_then_press_2():
    helplines, _ = hl.load_helplines()
    assert hl.find(helplines, "th-1506").dial() == "1506, then press 2"
    assert hl.find(helplines, "th-1300").dial() == "1300"


def test_module_does_not_import_pygame():
    code = "import sys, safepath.story.helplines; sys.exit(1 if 'pygame' in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_codes_are_registered():
    for n in range(90, 100):
        assert f"SP0{n}" in CODES
    assert CODES["SP098"].severity.value == "warning"


# --- problems, each with its place in the file ------------------------------------------

@pytest.mark.parametrize(
    "old, new, code, line, column",
    [
        ("    number: \"1300\"\n", "    numbr: \"1300\"\n", "SP093", 5, 5),  # typo: did you mean
        ("    number: \"1300\"\n", "", "SP091", 3, 5),  # a phone needs a number
        ("    verified_on: 2026-11-22\n", "    verified_on: 22/11/2026\n", "SP095", 12, 18),
        ("    verified_on: 2026-11-22\n", "    verified_on: 2026-02-30\n", "SP095", 12, 18),
        ("    source: https://1300sano.com/\n", "    source: 1300sano.com\n", "SP096", 10, 13),
        ("    kind: phone\n", "    kind: phon\n", "SP092", 4, 11),
        ("    country: TH\n", "    country: Thailand\n", "SP092", 8, 14),
        ("    number: \"1300\"\n", "    number: \"call 1300\"\n", "SP092", 5, 13),
        ("    languages: [th]\n", "    languages: th\n", "SP092", 9, 16),
        ("    confidence: high\n", "    confidence: sure\n", "SP092", 11, 17),
        ("  - id: th-1300\n", "  - id: TH 1300\n", "SP092", 3, 9),
        ("schema_version: 1\n", "schema_version: 2\n", "SP090", 1, 17),
    ],
)
def test_each_problem_is_reported_at_its_place(tmp_path, old, new, code, line, column):
    assert old in GOOD_ENTRY
    path = write(tmp_path, GOOD_ENTRY.replace(old, new))
    helplines, diags = hl.load_helplines(path)
    found = [(d.code, d.line, d.column) for d in diags]
    assert (code, line, column) in found, found
    assert all(d.file == str(path) for d in diags)


def test_unknown_key_suggests_the_right_one(tmp_path):
    path = write(tmp_path, GOOD_ENTRY.replace("    source:", "    sourse:"))
    _, diags = hl.load_helplines(path)
    unknown = next(d for d in diags if d.code == "SP093")
    assert "source" in unknown.hint
    assert unknown.format(path.read_text()).splitlines()[0].startswith(f"{path}:10:5: error SP093")


def test_a_bad_entry_is_left_out_and_the_others_kept(tmp_path):
    text = GOOD_ENTRY + (
        "  - id: broken\n"
        "    kind: phone\n"
        "    name: Broken\n"
        "    purpose: No number.\n"
        "    country: TH\n"
        "    source: https://example.org/\n"
        "    confidence: high\n"
        "    verified_on: 2026-11-22\n"
    )
    path = write(tmp_path, text)
    helplines, diags = hl.load_helplines(path, check_age=False)
    assert [h.id for h in helplines] == ["th-1300"]
    assert [(d.code, d.line) for d in diags] == [("SP091", 13)]


def test_duplicate_id_points_at_the_second(tmp_path):
    entry = GOOD_ENTRY.split("helplines:\n")[1]
    path = write(tmp_path, GOOD_ENTRY + entry)
    helplines, diags = hl.load_helplines(path)
    assert len(helplines) == 1
    dup = [d for d in diags if d.code == "SP094"]
    assert dup and dup[0].line == 13 and "line 3" in dup[0].message


@pytest.mark.parametrize(
    "text, code",
    [
        ("- just a list\n", "SP090"),
        ("schema_version: 1\nhelplines: nope\n", "SP090"),
        ("schema_version: 1\n", "SP090"),
        ("schema_version: 1\nhelplines:\n  - just text\n", "SP090"),
        ("schema_version: 1\nhelplines: [\n", "SP004"),
        ("schema_version: 1\nhelplines:\n\t- id: x\n", "SP005"),
        ("schema_version: 1\nhelplines: !!python/object/apply:os.system [echo hi]\n", "SP007"),
        ("", "SP003"),
        ("schema_version: 1\nhelplines: []\nextra: 1\n", "SP093"),
    ],
)
def test_broken_files_give_diagnostics_never_exceptions(tmp_path, text, code):
    path = write(tmp_path, text)
    helplines, diags = hl.load_helplines(path)
    assert helplines == []
    assert code in codes(diags)


def test_missing_bundled_file_is_reported(tmp_path):
    helplines, diags = hl.load_helplines(tmp_path / "nope.yaml")
    assert helplines == [] and codes(diags) == ["SP001"]


def test_unquoted_number_is_read_as_written(tmp_path):
    path = write(tmp_path, GOOD_ENTRY.replace('"1300"', "1300"))
    helplines, diags = hl.load_helplines(path, today=RESEARCH_VERIFIED_ON)
    assert diags == [] and helplines[0].number == "1300"


# --- the NGO's local file ---------------------------------------------------------------

LOCAL_FILL = """\
schema_version: 1
helplines:
  - id: ngo-local
    kind: local
    number: "055 000 000"
    name: Our youth centre in Mae Sot
    purpose: Talk to us about any job offer.
    country: TH
    languages: [my, th]
    confidence: local
    verified_on: 2026-11-01
"""


def test_local_file_fills_the_slot_and_comes_first(tmp_path):
    local = write(tmp_path, LOCAL_FILL)
    helplines, diags = hl.load_helplines(paths=[hl.bundled_path(), local], today=RESEARCH_VERIFIED_ON)
    assert diags == []
    slot = hl.find(helplines, "ngo-local")
    assert slot.is_shown and slot.number == "055 000 000" and slot.origin == str(local)
    assert hl.for_language(helplines, "my")[0].id == "ngo-local"
    assert hl.for_language(helplines, "th")[0].id == "ngo-local"
    assert len(helplines) == len(hl.load_helplines()[0])  # filled in place, not added


def test_local_file_may_add_entries(tmp_path):
    local = write(tmp_path, LOCAL_FILL.replace("id: ngo-local", "id: ngo-tachileik").replace("country: TH", "country: MM"))
    helplines, diags = hl.load_helplines(paths=[hl.bundled_path(), local], check_age=False)
    assert diags == []
    assert hl.find(helplines, "ngo-tachileik").number == "055 000 000"
    assert not hl.find(helplines, "ngo-local").is_shown


def test_local_file_cannot_change_a_bundled_number(tmp_path):
    local = write(tmp_path, GOOD_ENTRY.replace('"1300"', '"1234"'))
    helplines, diags = hl.load_helplines(paths=[hl.bundled_path(), local], check_age=False)
    assert codes(diags) == ["SP097"]
    assert diags[0].file == str(local) and diags[0].line == 3
    assert hl.find(helplines, "th-1300").number == "1300"


def test_filled_slot_needs_a_date(tmp_path):
    local = write(tmp_path, LOCAL_FILL.replace("    verified_on: 2026-11-01\n", ""))
    helplines, diags = hl.load_helplines(paths=[hl.bundled_path(), local])
    assert "SP091" in codes(diags)
    assert not hl.find(helplines, "ngo-local").is_shown  # the bad entry is left out; the slot stays hidden


def test_missing_local_file_is_fine(tmp_path):
    helplines, diags = hl.load_helplines(paths=hl.default_paths(tmp_path), today=RESEARCH_VERIFIED_ON)
    assert diags == [] and helplines == hl.load_helplines()[0]
    assert hl.local_path(tmp_path) == tmp_path / "helplines.yaml"


# --- staleness --------------------------------------------------------------------------

def test_is_stale_after_one_year():
    helplines, _ = hl.load_helplines()
    h = hl.find(helplines, "th-1300")
    assert not hl.is_stale(h, date(2026, 11, 22))
    assert not hl.is_stale(h, date(2027, 11, 22))
    assert hl.is_stale(h, date(2027, 11, 23))


def test_loading_warns_about_old_numbers(tmp_path):
    path = write(tmp_path, GOOD_ENTRY)
    assert hl.load_helplines(path, today=date(2027, 11, 22))[1] == []
    helplines, diags = hl.load_helplines(path, today=date(2027, 11, 23))
    assert [(d.code, d.line) for d in diags] == [("SP098", 3)] and len(helplines) == 1
    assert hl.load_helplines(path, today=date(2030, 1, 1), check_age=False)[1] == []


def test_stale_warnings_point_at_each_entry():
    helplines, _ = hl.load_helplines()
    assert hl.stale_warnings(helplines, date(2027, 1, 1)) == []
    warnings = hl.stale_warnings(helplines, date(2028, 1, 1))
    shown = [h for h in helplines if h.is_shown]
    assert len(warnings) == len(shown)
    assert all(w.code == "SP098" and not w.is_error and w.line > 0 for w in warnings)
    assert any("1506" in w.message for w in warnings)


# --- order for the player ---------------------------------------------------------------

def test_burmese_play_starts_with_what_answers_in_burmese_where_the_player_is():
    helplines, _ = hl.load_helplines()
    ordered = [h.id for h in hl.for_language(helplines, "my")]
    assert ordered[:2] == ["th-1694", "th-mwrc-mae-sot"]  # both in Thailand, both with Burmese speakers
    assert ordered.index("th-1300") < ordered.index("mm-mwrc-yangon")  # 24-hour help in Thailand before Myanmar


def test_a_border_story_puts_its_town_first_and_no_line_claims_burmese_it_does_not_list():
    helplines, _ = hl.load_helplines()
    ordered = hl.for_language(helplines, "my", mentioned={"th-mwrc-mae-sot", "mm-mwrc-yangon"}, goes_to={"TH", "MM"})
    assert [h.id for h in ordered[:3]] == ["th-mwrc-mae-sot", "th-1694", "mm-mwrc-yangon"]
    assert "my" not in hl.find(helplines, "th-1300").languages  # UNCONFIRMED in the research: never claimed
    assert "office hours" in hl.find(helplines, "th-1694").purpose.text.lower()


def test_other_countries_only_where_the_story_goes():
    helplines, _ = hl.load_helplines()
    border = [h.country for h in hl.for_language(helplines, "th", goes_to={"TH", "MM"})]
    assert "KH" not in border and "PH" not in border
    cambodia = [h.id for h in hl.for_language(helplines, "th", goes_to={"TH", "KH"})]
    assert "kh-117" in cambodia and "ph-1343" not in cambodia
    assert "mm-mwrc-yangon" in [h.id for h in hl.for_language(helplines, "my", goes_to={"TH"})]  # where Burmese players come from
    assert hl.countries_in([hl.Text("A job in Phnom Penh, Cambodia", "x", hl.Pos("f", 1, 1))]) == {"KH"}


def test_thai_play_starts_with_1300_and_keeps_other_countries_last():
    helplines, _ = hl.load_helplines()
    ordered = hl.for_language(helplines, "th")
    assert ordered[0].id == "th-1300"
    countries = [h.country for h in ordered]
    assert countries.index("KH") > countries.index("TH") and "KH" not in countries[:5]


def test_country_filter():
    helplines, _ = hl.load_helplines()
    assert [h.id for h in hl.for_language(helplines, "en", country="KH")] == ["kh-117"]
    assert all(h.country == "MM" for h in hl.for_language(helplines, "my", country="MM"))


# --- numbers typed into story text ------------------------------------------------------

@pytest.mark.parametrize(
    "text, found",
    [
        ("Call 1506, then press 2.", ["1506"]),
        ("Call 1300, 24 hours a day.", ["1300"]),
        ("Call or SMS +66 99 130 1300 from abroad.", ["+66 99 130 1300"]),
        ("Pay: 45,000 baht a month.", []),
        ("A fee of 500 baht.", []),
        ("She is 19. Only 3 places left.", []),
        ("In 2023, at least 120,000 people.", []),
        ("Checked on 2026-11-22.", []),
        ("Call 0812345678 now", ["0812345678"]),
        ("Call 1300 24 hours", ["1300 24"]),  # ambiguous writing is flagged, not guessed
        ("Add @jenny_goldenbridge or @esshelpme", []),
    ],
)
def test_numbers_in_text(text, found):
    assert [t for _, t in story_numbers.numbers_in_text(text)] == found


def test_unlisted_numbers_and_check_texts():
    from safepath.story.model import Pos, Text

    helplines, _ = hl.load_helplines()
    assert story_numbers.unlisted_numbers("Call 1506, then press 2, or +66 99 130 1300.", helplines) == []
    assert [t for _, t in story_numbers.unlisted_numbers("Call 1191 now.", helplines)] == ["1191"]
    text = Text("Call 1191 now.", "x/y/line/0", Pos("story.yaml", 7, 9))
    diags = story_numbers.check_texts([text], helplines)
    assert [(d.code, d.file, d.line, d.column) for d in diags] == [("SP099", "story.yaml", 7, 9)]
    assert diags[0].is_error  # only checked numbers may reach players


# --- nothing an author types makes the loader crash ----------------------------------------

from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(0, len(GOOD_ENTRY)), junk=st.text(max_size=12), mode=st.sampled_from(["insert", "replace", "cut"]))
def test_mutated_files_give_diagnostics_never_exceptions(tmp_path, cut, junk, mode):
    if mode == "insert":
        text = GOOD_ENTRY[:cut] + junk + GOOD_ENTRY[cut:]
    elif mode == "replace":
        text = GOOD_ENTRY[:cut] + junk + GOOD_ENTRY[cut + len(junk):]
    else:
        text = GOOD_ENTRY[:cut]
    path = tmp_path / "helplines.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    helplines, diags = hl.load_helplines(path, check_age=False)
    assert all(isinstance(h, hl.Helpline) for h in helplines)
    assert all(d.file == str(path) for d in diags)
    if not helplines:
        assert diags  # an entry that disappears is always explained


def test_the_town_of_a_centre_is_extracted_for_translators():
    from safepath.i18n.extract import texts_of_file

    found = {t.context: t.text for t, _comment in texts_of_file(hl.bundled_path())}
    assert found["helpline/mm-mwrc-yangon/place"] == "Yangon"
    assert found["helpline/th-mwrc-mae-sot/place"] == "Mae Sot"
