"""Where SafePath finds its bundled data.

The game is installed editable (``pip install -e .``) or run from a checkout,
so the bundled folders sit beside the package. ``SAFEPATH_ROOT`` overrides that
for unusual layouts (for example a frozen build).
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    override = os.environ.get("SAFEPATH_ROOT")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent


def content_dir() -> Path:
    return project_root() / "content"


def scenarios_dir() -> Path:
    return content_dir() / "scenarios"


def locales_dir() -> Path:
    return project_root() / "locales"


def assets_dir() -> Path:
    return project_root() / "assets"


def fonts_dir() -> Path:
    return assets_dir() / "fonts"
