"""The figures of a trainers' report, computed from anonymous records into :class:`~safepath.report.tables.Table`\\ s.

Inputs are the records of :mod:`safepath.saves.records` (kinds ``play``, ``check``, ``class-check``,
``class``), already validated and counted once (:mod:`safepath.report.inputs`). The knowledge checks are
scored by :mod:`safepath.checks.scoring` (H, F, d′, c, H - F, Hake's g, the mean normalised change, d_z):
nothing is re-implemented here. Labels (story titles, red flags) come from a :class:`Labels` in the report's
language; the tables keep the ids beside them for the CSV files.

A ``class`` record's ``stories`` list is read defensively::

    [{"scenario": id, "ending": id | null, "ending_kind": str | null, "path": [scene ids],
      "votes": [{"scene": id, "counts": {choice id: hands}, "chosen": choice id, "tie": bool}]}]

Unknown fields are ignored; a missing or malformed field is shown as "not available", never guessed.
No pygame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import mean
from typing import Any, Callable, Iterable, Mapping

from safepath.checks import scoring
from safepath.i18n.runtime import N_
from safepath.report.tables import COUNT, LABEL, NUMBER, PERCENT, TALLY, TEXT, Column, Table

ENDING_KINDS = ("safe", "recovered", "trapped-with-help")
PHASES = ("pre", "post", "booster")
GENDERS = ("female", "male", "other", "unknown")
AGE_BANDS = ("13-15", "16-18", "19-25")
LANGS = ("th", "my", "en")
#: a knowledge check is passed with at least this share right (IndiKit's example: 7 of 10)
PASS_MARK = 70

ENDING_WORDS = {"safe": N_("Stayed safe"), "recovered": N_("Got out"), "trapped-with-help": N_("Trapped, help came")}
PHASE_WORDS = {"pre": N_("Before (pre-check)"), "post": N_("After (post-check)"), "booster": N_("Later (booster)")}
GENDER_WORDS = {"female": N_("Female"), "male": N_("Male"), "other": N_("Other"), "unknown": N_("Not recorded")}
BIAS_WORDS = {"suspicion": N_("leans to \"scam\""), "naivety": N_("leans to \"real\""), "balanced": N_("balanced")}
BAND_WORDS = {"low": N_("low"), "medium": N_("medium"), "high": N_("high"), "unknown": N_("not available")}
LANG_WORDS = {"th": "ไทย", "my": "မြန်မာ", "en": "English", "other": N_("Not recorded")}


@dataclass
class Labels:
    """Names in the report's language: ``text(model_text)`` and ``tr(msgid)`` from a Translator."""

    tr: Callable[[str], str] = lambda s: s
    text: Callable[[Any], str] = lambda t: getattr(t, "text", str(t))
    scenarios: Mapping[str, Any] = field(default_factory=dict)
    red_flags: Mapping[str, Any] = field(default_factory=dict)
    safe_signs: Mapping[str, Any] = field(default_factory=dict)

    def story(self, sid: str) -> str:
        scenario = self.scenarios.get(sid)
        return self.text(scenario.title) if scenario is not None else sid

    def flag(self, fid: str) -> str:
        entry = self.red_flags.get(fid)
        return self.text(entry.title) if entry is not None else fid

    def sign(self, sid: str) -> str:
        entry = self.safe_signs.get(sid)
        return self.text(entry.title) if entry is not None else sid

    def choice(self, sid: str, scene: str, choice: str) -> str:
        """A choice's words, found by its ``id:`` or its index; the id itself when the story does not know it."""
        scenario = self.scenarios.get(sid)
        node = scenario.scenes.get(scene) if scenario is not None else None
        for c in getattr(node, "choices", ()):
            if c.id == choice or str(c.index) == str(choice):
                return self.text(c.text)
        return str(choice)


