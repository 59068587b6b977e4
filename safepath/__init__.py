"""SafePath: an offline, trilingual branching-story game about online job scams.

Data flows one way: YAML -> validated model (:mod:`safepath.story.model`, built by
:mod:`safepath.story.loader`) -> engine state (:mod:`safepath.play.engine`) -> scenes on
screen (:mod:`safepath.scenes`). Nothing outside ``safepath.scenes``,
``safepath.ui`` and ``safepath.app`` imports pygame.
"""

__version__ = "0.1.0"
