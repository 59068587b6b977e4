"""Playing a story: the engine (a pure state machine over a ``story.model.Scenario``) and scoring (what a
finished play-through earned). No pygame, no files: states are plain data the saves stage writes."""