@dataclass
class Figures:
    """Everything a report shows, before suppression: tables, and the headline values of the summary."""

    tables: dict[str, Table]
    first_date: str | None
    last_date: str | None
    kinds: dict[str, int]
    #: headline of the knowledge checks: (paired players, GroupChange or None)
    change: Any = None
    verdict: str | None = None  # a msgid: what the change means, in plain words
    class_change: Any = None


def _pct(good: float, seen: float) -> float | None:
    return good / seen if seen else None


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


# -- columns several tables share (one wording, one help text) -------------------------------------------
def _key_column() -> Column:
    return Column("key", N_("Key"), TEXT, N_("The same, as a short name that does not change with the language."))


def _story_columns() -> list[Column]:
    return [Column("story", N_("Story"), LABEL, N_("The story's title.")),
            Column("story_id", N_("Story id"), TEXT, N_("The story's id in the game's files."))]


def _plays_column() -> Column:
    return Column("plays", N_("Plays"), COUNT, N_("Play-throughs of the story, all endings."))


def _date_column() -> Column:
    return Column("date", N_("Date"), TEXT, N_("The day of the session (YYYY-MM-DD)."))


def _correct_column() -> Column:
    return Column("percent_correct", N_("Correct (%)"), PERCENT, N_("Mean share of right answers, all item types."))


def _detection_columns(with_discernment: bool = False) -> list[Column]:
    """H and F, optionally H - F, then d′ and c: how the checks separate telling scams apart from suspicion."""
    out = [
        Column("hit_rate", N_("Scams spotted (H)"), PERCENT, N_(
            "Hit rate H: scam offers judged \"scam\", pooled over players, with the log-linear correction.")),
        Column("false_alarm_rate", N_("Real offers called scams (F)"), PERCENT, N_(
            "False-alarm rate F: real offers judged \"scam\", pooled, with the log-linear correction.")),
    ]
    if with_discernment:
        out.append(Column("discernment", N_("H - F"), NUMBER, N_(
            "Simple discernment: the uncorrected hit rate minus the uncorrected false-alarm rate.")))
    out += [
        Column("d_prime", N_("d′"), NUMBER, N_(
            "Sensitivity d′ = z(H) - z(F): how well scams are told from real offers. 0: no better than chance.")),
        Column("criterion", N_("c"), NUMBER, N_(
            "Criterion c = -(z(H) + z(F)) / 2: below 0 leans to \"scam\" (suspicion), above 0 to \"real\" (naivety).")),
    ]
    return out


def _of_kind(records: Iterable[dict], kind: str) -> list[dict]:
    return [r for r in records if r["kind"] == kind]


# -- overview ------------------------------------------------------------------------------------------
def overview_table(records: list[dict], labels: Labels | None = None) -> Table:
    tr = labels.tr if labels is not None else (lambda m: m)
    t = Table("overview", N_("In numbers"), [
        Column("measure", N_("What"), LABEL, N_("What is counted.")),
        _key_column(),
        Column("count", N_("Number"), COUNT, N_("How many.")),
    ])
    plays = _of_kind(records, "play")
    checks = _of_kind(records, "check")
    classes = _of_kind(records, "class")
    players = {r["player"] for r in plays + checks if r.get("player")}
    students = sum(sum(r.get("gender", {}).values()) for r in classes)
    for key, label, value in (
        ("play_throughs", N_("Stories played to the end"), len(plays)),
        ("players", N_("Players on their own (anonymous codes)"), len(players)),
        ("checks", N_("Knowledge checks answered"), len(checks)),
        ("class_sessions", N_("Class sessions"), len(classes)),
        ("class_students", N_("Students in class sessions"), students),
    ):
        row = t.add_row(measure=tr(label), key=key, count=value)
        if key == "class_sessions":
            t.public.add((row, "count"))  # sessions are not people: "3 class sessions" points at nobody
    return t


