"""Records ``cassettes/sim_*.yaml``: the real client talking to the simulator over real HTTP.

    .venv/bin/python -m tests.record_cassettes

Both clocks are frozen at RECORDED_AT and the simulator's keys derive from
SEED, so a replay signs the very same bytes; the simulator's port is written
down as REPLAY_URL. Only the simulator's own key (``st_sim_...``) goes on the
wire, and the recorder refuses any other (see ``cassette_config``).
``tests/test_sim_cassettes.py`` replays each scenario with ``record_mode='none'``.
"""

from ccxt.base.errors import BaseError

import satori_ccxt

try:
    from .cassette_config import CASSETTES, refuse_unpublishable_keys, satori_vcr
except ModuleNotFoundError as missing:
    if missing.name != 'vcr':
        raise
    raise SystemExit("recording cassettes needs vcrpy, which the test extra installs: .venv/bin/pip install -e '.[test]'") from None

SEED = 11
RECORDED_AT = 1767225600000  # 2026-01-01T00:00:00Z
REPLAY_URL = 'http://127.0.0.1:8123'
CANCEL_PATH = '/api/third/order/cancelEntrust'


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
        sim.inject(kind, path=CANCEL_PATH, count=1, **options)


def run_faults(exchange):
    return [outcome(lambda: exchange.cancel_order(200_000_000)) for _ in range(6)]


SCENARIOS = {
    'sim_batch_cancel_partial': (prepare_batch_cancel_partial, run_batch_cancel_partial),
    'sim_faults': (prepare_faults, run_faults),
}


def record(name):
    from satori_ccxt.simulator import Simulator
    prepare, run = SCENARIOS[name]
    with Simulator(seed=SEED, clock=RECORDED_AT) as sim:
        prepare(sim)

        def at_replay_url(request):
            request.uri = request.uri.replace(sim.url, REPLAY_URL)
            return refuse_unpublishable_keys(request)

        recorder = satori_vcr(record_mode='all')
        recorder.before_record_request = at_replay_url
        recorder.before_record_response = lambda response: {**response, 'headers': {'Content-Type': response['headers']['Content-Type']}}
        with recorder.use_cassette(f'{name}.yaml'):
            outcomes = run(client({'apiKey': sim.api_key, 'secret': sim.secret}, sim.url))
        if sim.secret[2:] in (CASSETTES / f'{name}.yaml').read_text():
            raise SystemExit(f'{name}.yaml holds the private key; not keeping it')
    print(f'{CASSETTES / name}.yaml: {outcomes}')


if __name__ == '__main__':
    for scenario in SCENARIOS:
        record(scenario)
