"""cancel_orders: every id accounted for, whatever the batch stopped at."""

import math

import pytest
from ccxt.base.errors import ArgumentsRequired, BadRequest, ExchangeNotAvailable, OnMaintenance, RequestTimeout
from hypothesis import given, settings
from hypothesis import strategies as st

import satori_ccxt
from satori_ccxt.batch_cancel import BatchCancelPlan

from .client_support import routes, sent
from .conftest import DOCS_CREDENTIALS, Driver, at_url
from .scripted_server import Reply, business_error, envelope

# What Satori answers for an order in each state, and the status cancel_orders must report for it.
FAILURE_CODES = {'cancelled': 2125, 'filled': 2126, 'expired': 2103, 'refused': 2319}
FINAL_STATUS = {'open': 'canceled', 'cancelled': 'canceled', 'filled': 'closed', 'expired': 'expired', 'refused': 'open'}


class BatchCancelOracle:
    """The documented behaviour, restated: cancel one by one, stop at the first failure."""

    def __init__(self, states: dict, signal: str):
        self.states = dict(states)
        self.signal = signal
        self.requests = []

    def _failure(self, order_id):
        return {'error': True, 'code': FAILURE_CODES[self.states[order_id]], 'msg': 'failed', 'data': None}

    def single(self, order_id):
        self.requests.append(('single', [order_id]))
        if self.states[order_id] != 'open':
            return self._failure(order_id)
        self.states[order_id] = 'cancelled'
        return {'error': False, 'code': 200, 'msg': 'SUCCESS', 'data': True}

    def batch(self, order_ids):
        self.requests.append(('batch', list(order_ids)))
        for order_id in order_ids:
            if self.states[order_id] != 'open':
                if self.signal == 'code':
                    return self._failure(order_id)
                return {'error': False, 'code': 200, 'msg': 'SUCCESS', 'data': False}
            self.states[order_id] = 'cancelled'
        return {'error': False, 'code': 200, 'msg': 'SUCCESS', 'data': True}

    def serve(self, recorded):
        """As a scripted-server responder: answers the client's real HTTP requests."""
        path, query = recorded.target.split('?', 1)
        params = dict(pair.split('=', 1) for pair in query.split('&'))
        if path.endswith('batchCancelEntrust'):
            answer = self.batch(params['entrustIds'].split(','))
        else:
            answer = self.single(params['entrustId'])
        return envelope(answer['data'], answer['code'], answer['msg'], answer['error'])

    def leftover_cancellable(self):
        return [order_id for order_id, state in self.states.items() if state == 'open']


def settle_with_plan(oracle, ids, max_ids):
    plan = BatchCancelPlan(ids, max_ids)
    while (step := plan.next_step()) is not None:
        plan.record(step, oracle.batch(step.ids) if step.batch else oracle.single(step.ids[0]))
    return plan.results()


states_strategy = st.lists(st.sampled_from(['open', 'open', 'open', 'cancelled', 'filled', 'expired', 'refused']), min_size=1, max_size=14)


@settings(max_examples=400, deadline=None)
@given(states=states_strategy, max_ids=st.integers(1, 6), signal=st.sampled_from(['code', 'data_false']))
def test_plan_reports_the_true_final_state_of_every_id_and_leaves_nothing_cancellable_open(states, max_ids, signal):
    ids = [str(1000 + index) for index in range(len(states))]
    oracle = BatchCancelOracle(dict(zip(ids, states, strict=True)), signal)
    results = settle_with_plan(oracle, ids, max_ids)
    assert [order_id for order_id, _, _ in results] == ids
    assert [status for _, status, _ in results] == [FINAL_STATUS[state] for state in states]
    assert oracle.leftover_cancellable() == []
    failures = sum(state != 'open' for state in states)
    assert len(oracle.requests) <= len(ids) + math.ceil(len(ids) / max_ids) + failures
    probed = [request[1][0] for request in oracle.requests if request[0] == 'single']
    assert len(probed) == len(set(probed))  # no id is probed twice


@pytest.mark.parametrize('position', range(5))
@pytest.mark.parametrize('kind', ['filled', 'expired', 'refused'])
def test_failure_at_position_k_costs_k_plus_one_probes_and_one_batch_for_the_rest(position, kind):
    ids = [str(1000 + index) for index in range(5)]
    states = {order_id: 'open' for order_id in ids}
    states[ids[position]] = kind
    oracle = BatchCancelOracle(states, 'code')
    settle_with_plan(oracle, ids, 100)
    expected = [('batch', ids)] + [('single', [order_id]) for order_id in ids[:position + 1]]
    if position < 4:
        expected.append(('batch', ids[position + 1:]))
    assert oracle.requests == expected