# -- people trained (PS.5.3-15), by gender and age band ----------------------------------------------------
def people_table(records: list[dict], labels: Labels, what: str) -> Table:
    classes = _of_kind(records, "class")
    if what == "gender":
        keys, words, field_name = GENDERS, GENDER_WORDS, "gender"
        t = Table("people_by_gender", N_("People trained, by gender"), [], note=N_(
            "Students counted by the trainer in class sessions (never one by one). Donors' indicator "
            "PS.5.3-15 asks for this number."))
    else:
        keys, words, field_name = AGE_BANDS, {a: a for a in AGE_BANDS}, "age_bands"
        t = Table("people_by_age", N_("People trained, by age"), [], note=N_(
            "Students counted by the trainer in class sessions, by age band."))
    t.columns = [Column("group", N_("Group"), LABEL, N_("Gender or age band.")),
                 _key_column(),
                 Column("people", N_("People"), COUNT, N_("Students counted in that group over all class sessions."))]
    for key in keys:
        t.add_row(group=labels.tr(words[key]) if what == "gender" else key, key=key,
                  people=sum(int(r.get(field_name, {}).get(key, 0)) for r in classes))
    total = t.add_row(group=labels.tr(N_("Total")), key="total", people=sum(row["people"] for row in t.rows))
    t.total_row = total
    t.add_sum([(r, "people") for r in range(total)], (total, "people"))
    return t


# -- stories -------------------------------------------------------------------------------------------
def plays_table(records: list[dict], labels: Labels) -> Table:
    t = Table("plays_by_story", N_("How the stories ended"), [
        *_story_columns(),
        *[Column(k.replace("-", "_"), ENDING_WORDS[k], COUNT, N_("Play-throughs that ended this way.")) for k in ENDING_KINDS],
        _plays_column(),
    ], note=N_("Each time a story was played to an ending. A player may play a story more than once."))
    by_story: dict[str, dict[str, int]] = {}
    for r in records:
        if r["kind"] == "play":
            cell = by_story.setdefault(r["scenario"], {})
            kind = r["ending_kind"] if r["ending_kind"] in ENDING_KINDS else "other"
            cell[kind] = cell.get(kind, 0) + 1
    keys = [k.replace("-", "_") for k in ENDING_KINDS]
    for sid in sorted(by_story, key=labels.story):
        counts = by_story[sid]
        t.add_row(story=labels.story(sid), story_id=sid, **{k.replace("-", "_"): counts.get(k, 0) for k in ENDING_KINDS},
                  plays=sum(counts.values()))
    body = list(range(len(t.rows)))
    if body:
        total = t.add_row(story=labels.tr(N_("All stories")), story_id="",
                          **{k: sum(t.rows[r][k] for r in body) for k in keys + ["plays"]})
        t.total_row = total
        t.row_sums(keys, "plays")
        t.column_sums(keys + ["plays"], body, total)
    return t


def discernment_table(records: list[dict], labels: Labels) -> Table:
    """The choices inside the stories, scored like the checks: red flags spotted, safe offers trusted."""
    t = Table("story_choices", N_("Choices inside the stories"), [
        *_story_columns(),
        _plays_column(),
        Column("hits", N_("Red flags spotted"), COUNT, N_("Times a player noticed a red flag.")),
        Column("misses", N_("Red flags missed"), COUNT, N_("Times a player went past a red flag.")),
        Column("false_alarms", N_("Safe offers doubted"), COUNT, N_("Times a player refused or doubted something that was safe.")),
        Column("trusted_safe", N_("Safe offers trusted"), COUNT, N_("Times a player rightly trusted something safe.")),
        Column("discernment", N_("Spotted minus doubted (H - F)"), NUMBER, N_(
            "Share of red flags spotted minus share of safe things doubted: from -1 to 1; above 0 means players "
            "told warning signs from safe signs.")),
    ], note=N_("Every choice in a story is a small test too. A good score spots red flags and still trusts what is safe."))
    tallies: dict[str, list[int]] = {}
    for r in records:
        if r["kind"] == "play":
            cell = tallies.setdefault(r["scenario"], [0, 0, 0, 0, 0])
            cell[0] += 1
            cell[1] += r["hits"]
            cell[2] += r["misses"]
            cell[3] += r["false_alarms"]
            cell[4] += r["trusted_safe"]
    for sid in sorted(tallies, key=labels.story):
        plays, hits, misses, fa, trusted = tallies[sid]
        tally = scoring.Tally(hits, misses, fa, trusted)
        row = t.add_row(story=labels.story(sid), story_id=sid, plays=plays, hits=hits, misses=misses,
                        false_alarms=fa, trusted_safe=trusted, discernment=tally.discernment)
        t.derive(row, "discernment", plays, [(row, "plays")])
    return t


