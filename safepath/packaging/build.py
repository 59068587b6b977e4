"""Build the one-folder bundle: ``python3 -m safepath.packaging build``.

What it makes, from a checkout, on the platform it runs on (Linux or Windows)::

    dist/SafePath/                      the folder an NGO copies or unzips
        SafePath (SafePath.exe)         double-click this
        _internal/                      Python, pygame-ce (SDL, SDL_ttf, HarfBuzz), ICU, Babel,
                                        content/, assets/ (fonts), locales/ (compiled .mo)
        local/                          the NGO's own stories, helplines, translations (README.txt)
        README.txt                      for whoever unzips it
    dist/SafePath-VERSION-PLATFORM.zip  that folder, zipped
    dist/SHA256SUMS                     the zip's checksum, for docs/install.md

How: a fresh virtual environment (``build/bundle/venv``) gets only the runtime
dependencies listed in ``pyproject.toml`` and the ``[bundle]`` extra (PyInstaller),
never the test tools (numpy alone would add ~40 MB); PyInstaller then freezes
``safepath`` from this checkout into one folder. One folder, not one file: a
one-file program unpacks itself to a temporary folder on every start (slow on an old
laptop) and antivirus programs flag that behaviour.

Size: the zipped Linux bundle must stay under 40 MB (``--max-zip-mb``); Babel's CLDR
data is cut to the game's three languages, symbols are stripped, and modules the
game never uses (network, test and GUI toolkits) are left out. Every failure stops the
build with a plain message and exit status 1: no dependencies (no package index), a
broken catalog, a bundle over budget.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import time
import tomllib
import venv
import zipfile
from pathlib import Path

from safepath import paths

#: modules the game never imports, left out of the bundle (PyInstaller would follow stray imports to them).
#: Not `email` nor `socket` (which `email.utils` imports; nothing opens one): Babel's .po reader needs them, and
#: an NGO's own translations are .po files (tests/test_bundle_built.py reads one with the bundle). Not
#: `multiprocessing`: the class sheets and the report are written in a child process (safepath.child_job).
EXCLUDED_MODULES = (
    "numpy", "tkinter", "_tkinter", "unittest", "pydoc", "doctest", "pdb", "ssl", "_ssl",
    "asyncio", "http", "xmlrpc", "ftplib", "smtplib", "readline", "curses",
    "sqlite3", "lib2to3", "pkg_resources", "pygame.tests", "pygame.examples", "pygame.docs", "_hashlib", "setuptools", "pip",
)
#: distributions that must not be in the build's environment
FORBIDDEN = ("numpy", "pygame")
#: Babel's CLDR data the game reads: its three languages (safepath.i18n.formatting) and the root they inherit from
KEPT_LOCALES = ("root", "en", "th", "th_TH", "my", "my_MM")
DEFAULT_MAX_ZIP_MB = 40.0
NAME = "SafePath"


class BuildError(Exception):
    """The build cannot go on; the message says why and what to do."""


def say(message: str) -> None:
    print(f"[bundle] {message}", flush=True)


# -- what goes in ---------------------------------------------------------------------------------------
def project() -> dict:
    with open(paths.project_root() / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]


def requirements() -> list[str]:
    """The runtime dependencies and the ``bundle`` extra (PyInstaller), as pyproject.toml lists them."""
    meta = project()
    extra = meta.get("optional-dependencies", {}).get("bundle", [])
    if not extra:
        raise BuildError("pyproject.toml has no [bundle] extra naming PyInstaller")
    return list(meta["dependencies"]) + list(extra)


def platform_tag() -> str:
    """``linux-x86_64``, ``windows-x86_64``: what the zip is for."""
    import platform

    machine = platform.machine().lower() or "unknown"
    machine = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform.rstrip("0123456789"))
    return f"{system}-{machine}"


def venv_python(folder: Path) -> Path:
    return folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def executable_name() -> str:
    return NAME + (".exe" if os.name == "nt" else "")


# -- steps ---------------------------------------------------------------------------------------------
def make_venv(folder: Path) -> Path:
    """A fresh virtual environment with the runtime dependencies and PyInstaller only."""
    if folder.exists():
        shutil.rmtree(folder)
    say(f"fresh virtual environment in {folder}")
    venv.EnvBuilder(with_pip=True, clear=True).create(folder)
    python = venv_python(folder)
    wanted = requirements()
    say("installing " + ", ".join(wanted))
    done = subprocess.run([str(python), "-m", "pip", "install", "--disable-pip-version-check", "--no-input", *wanted])
    if done.returncode != 0:
        raise BuildError("pip could not install the bundle's dependencies (exit status "
                         f"{done.returncode}). Is a package index reachable? The bundle needs them once, to build; "
                         "the laptops it runs on need no network.")
    listed = subprocess.run([str(python), "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check"],
                            capture_output=True, text=True, check=True).stdout
    installed = {line.split("==")[0].lower() for line in listed.splitlines() if "==" in line}
    bad = sorted(set(FORBIDDEN) & installed)
    if bad:
        raise BuildError(f"the build environment holds {', '.join(bad)}, which must stay out of the bundle")
    return python


def stage_data(stage: Path) -> Path:
    """content/, assets/ and the catalogs compiled to .mo, as the bundle will hold them."""
    from safepath.i18n.catalogs import compile_mo

    if stage.exists():
        shutil.rmtree(stage)
    root = paths.project_root()
    shutil.copytree(root / "content", stage / "content", ignore=shutil.ignore_patterns("*.pyc", "__pycache__"))
    shutil.copytree(root / "assets", stage / "assets")
    compiled = 0
    for po in sorted((root / "locales").glob("*/LC_MESSAGES/*.po")):
        compile_mo(po, stage / po.relative_to(root).with_suffix(".mo"))
        compiled += 1
    if not compiled:
        raise BuildError(f"no catalogs found in {root / 'locales'}")
    say(f"staged content, assets and {compiled} catalogs compiled to .mo")
    return stage


ENTRY = '''"""The bundle's program: the same entry point as the `safepath` command."""
import os
import sys

