"""Graph analysis of a scenario, without pygame: lint checks, exhaustive playtest, path counting.

* :mod:`.states` builds the abstract state graph (scene x the facts conditions read);
* :mod:`.paths` counts paths, lengths and outcome distributions over it by dynamic programming;
* :mod:`.badges` counts the paths that earn each badge (and finds badges no path earns);
* :mod:`.lint` turns its findings into diagnostics SP050-SP069 for ``safepath lint``;
* :mod:`.coverage` is the exhaustive report of ``safepath playtest --exhaustive``;
* :mod:`.generate` makes layered scenarios of any size for tests and benchmarks.
"""

from safepath.authoring.analysis.lint import lint_graph
from safepath.authoring.analysis.paths import STUCK, PathReport, count_paths
from safepath.authoring.analysis.states import CONTINUE, StateGraph, explore

__all__ = ["CONTINUE", "STUCK", "PathReport", "StateGraph", "count_paths", "explore", "lint_graph"]