def story_flags_table(records: list[dict], labels: Labels) -> Table:
    t = Table("red_flags_in_stories", N_("Red flags in the stories"), [
        Column("red_flag", N_("Red flag"), LABEL, N_("The warning sign, as the game names it.")),
        Column("red_flag_id", N_("Red flag id"), TEXT, N_("The red flag's id in the game's files.")),
        Column("met", N_("Met"), COUNT, N_("Play-throughs in which a player met this red flag.")),
        Column("spotted", N_("Spotted"), COUNT, N_("Of those, play-throughs in which the player spotted it.")),
        Column("missed", N_("Missed"), COUNT, N_("Of those, play-throughs in which the player went past it.")),
        Column("percent_spotted", N_("Spotted (%)"), PERCENT, N_("Spotted as a share of met.")),
    ], note=N_("Red flags met and not met differ between paths; only play-throughs that met a flag count for it."))
    counts: dict[str, list[int]] = {}
    for r in records:
        if r["kind"] == "play":
            for fid, status in r.get("flags", {}).items():
                if status in ("spotted", "missed"):
                    cell = counts.setdefault(fid, [0, 0])
                    cell[status == "missed"] += 1
    for fid in sorted(counts, key=lambda f: (-sum(counts[f]), labels.flag(f))):
        spotted, missed = counts[fid]
        row = t.add_row(red_flag=labels.flag(fid), red_flag_id=fid, met=spotted + missed, spotted=spotted,
                        missed=missed, percent_spotted=_pct(spotted, spotted + missed))
        t.add_sum([(row, "spotted"), (row, "missed")], (row, "met"))
        t.derive(row, "percent_spotted", spotted + missed, [(row, "spotted"), (row, "missed"), (row, "met")])
    return t


def language_table(records: list[dict], labels: Labels) -> Table:
    t = Table("plays_by_language", N_("Languages played in"), [
        Column("language", N_("Language"), LABEL, N_("The language of the game during the play-through.")),
        _key_column(),
        _plays_column(),
    ])
    counts = {k: 0 for k in LANGS + ("other",)}
    for r in records:
        if r["kind"] == "play":
            lang = r.get("lang") if r.get("lang") in LANGS else "other"
            counts[lang] += 1
    for key in LANGS + ("other",):
        t.add_row(language=labels.tr(LANG_WORDS[key]) if key == "other" else LANG_WORDS[key], key=key, plays=counts[key])
    total = t.add_row(language=labels.tr(N_("Total")), key="total", plays=sum(counts.values()))
    t.total_row = total
    t.add_sum([(r, "plays") for r in range(total)], (total, "plays"))
    return t


# -- knowledge checks (one player each) ------------------------------------------------------------------
def _scores(records: list[dict]) -> dict[str, scoring.Score]:
    return {r["id"]: scoring.score_answers(r["answers"]) for r in records if r["kind"] == "check"}


