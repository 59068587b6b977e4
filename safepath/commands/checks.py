"""``safepath checks``: the trainer's side of the knowledge checks, from the terminal.

    safepath checks settings [--post-after after-first|after-all] [--stories a,b] [--on|--off]
    safepath checks summary [--data-dir DIR]

``settings`` shows or changes when the game asks the post-check on this laptop (after a player's first
finished story, or after all the chosen stories) and whether the checks are on at all. ``summary`` reads
the anonymous results log and prints, per phase, how many players answered and the pooled hit rate,
false-alarm rate, d′ and c, then the pre → post change of the players who took both (Hake's g, the mean
normalised change, d_z), all explained in ``docs/checks.md``. No names: the log holds none.
"""

from __future__ import annotations

import argparse
from statistics import mean


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=["settings", "summary"], help="show or change the settings, or summarise results")
    parser.add_argument("--data-dir", metavar="DIR", help="the game's data folder (default: the player's data folder)")
    parser.add_argument("--portable", action="store_true", help="use the saves next to the game (a USB stick)")
    parser.add_argument("--post-after", choices=["after-first", "after-all"],
                        help="ask the post-check after a player's first story, or after all chosen stories")
    parser.add_argument("--stories", metavar="IDS", help="the chosen stories for after-all, comma-separated")
    onoff = parser.add_mutually_exclusive_group()
    onoff.add_argument("--on", action="store_true", help="ask the checks (the default)")
    onoff.add_argument("--off", action="store_true", help="never ask the checks on this laptop")


def run(args: argparse.Namespace) -> int:
    from safepath.saves.storage import Storage, resolve_data_dir

    storage = Storage(resolve_data_dir(args.portable, args.data_dir))
    if args.action == "settings":
        return _settings(storage, args)
    return _summary(storage)


def _settings(storage, args) -> int:
    from safepath.checks.schedule import CheckSettings

    settings = CheckSettings.from_dict(storage.check_settings())
    changed = False
    if args.post_after:
        settings.post_after, changed = args.post_after, True
    if args.stories is not None:
        settings.stories, changed = [s.strip() for s in args.stories.split(",") if s.strip()], True
    if args.on or args.off:
        settings.enabled, changed = bool(args.on), True
    if changed and not storage.save_check_settings(settings.to_dict()):
        print("The settings could not be saved: " + "; ".join(n.text() for n in storage.take_notices()))
        return 1
    print(f"checks: {'on' if settings.enabled else 'off'}")
    print(f"post-check: {settings.post_after}" + (f" ({', '.join(settings.stories)})" if settings.stories else
                                                  " (all stories)" if settings.post_after == "after-all" else ""))
    return 0


def _summary(storage) -> int:
    from safepath.checks import scoring

    everything = storage.results()
    records = [r for r in everything if r.get("kind") == "check"]
    _class_summary([r for r in everything if r.get("kind") == "class-check"])
    if not records:
        print("No check results of single players yet.")
        return 0
    print(f"{'phase':<9}{'players':>8}{'H':>7}{'F':>7}{'H-F':>7}{'d′':>7}{'c':>7}{'correct':>9}")
    for phase in ("pre", "post", "booster"):
        scores = [scoring.score_answers(r["answers"]) for r in records if r.get("phase") == phase]
        if not scores:
            continue
        pooled = sum((s.tally for s in scores), scoring.Tally())
        discern = pooled.discernment
        print(f"{phase:<9}{len(scores):>8}{pooled.hit_rate:>7.2f}{pooled.false_alarm_rate:>7.2f}"
              f"{(discern if discern is not None else float('nan')):>7.2f}{pooled.d_prime:>7.2f}"
              f"{pooled.criterion:>7.2f}{mean(s.percent for s in scores):>8.0f}%")
    _per_sign(records)
    change = scoring.group_change_of_records(records)
    if change is None:
        print("No player has both a pre- and a post-check yet.")
        return 0
    g = "n/a" if change.hake_g is None else f"{change.hake_g:.2f} ({change.band})"
    mc = "n/a" if change.mean_change is None else f"{change.mean_change:.2f}"
    dz = "n/a" if change.d_z is None else f"{change.d_z:.2f}"
    print(f"\n{change.players} players with a pre- and a post-check: {change.pre_percent:.0f}% → "
          f"{change.post_percent:.0f}% correct; Hake's g {g}; mean normalised change {mc}; d_z {dz}")
    print(f"d′ {change.pre_d_prime:.2f} → {change.post_d_prime:.2f}; c {change.pre_criterion:.2f} → "
          f"{change.post_criterion:.2f} (below 0: more 'scam' answers)")
    return 0


def _class_summary(records: list[dict]) -> None:
    """Whole classes answering together: the same scoring on the counts of hands, per session and phase."""
    if not records:
        return
    from safepath.checks import scoring
    from safepath.checks.loader import load_bank

    forms = load_bank().forms
    print(f"{'class session':<24}{'phase':<9}{'form':>5}{'H':>7}{'F':>7}{'d′':>7}{'c':>7}{'correct':>9}")
    for r in records:
        form = forms.get(r.get("form"))
        if form is None:
            continue
        score = scoring.score_counts(r.get("items", ()), form)
        t = score.tally
        print(f"{str(r.get('session'))[:23]:<24}{r.get('phase'):<9}{r.get('form'):>5}{t.hit_rate:>7.2f}"
              f"{t.false_alarm_rate:>7.2f}{t.d_prime:>7.2f}{t.criterion:>7.2f}{score.percent:>8.0f}%")
    print()


def _per_sign(records: list[dict]) -> None:
    """Per red flag (scams called "scam") and per safe sign (real offers trusted): pre, post, booster."""
    from safepath.checks import scoring

    table: dict[tuple[str, str], dict[str, list[float]]] = {}
    for r in records:
        score = scoring.score_answers(r["answers"])
        for kind, found in (("red flag", score.flags), ("safe sign", score.signs)):
            for name, (good, seen) in found.items():
                cell = table.setdefault((kind, name), {}).setdefault(r.get("phase"), [0.0, 0.0])
                cell[0] += good
                cell[1] += seen
    if not table:
        return
    print(f"\n{'':<36}{'pre':>8}{'post':>8}{'booster':>9}")
    for (kind, name), phases in sorted(table.items()):
        cells = []
        for phase, width in (("pre", 8), ("post", 8), ("booster", 9)):
            good, seen = phases.get(phase, (0, 0))
            cells.append(f"{100 * good / seen:>{width - 1}.0f}%" if seen else " " * (width - 1) + "-")
        print(f"{kind + ' ' + name:<36}" + "".join(cells))
