"""How the command line talks to a person: exit codes, failures in one sentence, tables, JSON and progress bars.

Every command reports a failure by raising ``CommandFailed`` (or letting a
``KeyboardInterrupt`` through); ``cli.main`` turns it into a sentence on stderr,
or a JSON error object on stdout with ``--json``, and its exit code. A
sentence names the cause and the fix; a traceback is never shown, except for a
bug when ``--traceback`` asks for it.
"""

import contextlib
import http.client
import json
import re
import socket
import ssl
import sys

import ccxt
from tqdm import tqdm

OK = 0            # done: every id ended closed (cancelled, filled or expired); verify: every answer held
SOME_OPEN = 1     # done, but some order is still open, some id was not found, or some state is unknown; verify: some answer differed
USAGE = 2         # nothing was sent: the command line or the environment is wrong
FAILED = 3        # a request failed (server unreachable, maintenance, refused ...), or the simulator could not start
INTERNAL = 4      # a bug in satori-ccxt
INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it)
CLOSED_PIPE = 141  # the reader of stdout went away (128 + SIGPIPE, what a shell reports for `yes | head`)

EXIT_CODES = {OK: 'done; every id ended cancelled, filled or expired (verify: every answer held)',
              SOME_OPEN: 'done, but some order is still open, some id was not found, or some state is unknown '
                         '(verify: some answer differed)',
              USAGE: 'bad usage: nothing was sent (a wrong option, a malformed id, key or URL, missing credentials)',
              FAILED: 'a request failed (server unreachable, maintenance, refused), or the simulator could not start',
              INTERNAL: 'a bug in satori-ccxt (--traceback shows where)',
              INTERRUPTED: 'interrupted by Ctrl-C',
              CLOSED_PIPE: 'the reader of the output went away (a closed pipe)'}


# How a table (and --json) names the statuses that are not ccxt's plain words.
STATUS_WORDS = {None: 'unknown', 'rejected': 'not found'}


class CommandFailed(Exception):
    """A failure the command line reports as ``message`` (cause and fix) with ``exit_code``.

    ``orders`` (ccxt order structures, status None where unknown) is printed as
    the table of every id's known state; ``kind`` names the failure in JSON
    (the ccxt exception class, or ``UsageError``).
    """

    def __init__(self, message, exit_code, kind='UsageError', orders=None):
        super().__init__(message)
        self.message, self.exit_code, self.kind, self.orders = message, exit_code, kind, orders


# ----- what went wrong, in one sentence -------------------------------------------------------


def _causes(error):
    """``error`` and every exception behind it: causes, contexts, urllib3's ``reason`` and exceptions carried as arguments."""
    found, pending = [], [error]
    while pending:
        current = pending.pop(0)
        if not isinstance(current, BaseException) or any(current is seen for seen in found):
            continue
        found.append(current)
        pending.extend([current.__cause__, current.__context__, getattr(current, 'reason', None), *current.args])
    return found


def network_cause(error):
    """What happened on the wire, in words (``'connection refused'`` ...), or None when no socket error is behind ``error``."""
    causes = _causes(error)
    for kind, words in ((ConnectionRefusedError, 'connection refused'),
                        (socket.gaierror, 'the host name does not resolve'),
                        (ssl.SSLError, 'the TLS handshake failed'),
                        (TimeoutError, 'no answer in time'),
                        ((ConnectionResetError, ConnectionAbortedError, BrokenPipeError, http.client.RemoteDisconnected,
                          http.client.IncompleteRead), 'the connection was dropped before an answer')):
        if any(isinstance(cause, kind) for cause in causes):
            return words
    errors = [cause for cause in causes if isinstance(cause, OSError) and cause.strerror]
    return errors[-1].strerror.lower() if errors else None


_FIXES = {
    'connection refused': 'check the address (--url) and that the server is running; `satori-ccxt simulate` starts a local one',
    'the host name does not resolve': 'check the address (--url) and your network',
    'the TLS handshake failed': 'check the address (--url): a local simulator speaks http://, Satori https://',
    'no answer in time': 'the server or the network is slow or down; try again',
    'the connection was dropped before an answer': 'the request may or may not have been carried out; try again',
}


def _detail(error) -> str:
    """What the server said, as the innermost ccxt error tells it: ``2329 System maintenance``, ``HTTP 502 Bad Gateway`` ..."""
    while isinstance(error.__cause__, ccxt.BaseError):   # the original, not a wrapper that adds Python-API remarks
        error = error.__cause__
    text = re.sub(r'^\w+ (?:(?:GET|POST|PUT|DELETE) \S+ ?)?', '', str(error))   # "satori POST http://... " names the request
    return text.strip()[:200]