def checks_table(records: list[dict], labels: Labels, scores: dict[str, scoring.Score]) -> Table:
    t = Table("checks_by_phase", N_("Knowledge checks"), [
        Column("phase", N_("When"), LABEL, N_("Before the stories, after them, or a week or two later.")),
        _key_column(),
        Column("players", N_("Players"), COUNT, N_("Checks answered (one per player and phase).")),
        _correct_column(),
        Column("passed", N_("Passed (at least 70 percent right)"), PERCENT, N_(
            "Share of players with at least 7 answers right out of 10: the pass mark donors' knowledge indicators use.")),
        *_detection_columns(with_discernment=True),
        Column("bias", N_("Leaning"), TEXT, N_("What c means in words.")),
    ], note=N_("d′ measures telling scams from real offers; c says whether answers lean to \"scam\" or \"real\". "
               "Saying \"scam\" to everything lowers c, not d′: that is suspicion, not learning."))
    for phase in PHASES:
        mine = [scores[r["id"]] for r in records if r["kind"] == "check" and r["phase"] == phase]
        if not mine:
            continue
        pooled = sum((s.tally for s in mine), scoring.Tally())
        row = t.add_row(phase=labels.tr(PHASE_WORDS[phase]), key=phase, players=len(mine),
                        percent_correct=mean(s.percent for s in mine) / 100,
                        passed=sum(s.percent >= PASS_MARK for s in mine) / len(mine), hit_rate=pooled.hit_rate,
                        false_alarm_rate=pooled.false_alarm_rate, discernment=pooled.discernment,
                        d_prime=pooled.d_prime, criterion=pooled.criterion, bias=labels.tr(BIAS_WORDS[pooled.bias_word]))
        for key in ("percent_correct", "passed", "hit_rate", "false_alarm_rate", "discernment", "d_prime", "criterion", "bias"):
            t.derive(row, key, len(mine), [(row, "players")])
    return t


def _change(records: list[dict], scores: dict[str, scoring.Score], first: str, then: str):
    pairs = scoring.pair_records(records, first, then)
    return scoring.group_change([(scores[a["id"]], scores[b["id"]]) for a, b in pairs])


def change_table(records: list[dict], labels: Labels, scores: dict[str, scoring.Score]) -> tuple[Table, Any]:
    t = Table("check_change", N_("Change from before to after"), [
        Column("comparison", N_("Comparison"), LABEL, N_("Which two checks of the same players are compared.")),
        _key_column(),
        Column("players", N_("Players"), COUNT, N_("Players who answered both checks (paired by their anonymous code).")),
        Column("before", N_("Correct before (%)"), PERCENT, N_("Their mean share of right answers in the first check.")),
        Column("after", N_("Correct after (%)"), PERCENT, N_("Their mean share of right answers in the second check.")),
        Column("hake_g", N_("Hake's g"), NUMBER, N_(
            "Normalised gain of the group: (after - before) / (100 - before). Below 0.3 low, 0.3–0.7 medium, above 0.7 high.")),
        Column("band", N_("Gain"), TEXT, N_("Hake's band for g.")),
        Column("mean_change", N_("Mean normalised change"), NUMBER, N_(
            "The mean of each player's own normalised change (Marx and Cummings); players at 0 or 100 percent both times are left out.")),
        Column("d_z", N_("Effect size d_z"), NUMBER, N_("Mean change divided by the spread of the changes (paired).")),
        Column("d_prime_before", N_("d′ before"), NUMBER, N_("Mean d′ of these players in the first check.")),
        Column("d_prime_after", N_("d′ after"), NUMBER, N_("Mean d′ of these players in the second check.")),
        Column("c_before", N_("c before"), NUMBER, N_("Mean c of these players in the first check.")),
        Column("c_after", N_("c after"), NUMBER, N_("Mean c of these players in the second check.")),
    ], note=N_("Only players who took both checks count, so a class that changed between the checks does not bias the result."))
    headline = None
    for first, then, label in (("pre", "post", N_("Before and after")), ("post", "booster", N_("After and later"))):
        change = _change(records, scores, first, then)
        if change is None:
            continue
        if first == "pre":
            headline = change
        row = t.add_row(comparison=labels.tr(label), key=f"{first}_{then}", players=change.players,
                        before=change.pre_percent / 100, after=change.post_percent / 100, hake_g=change.hake_g,
                        band=labels.tr(BAND_WORDS[change.band]), mean_change=change.mean_change, d_z=change.d_z,
                        d_prime_before=change.pre_d_prime, d_prime_after=change.post_d_prime,
                        c_before=change.pre_criterion, c_after=change.post_criterion)
        for key in ("before", "after", "hake_g", "band", "mean_change", "d_z", "d_prime_before", "d_prime_after",
                    "c_before", "c_after"):
            t.derive(row, key, change.players, [(row, "players")])
    return t, headline


