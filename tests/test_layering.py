"""The core knows nothing of pygame, and nothing in SafePath opens a socket.

Model, loader, engine, scoring, analysis, i18n, text layout, storage and every
command-line tool must import and work on a machine with no display; only
`safepath/scenes/`, `safepath/ui/` and `safepath/app.py` may import pygame
(`safepath screenshots` draws through `safepath/scenes/screenshots.py`).
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "safepath"
PRESENTATION = ("scenes/", "ui/", "app.py")
CORE_MODULES = [
    "safepath.story.model", "safepath.story.conditions", "safepath.story.diagnostics", "safepath.story.yamlsource", "safepath.story.schema",
    "safepath.story.loader", "safepath.play.engine", "safepath.play.scoring", "safepath.authoring.analysis", "safepath.story.helplines",
    "safepath.saves.storage", "safepath.i18n", "safepath.i18n.extract", "safepath.i18n.checks", "safepath.text",
    "safepath.text.layout", "safepath.text.breaks", "safepath.authoring.reload", "safepath.authoring.playthrough", "safepath.cli",
    "safepath.commands.lint", "safepath.commands.play", "safepath.commands.playtest", "safepath.commands.graph",
    "safepath.commands.i18n", "safepath.commands.new", "safepath.commands.export_script",
    "safepath.packaging.build", "safepath.packaging.check", "safepath.packaging.selftest",
    "safepath.packaging.local_content", "safepath.i18n.local", "safepath.paths",
] + sorted(f"safepath.commands.{p.stem}" for p in (PACKAGE / "commands").glob("*.py") if p.stem != "__init__")
NETWORK_MODULES = {"socket", "urllib.request", "http.client", "requests", "ftplib", "smtplib", "asyncio"}


def _python_files():
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_core_modules_import_without_pygame():
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "from safepath.cli import build_parser\n"
        "build_parser()\n"
        "loaded = sorted(m for m in sys.modules if m == 'pygame' or m.startswith('pygame.'))\n"
        "print(loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", f"pygame was imported by the core: {out.stdout}"


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_pygame_only_in_the_presentation_layer(path):
    relative = path.relative_to(PACKAGE).as_posix()
    if relative.startswith(PRESENTATION):
        return
    assert not [m for m in _imports(path) if m == "pygame" or m.startswith("pygame.")], relative


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_network_modules(path):
    assert not NETWORK_MODULES & set(_imports(path)), path.relative_to(PACKAGE).as_posix()
