"""The foundation contract end to end: the real client, the simulator, real HTTP, sync and async.

The simulator keeps the true state of every order, so each batch-cancel case
checks the server side too: nothing cancellable left open, nothing missing.
"""

import pytest
from ccxt.base.errors import (
    AuthenticationError,
    BadRequest,
    BadResponse,
    DDoSProtection,
    ExchangeNotAvailable,
    NetworkError,
    OnMaintenance,
    OrderNotFound,
    RateLimitExceeded,
    RequestTimeout,
)

import satori_ccxt
from satori_simulator import Simulator
from satori_simulator.timeline import peak_in_flight

from ..support import paths
from ..support.clients import Driver
from ..support.docs_vectors import DOCS_API_KEY, DOCS_SECRET, VECTORS

FINAL_STATUS = {'open': 'canceled', 'cancel_behind_back': 'canceled', 'fill': 'closed', 'expire': 'expired', 'refuse_cancel': 'open',
                'unknown': 'rejected'}
SERVER_AFTER = {'open': 'cancelled', 'cancel_behind_back': 'cancelled', 'fill': 'filled', 'expire': 'expired', 'refuse_cancel': 'open',
                'unknown': None}
KINDS = ['cancel_behind_back', 'fill', 'expire', 'refuse_cancel', 'unknown']
UNKNOWN_ID = 150_000_000   # below the simulator's first order id: no account has an order of this id or the next ones


@pytest.fixture(scope='module', params=['code', 'data_false'])
def sim(request):
    with Simulator(seed=3, batch_failure_signal=request.param) as simulator:
        yield simulator


@pytest.fixture(autouse=True)
def no_faults_left(sim):
    """A fault a failing test did not use up would otherwise fail the tests after it on the shared simulator."""
    yield
    sim.clear_faults()


def config_for(sim, credentials=None, **extra):
    credentials = credentials or {'apiKey': sim.api_key, 'secret': sim.secret}
    return {**credentials, 'urls': {'api': {'public': sim.url, 'private': sim.url}}, 'enableRateLimit': False, **extra}


def call(mode, config, method, *args):
    """``method(*args)`` on a fresh sync or async client."""
    with Driver(mode, config) as client:
        return getattr(client, method)(*args)


def open_orders(sim, states):
    """Places one order per state and brings each into it ('unknown': an id that is no order); returns the ids as strings."""
    ids = []
    for index, state in enumerate(states):
        if state == 'unknown':
            ids.append(str(UNKNOWN_ID + index))
            continue
        order_id = sim.place_order(sim.api_key, pair='ETH-USD', side='buy', price=str(1000 + index), quantity='0.01')
        if state != 'open':
            getattr(sim, state)(order_id)
        ids.append(str(order_id))
    return ids


def assert_every_id_settled_truly(sim, ids, states, orders):
    assert [order['id'] for order in orders] == ids, 'one result per id, in request order'
    assert [order['status'] for order in orders] == [FINAL_STATUS[state] for state in states]
    assert [sim.order_status(order_id) for order_id in ids] == [SERVER_AFTER[state] for state in states]


@pytest.mark.parametrize('kind', KINDS)
@pytest.mark.parametrize('position', range(5))
def test_batch_stopped_at_any_position_by_any_kind_settles_every_id(sim, mode, kind, position):
    states = ['open'] * 5
    states[position] = kind
    ids = open_orders(sim, states)
    orders = call(mode, config_for(sim), 'cancel_orders', ids)
    assert_every_id_settled_truly(sim, ids, states, orders)


def test_many_failures_across_chunks_settle_every_id(sim, mode):
    pattern = ['open', 'fill', 'open', 'open', 'refuse_cancel', 'expire', 'cancel_behind_back', 'open', 'fill', 'open', 'open']
    states = (pattern * 4)[:40]
    ids = open_orders(sim, states)
    orders = call(mode, config_for(sim, options={'cancelOrdersMaxIds': 7}), 'cancel_orders', ids)
    assert_every_id_settled_truly(sim, ids, states, orders)


def test_a_thousand_ids_go_out_in_chunks_and_all_end_cancelled(sim):
    ids = open_orders(sim, ['open'] * 1000)
    sim.clear_requests()
    orders = call('sync', config_for(sim), 'cancel_orders', ids)
    batches = [record for record in sim.requests if record.path.endswith('batchCancelEntrust')]
    assert len(sim.requests) == len(batches) == 10
    assert all(len(record.query.split('&')[0].split(',')) == 100 for record in batches)
    assert [order['status'] for order in orders] == ['canceled'] * 1000
    assert not set(ids) & {str(order_id) for order_id in sim.open_order_ids()}