def verdict(change) -> str | None:
    """What a pre → post change means, in a sentence a trainer can say to a donor (a msgid), or None."""
    if change is None:
        return None
    dd, dc = change.d_prime_change, change.criterion_change
    if dd >= 0.2 and dc <= -0.3:
        return N_("Players told scams from real offers better, and also said \"scam\" more often. Praise the "
                  "care, and go over the real offers again so they are not refused too.")
    if dd >= 0.2:
        return N_("Players told scams from real offers better after the stories.")
    if dd <= -0.2:
        return N_("Players told scams from real offers less well after the stories. Look at the red flags they missed below.")
    if dc <= -0.3:
        return N_("Players said \"scam\" more often to everything, but did not tell scams from real offers better: "
                  "that is suspicion, not learning. Go over the real offers and their safe signs again.")
    return N_("Little change between the two checks.")


def check_signs_table(records: list[dict], labels: Labels, scores: dict[str, scoring.Score]) -> Table:
    t = Table("check_signs", N_("Red flags and safe signs in the checks"), [
        Column("sign", N_("Sign"), LABEL, N_("The red flag or safe sign.")),
        Column("kind", N_("Kind"), TEXT, N_("Red flag or safe sign.")),
        Column("kind_id", N_("Kind"), TEXT, N_("red-flag (a warning sign) or safe-sign (a sign an offer is real).")),
        Column("sign_id", N_("Id"), TEXT, N_("The sign's id in the game's files.")),
        *[c for phase in PHASES for c in (
            Column(f"{phase}_players", labels.tr(PHASE_WORDS[phase]) + " · " + labels.tr(N_("Players")), COUNT,
                   N_("Checks of this phase that showed the sign.")),
            Column(f"{phase}_percent", labels.tr(PHASE_WORDS[phase]) + " · %", PERCENT,
                   N_("Red flags: share of times it was recognised. Safe signs: share of times the real offer was trusted.")))],
    ], note=N_("Which signs players know, and which need another look in class."))
    table: dict[tuple[str, str], dict[str, list[float]]] = {}
    for r in records:
        if r["kind"] != "check":
            continue
        score = scores[r["id"]]
        for kind, found in (("red-flag", score.flags), ("safe-sign", score.signs)):
            for name, (good, seen) in found.items():
                cell = table.setdefault((kind, name), {}).setdefault(r["phase"], [0.0, 0.0, 0])
                cell[0] += good
                cell[1] += seen
                cell[2] += 1
    for (kind, name) in sorted(table, key=lambda k: (k[0], labels.flag(k[1]) if k[0] == "red-flag" else labels.sign(k[1]))):
        phases = table[(kind, name)]
        values: dict[str, Any] = {}
        for phase in PHASES:
            good, seen, players = phases.get(phase, (0, 0, 0))
            values[f"{phase}_players"] = players
            values[f"{phase}_percent"] = _pct(good, seen)
        row = t.add_row(sign=labels.flag(name) if kind == "red-flag" else labels.sign(name), sign_id=name,
                        kind=labels.tr(N_("Red flag") if kind == "red-flag" else N_("Safe sign")), kind_id=kind, **values)
        for phase in PHASES:
            t.derive(row, f"{phase}_percent", values[f"{phase}_players"], [(row, f"{phase}_players")])
    return t


