"""Every diagnostic code SafePath can report, with its severity and meaning.

Codes are stable: authors search for them, ``docs/diagnostics.md`` documents each
one with a bad example and its fix, and ``tests/test_diagnostics_doc.py`` checks
that every code here is documented and that every example really reports it.

Ranges keep the owners apart:

* SP001–SP049: reading YAML, the field table, references (``safepath.story.loader``);
* SP050–SP069: graph checks (``safepath.authoring.analysis``);
* SP070–SP089: translation and text checks (``safepath.i18n``; SP087–SP088 in ``safepath.story.text_traps``);
* SP090–SP099: the helplines file (``safepath.story.helplines``) and numbers in story text (``safepath.story.phone_numbers``);
* SP100–SP104: drill scenes and the licence register (``safepath.story.loader_drills``, ``safepath.story.register``);
* SP105–SP109: class mode's keys in a scenario (``discuss:``, ``vote:``; ``safepath.story.loader_refs``);
* SP110–SP119: knowledge-check forms and their balance (``safepath.checks``);
* SP120–SP124: records read for a trainers' report: export files and results logs (``safepath.report.inputs``);
* SP125–SP129: the key-terms glossary beside the catalogs (``safepath.i18n.glossary``).
"""

from __future__ import annotations

from dataclasses import dataclass

from safepath.story.diagnostics import Severity


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    severity: Severity
    title: str  # a few words, used as the section heading in docs/diagnostics.md
    summary: str  # one sentence: what is wrong


_E, _W = Severity.ERROR, Severity.WARNING