def test_a_batch_of_one_that_stops_with_a_code_needs_no_probe():
    oracle = BatchCancelOracle({'7': 'filled'}, 'code')
    assert settle_with_plan(oracle, ['7'], 100)[0][1] == 'closed' and len(oracle.requests) == 1


# ----- over HTTP, through the unified method ---------------------------------------------


def make_client(scripted, **options):
    import satori_ccxt
    return satori_ccxt.satori(at_url(scripted.url, **DOCS_CREDENTIALS, enableRateLimit=False, options=options))


def test_all_cancelled_in_one_request_every_status_canceled(scripted):
    oracle = BatchCancelOracle({'11': 'open', '12': 'open'}, 'code')
    scripted.respond_with(routes({'/api/third/order/batchCancelEntrust': oracle.serve}))
    orders = make_client(scripted).cancel_orders([11, '12'], 'ETH/USD:USD')
    assert [(order['id'], order['status'], order['symbol']) for order in orders] == [('11', 'canceled', 'ETH/USD:USD'),
                                                                                      ('12', 'canceled', 'ETH/USD:USD')]
    assert orders[0]['info']['data'] is True and len(sent(scripted, '/api/third/order/batchCancelEntrust')) == 1


def test_without_a_symbol_argument_the_symbol_stays_none(scripted):
    scripted.respond_with(BatchCancelOracle({'11': 'open'}, 'code').serve)
    assert make_client(scripted).cancel_orders([11])[0]['symbol'] is None


def test_duplicates_are_sent_once_and_reported_once(scripted):
    oracle = BatchCancelOracle({'11': 'open', '12': 'open'}, 'code')
    scripted.respond_with(oracle.serve)
    orders = make_client(scripted).cancel_orders([11, '11', 12, 11, '0012'])
    assert [order['id'] for order in orders] == ['11', '12']
    assert oracle.requests == [('batch', ['11', '12'])]


def test_lists_longer_than_the_max_are_split_into_requests_of_at_most_that_many(scripted):
    ids = [str(100 + index) for index in range(5)]
    oracle = BatchCancelOracle(dict.fromkeys(ids, 'open'), 'code')
    scripted.respond_with(oracle.serve)
    orders = make_client(scripted, cancelOrdersMaxIds=2).cancel_orders(ids)
    assert oracle.requests == [('batch', ids[0:2]), ('batch', ids[2:4]), ('batch', ids[4:5])]
    assert [order['status'] for order in orders] == ['canceled'] * 5


@pytest.mark.parametrize('signal', ['code', 'data_false'])
@pytest.mark.parametrize('kind', ['cancelled', 'filled', 'expired', 'refused'])
@pytest.mark.parametrize('position', [0, 2, 4])
def test_batch_that_stopped_reports_every_id_truly(scripted, signal, kind, position):
    ids = [str(500 + index) for index in range(5)]
    states = dict.fromkeys(ids, 'open')
    states[ids[position]] = kind
    oracle = BatchCancelOracle(states, signal)
    scripted.respond_with(oracle.serve)
    orders = make_client(scripted).cancel_orders(ids)
    assert [order['id'] for order in orders] == ids
    assert [order['status'] for order in orders] == [FINAL_STATUS[states[order_id]] for order_id in ids]
    assert oracle.leftover_cancellable() == []
    if kind == 'refused':
        assert orders[position]['info']['code'] == 2319 and orders[position]['info']['msg'] == 'failed'


def test_async_batch_that_stopped_reports_every_id_truly(scripted):
    ids = ['1', '2', '3', '4']
    oracle = BatchCancelOracle({'1': 'open', '2': 'filled', '3': 'open', '4': 'refused'}, 'code')
    scripted.respond_with(oracle.serve)

    with Driver('async', at_url(scripted.url, **DOCS_CREDENTIALS)) as client:
        orders = client.cancel_orders(ids)
    assert [order['status'] for order in orders] == ['canceled', 'closed', 'canceled', 'open']
    assert oracle.leftover_cancellable() == []


def test_whole_request_failure_raises_and_reports_nothing_as_cancelled(scripted):
    scripted.reply(business_error(2329, 'The server is updating, please wait a moment...'))
    with pytest.raises(OnMaintenance) as raised:
        make_client(scripted).cancel_orders([1, 2, 3])
    assert [(order['id'], order['status']) for order in raised.value.orders] == [('1', None), ('2', None), ('3', None)]
    assert '3 of 3 ids in an unknown state' in str(raised.value)


