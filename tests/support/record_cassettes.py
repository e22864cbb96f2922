"""Records ``cassettes/sim_*.yaml``, the real client talking to the simulator over real HTTP, and
``cassettes/captured_answers.yaml``, the client reading the answers Satori was captured sending.

    .venv/bin/python -m tests.support.record_cassettes

Both clocks are frozen at RECORDED_AT and the simulator's keys derive from
SEED, so a replay signs the very same bytes; the server's port is written
down as REPLAY_URL. Only the simulator's own key (``st_sim_...``) or the docs'
published key goes on the wire, and the recorder refuses any other (see
``cassette_config``). ``tests/integration/test_sim_cassettes.py`` and
``tests/integration/test_captured_answers.py`` replay them with ``record_mode='none'``.
"""

import json

from ccxt.base.errors import BaseError

import satori_ccxt

from . import paths
from .captured_answers import SERVED, envelope
from .docs_vectors import DOCS_API_KEY, DOCS_SECRET
from .scripted_server import Reply, ScriptedServer

try:
    from .cassette_config import CASSETTES, refuse_unpublishable_keys, satori_vcr
except ModuleNotFoundError as missing:
    if missing.name != 'vcr':
        raise
    raise SystemExit("recording cassettes needs vcrpy, which the test extra installs: .venv/bin/pip install -e '.[test]'") from None

SEED = 11
RECORDED_AT = 1767225600000  # 2026-01-01T00:00:00Z
REPLAY_URL = 'http://127.0.0.1:8123'


def client(credentials, url=REPLAY_URL):
    exchange = satori_ccxt.satori({**credentials, 'urls': {'api': {'public': url, 'private': url}},
                                   'enableRateLimit': False})
    exchange.milliseconds = lambda: RECORDED_AT
    return exchange


def outcome(action):
    """A call's result as something a cassette test can compare: statuses, or the exception's class name."""
    try:
        result = action()
    except BaseError as error:
        return type(error).__name__
    return [order['status'] for order in result] if isinstance(result, list) else result['status']


# Each scenario: the state the simulator is put in before recording (``prepare``), and the client's calls (``run``),
# which a replay repeats against the cassette alone.

def prepare_batch_cancel_partial(sim):
    ids = [sim.place_order(sim.api_key, price=str(1500 + index), quantity='0.01') for index in range(6)]
    sim.fill(ids[2])
    sim.refuse_cancel(ids[4])


def run_batch_cancel_partial(exchange):
    first = 200_000_000  # the simulator's first order id
    return [outcome(lambda: exchange.cancel_orders([first + index for index in range(6)]))]


def prepare_faults(sim):
    sim.place_order(sim.api_key, price='1500', quantity='0.01')
    for kind, options in [('http_5xx', {'status': 502}), ('http_429', {}), ('code_2008', {}), ('maintenance', {}), ('non_json_200', {})]:
        sim.inject(kind, path=paths.CANCEL, count=1, **options)


def run_faults(exchange):
    return [outcome(lambda: exchange.cancel_order(200_000_000)) for _ in range(6)]


SCENARIOS = {
    'sim_batch_cancel_partial': (prepare_batch_cancel_partial, run_batch_cancel_partial),
    'sim_faults': (prepare_faults, run_faults),
}


# ----- the captured answers, served by a plain loopback server -------------------------------------

CAPTURED_CASSETTE = 'captured_answers'
ETH, BTC = 'ETH/USD:USD', 'BTC/USD:USD'


def serve_captured(recorded) -> Reply:
    """The captured answer of the endpoint asked, verbatim; 404 for an endpoint nothing was captured from."""
    name = SERVED.get(recorded.target.partition('?')[0])
    if name is None:
        return Reply(status=404, body='Not Found', content_type='text/plain')
    return Reply(body=json.dumps(envelope(name)))


