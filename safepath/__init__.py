"""SafePath: an offline, trilingual branching-story game about online job scams.

Data flows one way: YAML -> validated model (:mod:`safepath.model`, built by
:mod:`safepath.loader`) -> engine state (:mod:`safepath.engine`) -> scenes on
screen (:mod:`safepath.scenes`). Nothing outside ``safepath.scenes``,
``safepath.ui`` and ``safepath.app`` imports pygame.
"""

__version__ = "0.1.0"
