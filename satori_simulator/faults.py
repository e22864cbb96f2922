"""Injected faults: what a network, a gateway or a busy Satori does to a request.

A fault matches one path (or every path), for its next ``count`` requests or
for ``duration`` seconds of real time, after letting the first ``skip`` of them
through (a failure in the middle of a sequence, e.g. the second batch of a cancel). ``latency`` delays a request and lets
it through; every other kind replaces the answer. With ``processed=True``
(any kind but latency) the request is carried out first and only its answer
is replaced: a cancel that went through but whose answer was lost.

Bounds: a latency of at most ``MAX_LATENCY_SECONDS``, a duration of at most
``MAX_DURATION_SECONDS``; a bad argument is a ValueError naming it.
"""

import threading
import time
from dataclasses import dataclass, field

from . import arguments
from .codes import SatoriError

KINDS = ('latency', 'http_5xx', 'http_429', 'code_2008', 'maintenance', 'drop', 'non_json_200')
_OPTIONS = {
    'latency': {'seconds'},
    'http_5xx': {'status', 'processed'},
    'http_429': {'retry_after', 'processed'},
    'code_2008': {'detail', 'processed'},
    'maintenance': {'processed'},
    'drop': {'processed'},
    'non_json_200': {'body', 'processed'},
}
MAX_LATENCY_SECONDS = 3600
MAX_DURATION_SECONDS = 86_400
MAX_COUNT = 10 ** 9
MAX_TEXT = 10_000   # characters of a fault's ``detail``, ``body`` or ``path``
_GATEWAY_PAGE = '<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n' \
                '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'
_REASONS = {500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out'}


@dataclass(frozen=True)
class RawReply:
    """An answer that is not a Satori envelope."""
    status: int
    text: str
    content_type: str
    headers: dict = field(default_factory=dict)


DROP = object()  # close the connection without answering


@dataclass
class Fault:
    kind: str
    path: str
    remaining: int       # None: any number of requests until ``deadline``
    deadline: float      # time.monotonic() after which it is spent; None: until ``remaining`` runs out
    options: dict
    skip: int = 0        # matching requests still to let through untouched

    @property
    def processed(self) -> bool:
        return bool(self.options.get('processed'))

    def spent(self, now: float) -> bool:
        return (self.remaining is not None and self.remaining <= 0) or (self.deadline is not None and now >= self.deadline)

    def reply(self):
        """What the client gets instead of Satori's answer: a ``SatoriError``, a ``RawReply`` or ``DROP``."""
        if self.kind == 'http_5xx':
            status = self.options.get('status', 502)
            return RawReply(status, _GATEWAY_PAGE.format(status=status, reason=_REASONS.get(status, 'Server Error')), 'text/html')
        if self.kind == 'http_429':
            headers = {'Retry-After': str(self.options['retry_after'])} if 'retry_after' in self.options else {}
            return RawReply(429, 'Too Many Requests', 'text/plain', headers)
        if self.kind == 'code_2008':
            return SatoriError(2008, self.options.get('detail', 'please try again later'))
        if self.kind == 'maintenance':
            return SatoriError(2329)
        if self.kind == 'non_json_200':
            return RawReply(200, self.options.get('body', '<html><body>Service temporarily unavailable</body></html>'), 'text/html')
        return DROP

    def describe(self, now: float) -> dict:
        return {'kind': self.kind, 'path': self.path, 'remaining': self.remaining, 'skip': self.skip,
                'secondsLeft': None if self.deadline is None else max(self.deadline - now, 0.0), **self.options}


def normalise_path(path):
    if path is None:
        return None
    return path if path.startswith('/') else '/' + path


class Faults:
    """The faults in force. ``monotonic`` is the clock durations run on (seconds); tests may replace it with one they move."""

    def __init__(self, monotonic=time.monotonic):
        self.monotonic = monotonic
        self._lock = threading.Lock()
        self._faults = []

    def add(self, kind, path=None, count=1, duration=None, skip=0, **options) -> Fault:
        """Adds a fault; with ``duration`` (seconds) it applies to every matching request until then, whatever ``count``."""
        if kind not in KINDS:
            raise ValueError(f'unknown fault kind {kind!r}; one of {", ".join(KINDS)}')
        unknown = set(options) - _OPTIONS[kind]
        if unknown:
            raise ValueError(f'fault {kind!r} takes no option {", ".join(sorted(unknown))}')
        if path is not None:
            arguments.text('path', path, MAX_TEXT)
        if duration is None:
            arguments.integer('count', count, 1, MAX_COUNT)
        else:
            duration = arguments.number('duration', duration, 0, MAX_DURATION_SECONDS)
        arguments.integer('skip', skip, 0, MAX_COUNT)
        _check_options(kind, options)
        deadline = None if duration is None else self.monotonic() + duration
        fault = Fault(kind, normalise_path(path), None if duration is not None else count, deadline, options, skip)
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, path: str) -> tuple:
        """(latency fault, other fault) that apply to this request, each counted as used; either may be None."""
        now = self.monotonic()
        with self._lock:
            self._faults = [fault for fault in self._faults if not fault.spent(now)]
            latency = other = None
            for fault in self._faults:
                if fault.path is not None and fault.path != path:
                    continue
                if fault.skip:
                    fault.skip -= 1
                    continue
                if fault.kind == 'latency' and latency is None:
                    latency = fault
                elif fault.kind != 'latency' and other is None:
                    other = fault
            for fault in (latency, other):
                if fault is not None and fault.remaining is not None:
                    fault.remaining -= 1
            return latency, other

    def describe(self) -> list:
        now = self.monotonic()
        with self._lock:
            return [fault.describe(now) for fault in self._faults if not fault.spent(now)]


def _check_options(kind: str, options: dict) -> None:
    if kind == 'latency':
        if 'seconds' not in options:
            raise ValueError('a latency fault needs seconds=<number>')
        arguments.number('seconds', options['seconds'], 0, MAX_LATENCY_SECONDS)
    if kind == 'http_5xx':
        arguments.integer('status', options.setdefault('status', 502), 500, 599)
    if 'retry_after' in options:
        arguments.integer('retry_after', options['retry_after'], 0, MAX_DURATION_SECONDS)
    for name in ('detail', 'body'):
        if name in options:
            arguments.text(name, options[name], MAX_TEXT)
    if 'processed' in options:
        arguments.flag('processed', options['processed'])