def read_captured(exchange) -> dict:
    """What each unified method returns when served the captured answers (the docs' key signs; nothing is placed anywhere)."""
    ids = [180554928, 180554929, 180554930]
    return {
        'fetch_time': exchange.fetch_time(),
        'load_markets': exchange.load_markets(),
        'fetch_mark_price': exchange.fetch_mark_price(ETH),
        'fetch_trades': exchange.fetch_trades(BTC),
        'fetch_order_book': exchange.fetch_order_book(ETH),
        'fetch_ohlcv': exchange.fetch_ohlcv(ETH, '15m'),
        'fetch_funding_rate': exchange.fetch_funding_rate(ETH),
        'fetch_funding_rate_history': exchange.fetch_funding_rate_history(ETH),
        'fetch_balance': exchange.fetch_balance(),
        'create_order': exchange.create_order(ETH, 'market', 'buy', 0.02, 3100, {'leverage': 20, 'clientOrderId': '1725693490018'}),
        'create_orders': exchange.create_orders([{'symbol': ETH, 'type': 'limit', 'side': 'sell', 'amount': 0.02, 'price': 3500}] * 3),
        'cancel_order': exchange.cancel_order(178790278, ETH),
        'cancel_orders': exchange.cancel_orders(ids, ETH),
        'cancel_all_orders': exchange.cancel_all_orders(ETH),
        'add_margin': exchange.add_margin(ETH, 10, {'positionId': 4796701}),
        'fetch_open_orders': exchange.fetch_open_orders(ETH),
        'fetch_my_trades': exchange.fetch_my_trades(ETH),
        'fetch_positions': exchange.fetch_positions([ETH]),
        'fetch_funding_history': exchange.fetch_funding_history(ETH),
        'fetch_order': exchange.fetch_order(44636321),
        'fetch_closed_orders': exchange.fetch_closed_orders(ETH),
    }


def record_captured():
    server = ScriptedServer()
    server.respond_with(serve_captured)
    try:
        recorder = satori_vcr(record_mode='all')

        def at_replay_url(request):
            request.uri = request.uri.replace(server.url, REPLAY_URL)
            return refuse_unpublishable_keys(request)
        recorder.before_record_request = at_replay_url
        recorder.before_record_response = lambda response: {**response, 'headers': {'Content-Type': response['headers']['Content-Type']}}
        (CASSETTES / f'{CAPTURED_CASSETTE}.yaml').unlink(missing_ok=True)   # vcrpy's 'all' mode adds to a cassette; start afresh
        with recorder.use_cassette(f'{CAPTURED_CASSETTE}.yaml'):
            read_captured(client({'apiKey': DOCS_API_KEY, 'secret': DOCS_SECRET}, server.url))
    finally:
        server.close()
    print(f'{CASSETTES / CAPTURED_CASSETTE}.yaml: {len(server.requests)} requests')


def record(name):
    from satori_simulator import Simulator
    prepare, run = SCENARIOS[name]
    with Simulator(seed=SEED, clock=RECORDED_AT) as sim:
        prepare(sim)

        def at_replay_url(request):
            request.uri = request.uri.replace(sim.url, REPLAY_URL)
            return refuse_unpublishable_keys(request)

        recorder = satori_vcr(record_mode='all')
        recorder.before_record_request = at_replay_url
        recorder.before_record_response = lambda response: {**response, 'headers': {'Content-Type': response['headers']['Content-Type']}}
        (CASSETTES / f'{name}.yaml').unlink(missing_ok=True)   # vcrpy's 'all' mode adds to a cassette; start afresh
        with recorder.use_cassette(f'{name}.yaml'):
            outcomes = run(client({'apiKey': sim.api_key, 'secret': sim.secret}, sim.url))
        if sim.secret[2:] in (CASSETTES / f'{name}.yaml').read_text():
            raise SystemExit(f'{name}.yaml holds the private key; not keeping it')
    print(f'{CASSETTES / name}.yaml: {outcomes}')


if __name__ == '__main__':
    for scenario in SCENARIOS:
        record(scenario)
    record_captured()
