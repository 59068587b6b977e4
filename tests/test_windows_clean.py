"""The game's code runs on Windows too (issue 15): no POSIX-only calls unguarded, no text files without an encoding.

CI runs on Linux, so this reads the source instead of running it on Windows:

* **POSIX-only calls**: ``os.fchmod``, ``os.getuid``, ``os.fork``, ``fcntl``, ``pwd``, ``signal.SIGKILL``
  and the like exist only on POSIX; on Windows they raise ``AttributeError`` or
  ``ImportError`` the first time that line runs, which may be on a player's laptop.
  Allowed only under a guard the reader can see: inside ``if os.name ...`` /
  ``if sys.platform ...`` / ``if hasattr(os, ...)``, or a ``try`` that catches
  ``AttributeError``/``ImportError``/``OSError``.
* **Text without an encoding**: ``open(path)`` in text mode and ``Path.read_text()`` /
  ``write_text()`` without ``encoding=`` use the locale's encoding, which is UTF-8 on
  Linux and a legacy code page on Windows: Thai and Burmese stories and catalogs would
  not read. Every text file of the game is UTF-8, so say so.

The scanner is tested on a small sample first, so a scanner that finds nothing cannot pass by accident.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "safepath"

POSIX_ONLY_OS = {
    "fchmod", "fchown", "chown", "lchown", "getuid", "geteuid", "getgid", "getegid", "getgroups", "setuid",
    "setgid", "fork", "forkpty", "setsid", "getsid", "killpg", "getpgid", "setpgid", "getpgrp", "uname", "sync",
    "statvfs", "fstatvfs", "mkfifo", "mknod", "getloadavg", "sysconf", "pathconf", "fpathconf", "nice",
    "openpty", "wait3", "wait4", "WNOHANG", "O_DIRECTORY", "O_NOFOLLOW", "O_CLOEXEC", "sched_getaffinity",
    "posix_fadvise", "posix_fallocate", "pread", "pwrite", "sendfile", "getlogin", "ttyname", "ctermid",
}
POSIX_ONLY_MODULES = {"fcntl", "pwd", "grp", "termios", "tty", "pty", "resource", "posix", "syslog", "crypt",
                      "curses", "readline", "spwd", "nis", "ossaudiodev"}
POSIX_ONLY_SIGNALS = {"SIGKILL", "SIGHUP", "SIGPIPE", "SIGALRM", "SIGCHLD", "SIGUSR1", "SIGUSR2", "SIGQUIT",
                      "SIGSTOP", "SIGCONT", "SIGTSTP", "SIGWINCH"}
GUARD_EXCEPTIONS = {"AttributeError", "ImportError", "ModuleNotFoundError", "OSError", "NotImplementedError",
                    "Exception", "BaseException"}


def _is_guard_test(node: ast.expr) -> bool:
    text = ast.unparse(node)
    return any(word in text for word in ("os.name", "sys.platform", "hasattr(", "platform.system"))


def _catches_guard(handlers: list[ast.ExceptHandler]) -> bool:
    for handler in handlers:
        if handler.type is None:
            return True
        names = [handler.type] if not isinstance(handler.type, ast.Tuple) else list(handler.type.elts)
        if any(isinstance(n, ast.Name) and n.id in GUARD_EXCEPTIONS for n in names):
            return True
    return False


class _Scanner(ast.NodeVisitor):
    def __init__(self) -> None:
        self.guarded = 0
        self.found: list[tuple[int, str]] = []

    def _guarded_visit(self, body_nodes) -> None:
        self.guarded += 1
        for child in body_nodes:
            self.visit(child)
        self.guarded -= 1

    def visit_If(self, node: ast.If) -> None:
        self.visit(node.test)
        if _is_guard_test(node.test):
            self._guarded_visit(node.body + node.orelse)
        else:
            for child in node.body + node.orelse:
                self.visit(child)

    def visit_IfExp(self, node: ast.IfExp) -> None:
        if _is_guard_test(node.test):
            self._guarded_visit([node.body, node.orelse])
        else:
            self.generic_visit(node)

    def visit_Try(self, node: ast.Try) -> None:
        if _catches_guard(node.handlers):
            self._guarded_visit(node.body)
        else:
            for child in node.body:
                self.visit(child)
        for child in node.handlers + node.orelse + node.finalbody:
            self.visit(child)

    def _flag(self, node: ast.AST, what: str) -> None:
        if not self.guarded:
            self.found.append((node.lineno, what))

    def visit_Attribute(self, node: ast.Attribute) -> None:
        base = node.value.id if isinstance(node.value, ast.Name) else None
        if base == "os" and node.attr in POSIX_ONLY_OS:
            self._flag(node, f"os.{node.attr}")
        elif base == "signal" and node.attr in POSIX_ONLY_SIGNALS:
            self._flag(node, f"signal.{node.attr}")
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.split(".")[0] in POSIX_ONLY_MODULES:
                self._flag(node, f"import {alias.name}")

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        if node.level == 0 and node.module and node.module.split(".")[0] in POSIX_ONLY_MODULES:
            self._flag(node, f"from {node.module} import ...")
        elif node.module == "os":
            for alias in node.names:
                if alias.name in POSIX_ONLY_OS:
                    self._flag(node, f"from os import {alias.name}")

    def visit_Call(self, node: ast.Call) -> None:
        keywords = {k.arg for k in node.keywords}
        func = node.func
        if isinstance(func, ast.Name) and func.id == "open" and "encoding" not in keywords:
            mode = node.args[1] if len(node.args) > 1 else next((k.value for k in node.keywords if k.arg == "mode"), None)
            if mode is None or (isinstance(mode, ast.Constant) and isinstance(mode.value, str) and "b" not in mode.value):
                self.found.append((node.lineno, "open() in text mode without encoding="))
        elif isinstance(func, ast.Attribute) and func.attr in ("read_text", "write_text") and "encoding" not in keywords:
            needed = 1 if func.attr == "read_text" else 2  # the positional place of `encoding`
            if len(node.args) < needed:
                self.found.append((node.lineno, f".{func.attr}() without encoding="))
        self.generic_visit(node)


def scan(source: str) -> list[tuple[int, str]]:
    scanner = _Scanner()
    scanner.visit(ast.parse(source))
    return sorted(scanner.found)


SAMPLE = '''
import os, sys
import fcntl
os.fchmod(3, 0o600)
uid = os.getuid()
if os.name == "posix":
    os.fchmod(3, 0o600)
if hasattr(os, "getuid"):
    uid = os.getuid()
try:
    import pwd
except ImportError:
    pwd = None
open("story.yaml")
open("story.yaml", "rb")
open("story.yaml", "w", encoding="utf-8")
path.read_text()
path.read_text(encoding="utf-8")
path.write_text("x")
path.write_text("x", "utf-8")
'''


def test_the_scanner_finds_what_it_should_and_honours_guards():
    assert scan(SAMPLE) == [(3, "import fcntl"), (4, "os.fchmod"), (5, "os.getuid"),
                            (14, "open() in text mode without encoding="), (17, ".read_text() without encoding="),
                            (19, ".write_text() without encoding=")]


def _python_files():
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


@pytest.mark.parametrize("path", _python_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_posix_only_calls_and_no_text_without_encoding(path):
    found = scan(path.read_text(encoding="utf-8"))
    assert not found, "\n".join(f"{path.relative_to(PACKAGE)}:{line}: {what}" for line, what in found)
