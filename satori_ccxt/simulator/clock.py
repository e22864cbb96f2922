"""The simulator's clock: real time, or frozen at a value tests choose."""

import threading
import time


class Clock:
    """Milliseconds since the epoch; ``start`` is None (real time), an int (frozen there) or a callable returning ms."""

    def __init__(self, start=None):
        self._lock = threading.Lock()
        self._source = None
        self._frozen = None
        if callable(start):
            self._source = start
        elif start is not None:
            self._frozen = int(start)

    def now_ms(self) -> int:
        with self._lock:
            if self._frozen is not None:
                return self._frozen
            if self._source is not None:
                return int(self._source())
            return time.time_ns() // 1_000_000

    def set(self, ms) -> None:
        """Freezes the clock at ``ms``; None goes back to real time."""
        with self._lock:
            self._source = None
            self._frozen = None if ms is None else int(ms)

    def advance(self, ms: int) -> int:
        """Moves the clock forward by ``ms``, freezing it where it lands; returns the new time."""
        target = self.now_ms() + int(ms)
        self.set(target)
        return target

    @property
    def frozen(self) -> bool:
        return self._frozen is not None
