"""The simulator's clock: real time, or frozen at a value tests choose."""

import threading
import time

from . import arguments

# The clock stays within what Satori's dates can show: 1970 to the end of year 9999 (``createTime`` is a calendar date).
MAX_MS = 253_402_300_799_999


class Clock:
    """Milliseconds since the epoch; ``start`` is None (real time), an int (frozen there) or a callable returning ms."""

    def __init__(self, start=None):
        self._lock = threading.Lock()
        self._source = None
        self._frozen = None
        if callable(start):
            self._source = start
        elif start is not None:
            self._frozen = arguments.integer('clock', start, 0, MAX_MS)

    def now_ms(self) -> int:
        with self._lock:
            if self._frozen is not None:
                return self._frozen
            if self._source is not None:
                return int(self._source())
            return time.time_ns() // 1_000_000

    def set(self, ms) -> None:
        """Freezes the clock at ``ms``; None goes back to real time."""
        if ms is not None:
            arguments.integer('ms', ms, 0, MAX_MS)
        with self._lock:
            self._source = None
            self._frozen = ms

    def advance(self, ms: int) -> int:
        """Moves the clock by ``ms`` (back, if negative), freezing it where it lands; returns the new time."""
        target = self.now_ms() + arguments.integer('advanceMs', ms, -MAX_MS, MAX_MS)
        self.set(arguments.integer('the clock after advancing', target, 0, MAX_MS))
        return target

    @property
    def frozen(self) -> bool:
        return self._frozen is not None
