"""The ``satori-ccxt`` command line: the demo, batch cancel for operators, and the simulator.

    satori-ccxt demo                         cancel_orders against an embedded simulator, end to end
    satori-ccxt cancel ID [ID ...]           cancel orders; credentials from SATORI_API_KEY / SATORI_SECRET
    satori-ccxt verify [--trade] [--record DIR]   check Satori's answers against the shapes the package relies on
    satori-ccxt simulate [--port 8123]       run a local Satori until interrupted
    satori-ccxt fault KIND --url URL ...     inject a fault into a running simulator
    satori-ccxt freqtrade ARGS ...           freqtrade's own command line, with Satori registered first

Exit codes are ``console.EXIT_CODES``; no path ends in a traceback (``--traceback``
shows one for a bug). How failures, tables, JSON and progress look is ``console.py``.
"""

import argparse
import contextlib
import errno
import ipaddress
import os
import sys
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import ccxt

from . import __version__, arguments, recording
from .console import (
    CLOSED_PIPE,
    EXIT_CODES,
    FAILED,
    INTERNAL,
    INTERRUPTED,
    OK,
    SOME_OPEN,
    USAGE,
    CommandFailed,
    error_document,
    explain,
    network_cause,
    order_rows,
    print_json,
    print_table,
    request_progress,
    say,
    settled_progress,
)
from .exchange import satori

CLOSED_STATUSES = ('canceled', 'closed', 'expired')
DEFAULT_PORT = 8123
FAULT_KINDS = ('latency', 'http_5xx', 'http_429', 'code_2008', 'maintenance', 'drop', 'non_json_200')


# ----- argument types: a bad value is a usage error that says what a good one looks like ------------


def server_url(text) -> str:
    parts = urlsplit(text)
    if parts.scheme not in ('http', 'https') or not parts.netloc:
        raise argparse.ArgumentTypeError(f'{text!r} is not an http(s) URL: add http:// or https:// (e.g. http://127.0.0.1:{DEFAULT_PORT})')
    return text.rstrip('/')


def port_number(text) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f'{text!r} is not a port number: use 1 to 65535, or 0 for any free port')
    return int(text)


def positive_number(kind):
    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not value > 0:
            raise argparse.ArgumentTypeError(f'{text!r} is not a positive {"whole " if kind is int else ""}number')
        return value
    parse.__name__ = kind.__name__
    return parse


