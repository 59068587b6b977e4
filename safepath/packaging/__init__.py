"""The one-folder bundle for laptops without Python or internet (issue 15).

* :mod:`safepath.packaging.build`: ``python3 -m safepath.packaging build`` makes
  ``dist/SafePath/`` (PyInstaller, one folder) and its zip, from a clean virtual
  environment holding only the game's runtime dependencies;
* :mod:`safepath.packaging.selftest`: ``safepath --selftest``, the same checks for the
  installed package and the bundle;
* :mod:`safepath.packaging.local_content`: the checks of what an NGO drops into
  ``local/`` beside the program (its own stories, helplines, translations).

See ``docs/install.md``. Nothing here imports pygame at module level.
"""