# -- class sessions ------------------------------------------------------------------------------------------
def _stories_of(record: dict) -> list[dict]:
    stories = record.get("stories")
    return [s for s in stories if isinstance(s, dict)] if isinstance(stories, list) else []


def classes_table(records: list[dict], labels: Labels) -> Table:
    na = labels.tr(N_("not available"))
    t = Table("class_sessions", N_("Class sessions"), [
        Column("label", N_("Class"), LABEL, N_("The label the trainer gave the session.")),
        _date_column(),
        Column("students", N_("Students"), COUNT, N_("Students the trainer counted (all genders).")),
        Column("stories", N_("Stories"), TEXT, N_("Stories the class played, with the ending reached.")),
        Column("votes", N_("Class votes"), TALLY, N_("Decisions the class voted on.")),
    ])
    for r in sorted((r for r in records if r["kind"] == "class"), key=lambda r: (r["date"], r["label"])):
        parts = []
        votes = 0
        for s in _stories_of(r):
            sid = _str(s.get("scenario"))
            kind = _str(s.get("ending_kind"))
            ending = labels.tr(ENDING_WORDS[kind]) if kind in ENDING_WORDS else na
            parts.append(f"{labels.story(sid) if sid else na} ({ending})")
            votes += len([v for v in s.get("votes", []) if isinstance(v, dict)]) if isinstance(s.get("votes"), list) else 0
        students = sum(r.get("gender", {}).values())
        t.add_row(label=r["label"], date=r["date"], students=students if r.get("gender") else None,
                  stories="; ".join(parts) if parts else na, votes=votes)
    return t


def votes_table(records: list[dict], labels: Labels) -> Table:
    na = labels.tr(N_("not available"))
    yes, no = labels.tr(N_("yes")), labels.tr(N_("no"))
    t = Table("class_votes", N_("How classes voted"), [
        Column("label", N_("Class"), LABEL, N_("The label the trainer gave the session.")),
        _date_column(),
        Column("story", N_("Story"), TEXT, N_("The story's title.")),
        Column("scene", N_("Scene id"), TEXT, N_("The scene of the decision, as named in the story's file.")),
        Column("choice", N_("Choice"), TEXT, N_("One of the choices of that decision.")),
        Column("choice_id", N_("Choice id"), TEXT, N_("The choice's id (or number) in the story's file.")),
        Column("hands", N_("Hands"), COUNT, N_("Students who voted for this choice.")),
        Column("chosen", N_("Chosen"), TEXT, N_("Whether the class went on with this choice.")),
        Column("tie", N_("Tie"), TEXT, N_("Whether the vote was tied and the trainer decided.")),
    ], note=N_("Hands raised at each decision of a class session. Small numbers of hands are hidden like every small count."))
    for r in sorted((r for r in records if r["kind"] == "class"), key=lambda r: (r["date"], r["label"])):
        for s in _stories_of(r):
            sid = _str(s.get("scenario"))
            for v in s.get("votes", []) if isinstance(s.get("votes"), list) else []:
                if not isinstance(v, dict):
                    continue
                counts = v.get("counts") if isinstance(v.get("counts"), dict) else {}
                scene = _str(v.get("scene"))
                tie = v.get("tie") if isinstance(v.get("tie"), bool) else None
                rows = []
                for choice, hands in counts.items():
                    ok = isinstance(hands, int) and not isinstance(hands, bool) and hands >= 0
                    rows.append(t.add_row(
                        label=r["label"], date=r["date"], story=labels.story(sid) if sid else na, scene=scene or na,
                        choice=labels.choice(sid, scene, choice) if sid and scene else str(choice), choice_id=str(choice),
                        hands=hands if ok else None, chosen=(yes if choice == v.get("chosen") else no),
                        tie=na if tie is None else yes if tie else no))
                if not rows:
                    t.add_row(label=r["label"], date=r["date"], story=labels.story(sid) if sid else na, scene=scene or na,
                              choice=na, choice_id="", hands=None, chosen=na, tie=na if tie is None else yes if tie else no)
                # the class knows its size: the hands of one vote add up to a total published in the room
                t.add_sum([(row, "hands") for row in rows], None)
    return t