def test_failure_in_a_later_request_keeps_what_earlier_requests_settled(scripted):
    scripted.reply(envelope(True), Reply(502, '<html>bad gateway</html>', 'text/html'))
    with pytest.raises(ExchangeNotAvailable) as raised:
        make_client(scripted, cancelOrdersMaxIds=2).cancel_orders([1, 2, 3, 4])
    assert [order['status'] for order in raised.value.orders] == ['canceled', 'canceled', None, None]
    assert len(scripted.requests) == 2


def test_failure_while_probing_keeps_the_probes_already_answered(scripted, sync_exchange):
    def revoked_then_held(recorded):
        if len(scripted.requests) == 2:
            # The client reads its timeout as it sends the next request, the held one: a short timeout for it alone,
            # so that the answered requests never race it however loaded the machine is.
            sync_exchange.timeout = 300
            return business_error(2125, 'revoked')
        return Reply(hold=True)
    scripted.reply(business_error(2126, 'filled'))
    scripted.respond_with(revoked_then_held)
    with pytest.raises(RequestTimeout) as raised:
        sync_exchange.cancel_orders([1, 2, 3])
    assert [order['status'] for order in raised.value.orders] == ['canceled', None, None]


@pytest.mark.parametrize('ids, expected', [
    ([], ArgumentsRequired), (None, ArgumentsRequired),
    ('123', BadRequest), (123, BadRequest), ((1, 2), BadRequest), ({1: 2}, BadRequest),
    (['abc'], BadRequest), ([-1], BadRequest), ([0], BadRequest), ([1.5], BadRequest), ([1.0], BadRequest),
    ([True], BadRequest), ([2 ** 63], BadRequest), (['12a'], BadRequest), ([' 12'], BadRequest), (['١٢'], BadRequest),
    ([None], ArgumentsRequired), ([1, 2, 'x'], BadRequest), ([[1]], BadRequest),
], ids=repr)
def test_bad_ids_raise_before_any_request(scripted, sync_exchange, ids, expected):
    with pytest.raises(expected):
        sync_exchange.cancel_orders(ids)
    assert scripted.requests == []


def test_the_largest_int64_id_is_accepted(scripted, sync_exchange):
    scripted.respond_with(BatchCancelOracle({str(2 ** 63 - 1): 'open'}, 'code').serve)
    assert sync_exchange.cancel_orders([2 ** 63 - 1])[0]['id'] == str(2 ** 63 - 1)


@pytest.mark.parametrize('value', [0, -3, '10', 2.5, True, None])
def test_a_bad_batch_size_option_raises_before_any_request(scripted, value):
    with pytest.raises(BadRequest):
        make_client(scripted, cancelOrdersMaxIds=value).cancel_orders([1])
    assert scripted.requests == []


def test_ctrl_c_during_cancel_orders_carries_every_id_on_the_keyboard_interrupt(scripted):
    # A real SIGINT reaches the main thread while it waits for Satori's answer to the second request.
    import signal
    import threading

    main_thread = threading.main_thread().ident

    def interrupt_then_answer(recorded):
        signal.pthread_kill(main_thread, signal.SIGINT)
        return envelope(True)
    scripted.reply(business_error(2126))
    scripted.respond_with(interrupt_then_answer)
    exchange = satori_ccxt.satori(at_url(scripted.url, **DOCS_CREDENTIALS, enableRateLimit=False))
    # Ctrl-C as in a terminal, whatever the process running the suite inherited: a shell's background job ignores SIGINT.
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt) as raised:
            exchange.cancel_orders([11, 12, 13])
    finally:
        signal.signal(signal.SIGINT, inherited)
    assert [(order['id'], order['status']) for order in raised.value.orders] == [('11', None), ('12', None), ('13', None)]


def test_a_cancelled_task_carries_every_id_on_the_cancelled_error(scripted):
    import asyncio
    import threading

    from satori_ccxt.async_support import satori as AsyncSatori

    arrived = threading.Event()

    def hold(recorded):
        arrived.set()
        return Reply(hold=True)
    scripted.respond_with(hold)

    async def run():
        exchange = AsyncSatori(at_url(scripted.url, **DOCS_CREDENTIALS, enableRateLimit=False, timeout_on_exit=0))
        task = asyncio.ensure_future(exchange.cancel_orders([21, 22]))
        while not arrived.is_set():
            await asyncio.sleep(0.001)
        task.cancel()
        try:
            with pytest.raises(asyncio.CancelledError) as raised:
                await task
        finally:
            await exchange.close()
        return raised.value
    cancelled = asyncio.run(run())
    assert [(order['id'], order['status']) for order in cancelled.orders] == [('21', None), ('22', None)]