@pytest.mark.parametrize('unknown_order_answer', ['2319', '2001'])
def test_an_id_satori_does_not_know_is_reported_rejected_not_found_never_open(mode, unknown_order_answer):
    with Simulator(seed=4, unknown_order_answer=unknown_order_answer) as own:
        ids = open_orders(own, ['open', 'unknown', 'refuse_cancel', 'unknown', 'open', 'unknown'])
        orders = call(mode, config_for(own), 'cancel_orders', ids)
    assert [order['status'] for order in orders] == ['canceled', 'rejected', 'open', 'rejected', 'canceled', 'rejected']
    for order in (orders[1], orders[3], orders[5]):
        assert order['info']['notFound'] is True and order['info']['queryOrder']['msg'] == 'Illegal parameter:entrustId'
        assert str(order['info']['cancel']['code']) == unknown_order_answer
    assert orders[2]['info']['notFound'] is False and orders[2]['info']['queryOrder']['data']['status'] == '1'


@pytest.mark.parametrize('unknown_order_answer', ['2319', '2001'])
def test_cancel_order_of_an_id_satori_does_not_know_raises_order_not_found(mode, unknown_order_answer):
    with Simulator(seed=4, unknown_order_answer=unknown_order_answer) as own:
        with pytest.raises(OrderNotFound, match='not found'):
            call(mode, config_for(own), 'cancel_order', str(UNKNOWN_ID))
        assert [record.path.rpartition('/')[2] for record in own.requests] == ['cancelEntrust', 'queryOrder']


def test_docs_seed_vector_is_accepted_by_the_simulators_verifier():
    with Simulator(seed=3, clock=1725865024825) as sim:
        exchange = satori_ccxt.satori(config_for(sim, {'apiKey': DOCS_API_KEY, 'secret': DOCS_SECRET}))
        exchange.milliseconds = lambda: 1725865024825
        orders = exchange.cancel_orders([180554928, 180554929, 180554930])
        [record] = sim.requests
        assert record.headers['signature'] == VECTORS[3][2]
        assert [order['status'] for order in orders] == ['canceled'] * 3
        assert [sim.order_status(i) for i in (180554928, 180554929, 180554930)] == ['cancelled'] * 3
        sim.set_time(1725696896942)
        exchange.milliseconds = lambda: 1725696896942
        assert exchange.cancel_order(178790278)['status'] == 'canceled'


def test_a_tampered_signature_is_rejected_as_an_authentication_error(sim):
    [order_id] = open_orders(sim, ['open'])
    exchange = satori_ccxt.satori(config_for(sim))
    honest_sign = exchange.sign

    def tampered(*args, **kwargs):
        request = honest_sign(*args, **kwargs)
        signature = request['headers']['signature']
        request['headers']['signature'] = signature[:10] + ('0' if signature[10] != '0' else '1') + signature[11:]
        return request
    exchange.sign = tampered
    with pytest.raises(AuthenticationError):
        exchange.cancel_order(order_id)
    assert sim.order_status(order_id) == 'open'


def test_a_key_of_another_wallet_is_rejected_and_an_unknown_api_key_too(sim):
    [order_id] = open_orders(sim, ['open'])
    with pytest.raises(AuthenticationError):
        call('sync', config_for(sim, {'apiKey': sim.api_key, 'secret': DOCS_SECRET}), 'cancel_order', order_id)
    with pytest.raises(AuthenticationError):
        call('sync', config_for(sim, {'apiKey': 'st_nobody', 'secret': sim.secret}), 'cancel_order', order_id)
    assert sim.order_status(order_id) == 'open'


def test_a_stale_timestamp_is_rejected_until_the_time_difference_is_loaded(sim, mode):
    [order_id] = open_orders(sim, ['open'])
    sim.set_time(sim.now_ms() - 120_000)
    try:
        with pytest.raises(BadRequest, match='timestamp'):
            call(mode, config_for(sim), 'cancel_order', order_id)
        adjusted = config_for(sim, options={'adjustForTimeDifference': True})
        assert call(mode, adjusted, 'cancel_order', order_id)['status'] == 'canceled'
    finally:
        sim.set_time(None)


FAULTS = [
    ('http_5xx', {'status': 502}, ExchangeNotAvailable),
    ('http_5xx', {'status': 503}, ExchangeNotAvailable),
    ('http_429', {}, RateLimitExceeded),
    ('code_2008', {}, DDoSProtection),
    ('maintenance', {}, OnMaintenance),
    ('drop', {}, NetworkError),
    ('non_json_200', {}, BadResponse),
]


@pytest.mark.parametrize('kind, options, expected', FAULTS, ids=[f'{kind}-{options}' for kind, options, _ in FAULTS])
def test_every_fault_maps_to_its_exception_and_reports_nothing_as_cancelled(sim, mode, kind, options, expected):
    ids = open_orders(sim, ['open', 'open'])
    sim.inject(kind, path=paths.BATCH_CANCEL, count=1, **options)
    with pytest.raises(expected) as raised:
        call(mode, config_for(sim), 'cancel_orders', ids)
    assert [order['status'] for order in raised.value.orders] == [None, None]
    assert [sim.order_status(order_id) for order_id in ids] == ['open', 'open']