CODES: dict[str, CodeInfo] = {
    info.code: info
    for info in [
        # Reading the file (safepath.story.yamlsource)
        CodeInfo("SP001", _E, "File cannot be read", "The file is missing, is a folder, or cannot be opened."),
        CodeInfo("SP002", _E, "Not UTF-8", "The file contains bytes that are not UTF-8 text."),
        CodeInfo("SP003", _E, "Empty file", "The file contains nothing but spaces or comments."),
        CodeInfo("SP004", _E, "YAML syntax error", "The file is not valid YAML."),
        CodeInfo("SP005", _E, "Tab used for indentation", "A line is indented with a tab; YAML needs spaces."),
        CodeInfo("SP006", _E, "Duplicate key", "The same key appears twice in one mapping."),
        CodeInfo("SP007", _E, "Tag not allowed", "A `!tag` such as `!!python/object` asks YAML to build objects."),
        CodeInfo("SP008", _E, "File too large", "The file is larger than SafePath accepts."),
        CodeInfo("SP009", _E, "Nesting too deep", "Lists and mappings are nested deeper than SafePath accepts."),
        CodeInfo("SP010", _E, "Too many values", "The file holds more values (counting aliases) than SafePath accepts."),
        CodeInfo("SP011", _E, "Too many aliases", "The file uses more `*alias` references than SafePath accepts."),
        CodeInfo("SP012", _E, "String too long", "One string is longer than any text SafePath accepts."),
        CodeInfo("SP013", _E, "Unsupported YAML feature", "A merge key `<<`, a complex key or a self-referencing alias."),
        CodeInfo("SP014", _W, "Picture not found", "An `image` or `avatar` key names no picture in `assets/`."),
        CodeInfo("SP015", _E, "Unknown safe sign", "A safe-sign id that is not in the safe-sign catalogue."),
        CodeInfo("SP016", _E, "Unknown offer", "`accepts:`, `refuses:` or a condition names an offer no scene makes."),
        CodeInfo("SP017", _E, "Contradictory offer or sign", "An offer is real in one scene and fake in another, or a choice trusts and doubts the same thing."),
        CodeInfo("SP018", _E, "Safe-sign catalogue missing", "A story names safe signs, but the safe-sign catalogue could not be loaded."),
        # The field table (safepath.story.schema, checked by safepath.story.loader)
        CodeInfo("SP020", _E, "Wrong type", "A value has the wrong type, e.g. a list where text was expected."),
        CodeInfo("SP021", _E, "Unknown key", "A key that the format does not know, often a typo."),
        CodeInfo("SP022", _E, "Missing required key", "A key that must be present is missing."),
        CodeInfo("SP023", _E, "Value not allowed", "A value is not one of the allowed words."),
        CodeInfo("SP024", _E, "Malformed name", "An id, flag or score name does not follow the naming rule."),
        CodeInfo("SP025", _E, "Text too long", "A text is longer than its limit."),
        CodeInfo("SP026", _E, "Empty value", "A text or list that must not be empty is empty."),
        CodeInfo("SP027", _E, "Number out of range", "A number is smaller or larger than allowed."),
        CodeInfo("SP028", _E, "Unsupported schema version", "`schema_version` is not 1."),
        CodeInfo("SP029", _E, "Id does not match file name", "A scenario's `id` differs from its file name."),
        # References and structure (safepath.story.loader)
        CodeInfo("SP030", _E, "Unknown scene", "`goto`, `next` or `start` names a scene that does not exist."),
        CodeInfo("SP031", _E, "Unknown character", "A line is spoken by a character that is not declared."),
        CodeInfo("SP032", _E, "Unknown red flag", "A red-flag id that is not in the red-flag catalogue."),
        CodeInfo("SP033", _E, "Duplicate id", "Two badges (or two entries of one list) share the same id."),
        CodeInfo("SP034", _E, "Not exactly one player", "Exactly one character must have the role `player`."),
        CodeInfo("SP035", _E, "Ending incomplete", "An ending scene lacks its `ending` kind or its `debrief`."),
        CodeInfo("SP036", _E, "Ending has a way out", "An ending scene has `choices` or `next`."),
        CodeInfo("SP037", _E, "Both choices and next", "A scene has both `choices` and `next`."),
        CodeInfo("SP038", _E, "No way out", "A scene that is not an ending has neither `choices` nor `next`."),
        CodeInfo("SP039", _E, "Ending field on a non-ending", "`ending` or `debrief` on a scene whose kind is not `ending`."),
        CodeInfo("SP040", _E, "Malformed condition", "A condition cannot be read or mixes yes/no and numbers."),
        CodeInfo("SP041", _E, "Unknown name in condition", "A condition names a score, counter or ending kind that does not exist."),
        CodeInfo("SP042", _E, "Flag never set", "A condition tests `has(flag)` but no choice ever sets that flag."),
        CodeInfo("SP043", _E, "Malformed line", "A line is not one of the allowed forms."),
        CodeInfo("SP044", _E, "Unknown score", "A choice changes a score that the scenario does not declare."),
        CodeInfo("SP045", _E, "Safety given twice", "A choice has both `safety:` and `score: {safety: ...}`."),
        CodeInfo("SP046", _E, "Duplicate scenario", "Two files declare the same scenario id."),
        CodeInfo("SP047", _W, "Red flag listed twice", "The same red flag appears twice in one list."),
        CodeInfo("SP048", _E, "Internal error", "SafePath itself failed while checking this file; please report it."),
        CodeInfo("SP049", _E, "Red-flag catalogue missing", "The red-flag catalogue could not be loaded."),
        # The story's graph (safepath.authoring.analysis)
        CodeInfo("SP050", _W, "Unreachable scene", "No path from the start reaches this scene."),
        CodeInfo("SP051", _W, "Ending never reached", "No path from the start reaches this ending."),
        CodeInfo("SP052", _E, "Dead end", "In some situation every choice of a scene is hidden by its condition."),
        CodeInfo("SP053", _E, "Loop with no way out", "Scenes lead into each other in a loop that never reaches an ending."),
        CodeInfo("SP054", _W, "Red flag never taught", "A red flag in `teaches` appears in no scene and no choice."),
        CodeInfo("SP055", _W, "Condition never holds", "A choice's `if:` is false on every path to its scene."),
        CodeInfo("SP056", _W, "Story too large to check fully", "Too many combinations of scene and flags to check every condition."),
        CodeInfo("SP057", _W, "Red flag cannot be spotted", "A scene shows a red flag that no choice lets the player spot."),
        CodeInfo("SP058", _W, "Badge never earned", "A badge's `when:` is false at the end of every path."),
        CodeInfo("SP059", _W, "Text never shown", "A line's or debrief part's `if:` is false on every path that reaches it."),
        CodeInfo("SP060", _W, "Text condition always holds", "A line's or debrief part's `if:` is true on every path that reaches it."),
        CodeInfo("SP061", _W, "Debrief claims what a path never met", "A debrief part without `if:` names a red flag that some path into its ending never met."),
        CodeInfo("SP062", _W, "No fair path gets 3 stars", "No path without a false alarm gets 3 stars."),
        CodeInfo("SP063", _W, "Refusing everything is rewarded", "A path that refuses every offer it meets gets more than 1 star."),
        CodeInfo("SP064", _W, "Accepting everything is rewarded", "A path that accepts every offer it meets gets stars."),
        CodeInfo("SP065", _W, "3 stars need the private chat", "3 stars can only be reached by entering the recruiter's private chat."),
        CodeInfo("SP066", _W, "Badge earned with a false alarm", "A badge is earned by a path that made a false alarm."),
        # Translation and text checks (safepath.i18n.checks, safepath.i18n.status)
        CodeInfo("SP070", _E, "Zawgyi-encoded Burmese", "Burmese text is typed in the Zawgyi encoding instead of Unicode."),
        CodeInfo("SP071", _E, "Placeholder mismatch", "A translation drops, renames or adds a placeholder such as `{name}` or `%s`."),
        CodeInfo("SP072", _W, "Character no font can draw", "A character that none of the game's fonts contains; it shows as a box."),
        CodeInfo("SP073", _W, "Text does not fit its box", "At the largest text size a text needs more lines, or a wider line, than its box on screen has."),
        CodeInfo("SP074", _E, "Catalog cannot be read", "A `.po` file has a syntax error or is not UTF-8."),
        CodeInfo("SP075", _E, "Catalog format problem", "Babel's checks fail on an entry, e.g. the wrong number of plural forms."),
        CodeInfo("SP076", _W, "Stale translations", "A catalog has fuzzy entries: guessed or carried over from an earlier English text, not used until checked."),
        CodeInfo("SP077", _E, "Malformed placeholder", "A `{...}` in story text is not a money or number placeholder such as `{baht:45000}`."),
        CodeInfo("SP078", _E, "Duplicate line or choice id", "Two lines (or two choices) of one scene have the same `id:`."),
        # Invisible format characters (safepath.text.invisible, checked by safepath.i18n.checks)
        CodeInfo("SP080", _E, "Direction control in text", "A text holds an invisible left-to-right / right-to-left mark, embedding, override or isolate (U+200E, U+200F, U+061C, U+202A–U+202E, U+2066–U+2069)."),
        CodeInfo("SP081", _E, "Byte order mark inside text", "A text holds U+FEFF, a byte order mark left by a file that was copied in."),
        CodeInfo("SP082", _W, "Invisible character the game ignores", "A text holds a soft hyphen (U+00AD) or another invisible format character that the game draws as nothing."),
        CodeInfo("SP083", _E, "Text with nothing visible", "A text or a translation is made only of invisible characters and spaces: players would see nothing."),
        CodeInfo("SP087", _W, "Speaker inside a narration line", "A narration line starts with a character's id or name and ': ', usually because the whole line was put in quotes."),
        CodeInfo("SP088", _W, "Amount typed as digits", "An amount of money is typed as digits and a currency word instead of a placeholder such as `{baht:45000}`."),
        # Helplines (safepath.story.helplines)
        CodeInfo("SP090", _E, "Helplines file shape", "The helplines file lacks `schema_version: 1` or a `helplines:` list of entries."),
        CodeInfo("SP091", _E, "Helpline key missing", "A helpline entry lacks a key its kind needs (number, source, verified_on, ...)."),
        CodeInfo("SP092", _E, "Helpline value not allowed", "A helpline value has the wrong type or form (kind, country, number, languages)."),
        CodeInfo("SP093", _E, "Unknown helpline key", "A key that helpline entries do not have, often a typo."),
        CodeInfo("SP094", _E, "Duplicate helpline id", "Two helpline entries share the same id."),
        CodeInfo("SP095", _E, "Bad verified_on date", "`verified_on` is not a real date written YYYY-MM-DD."),
        CodeInfo("SP096", _E, "Helpline source not a web address", "`source` must be the web page the number was checked on."),
        CodeInfo("SP097", _E, "Local file changes a bundled helpline", "An NGO's local helplines file reuses the id of a number that ships with the game."),
        CodeInfo("SP098", _W, "Helpline needs checking", "A number was checked more than a year ago; check it again before class."),
        CodeInfo("SP099", _E, "Number not in the helplines", "Story text shows a phone number that is not in `content/helplines.yaml`."),
        # Drill scenes (safepath.story.loader_drills) and the licence register (safepath.story.register)
        CodeInfo("SP100", _E, "Drill dials a number not in the helplines", "A phone drill names a helpline or number that is not a phone entry of `content/helplines.yaml`."),
        CodeInfo("SP101", _E, "Licence register problem", "The licence register `content/register.yaml` cannot be used: it lists one name twice, or a register drill finds it broken."),
        CodeInfo("SP102", _E, "Drill outcome missing or wrong", "A drill scene lacks a choice for an outcome it can end in, a choice has no or an unknown `outcome:`, or a scene that is not a drill has one."),
        CodeInfo("SP103", _E, "Drill block missing", "A drill scene has no block of its kind (`phone:`, `register:`, `codeword:`, `travelplan:`), or a scene has the block of another kind."),
        CodeInfo("SP104", _W, "Register outcome never reached", "A register drill has a choice for an outcome that none of its agency names gives, so the choice is never taken."),
        # Class mode's keys in a scenario (safepath.story.loader_refs; class mode is safepath.classroom)
        CodeInfo("SP105", _W, "Class question never asked", "A scene has a `discuss:` question but no choices, so a class never sees it."),
        CodeInfo("SP106", _W, "Vote with one choice", "The only choice of a scene is marked `vote: true`: a class cannot vote with one choice."),
        # Knowledge-check forms (safepath.checks.loader) and the balance of the bank (safepath.checks.balance)
        CodeInfo("SP110", _E, "Check item incomplete", "A check item lacks a key its type needs, or has one its type does not use."),
        CodeInfo("SP111", _E, "Check item contradicts itself", "A scam names no red flag, a real offer no safe sign, or the right answers are marked wrongly."),
        CodeInfo("SP113", _E, "Form too small", "A form has fewer than 8 scam or 8 real offers, or no sign or action item."),
        CodeInfo("SP114", _E, "Red flag or safe sign not tested", "A form has no offer that shows one of the red flags or safe signs."),
        CodeInfo("SP115", _E, "Item in two forms", "The same item (same id or same words) is in two forms."),
        CodeInfo("SP116", _E, "Form missing or doubled", "The bank lacks form A, B or C, or two files are the same form."),
        CodeInfo("SP117", _W, "Forms not parallel", "Two forms have a different mix of scam, real, sign and action items."),
        # Records read for a trainers' report (safepath.report.inputs)
        CodeInfo("SP120", _E, "Records file cannot be read", "An export file or results log is missing, a folder, not UTF-8 or not complete JSON."),
        CodeInfo("SP121", _E, "Not a records export", "The file is not a SafePath records export (or results.json), or a newer SafePath made it."),
        CodeInfo("SP122", _E, "Records changed after export", "The records do not match the file's checksum or count: the file was edited or damaged."),
        CodeInfo("SP123", _W, "Damaged record left out", "One record lacks a field every report relies on, or has a wrong value; the others are counted."),
        CodeInfo("SP124", _W, "Two records with one id", "Two different records share an id; only the first is counted."),
        # The key-terms glossary (safepath.i18n.glossary)
        CodeInfo("SP125", _E, "Key term not translated as agreed", "The English uses a key term of the glossary and the translation uses none of the glossary's words for it."),
        CodeInfo("SP126", _E, "Glossary cannot be read", "A language's `glossary.csv` is not UTF-8 CSV with the header `source,target,explanation`, or a row lacks a term or its translation."),
    ]
}


def severity_of(code: str) -> Severity:
    info = CODES.get(code)
    return info.severity if info else Severity.ERROR