# A windowed Windows program has no console: Python then sets sys.stdout and sys.stderr to None, and the
# first print (a start-up message, the self-test's lines) would raise. Their output goes nowhere instead;
# `--selftest-log FILE` keeps the self-test's report.
for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))

# The class sheets and the report are written in a child process: the bundle's program is that child too.
import multiprocessing  # noqa: E402

multiprocessing.freeze_support()

from safepath.cli import main  # noqa: E402

sys.exit(main())
'''


def entry_script(work: Path) -> Path:
    script = work / "safepath_main.py"
    script.write_text(ENTRY, encoding="utf-8")
    return script


def package_modules() -> list[str]:
    """Every module of the ``safepath`` package in this checkout (``--collect-submodules`` needs it installed)."""
    root = paths.package_dir()
    out = []
    for path in sorted(root.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = ("safepath",) + path.relative_to(root).with_suffix("").parts
        out.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return out


def run_pyinstaller(python: Path, work: Path, stage: Path, dist: Path) -> Path:
    sep = os.pathsep
    args = [str(python), "-m", "PyInstaller", "--noconfirm", "--onedir", "--name", NAME,
            "--distpath", str(dist), "--workpath", str(work / "pyinstaller"), "--specpath", str(work),
            "--paths", str(paths.project_root()), "--log-level", "WARN",
            # modules as .pyc files in _internal/, not a compressed archive inside the program: no unpacking on
            # every import, so the bundle starts as fast as the installed package (benchmarks/bench_bundle.py)
            "--debug", "noarchive"]
    for module in package_modules():  # screens and commands are imported by name, so PyInstaller cannot see them
        args += ["--hidden-import", module]
    for folder in ("content", "assets", "locales"):
        args += ["--add-data", f"{stage / folder}{sep}{folder}"]
    for module in EXCLUDED_MODULES:
        args += ["--exclude-module", module]
    if os.name == "nt":
        args += ["--windowed"]  # no console window behind the game
        icon = paths.assets_dir() / "icon.ico"
        if icon.is_file():
            args += ["--icon", str(icon)]
    else:
        args += ["--strip"]  # debug symbols are most of libpython's size
    args.append(str(entry_script(work)))
    say("PyInstaller: freezing safepath into one folder")
    done = subprocess.run(args, cwd=work)
    if done.returncode != 0:
        raise BuildError(f"PyInstaller failed (exit status {done.returncode}); its messages are above")
    folder = dist / NAME
    if not (folder / executable_name()).is_file():
        raise BuildError(f"PyInstaller finished but {folder / executable_name()} is missing")
    return folder


def prune(folder: Path) -> int:
    """Remove what the game never reads (Babel's data for other languages); the bytes saved."""
    saved = 0
    for data in folder.glob("_internal/babel/locale-data/*.dat"):
        if data.stem not in KEPT_LOCALES:
            saved += data.stat().st_size
            data.unlink()
    return saved


LOCAL_README = """Your own stories, helplines and translations for SafePath
============================================================

Put files here and start SafePath again; nothing needs to be rebuilt.

  content/scenarios/NAME.yaml   your own stories (see docs/authoring.md of the project;
                                each story needs its own id)
  content/helplines.yaml        your organisation's phone numbers (fills the "ngo-local" slot
                                or adds entries; it can never change a number SafePath ships)
  locales/th/LC_MESSAGES/content.po    Thai translations of your stories (also my, en;
  locales/th/LC_MESSAGES/safepath.po   safepath.po for words of the game itself)

A file with a mistake never stops the game: the list of stories says which file has
a problem and on which line, and the rest goes on working. To check everything at once,
run SafePath with --selftest (see docs/install.md).
"""

BUNDLE_README = """SafePath {version}
==============

A story game about staying safe from online job scams, in Thai, Burmese and English.
Everything it needs is in this folder: no internet and no installation.

To play: double-click {exe}. The first screen asks for the language.

Saves are kept in this computer's user data folder ({where}).
To keep them next to the game instead (for example on a USB stick that moves between
laptops), put an empty file named portable.txt in this folder; saves then go to userdata/.

Your own stories, helplines and translations: see local/README.txt.
To check that this copy works: run "{exe} --selftest" in a terminal.
Built {built} from commit {commit} with Python {python}.
"""


def write_beside(folder: Path) -> None:
    """The README, the local/ folder with its README, and a version stamp."""
    local = folder / "local"
    (local / "content" / "scenarios").mkdir(parents=True, exist_ok=True)
    (local / "locales").mkdir(parents=True, exist_ok=True)
    (local / "README.txt").write_text(LOCAL_README, encoding="utf-8", newline="\r\n" if os.name == "nt" else "\n")
    where = {"nt": r"%LOCALAPPDATA%\SafePath"}.get(os.name, "~/.local/share/SafePath")
    (folder / "README.txt").write_text(BUNDLE_README.format(
        version=project()["version"], exe=executable_name(), where=where, built=time.strftime("%Y-%m-%d"),
        commit=_commit(), python=sys.version.split()[0]), encoding="utf-8", newline="\r\n" if os.name == "nt" else "\n")


def _commit() -> str:
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=paths.project_root(),
                              capture_output=True, text=True, timeout=10)
        return done.stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def folder_size(folder: Path) -> int:
    """Bytes of the files in ``folder``; a symbolic link counts as the few bytes of its target's name."""
    total = 0
    for path in folder.rglob("*"):
        if path.is_symlink():
            total += len(os.readlink(path))
        elif path.is_file():
            total += path.stat().st_size
    return total


def zip_folder(folder: Path, target: Path) -> Path:
    """Zip ``folder`` (as its own top folder), keeping executable bits and symbolic links as links.

    PyInstaller's Linux bundles link some libraries into ``_internal/`` from their package
    folders; storing the links (as Info-ZIP and desktop archive tools do) instead of
    their targets keeps each library in the zip once.
    """
    tmp = target.with_name(target.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder.parent).as_posix()
            if path.is_symlink():
                info = zipfile.ZipInfo(name, date_time=time.localtime(path.lstat().st_mtime)[:6])
                info.create_system = 3  # Unix: the mode below is read
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                archive.writestr(info, os.readlink(path))
            elif path.is_dir():
                archive.write(path, name + "/")
            else:
                archive.write(path, name)
    os.replace(tmp, target)
    return target


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def build(out: Path, work: Path, max_zip_mb: float = DEFAULT_MAX_ZIP_MB, make_zip: bool = True) -> Path:
    started = time.perf_counter()
    out, work = out.resolve(), work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    python = make_venv(work / "venv")
    stage = stage_data(work / "stage")
    if (out / NAME).exists():
        shutil.rmtree(out / NAME)
    folder = run_pyinstaller(python, work, stage, out)
    saved = prune(folder)
    write_beside(folder)
    unzipped = folder_size(folder)
    say(f"{folder}: {unzipped / 1e6:.1f} MB unzipped (CLDR data for other languages left out: {saved / 1e6:.1f} MB)")
    if make_zip:
        archive = zip_folder(folder, out / f"{NAME}-{project()['version']}-{platform_tag()}.zip")
        zipped = archive.stat().st_size
        (out / "SHA256SUMS").write_text(f"{sha256(archive)}  {archive.name}\n", encoding="utf-8")
        say(f"{archive}: {zipped / 1e6:.1f} MB zipped (budget {max_zip_mb:.0f} MB); checksum in {out / 'SHA256SUMS'}")
        if zipped > max_zip_mb * 1e6:
            raise BuildError(f"the zipped bundle is {zipped / 1e6:.1f} MB, over its budget of {max_zip_mb:.0f} MB")
    say(f"built in {time.perf_counter() - started:.0f} s; try it: {folder / executable_name()} --selftest")
    return folder


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default="dist", help="where the folder and zip go (default: dist)")
    parser.add_argument("--work", default=str(Path("build") / "bundle"),
                        help="working folder: virtual environment, staged data, PyInstaller's files (default: build/bundle)")
    parser.add_argument("--max-zip-mb", type=float, default=DEFAULT_MAX_ZIP_MB, help="size budget of the zip (default: 40)")
    parser.add_argument("--no-zip", action="store_true", help="leave the folder unzipped")


def run(args: argparse.Namespace) -> int:
    try:
        build(Path(args.out), Path(args.work), args.max_zip_mb, not args.no_zip)
    except BuildError as exc:
        print(f"[bundle] BUILD FAILED: {exc}", file=sys.stderr, flush=True)
        return 1
    return 0