def _unreachable(url, cause) -> str:
    return f'cannot talk to {url}: {cause}; {_FIXES.get(cause, "check the address (--url) and your network")}'


def explain(error, url) -> str:
    """A sentence with the cause of a ccxt ``error`` raised while talking to ``url``, and what to do about it."""
    detail = _detail(error)
    said = f' ({detail})' if detail else ''
    if isinstance(error, ccxt.NetworkError) and not isinstance(error, (ccxt.DDoSProtection, ccxt.ExchangeNotAvailable)):
        cause = network_cause(error) or ('no answer in time' if isinstance(error, ccxt.RequestTimeout) else None)
        return _unreachable(url, cause) if cause else f'the request to {url} failed{said}: check your network and try again'
    if isinstance(error, ccxt.OnMaintenance):
        return f'Satori is under maintenance{said}: try again later'
    if isinstance(error, ccxt.DDoSProtection):
        return f'Satori is limiting requests{said}: wait a minute, then try again'
    if isinstance(error, ccxt.ExchangeNotAvailable):
        return f'Satori is not available{said}: try again later'
    if isinstance(error, ccxt.BadResponse):
        return f'{url} did not answer as Satori does{said}: check that the address (--url) is a Satori server'
    if isinstance(error, ccxt.AuthenticationError):
        return (f'Satori refused the credentials{said}: SATORI_API_KEY and SATORI_SECRET must be the API key and the private key '
                f'of the same API wallet (and a testnet key needs --testnet)')
    cause = network_cause(error)   # ccxt reports a TLS failure or too many redirects as a plain ExchangeError
    return _unreachable(url, cause) if cause else f'Satori refused the request{said}'


# ----- output --------------------------------------------------------------------------------


def order_rows(orders) -> list:
    """(id, status, Satori's code and message where it said no) for each order.

    The status is ccxt's, but ``unknown`` where it is not known and ``not found`` for an id Satori does not know
    (``'rejected'``); for an id whose cancel Satori refused, the note is the refusal.
    """
    rows = []
    for order in orders:
        info = order.get('info') or {}
        answer = (info.get('cancel') or {}) if 'cancel' in info else info   # a refused id's info holds the refusal and the query
        note = f'{answer.get("code")} {answer.get("msg")}' if answer.get('error') is True else ''
        rows.append({'id': order['id'], 'status': STATUS_WORDS.get(order['status'], order['status']), 'note': note})
    return rows


def print_table(rows, columns) -> None:
    widths = {column: max([len(column)] + [len(str(row[column])) for row in rows]) for column in columns}
    print('  '.join(column.ljust(widths[column]) for column in columns).rstrip())
    for row in rows:
        print('  '.join(str(row[column]).ljust(widths[column]) for column in columns).rstrip())


def print_json(document) -> None:
    print(json.dumps(document))


def error_document(kind, message, exit_code, rows=None) -> dict:
    """The JSON a ``--json`` command prints on stdout when it fails: the error, and every id's known state."""
    return {'error': {'type': kind, 'message': message, 'exit_code': exit_code}, 'orders': rows or []}


def say(message) -> None:
    print(f'satori-ccxt: {message}', file=sys.stderr, flush=True)


# ----- progress ------------------------------------------------------------------------------


def _stderr_is_a_terminal() -> bool:
    return sys.stderr is not None and sys.stderr.isatty()


def progress(description, unit, total=None) -> tqdm:
    """A progress bar on stderr, drawn only when stderr is a terminal (never into a pipe, a file or a log).

    A context manager: ``with progress('cancelling', ' ids', total=len(ids)) as bar: ... bar.update(1)``;
    it is erased when the work ends, so the results print on a clean line.
    """
    return tqdm(desc=description, unit=unit, unit_scale=False, total=total, file=sys.stderr,
                disable=not _stderr_is_a_terminal(), leave=False, dynamic_ncols=True)


@contextlib.contextmanager
def settled_progress(description, total):
    """A progress bar of the ids settled out of ``total``; yields the ``progress(settled, total)`` callback cancel_orders calls."""
    with progress(description, ' ids', total=total) as bar:
        def settled(count, _total):
            bar.update(count - bar.n)
        yield settled


@contextlib.contextmanager
def request_progress(exchange, description):
    """A progress bar counting the HTTP requests a sync ``exchange`` makes inside the block (through requests' response hook)."""
    with progress(description, ' requests') as bar:
        def count(response, *args, **kwargs):
            bar.update(1)
        hooks = exchange.session.hooks['response']
        hooks.append(count)
        try:
            yield bar
        finally:
            hooks.remove(count)
