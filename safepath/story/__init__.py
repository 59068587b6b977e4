"""Reading and checking a story: YAML with line/column marks, the field table and its JSON Schema, the
loader and its reference checks, the frozen model, the condition language, diagnostics and their codes,
the helplines file and the check for phone numbers typed into story text.

Nothing here knows about play, saves or the screen; every later stage starts from a ``model.Scenario``.
"""
