"""The ``satori-ccxt`` command line: the demo, batch cancel for operators, and the simulator.

    satori-ccxt demo                         cancel_orders against an embedded simulator, end to end
    satori-ccxt cancel ID [ID ...]           cancel orders; credentials from SATORI_API_KEY / SATORI_SECRET
    satori-ccxt simulate [--port 8123]       run a local Satori until interrupted
    satori-ccxt fault KIND --url URL ...     inject a fault into a running simulator
    satori-ccxt freqtrade ARGS ...           freqtrade's own command line, with Satori registered first

Exit codes of ``cancel``: 0 every id ended cancelled or otherwise closed (filled,
expired); 1 some id is still open or its state is unknown; 2 bad usage (missing
credentials, a bad id); 3 the request failed (server unreachable, rejected).
"""

import argparse
import json
import os
import sys
import time

import ccxt

from . import __version__
from .exchange import satori

OK, SOME_OPEN, USAGE, FAILED = 0, 1, 2, 3
CLOSED_STATUSES = ('canceled', 'closed', 'expired')


def _order_rows(orders):
    """(id, status, Satori's code and message where it said no) for each order."""
    rows = []
    for order in orders:
        info = order.get('info') or {}
        note = f'{info.get("code")} {info.get("msg")}' if info.get('error') is True else ''
        rows.append({'id': order['id'], 'status': order['status'] or 'unknown', 'note': note})
    return rows


def _print_table(rows, columns):
    widths = {column: max([len(column)] + [len(str(row[column])) for row in rows]) for column in columns}
    print('  '.join(column.ljust(widths[column]) for column in columns).rstrip())
    for row in rows:
        print('  '.join(str(row[column]).ljust(widths[column]) for column in columns).rstrip())


def _fail(message, code):
    print(f'satori-ccxt: {message}', file=sys.stderr)
    return code


# ----- cancel ------------------------------------------------------------------------------


def cancel(args) -> int:
    api_key, secret = os.environ.get('SATORI_API_KEY'), os.environ.get('SATORI_SECRET')
    if not api_key or not secret:
        return _fail('set SATORI_API_KEY and SATORI_SECRET (the API wallet private key) in the environment', USAGE)
    config = {'apiKey': api_key, 'secret': secret}
    if os.environ.get('SATORI_WALLET_ADDRESS'):
        config['walletAddress'] = os.environ['SATORI_WALLET_ADDRESS']
    if args.url:
        config['urls'] = {'api': {'public': args.url, 'private': args.url}}
    elif args.testnet:
        config['sandbox'] = True
    exchange = satori(config)
    code = OK
    try:
        orders = exchange.cancel_orders(args.ids)
    except ccxt.BaseError as error:
        orders = getattr(error, 'orders', None) or []
        usage = isinstance(error, (ccxt.BadRequest, ccxt.AuthenticationError))
        if not any(order['status'] for order in orders):  # nothing was settled: the error is the whole story
            return _fail(f'{type(error).__name__}: {error}', USAGE if usage else FAILED)
        print(f'satori-ccxt: {type(error).__name__}: {error}', file=sys.stderr)
        code = FAILED
    rows = _order_rows(orders)
    if args.json:
        print(json.dumps(rows))
    else:
        _print_table(rows, ['id', 'status', 'note'])
    if code == OK and any(row['status'] not in CLOSED_STATUSES for row in rows):
        code = SOME_OPEN
    return code


# ----- simulate and fault ---------------------------------------------------------------------


