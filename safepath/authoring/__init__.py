"""Tools for the people who write stories: golden playthroughs, the story map, hot reload, and the
graph analysis (``analysis``) that lint, playtest and the map share."""