def class_checks_table(records: list[dict], labels: Labels, forms: Mapping[str, Any]) -> tuple[Table, list]:
    t = Table("class_checks", N_("Knowledge checks answered by whole classes"), [
        Column("label", N_("Class"), LABEL, N_("The label the trainer gave the session (its session code when no class record was found).")),
        _date_column(),
        Column("phase", N_("When"), TEXT, N_("Before the stories, after them, or a week or two later.")),
        Column("form", N_("Form"), TEXT, N_("Which check form (A, B or C).")),
        Column("hands", N_("Class size"), COUNT, N_("The most hands (or cards) counted on one question.")),
        _correct_column(),
        *_detection_columns(),
        Column("hake_g", N_("Hake's g"), NUMBER, N_(
            "Normalised gain of the group: (after - before) / (100 - before). Below 0.3 low, 0.3–0.7 medium, above 0.7 high.")),
    ], note=N_("A class answering together by hands or printed cards, scored like single players."))
    labels_by_session = {r["session"]: r["label"] for r in records if r["kind"] == "class"}
    results: dict[tuple[str, str], tuple[int, float]] = {}
    rows = []
    for r in sorted((r for r in records if r["kind"] == "class-check"), key=lambda r: (r["date"], r["session"], PHASES.index(r["phase"]))):
        form = forms.get(r["form"])
        if form is None:
            continue
        score = scoring.score_counts(r["items"], form)
        size = max((sum(i["counts"].values()) for i in r["items"] if form.item(i["item"]) is not None
                    and form.item(i["item"]).type in ("offer", "action")), default=0)
        row = t.add_row(label=labels_by_session.get(r["session"], r["session"]), date=r["date"],
                        phase=labels.tr(PHASE_WORDS[r["phase"]]), form=r["form"], hands=size,
                        percent_correct=score.percent / 100 if score.items else None, hit_rate=score.tally.hit_rate,
                        false_alarm_rate=score.tally.false_alarm_rate, d_prime=score.tally.d_prime,
                        criterion=score.tally.criterion, hake_g=None)
        results[(r["session"], r["phase"])] = (row, score.percent)
        rows.append(row)
        for key in ("percent_correct", "hit_rate", "false_alarm_rate", "d_prime", "criterion", "hake_g"):
            t.derive(row, key, size, [(row, "hands")])
    for (session, phase), (row, post) in results.items():
        if phase == "post" and (session, "pre") in results:
            pre_row, pre = results[(session, "pre")]
            t.rows[row]["hake_g"] = scoring.hake_gain(pre, post)
            t.derive(row, "hake_g", min(t.rows[row]["hands"], t.rows[pre_row]["hands"]), [(row, "hands"), (pre_row, "hands")])
    return t, rows


def build(records: Iterable[dict], labels: Labels | None = None, forms: Mapping[str, Any] | None = None) -> Figures:
    """Every table of the report (before suppression) and the summary's headline."""
    records = list(records)
    labels = labels or Labels()
    scores = _scores(records)
    change_t, headline = change_table(records, labels, scores)
    tables = [
        overview_table(records, labels),
        people_table(records, labels, "gender"),
        people_table(records, labels, "age"),
        plays_table(records, labels),
        story_flags_table(records, labels),
        discernment_table(records, labels),
        language_table(records, labels),
        checks_table(records, labels, scores),
        change_t,
        check_signs_table(records, labels, scores),
        classes_table(records, labels),
        votes_table(records, labels),
        class_checks_table(records, labels, forms or {})[0],
    ]
    dates = sorted(r["date"] for r in records)
    kinds: dict[str, int] = {}
    for r in records:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    return Figures({t.key: t for t in tables}, dates[0] if dates else None, dates[-1] if dates else None, kinds,
                   change=headline, verdict=verdict(headline))
