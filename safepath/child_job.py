"""Heavy one-off work (the class sheets, a trainer's report) in a short-lived child process.

Why a child: writing the sheets measures and subsets the bundled fonts with fontTools and renders
Jinja2 pages, some 100 MB of small Python objects. They are freed afterwards, but Python's small-object
allocator returns an arena only when every object in it is gone, so the game used to stay about 100 MB
bigger for the rest of the session on a laptop that has little to spare (issue 18, item 10). A child
process gives all of it back when it ends, and the screen stays responsive while it works.

The child is started with ``spawn`` on every system (Windows has nothing else, and a forked copy of a
process with an SDL window is not safe). It is given the function by name and its arguments by pickling,
and the translation setup of this process (an NGO's local catalogs, an author's own ``locales/``), so it
writes exactly what this process would. What it returns, or the exception it raises, comes back.

When a child cannot be had (the function or its arguments cannot be pickled, the system refuses a new
process, the child dies without an answer), the work runs here, as it always did: slower to give the
memory back, but nothing is lost. No pygame.
"""

from __future__ import annotations

from typing import Any, Callable


class ChildJob:
    """``func(*args)`` in a child process; :meth:`done` asks without waiting, :meth:`result` waits.

    ``in_process=True`` (or a child that cannot start) runs it here, at the first :meth:`result`."""

    def __init__(self, func: Callable[..., Any], *args: Any, in_process: bool = False) -> None:
        self.func, self.args = func, args
        self.ran_in_child = False
        self._answer: tuple[str, Any] | None = None
        self._process = None
        self._conn = None
        if not in_process:
            self._start()

    def _start(self) -> None:
        pipe = ()
        try:
            import multiprocessing
            import pickle

            from safepath.i18n import runtime

            payload = pickle.dumps((self.func, self.args, runtime.catalog_setup()))
            context = multiprocessing.get_context("spawn")
            pipe = receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_child_main, args=(send, payload), daemon=True,
                                      name="safepath-job")
            process.start()
            send.close()
        except Exception:  # no pickling, no multiprocessing in this build, no new process: run it here
            for end in pipe:
                end.close()
            return
        self._process, self._conn = process, receive

    def done(self) -> bool:
        """Whether :meth:`result` would answer at once (a job run here is done when asked for)."""
        return self._answer is not None or self._wait(0)

    def result(self, timeout: float | None = None) -> Any:
        """What ``func`` returned, or its exception raised here; runs it here if no child answered.

        With ``timeout``, a child still working after that many seconds raises :class:`TimeoutError`."""
        if self._answer is None:
            if timeout is not None and not self._wait(timeout):
                raise TimeoutError("the child job is still running")
            self._answer = self._from_child() or _run_here(self.func, self.args)
        kind, value = self._answer
        if kind == "error":
            raise value
        return value

    def _wait(self, timeout: float) -> bool:
        """Whether the child answered (or its pipe ended: it died) within ``timeout`` seconds."""
        if self._conn is None:
            return True
        try:
            return self._conn.poll(timeout)
        except OSError:
            return True

    def _from_child(self) -> tuple[str, Any] | None:
        if self._conn is None:
            return None
        try:
            answer = self._conn.recv()
            self.ran_in_child = True
        except Exception:  # the child died without an answer (or one that cannot be read): done here
            answer = None
        self._conn.close()
        self._process.join(timeout=5)
        self._conn = self._process = None
        return answer


def _run_here(func: Callable[..., Any], args: tuple) -> tuple[str, Any]:
    try:
        return "ok", func(*args)
    except Exception as exc:  # handed to result(), as a child's would be
        return "error", exc


def _child_main(send, payload: bytes) -> None:
    """In the child: use the parent's translation setup, run the job, send what came of it."""
    import pickle

    func, args, setup = pickle.loads(payload)
    from safepath.i18n import runtime

    runtime.use_catalog_setup(setup)
    answer = _run_here(func, args)
    try:
        send.send(answer)
    except Exception as exc:  # an answer that cannot be pickled: say so rather than die silently
        send.send(("error", RuntimeError(f"the child job's answer could not be sent back: {exc}")))
    send.close()