# A settle sequence with every kind of answer: a batch that stops, probes, a refusal (open), an id Satori does not know,
# their state queries, a single cancel: 8 requests in the sync class (3 rounds in the async one).
SETTLE_SEQUENCE = ['open', 'fill', 'refuse_cancel', 'unknown', 'open']
# Every kind of failure the simulator injects (502 for 5xx), and an answer lost after Satori carried the request out.
SEQUENCE_FAULTS = [fault for fault in FAULTS if fault[1] != {'status': 503}] + [('drop', {'processed': True}, NetworkError)]


@pytest.mark.parametrize('request_number', range(8))
@pytest.mark.parametrize('kind, options, expected', SEQUENCE_FAULTS, ids=[f'{kind}-{options}' for kind, options, _ in SEQUENCE_FAULTS])
def test_a_fault_at_any_request_of_a_settle_sequence_reports_only_true_states_and_a_second_run_settles_every_id(
        sim, mode, request_number, kind, options, expected):
    ids = open_orders(sim, SETTLE_SEQUENCE)
    sim.clear_requests()
    sim.inject(kind, count=1, skip=request_number, **options)
    with pytest.raises(expected) as raised:
        call(mode, config_for(sim), 'cancel_orders', ids)
    reported = [order['status'] for order in raised.value.orders]
    assert [order['id'] for order in raised.value.orders] == ids
    assert all(status in (None, FINAL_STATUS[state]) for status, state in zip(reported, SETTLE_SEQUENCE, strict=True)), reported
    assert None in reported
    sim.clear_faults()
    assert_every_id_settled_truly(sim, ids, SETTLE_SEQUENCE, call(mode, config_for(sim), 'cancel_orders', ids))


@pytest.mark.parametrize('mode, concurrency', [('sync', 4), ('async', 1), ('async', 3), ('async', 10)])
def test_the_simulator_never_sees_more_cancel_requests_in_flight_than_the_concurrency(sim, mode, concurrency):
    """Counted from the order of arrivals and answers at the simulator; the latency makes each window's requests overlap."""
    ids = open_orders(sim, ['unknown', 'open', 'fill', 'open', 'unknown', 'refuse_cancel'] * 3)
    sim.clear_requests()
    sim.inject('latency', duration=600, seconds=0.02)
    orders = call(mode, config_for(sim, options={'cancelOrdersConcurrency': concurrency}), 'cancel_orders', ids)
    assert [order['status'] for order in orders] == ['rejected', 'canceled', 'closed', 'canceled', 'rejected', 'open'] * 3
    assert 1 <= peak_in_flight(sim.requests) <= (concurrency if mode == 'async' else 1)


def test_latency_beyond_the_timeout_is_a_request_timeout(sim, mode):
    [order_id] = open_orders(sim, ['open'])
    # An hour: the answer can never beat the 300 ms timeout, whatever the load (the simulator ends the wait when it stops).
    sim.inject('latency', path=paths.CANCEL, count=1, seconds=3600)
    with pytest.raises(RequestTimeout):
        call(mode, config_for(sim, timeout=300), 'cancel_order', order_id)


def test_a_fault_in_a_later_batch_keeps_what_the_earlier_batches_settled(sim, mode):
    ids = open_orders(sim, ['open'] * 6)
    sim.inject('http_5xx', path=paths.BATCH_CANCEL, count=1, skip=1, status=502)
    with pytest.raises(ExchangeNotAvailable) as raised:
        call(mode, config_for(sim, options={'cancelOrdersMaxIds': 3}), 'cancel_orders', ids)
    assert [order['status'] for order in raised.value.orders] == ['canceled'] * 3 + [None] * 3
    assert [sim.order_status(order_id) for order_id in ids] == ['cancelled'] * 3 + ['open'] * 3
    assert '3 of 6 ids in an unknown state' in str(raised.value)


def test_a_cancel_whose_answer_was_lost_is_settled_by_cancelling_again(sim):
    """A timeout after Satori processed the batch: the retry finds 2125 and reports the orders cancelled."""
    ids = open_orders(sim, ['open', 'fill', 'open'])
    sim.inject('drop', path=paths.BATCH_CANCEL, count=1, processed=True)
    exchange = satori_ccxt.satori(config_for(sim))
    with pytest.raises(NetworkError):
        exchange.cancel_orders(ids)
    orders = exchange.cancel_orders(ids)
    assert [order['status'] for order in orders] == ['canceled', 'closed', 'canceled']
    assert [sim.order_status(order_id) for order_id in ids] == ['cancelled', 'filled', 'cancelled']