class Parser(argparse.ArgumentParser):
    """argparse, with errors raised (so that ``--json`` can still answer in JSON) instead of printed and exited on.

    Options are spelled out in full (no ``--js`` for ``--json``): ``main`` looks for ``--json`` and ``--traceback``
    before parsing, so that even a parse error answers as asked.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, allow_abbrev=False, **kwargs)

    def error(self, message):
        raise CommandFailed(f'{message} (see: {self.prog} --help)', USAGE)


# ----- cancel ------------------------------------------------------------------------------


def _every_id(order_ids, orders) -> list:
    """One order per requested id, in order: the known ones from ``orders``, status None for the rest (nothing lost)."""
    known = {order['id']: order for order in orders or []}
    return [known.get(order_id) or {'id': order_id, 'status': None, 'info': {}} for order_id in order_ids]


def _unknown_remark(orders) -> str:
    unknown = sum(order['status'] is None for order in orders)
    if not unknown:
        return ''
    return (f'; {unknown} of {len(orders)} ids are in an unknown state (marked unknown): cancelling is idempotent, '
            f'so run the same command again to settle them')


CREDENTIALS_MISSING = ('set SATORI_API_KEY (the st_... API key) and SATORI_SECRET (the API wallet private key) in the environment; '
                       'they are never taken from the command line, where other users could read them')


def credentials(required: bool):
    """The API key and private key from the environment (and SATORI_WALLET_ADDRESS to check them), or None when neither is set."""
    api_key, secret = os.environ.get('SATORI_API_KEY'), os.environ.get('SATORI_SECRET')
    if not api_key and not secret and not required:
        return None
    if not api_key or not secret:
        raise CommandFailed(CREDENTIALS_MISSING, USAGE)
    config = {'apiKey': api_key, 'secret': secret}
    if os.environ.get('SATORI_WALLET_ADDRESS'):
        config['walletAddress'] = os.environ['SATORI_WALLET_ADDRESS']
    return config


def exchange_for(args, config):
    """A client of the server the options name (mainnet, ``--testnet``, ``--url``); a malformed key stops here, before anything is sent."""
    config = dict(config or {})
    if args.url:
        config['urls'] = {'api': {'public': args.url, 'private': args.url}}
    elif args.testnet:
        config['sandbox'] = True
    exchange = satori(config)
    if 'apiKey' in config:
        try:
            exchange.signer()
        except ccxt.BaseError as error:
            raise CommandFailed(str(error), USAGE, type(error).__name__) from None
    return exchange


def cancel(args) -> int:
    exchange = exchange_for(args, credentials(required=True))
    url = exchange.urls['api']['private']
    try:
        order_ids = arguments.order_ids(args.ids)
    except ccxt.BaseError as error:
        raise CommandFailed(str(error), USAGE, type(error).__name__) from None
    try:
        with settled_progress('cancel_orders', len(order_ids)) as settled:
            orders = exchange.cancel_orders(order_ids, None, {'progress': settled})
    except ccxt.BaseError as error:
        orders = _every_id(order_ids, getattr(error, 'orders', None))
        raise CommandFailed(explain(error, url) + _unknown_remark(orders), FAILED, type(error).__name__, orders) from None
    except KeyboardInterrupt as interruption:
        interruption.orders = _every_id(order_ids, getattr(interruption, 'orders', None))
        raise
    rows = order_rows(_every_id(order_ids, orders))
    if args.json:
        print_json(rows)
    else:
        print_table(rows, ['id', 'status', 'note'])
    return OK if all(row['status'] in CLOSED_STATUSES for row in rows) else SOME_OPEN


# ----- verify --------------------------------------------------------------------------------


def _is_loopback(url) -> bool:
    """Whether ``url`` names this machine (a local simulator): besides the testnet, the only place --trade may place an order."""
    host = urlsplit(url).hostname or ''
    try:
        return host == 'localhost' or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _record_directory(text) -> Path:
    """The directory --record writes to, made if missing; vcrpy and the directory are checked before anything is sent."""
    if not recording.available():
        raise CommandFailed(f'--record needs vcrpy, which the record extra installs: {recording.INSTALL}', USAGE)
    directory = Path(text)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandFailed(f'--record {text}: cannot make that directory ({error.strerror or error})', USAGE) from None
    return directory


def _print_report(report, secrets, cassette) -> None:
    offset = '' if report.clock_offset_ms is None else f', clock offset {report.clock_offset_ms} ms'
    print(secrets.redact(f'satori-ccxt verify: {report.url}, pair {report.symbol or "none"}{offset}'))
    print('credentials: ' + ('from SATORI_API_KEY and SATORI_SECRET' if report.credentials else
                             'none (SATORI_API_KEY and SATORI_SECRET are not set): only the public endpoints were asked') + '\n')
    print_table(secrets.redact(report.rows()), list(report.COLUMNS))
    print()
    for line in report.summary():
        print(secrets.redact(line))
    if cassette is not None:
        print(f'recorded to {cassette} (the API key and the signatures replaced by placeholders)')


def verify(args) -> int:
    from .verify import Probe, Secrets, Unreachable
    if args.trade and not (args.testnet or (args.url and _is_loopback(args.url))):
        raise CommandFailed('--trade places a real order: it runs on the testnet (--testnet) or on a local simulator '
                            f'(--url http://127.0.0.1:{DEFAULT_PORT}) only', USAGE)
    config = credentials(required=args.trade)
    exchange = exchange_for(args, config)
    directory = _record_directory(args.record) if args.record else None
    url = exchange.urls['api']['public']
    secrets = Secrets(exchange)
    probe = Probe(exchange, url, config is not None, args.symbol)
    cassette = None
    try:
        with contextlib.ExitStack() as stack:
            if directory is not None:
                cassette = stack.enter_context(recording.recorded(recording.cassette_path(directory, url), secrets.redact, secrets.held_in))
            stack.enter_context(request_progress(exchange, 'verify'))
            report = probe.run(trade=args.trade)
    except Unreachable as unreachable:
        raise CommandFailed(secrets.redact(str(unreachable)), FAILED, type(unreachable.error).__name__) from None
    except recording.SecretInCassette as leaked:
        raise CommandFailed(f'{leaked}: nothing was kept; please report this', INTERNAL, type(leaked).__name__) from None
    except KeyboardInterrupt as interruption:
        trade = probe.report.trade if probe.report is not None else None
        if trade is not None and trade.order_id is not None:
            interruption.orders = [{'id': trade.order_id, 'status': None if trade.left_open else 'canceled', 'info': {}}]
        raise
    if args.symbol is not None and report.symbol is None and exchange.markets:
        raise CommandFailed(f'{url} lists no pair {args.symbol}; it lists {", ".join(exchange.symbols)}', USAGE)
    if args.json:
        print_json(secrets.redact({**report.as_json(), 'cassette': None if cassette is None else str(cassette)}))
    else:
        _print_report(report, secrets, cassette)
    if report.trade is not None and report.trade.left_open:
        say(f'the order {report.trade.order_id} that --trade placed may still be open: '
            f'satori-ccxt cancel {"--url " + args.url if args.url else "--testnet"} {report.trade.order_id}')
    return FAILED if report.failed else SOME_OPEN if report.differed else OK


# ----- simulate and fault ---------------------------------------------------------------------


def simulator_settings(args) -> dict:
    """The Simulator arguments that the demo's and simulate's common options set."""
    return {'seed': args.seed, 'batch_failure_signal': args.batch_failure_signal, 'unknown_order_answer': args.unknown_order_answer}


def simulate(args) -> int:
    from satori_simulator import Simulator
    try:
        sim = Simulator(port=args.port, **simulator_settings(args)).start()
    except OSError as error:
        in_use = error.errno == errno.EADDRINUSE
        why = 'is already in use (another simulator?)' if in_use else f'cannot be served ({error.strerror or error})'
        raise CommandFailed(f'port {args.port} on 127.0.0.1 {why}: pick another with --port, or --port 0 for any free one',
                            FAILED) from None
    try:
        print(f'Satori simulator at {sim.url}')
        print(f'  SATORI_API_KEY={sim.api_key}')
        print(f'  SATORI_SECRET={sim.secret}   (a throwaway key of this simulator, derived from --seed)')
        print(f'  wallet {sim.wallet_address}')
        print(f'try: SATORI_API_KEY=... SATORI_SECRET=... satori-ccxt cancel --url {sim.url} ID ...   (Ctrl-C stops)', flush=True)
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return OK   # Ctrl-C is how a simulator is meant to end
    finally:
        sim.stop()


def fault(args) -> int:
    import requests
    body = {'kind': args.kind, 'path': args.path, 'count': args.count, 'duration': args.duration}
    if args.status is not None:
        body['status'] = args.status
    if args.seconds is not None:
        body['seconds'] = args.seconds
    try:
        response = requests.post(args.url + '/__sim/faults', json=body, timeout=10)
    except requests.RequestException as error:
        cause = network_cause(error) or type(error).__name__
        raise CommandFailed(f'cannot reach the simulator at {args.url}: {cause}: is `satori-ccxt simulate` running there?',
                            FAILED) from None
    if response.status_code != 200:
        try:
            reason = response.json()['error']
        except (ValueError, KeyError, TypeError):
            reason = f'HTTP {response.status_code} {response.text[:200]}'
        raise CommandFailed(f'the simulator at {args.url} refused the fault: {reason}', USAGE)
    print(f'injected {args.kind}')
    return OK


# ----- demo ----------------------------------------------------------------------------------


def demo(args) -> int:
    from satori_simulator import Simulator
    with Simulator(**simulator_settings(args)) as sim:
        exchange = satori({'apiKey': sim.api_key, 'secret': sim.secret, 'urls': {'api': {'public': sim.url, 'private': sim.url}}})
        scenario = []
        for index in range(8):
            order_id = sim.place_order(sim.api_key, pair='ETH-USD', side='buy', price=str(1000 + 10 * index), quantity='0.1')
            scenario.append([str(order_id), 'still open'])
        happenings = {1: ('filled before the cancel', sim.fill), 3: ('cancelled behind the bot\'s back', sim.cancel_behind_back),
                      5: ('refused by Satori (2319)', sim.refuse_cancel), 6: ('expired', sim.expire)}
        for index, (what, make_it_happen) in happenings.items():
            make_it_happen(int(scenario[index][0]))
            scenario[index][1] = what
        scenario.append([str(int(scenario[0][0]) - 1), 'never existed'])   # the simulator gives out ids upwards from the first
        sim.clear_requests()
        started = time.perf_counter()
        with settled_progress('cancel_orders', len(scenario)) as settled:
            orders = exchange.cancel_orders([order_id for order_id, _ in scenario], None, {'progress': settled})
        elapsed = time.perf_counter() - started
        rows = []
        for (order_id, what), row in zip(scenario, order_rows(orders), strict=True):
            rows.append({'id': order_id, 'before cancel_orders': what, 'reported': row['status'],
                         'server says': sim.order_status(int(order_id)) or 'no such order', "Satori's last answer": row['note']})
        print(f'cancel_orders on {len(rows)} ids against the embedded Satori simulator ({sim.url}):\n')
        print_table(rows, ['id', 'before cancel_orders', 'reported', 'server says', "Satori's last answer"])
        paths = Counter(record.path.rpartition('/')[2] for record in sim.requests)
        still_open = [row['id'] for row in rows if row['server says'] == 'open' and row['reported'] != 'open']
        print(f'\n{len(sim.requests)} requests ({paths["batchCancelEntrust"]} batch cancels, {paths["cancelEntrust"]} single cancels, '
              f'{paths["queryOrder"]} state queries) in {elapsed * 1000:.0f} ms, paced by ccxt\'s rate limiter '
              f'({exchange.rateLimit} ms between requests)')
        print(f'every id accounted for: {len(orders) == len(rows)}; cancellable orders left open: {len(still_open)}')
        return OK if not still_open and len(orders) == len(rows) else SOME_OPEN


# ----- the parser and main ---------------------------------------------------------------------


def build_parser() -> Parser:
    exit_codes = '\n'.join(f'  {code:<3} {meaning}' for code, meaning in EXIT_CODES.items())
    parser = Parser(prog='satori-ccxt', description='Satori Finance for ccxt users and operators.',
                    epilog=f'exit codes:\n{exit_codes}', formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--version', action='version', version=f'satori-ccxt {__version__}')
    parser.add_argument('--traceback', action='store_true', help="on a bug in satori-ccxt, show Python's traceback (for a bug report)")
    commands = parser.add_subparsers(dest='command', required=True, metavar='COMMAND',
                                     help='what to do; satori-ccxt COMMAND --help tells more')

    def simulator_options(subparser):
        subparser.add_argument('--seed', type=int, default=1,
                               help="the simulator's seed: its keys, order ids and prices derive from it (default: %(default)s)")
        subparser.add_argument('--batch-failure-signal', choices=['code', 'data_false'], default='code',
                               help="how a batch cancel that stops at an order it cannot cancel answers: that order's error code, "
                                    "or code 200 with data false (default: %(default)s)")
        subparser.add_argument('--unknown-order-answer', choices=['2319', '2001'], default='2319',
                               help='how a cancel answers an id that is none of the account\'s orders: 2319 "order does not exist", '
                                    'or 2001 "Illegal parameter:entrustId" (default: %(default)s)')

    demo_parser = commands.add_parser('demo', help='cancel_orders end to end against an embedded simulator')
    simulator_options(demo_parser)
    demo_parser.set_defaults(run=demo)

    cancel_parser = commands.add_parser('cancel', help='cancel orders by id (credentials from SATORI_API_KEY / SATORI_SECRET)',
                                        description='Cancel orders by id and print the true state of every id. The API key and '
                                                    'private key come from SATORI_API_KEY and SATORI_SECRET (and, to check them, '
                                                    'SATORI_WALLET_ADDRESS), never from the command line.')
    cancel_parser.add_argument('ids', nargs='+', metavar='ID', help='order ids (entrustId), decimal')
    where = cancel_parser.add_mutually_exclusive_group()
    where.add_argument('--testnet', action='store_true', help='zk-test.satori.finance instead of zksync.satori.finance (default: mainnet)')
    where.add_argument('--url', type=server_url,
                       help=f'another server, e.g. a simulator at http://127.0.0.1:{DEFAULT_PORT} (default: mainnet)')
    cancel_parser.add_argument('--json', action='store_true',
                               help='print JSON on stdout: the list of results, or on failure an object with the error and '
                                    'every id\'s known state (default: a table)')
    cancel_parser.set_defaults(run=cancel)

    verify_parser = commands.add_parser(
        'verify', help="check Satori's answers against the shapes the package relies on (credentials, if any, from SATORI_API_KEY / "
                       'SATORI_SECRET)',
        description='Ask every read endpoint the package uses and check each answer against the shape the package relies on: a table '
                    'of what held, what differed field by field, and what the package does about it. With SATORI_API_KEY and '
                    'SATORI_SECRET set, the private endpoints too; without them, the public ones only. No key, secret or '
                    'signature is ever printed or recorded.')
    where = verify_parser.add_mutually_exclusive_group()
    where.add_argument('--testnet', action='store_true', help='zk-test.satori.finance instead of zksync.satori.finance (default: mainnet)')
    where.add_argument('--url', type=server_url,
                       help=f'another server, e.g. a simulator at http://127.0.0.1:{DEFAULT_PORT} (default: mainnet)')
    verify_parser.add_argument('--symbol', help='the pair to ask about, e.g. ETH/USD:USD or ETH-USD (default: the first active pair)')
    verify_parser.add_argument('--trade', action='store_true',
                               help='also place one post-only buy of the minimum amount at half the best bid, see it, cancel it and see '
                                    'it gone; testnet or a local simulator only (default: read only)')
    verify_parser.add_argument('--record', metavar='DIR',
                               help=f'also write a vcrpy cassette of every request to DIR, the API key and signatures replaced by '
                                    f'placeholders (needs the record extra: {recording.INSTALL}) (default: none)')
    verify_parser.add_argument('--json', action='store_true', help='print one JSON document on stdout (default: a table)')
    verify_parser.set_defaults(run=verify)

    simulate_parser = commands.add_parser('simulate', help='run a local Satori simulator until Ctrl-C')
    simulate_parser.add_argument('--port', type=port_number, default=DEFAULT_PORT,
                                 help='the port on 127.0.0.1 to serve on; 0 picks a free one (default: %(default)s)')
    simulator_options(simulate_parser)
    simulate_parser.set_defaults(run=simulate)

    fault_parser = commands.add_parser('fault', help='inject a fault into a running simulator')
    fault_parser.add_argument('kind', choices=FAULT_KINDS, help='what the matching requests get instead of an answer')
    fault_parser.add_argument('--url', type=server_url, required=True, help=f'the simulator, e.g. http://127.0.0.1:{DEFAULT_PORT}')
    fault_parser.add_argument('--path', help='only requests to this path, e.g. /api/third/order/batchCancelEntrust (default: any)')
    fault_parser.add_argument('--count', type=positive_number(int), default=1,
                              help='for the next N matching requests (default: %(default)s)')
    fault_parser.add_argument('--duration', type=positive_number(float),
                              help='for this many seconds instead of a count (default: use --count)')
    fault_parser.add_argument('--status', type=int, help='the HTTP status of http_5xx, 500 to 599 (default: 502)')
    fault_parser.add_argument('--seconds', type=positive_number(float), help='the delay of latency, required for it (default: none)')
    fault_parser.set_defaults(run=fault)

    commands.add_parser('freqtrade', help='run freqtrade (any subcommand and flags) with Satori registered: '
                                          'satori-ccxt freqtrade trade -c config.json', add_help=False)
    return parser


def _freqtrade(argv) -> int:
    try:
        from .freqtrade import main as freqtrade_main
    except ImportError as missing:
        raise CommandFailed(str(missing), USAGE) from None
    return freqtrade_main(argv)


def _report(failure, json_wanted) -> int:
    rows = order_rows(failure.orders) if failure.orders else []
    if json_wanted:
        print_json(error_document(failure.kind, failure.message, failure.exit_code, rows))
    elif rows:
        print_table(rows, ['id', 'status', 'note'])
    say(failure.message)
    return failure.exit_code


def _run(argv, json_wanted, show_traceback) -> int:
    try:
        if argv[:1] == ['freqtrade']:   # everything after it belongs to freqtrade, untouched
            return _freqtrade(argv[1:])
        args = build_parser().parse_args(argv)
        return args.run(args)
    except CommandFailed as failure:
        return _report(failure, json_wanted)
    except KeyboardInterrupt as interruption:
        orders = getattr(interruption, 'orders', None)
        message = 'interrupted by Ctrl-C' + (_unknown_remark(orders) if orders else '')
        return _report(CommandFailed(message, INTERRUPTED, 'KeyboardInterrupt', orders), json_wanted)
    except BrokenPipeError:
        raise
    except Exception as bug:
        if show_traceback:
            raise
        message = f'a bug in satori-ccxt: {type(bug).__name__}: {bug}; run again with --traceback and report what it shows'
        return _report(CommandFailed(message, INTERNAL, type(bug).__name__), json_wanted)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    ours = [] if argv[:1] == ['freqtrade'] else argv   # freqtrade's own flags are not ours
    try:
        try:
            code = _run(argv, '--json' in ours, '--traceback' in ours)
        except SystemExit as done:   # --help and --version print, then exit
            code = done.code
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # The reader went away (`satori-ccxt demo | head -1`): nothing more can be said on stdout, and Python must not try again at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return CLOSED_PIPE
    except KeyboardInterrupt:   # a second Ctrl-C while the first one was being reported
        return INTERRUPTED


if __name__ == '__main__':
    sys.exit(main())
