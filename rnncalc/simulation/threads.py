"""The engine's threads: how many BLAS threads a product gets, and the thread that draws the inputs ahead.

Both are policy, not maths: the numbers are the same whatever they decide (one draw per step, in order; a product
per grid value), only the time changes.
"""

from __future__ import annotations

import queue
import threading

import numpy as np

from ..guard import limited
from .config import CHUNK_FLOATS, LEAD_FLOATS

CHUNK = 64  # steps of inputs drawn at once, at most (the same numbers as one draw per step)
CHUNK_BYTES = 8 * CHUNK_FLOATS  # and at most 8 MiB a chunk
LEAD_BYTES = 8 * LEAD_FLOATS  # the chunks queued ahead, at most (at least two)


THREADED_PRODUCT = 2**21  # multiply-adds per product from which a second BLAS thread pays on a 2-core machine


def blas_threads(rows: int, n: int) -> int | None:
    """One BLAS thread for small products, or on a busy machine, where threads only wait for each other, or
    under a memory limit (``ulimit -v``, ``ulimit -d``), where each thread's buffer takes tens of MiB of it; else all.

    Decided per product (one grid value's rows), so a grid and a single run compute alike.
    """
    import os

    cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0] >= cores - 0.5
    except OSError:
        busy = False
    small = rows * n * n < THREADED_PRODUCT
    return 1 if (small or busy or cores == 1 or limited()) else None


def forward_threads(inputs: "Inputs", most: int | None) -> int | None:
    """The BLAS threads for the forward pass: one while the input thread still draws, since it holds the other
    core (two BLAS threads beside it shared two cores three ways: n = 512, T = 2000 ran 1.6 s against 1.2 s
    with one thread forward and two backward); `most` once every input is drawn."""
    return 1 if inputs.drawing() else most


def claim_blas_buffers(threads: int | None) -> None:
    """Have OpenBLAS take its per-thread buffers now, with one small product on as many threads as the run uses.

    OpenBLAS takes them at its first product and, if the address space (``ulimit -v``) is full by then, ends
    the process from C with its own message. Taken first, while there is room, a full address space fails
    later at one of the run's arrays instead: a MemoryError, which rnncalc reports as out of memory.
    """
    with blas(threads):
        np.ones((256, 256)) @ np.ones((256, 256))


def blas(threads: int | None):
    """A context in which NumPy's products use at most `threads` BLAS threads (None: all)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(threads, user_api="blas")


class Inputs:
    """The inputs, drawn by a second thread (or, where none can start, as they are used): a (trials, n) standard
    normal per step, then u.

    The thread draws everything as fast as it can (NumPy releases the GIL while it
    fills an array), so the draws overlap the set-up (the eigenvalues, the QR) and
    are done before the products need both cores; the numbers are those of one draw
    per step in order, then u. It also touches the pages of the array the forward
    pass will write (first writes to fresh memory are slow).
    """

    def __init__(self, rng, steps: int, trials: int, n: int, touch=None):
        chunk = max(1, min(CHUNK, CHUNK_BYTES // (8 * trials * n)))
        self._queue: queue.Queue = queue.Queue(maxsize=max(2, LEAD_BYTES // (8 * chunk * trials * n)))
        self._stop = threading.Event()
        self._u: np.ndarray | None = None
        self._draws = self._drawn(rng, steps, trials, n, chunk, touch)
        self._thread: threading.Thread | None = threading.Thread(target=self._draw, daemon=True)
        try:
            self._thread.start()
        except RuntimeError:  # "can't start new thread" (ulimit -u, ulimit -v): the consumer draws them itself
            self._thread = None

    def _drawn(self, rng, steps: int, trials: int, n: int, chunk: int, touch):
        """The chunks of inputs in order, then u (kept, not yielded)."""
        for start in range(0, steps, chunk):
            x = rng.standard_normal((min(chunk, steps - start), trials, n))
            if touch is not None:
                written, skip = touch
                written[max(0, start - skip) : max(0, start + len(x) - skip)].reshape(-1)[::512] = 0.0
            yield x
        u = rng.standard_normal((trials, n))
        self._u = u / np.linalg.norm(u, axis=1, keepdims=True)

    def _draw(self) -> None:
        """The thread: every chunk handed over, then "done"."""
        try:
            for x in self._draws:
                if not self._hand(("chunk", x)):
                    return
            self._hand(("done", None))
        except BaseException as e:  # handed to the consumer, never lost in the thread
            self._hand(("error", e))

    def _hand(self, item) -> bool:
        """Queue an item unless the consumer has stopped (an error, Ctrl-C): then the thread ends."""
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def chunks(self):
        """Yield (k, trials, n) blocks of standard normal inputs, in order."""
        if self._thread is None:
            yield from self._draws
            return
        try:
            while True:
                kind, item = self._queue.get()
                if kind == "error":
                    raise item
                if kind == "done":
                    return
                yield item
        finally:
            self._stop.set()

    def steps(self, drives: np.ndarray, project: np.ndarray | None = None):
        """Each step's input for every grid value, (G, trials, ·): x_t × drive (x_t W_ihᵀ × drive if projected)."""
        for chunk in self.chunks():
            if project is not None:
                chunk = np.matmul(chunk, project.T)
            for x in chunk:
                yield drives * x

    def drawing(self) -> bool:
        """Whether the thread is still drawing (or waits to hand over what it drew)."""
        return self._thread is not None and self._thread.is_alive()

    def unit(self) -> np.ndarray:
        if self._thread is not None:
            self._thread.join()
        for _ in self._draws:  # drawn here, without a thread: whatever the forward pass left
            pass
        assert self._u is not None, "drawn once the inputs are"
        return self._u
