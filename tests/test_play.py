from pathlib import Path

import pytest

from safepath import cli, i18n
from safepath.play import engine
from safepath.story.loader import load_scenario
from safepath.commands import play
from test_engine_helpers import build

FIXTURE = str(Path(__file__).parent / "data" / "scenarios" / "two-offers.yaml")


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.reset()


def run_cli(capsys, *argv):
    code = cli.main(["play", "--text", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_scripted_safe_path_prints_the_whole_transcript(capsys):
    code, out, err = run_cli(capsys, FIXTURE, "--choices", "1,1")
    assert code == 0 and err == ""
    assert "=== Two offers ===" in out
    assert "--- Khun Nok · Facebook ---" in out
    assert "Khun Nok: We are hiring! 45,000 baht a month, free flight." in out
    assert "\nMay reads the message twice.\n" in out  # narration has no speaker
    assert "[picture: job-ad]" in out
    assert "  1. Ask which company this is\n  2. Say yes straight away\n" in out
    assert "You chose 1: Ask which company this is" in out
    assert "Well spotted: Pay that is too good is a warning sign." in out
    assert "Good question. A real employer gives a name you can check." in out
    assert "[Continue]" in out  # the `next` of scene company was followed
    assert "You checked, and this offer was real. Trusting it was right." in out
    debrief = out[out.index("=== The end: you stayed safe ==="):]
    assert "May stayed safe." in debrief
    assert "Pay that is too good (you spotted it)" in debrief
    assert "Pressure to decide now (you missed it)" in debrief  # met in scene company, never spotted
    assert "What to do:" in debrief and "Why it matters:" in debrief
    assert "Not on your path this time: The talk moves to a private app" in debrief
    assert "Red flags you spotted: 2\nRed flags you missed: 1\n" in debrief
    assert "Safe offers you refused (false alarms): 0\nSafe offers you rightly trusted: 1\n" in debrief
    assert "Stars: **- (2 of 3)" in debrief
    assert "Badge: Fair judge: You checked a real offer and said yes to it." in debrief
    assert "Badge: Checker:" in debrief
    assert "never your fault" in debrief and "1506, then press 2: Department of Employment" in debrief


def test_false_alarm_is_named_kindly_and_kept_apart(capsys):
    code, out, _ = run_cli(capsys, FIXTURE, "--choices", "1,2")
    assert code == 0
    assert "This offer was in fact safe." in out
    assert "Safe offers you refused (false alarms): 1" in out
    assert "Badge: Fair judge" not in out and "Badge: Checker" in out


def test_trapped_path_points_to_help(capsys):
    code, out, _ = run_cli(capsys, FIXTURE, "--choices", "2,2")
    assert code == 0
    assert "This was a warning sign: The talk moves to a private app." in out
    assert "=== The end: trapped, and help is coming ===" in out
    assert "It is never her fault." in out
    assert "The talk moves to a private app (you missed it)" in out
    assert "Stars: --- (0 of 3)" in out
    assert "1300: Social Assistance Center" in out


def test_numbers_count_only_the_choices_shown(capsys):
    # real-offer shows 3 choices, then 2 once "Ask Dao again" has been used.
    code, out, _ = run_cli(capsys, FIXTURE, "--choices", "1,3,1")
    assert code == 0 and "You chose 3: Ask Dao again what she thinks" in out
    assert out.count("  3. Ask Dao again what she thinks") == 1
    code, out, err = run_cli(capsys, FIXTURE, "--choices", "1,3,3")
    assert code == 2
    assert "decision 3 asks for choice 3, but scene 'real-offer' shows 2 choices here (1 to 2)" in err
    assert "Traceback" not in out + err


def test_out_of_range_and_bad_numbers_exit_2(capsys):
    code, _, err = run_cli(capsys, FIXTURE, "--choices", "5")
    assert code == 2 and "shows 2 choices here" in err
    with pytest.raises(SystemExit) as stop:
        run_cli(capsys, FIXTURE, "--choices", "1,0")
    assert stop.value.code == 2
    assert "'0' is not a choice number" in capsys.readouterr().err


def test_script_that_ends_early_says_where_it_stopped(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    code, out, _ = run_cli(capsys, FIXTURE, "--choices", "1")
    assert code == 3  # a script can tell the path was incomplete
    assert "ran out before the end of the story (in scene 'real-offer')" in out
    assert "=== The end" not in out


def test_broken_scenario_prints_diagnostics_and_exits_1(capsys, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(Path(FIXTURE).read_text(encoding="utf-8").replace("goto: trapped", "goto: nowhere"))
    code, out, err = run_cli(capsys, str(broken))
    assert code == 1
    assert f"{broken}:" in err and "nowhere" in err and "could not be played" in err
    assert "Traceback" not in out + err
    code, _, err = run_cli(capsys, str(tmp_path / "missing.yaml"))
    assert code == 1 and "There is no scenario file" in err


def keyboard(monkeypatch, *answers):
    typed = iter(answers)
    prompts = []

    def fake_input(prompt=""):
        prompts.append(prompt)
        try:
            return next(typed)
        except StopIteration:
            raise EOFError from None

    monkeypatch.setattr("builtins.input", fake_input)
    return prompts


def test_interactive_reasks_on_a_wrong_key_and_waits_for_enter(capsys, monkeypatch):
    prompts = keyboard(monkeypatch, "7", "yes", "1", "", "1")
    code, out, _ = run_cli(capsys, FIXTURE)
    assert code == 0
    assert out.count("Please type a number from 1 to 2, or q to quit.") == 2
    assert prompts == [
        "Your choice (1 to 2, or q to quit): ",
        "Your choice (1 to 2, or q to quit): ",
        "Your choice (1 to 2, or q to quit): ",
        "Press Enter to continue (q to quit) ",
        "Your choice (1 to 3, or q to quit): ",
    ]
    assert "=== The end: you stayed safe ===" in out


def test_quitting_loses_nothing_and_says_how_to_come_back(capsys, monkeypatch):
    keyboard(monkeypatch, "2", "q")
    code, out, _ = run_cli(capsys, FIXTURE)
    assert code == 0
    assert "You left the story. Nothing is lost" in out
    assert "play with --choices 2" in out
    keyboard(monkeypatch)  # input closed straight away (Ctrl+D)
    code, out, _ = run_cli(capsys, FIXTURE)
    assert code == 0 and "You left the story." in out


def test_language_option_switches_the_translator(capsys):
    code, out, _ = run_cli(capsys, FIXTURE, "--choices", "2,2", "--lang", "th")
    assert code == 0 and i18n.current_language() == "th"
    assert "=== " in out and "1300" in out  # untranslated strings fall back to English, never crash


def test_lang_before_the_command_is_kept(capsys):
    code = cli.main(["--lang", "my", "play", FIXTURE, "--choices", "2,2"])
    capsys.readouterr()
    assert code == 0 and i18n.current_language() == "my"


def test_stuck_scene_is_reported_not_frozen():
    toy = build({"a": {"choices": [{"goto": "e", "if": "has(never)"}]}, "e": {"ending": "safe"}})
    lines = []
    code = play.TerminalPlayer(toy, choices=(), write=lines.append).play()
    assert code == 1 and any("cannot go on" in line for line in lines)


def test_play_with_no_file_plays_the_dream_job(capsys, monkeypatch):
    keyboard(monkeypatch, "q")
    code = cli.main(["play", "--text"])
    out = capsys.readouterr().out
    assert code == 0 and "=== The dream job ===" in out and "Nothing is lost" in out


def test_transcript_matches_the_engine(capsys):
    scenario = load_scenario(FIXTURE).scenario
    state = engine.replay(scenario, [0, engine.CONTINUE, 2, 0])
    code, out, _ = run_cli(capsys, FIXTURE, "--choices", "1,3,1")
    assert code == 0 and state.ending == "safe"
    for scene_id in state.visited:
        first_line = scenario.scenes[scene_id].lines[0]
        assert first_line.text.text in out


def test_extra_choices_after_the_end_are_pointed_out(capsys):
    code, out, err = run_cli(capsys, FIXTURE, "--choices", "2,2,1,3")
    assert code == 0 and "=== The end" in out
    assert "the story ended before these choices were used: 1,3" in err


def test_closing_the_pipe_early_prints_no_traceback(tmp_path):
    import subprocess
    import sys

    # A transcript far bigger than a pipe's buffer, so writing really hits the closed pipe.
    text = Path(FIXTURE).read_text(encoding="utf-8")
    long_lines = "".join(f"      - Line {i} " + "of a long walk home. " * 20 + "\n" for i in range(300))
    text = text.replace("      - May reads the message twice.\n", long_lines)
    big = tmp_path / "two-offers.yaml"
    big.write_text(text, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "safepath", "play", "--text", str(big), "--choices", "1,1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert proc.stdout.readline().startswith(b"=== Two offers")
    proc.stdout.close()  # like `| head -1`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=30) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_every_word_shown_goes_through_the_translator():
    """With the pseudo-locale every string is wrapped in «…»: a bare English line means a missed _() call."""
    scenario = load_scenario(FIXTURE).scenario
    i18n.set_language(i18n.PSEUDO_LANGUAGE)
    lines = []
    for choices in ((1, 3, 1), (2, 2)):
        assert play.TerminalPlayer(scenario, choices=choices, write=lines.append).play() == 0
    bare = [
        line for line in lines
        if line.strip() and "«" not in line and not line.strip().startswith(("1.", "2.", "3.", "---", "===", "+", "1"))
    ]
    assert bare == []
    speaker = i18n.pseudo_translate("Khun Nok") + ": "
    assert any(line.startswith(speaker) for line in lines)  # speaker names are translated too


def test_a_number_typed_at_continue_answers_the_next_choice():
    """Piped or typed ahead, `1` at "Press Enter" is not lost: it picks at the next decision."""
    from safepath.commands.play import TerminalPlayer
    from safepath.story.loader import load_scenario

    scenario = load_scenario(Path(__file__).parent.parent / "content" / "scenarios" / "dream-job.yaml").scenario
    answers = iter(["2", "q"])  # the story opens with a Continue; "2" is meant for the first decision
    out = []
    TerminalPlayer(scenario, write=out.append, ask=lambda prompt: next(answers)).play()
    chosen = [line for line in out if line.startswith("You chose")]
    assert chosen and chosen[0].startswith("You chose 2:")


@pytest.mark.parametrize("name", ["casino-job", "village-broker", "dream-job"])
def test_the_text_players_helplines_are_those_of_the_stories_countries(name, tmp_path):
    """The helplines after a story in the terminal are chosen from where the story goes, as the game's ending
    screen chooses them (the story's texts were once read up in working out the places they name, so the
    countries it goes to came out empty and their services were left out)."""
    from safepath.story.helplines import countries_in, for_language, load_helplines, mentioned_in

    scenario = load_scenario(Path(__file__).resolve().parent.parent / "content" / "scenarios" / f"{name}.yaml").scenario
    lines: list[str] = []
    player = play.TerminalPlayer(scenario, choices=(), write=lines.append, data_dir=tmp_path)
    player.show_helplines()
    entries, _ = load_helplines()
    texts = list(scenario.texts())
    goes_to = countries_in(texts)
    assert goes_to, "the story names the countries it goes to"
    expected = for_language(entries, "en", mentioned=mentioned_in(entries, texts), goes_to=goes_to)
    named = [line.strip() for line in lines if line.startswith("  ") and not line.startswith("      ")]
    assert [n.split(": ", 1)[-1] for n in named] == [player.t(h.name) for h in expected]
