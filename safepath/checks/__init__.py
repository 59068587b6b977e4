"""Knowledge checks: before, after and one to two weeks after play, scored for discernment.

An NGO must be able to show that SafePath works, and a game can look effective while only teaching players
to say "scam" to everything. The checks therefore show as many real job offers as scams and score
*discernment* (d′: telling them apart) separately from *suspicion* (the criterion c).

Pure Python, no pygame: the model (:mod:`.model`), the field table (:mod:`.schema`), the loader
(:mod:`.loader`) and balance lint (:mod:`.balance`) of the item bank in ``content/checks/``, the
scoring (:mod:`.scoring`), who gets which form and when (:mod:`.schedule`), what is due for a player and
what is kept (:mod:`.flow`), the answers a screen collects and a class's template of counts
(:mod:`.answers`) and a simulated cohort (:mod:`.simulate`). The safe signs come from
``content/safe_signs.yaml`` through :func:`safepath.story.loader.load_safe_signs`. The screens are in
:mod:`safepath.scenes.checks`. ``docs/checks.md`` explains it all for trainers.
"""