def simulate(args) -> int:
    from .simulator import Simulator
    with Simulator(port=args.port, seed=args.seed, batch_failure_signal=args.batch_failure_signal) as sim:
        print(f'Satori simulator at {sim.url}')
        print(f'  SATORI_API_KEY={sim.api_key}')
        print(f'  SATORI_SECRET={sim.secret}   (a throwaway key of this simulator, derived from --seed)')
        print(f'  wallet {sim.wallet_address}')
        print(f'try: SATORI_API_KEY=... SATORI_SECRET=... satori-ccxt cancel --url {sim.url} ID ...   (Ctrl-C stops)', flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return OK


def fault(args) -> int:
    import requests
    body = {'kind': args.kind, 'path': args.path, 'count': args.count, 'duration': args.duration}
    if args.status is not None:
        body['status'] = args.status
    if args.seconds is not None:
        body['seconds'] = args.seconds
    try:
        response = requests.post(args.url.rstrip('/') + '/__sim/faults', json=body, timeout=10)
    except requests.RequestException as error:
        return _fail(f'cannot reach the simulator at {args.url}: {type(error).__name__}', FAILED)
    if response.status_code != 200:
        return _fail(f'the simulator refused the fault: HTTP {response.status_code} {response.text[:200]}', USAGE)
    print(f'injected {args.kind}')
    return OK


# ----- demo ----------------------------------------------------------------------------------


def demo(args) -> int:
    from .simulator import Simulator
    with Simulator(seed=args.seed, batch_failure_signal=args.batch_failure_signal) as sim:
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
        sim.clear_requests()
        started = time.perf_counter()
        orders = exchange.cancel_orders([order_id for order_id, _ in scenario])
        elapsed = time.perf_counter() - started
        rows = []
        for (order_id, what), row in zip(scenario, _order_rows(orders), strict=True):
            rows.append({'id': order_id, 'before cancel_orders': what, 'reported': row['status'],
                         'server says': sim.order_status(int(order_id)), "Satori's last answer": row['note']})
        print(f'cancel_orders on {len(rows)} orders against the embedded Satori simulator ({sim.url}):\n')
        _print_table(rows, ['id', 'before cancel_orders', 'reported', 'server says', "Satori's last answer"])
        batches = sum(record.path.endswith('batchCancelEntrust') for record in sim.requests)
        still_open = [row['id'] for row in rows if row['server says'] == 'open' and row['reported'] != 'open']
        print(f'\n{len(sim.requests)} requests ({batches} batch cancels, {len(sim.requests) - batches} single cancels) in '
              f'{elapsed * 1000:.0f} ms, paced by ccxt\'s rate limiter ({exchange.rateLimit} ms between requests)')
        print(f'every id accounted for: {len(orders) == len(rows)}; cancellable orders left open: {len(still_open)}')
        return OK if not still_open and len(orders) == len(rows) else SOME_OPEN


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ['freqtrade']:  # everything after it belongs to freqtrade, untouched
        try:
            from .freqtrade import main as freqtrade_main
        except ImportError as missing:
            return _fail(str(missing), USAGE)
        return freqtrade_main(argv[1:])
    parser = argparse.ArgumentParser(prog='satori-ccxt', description='Satori Finance for ccxt users and operators.',
                                     epilog='Exit codes of cancel: 0 all closed, 1 some still open or unknown, 2 bad usage, 3 failure.')
    parser.add_argument('--version', action='version', version=f'satori-ccxt {__version__}')
    commands = parser.add_subparsers(dest='command', required=True)

    demo_parser = commands.add_parser('demo', help='cancel_orders end to end against an embedded simulator')
    demo_parser.add_argument('--seed', type=int, default=1)
    demo_parser.add_argument('--batch-failure-signal', choices=['code', 'data_false'], default='code')
    demo_parser.set_defaults(run=demo)

    cancel_parser = commands.add_parser('cancel', help='cancel orders by id (credentials from SATORI_API_KEY / SATORI_SECRET)')
    cancel_parser.add_argument('ids', nargs='+', metavar='ID', help='order ids (entrustId)')
    where = cancel_parser.add_mutually_exclusive_group()
    where.add_argument('--testnet', action='store_true', help='zk-test.satori.finance instead of zksync.satori.finance')
    where.add_argument('--url', help='another server, e.g. a simulator at http://127.0.0.1:8123')
    cancel_parser.add_argument('--json', action='store_true', help='print the results as JSON')
    cancel_parser.set_defaults(run=cancel)

    simulate_parser = commands.add_parser('simulate', help='run a local Satori simulator until interrupted')
    simulate_parser.add_argument('--port', type=int, default=8123)
    simulate_parser.add_argument('--seed', type=int, default=1)
    simulate_parser.add_argument('--batch-failure-signal', choices=['code', 'data_false'], default='code')
    simulate_parser.set_defaults(run=simulate)

    fault_parser = commands.add_parser('fault', help='inject a fault into a running simulator')
    fault_parser.add_argument('kind', choices=['latency', 'http_5xx', 'http_429', 'code_2008', 'maintenance', 'drop', 'non_json_200'])
    fault_parser.add_argument('--url', required=True, help='the simulator, e.g. http://127.0.0.1:8123')
    fault_parser.add_argument('--path', help='only requests to this path (default: any)')
    fault_parser.add_argument('--count', type=int, default=1, help='for the next N matching requests')
    fault_parser.add_argument('--duration', type=float, help='for this many seconds instead of a count')
    fault_parser.add_argument('--status', type=int, help='HTTP status for http_5xx')
    fault_parser.add_argument('--seconds', type=float, help='delay for latency')
    fault_parser.set_defaults(run=fault)

    commands.add_parser('freqtrade', help='run freqtrade (any subcommand and flags) with Satori registered: '
                                          'satori-ccxt freqtrade trade -c config.json', add_help=False)

    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == '__main__':
    sys.exit(main())
