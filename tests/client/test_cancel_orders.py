"""cancel_orders: every id accounted for, whatever the batch stopped at, at a cost that follows the failures."""

import asyncio
import json
import math
import signal
import threading

import pytest
from ccxt.base.errors import ArgumentsRequired, BadRequest, ExchangeNotAvailable, OnMaintenance, RequestTimeout
from hypothesis import given, settings
from hypothesis import strategies as st

import satori_ccxt
from satori_ccxt.async_support import satori as AsyncSatori
from satori_ccxt.batch_cancel import BATCH, CANCEL, QUERY, BatchCancelPlan

from ..support import paths
from ..support.clients import DOCS_CREDENTIALS, Driver, at_url, routes, sent
from ..support.scripted_server import HeldUntilTogether, Reply, business_error, envelope

# What Satori answers for an order in each state, and the status cancel_orders must report for it.
FAILURE_CODES = {'cancelled': 2125, 'filled': 2126, 'expired': 2103}
# A refused order (2319) stays open, or moves on right after the refusal; queryOrder then tells where it went.
AFTER_REFUSAL = {'refused': 'refused', 'refused_then_filled': 'filled', 'refused_then_cancelled': 'cancelled'}
QUERY_STATUS = {'open': 1, 'refused': 1, 'filled': 2, 'cancelled': 3, 'expired': 4}
FINAL_STATUS = {'open': 'canceled', 'cancelled': 'canceled', 'filled': 'closed', 'expired': 'expired', 'refused': 'open',
                'refused_then_filled': 'closed', 'refused_then_cancelled': 'canceled', 'unknown': 'rejected'}
REFUSALS = {'refused', 'refused_then_filled', 'refused_then_cancelled', 'unknown'}


def success(data):
    return {'error': False, 'code': 200, 'msg': 'SUCCESS', 'data': data}


def failure(code, msg):
    return {'error': True, 'code': code, 'msg': msg, 'data': None}


class BatchCancelOracle:
    """The documented behaviour, restated: cancel one by one, stop at the first failure; queryOrder tells an order's state.

    ``unknown_answer``: what a cancel answers for an id that is no order, '2319' or '2001' (both assumed).
    """

    def __init__(self, states: dict, signal='code', unknown_answer='2319'):
        self.states = dict(states)
        self.signal = signal
        self.unknown_answer = unknown_answer
        self.requests = []

    def _failure(self, order_id, parameter):
        state = self.states[order_id]
        if state == 'unknown':
            if self.unknown_answer == '2001':
                return failure(2001, f'Illegal parameter:{parameter}')
            return failure(2319, 'Failed to cancel order:order does not exist')
        if state in AFTER_REFUSAL:
            self.states[order_id] = AFTER_REFUSAL[state]
            return failure(2319, 'Failed to cancel order:the order is being matched')
        return failure(FAILURE_CODES[state], 'failed')

    def single(self, order_id):
        self.requests.append(('single', [order_id]))
        if self.states[order_id] != 'open':
            return self._failure(order_id, 'entrustId')
        self.states[order_id] = 'cancelled'
        return success(True)

    def batch(self, order_ids):
        self.requests.append(('batch', list(order_ids)))
        for order_id in order_ids:
            if self.states[order_id] != 'open':
                stopped = self._failure(order_id, 'entrustIds')
                return stopped if self.signal == 'code' else success(False)
            self.states[order_id] = 'cancelled'
        return success(True)

    def query(self, order_id):
        self.requests.append(('query', [order_id]))
        state = self.states[order_id]
        if state == 'unknown':
            return failure(2001, 'Illegal parameter:entrustId')
        # queryOrder sends every number as a string, the envelope's code too (captured on a later deployment)
        return {'error': False, 'code': '200', 'msg': 'SUCCESS', 'data': {'id': order_id, 'status': str(QUERY_STATUS[state])}}

    def answer(self, request):
        if request.kind == BATCH:
            return self.batch(request.ids)
        return self.single(request.ids[0]) if request.kind == CANCEL else self.query(request.ids[0])

    def serve(self, recorded):
        """As a scripted-server responder: answers the client's real HTTP requests."""
        path, query = recorded.target.split('?', 1)
        params = dict(pair.split('=', 1) for pair in query.split('&'))
        if path.endswith('batchCancelEntrust'):
            answer = self.batch(params['entrustIds'].split(','))
        elif path.endswith('cancelEntrust'):
            answer = self.single(params['entrustId'])
        else:
            answer = self.query(params['entrustId'])
        return Reply(body=json.dumps(answer))

    def leftover_cancellable(self):
        return [order_id for order_id, state in self.states.items() if state == 'open']


def settle_with_plan(oracle, ids, max_ids, concurrency=1):
    """(results, steps): the plan run to the end against ``oracle``, each step answered in order."""
    plan = BatchCancelPlan(ids, max_ids, concurrency)
    steps = []
    while (step := plan.next_step()) is not None:
        steps.append(step)
        assert plan.record(step, [oracle.answer(request) for request in step]) == []
    return plan.results(), steps


def numbered(count):
    return [str(1000 + index) for index in range(count)]


def singles(ids):
    return [('single', [order_id]) for order_id in ids]


# ----- the plan, free of I/O -------------------------------------------------------------------------------

states_strategy = st.lists(st.sampled_from(['open'] * 4 + sorted(FINAL_STATUS)), min_size=1, max_size=120)


@settings(max_examples=600)
@given(states=states_strategy, max_ids=st.integers(1, 12), concurrency=st.integers(1, 12), signal=st.sampled_from(['code', 'data_false']),
       unknown_answer=st.sampled_from(['2319', '2001']))
def test_every_id_ends_in_its_true_state_within_n_plus_log2_n_plus_2_cancels_and_one_query_per_refused_id(
        states, max_ids, concurrency, signal, unknown_answer):
    ids = numbered(len(states))
    oracle = BatchCancelOracle(dict(zip(ids, states, strict=True)), signal, unknown_answer)
    results, steps = settle_with_plan(oracle, ids, max_ids, concurrency)
    assert [order_id for order_id, _, _ in results] == ids
    assert [status for _, status, _ in results] == [FINAL_STATUS[state] for state in states]
    assert oracle.leftover_cancellable() == []
    cancels = [request for request in oracle.requests if request[0] != 'query']
    assert len(cancels) <= len(ids) + math.ceil(math.log2(len(ids))) + 2
    queried = [request[1][0] for request in oracle.requests if request[0] == 'query']
    refused = {order_id for order_id, state in zip(ids, states, strict=True) if state in REFUSALS}
    assert len(queried) == len(set(queried)) and set(queried) <= refused
    probed = [request[1][0] for request in oracle.requests if request[0] == 'single']
    assert len(probed) == len(set(probed))  # no id is cancelled one by one twice
    assert all(len(step) <= concurrency for step in steps)
    assert all(2 <= len(request.ids) <= max_ids for step in steps for request in step if request.kind == BATCH)


@settings(max_examples=200)
@given(count=st.integers(1, 1000), max_ids=st.integers(1, 120), concurrency=st.integers(1, 12))
def test_with_no_failure_the_ids_go_out_in_ceil_n_over_max_requests(count, max_ids, concurrency):
    ids = numbered(count)
    oracle = BatchCancelOracle(dict.fromkeys(ids, 'open'))
    results, _ = settle_with_plan(oracle, ids, max_ids, concurrency)
    assert len(oracle.requests) == math.ceil(count / max_ids)
    assert {status for _, status, _ in results} == {'canceled'}


# The round-trip targets for the async class (100 ids, the default concurrency of 10), counted on the plan: every
# step is one round trip, its requests sent together. benchmarks/bench_cancel.py measures the same on the simulator.
FAILURES = sorted(set(FINAL_STATUS) - {'open'})


@settings(max_examples=300)
@given(positions=st.lists(st.integers(0, 99), min_size=10, max_size=10, unique=True),
       kinds=st.lists(st.sampled_from(FAILURES), min_size=10, max_size=10), signal=st.sampled_from(['code', 'data_false']))
def test_ten_failures_anywhere_in_100_ids_take_at_most_30_rounds_at_the_default_concurrency(positions, kinds, signal):
    ids = numbered(100)
    states = dict.fromkeys(ids, 'open')
    states.update((ids[position], kind) for position, kind in zip(positions, kinds, strict=True))
    _, steps = settle_with_plan(BatchCancelOracle(states, signal), ids, 100, 10)
    assert len(steps) <= 30


@pytest.mark.parametrize('state, rounds', [('refused', 21), ('unknown', 21), ('cancelled', 11)])
def test_100_ids_that_all_fail_take_a_round_per_window_of_10_well_under_30_state_queries_included(state, rounds):
    ids = numbered(100)
    _, steps = settle_with_plan(BatchCancelOracle(dict.fromkeys(ids, state)), ids, 100, 10)
    assert len(steps) == rounds


@pytest.mark.parametrize('concurrency, probed, rest', [(1, 51, 51), (10, 60, 60)])
def test_a_lone_failure_costs_the_probes_up_to_it_or_its_window_then_one_batch_for_the_rest(concurrency, probed, rest):
    ids = numbered(100)
    states = dict.fromkeys(ids, 'open')
    states[ids[50]] = 'filled'
    oracle = BatchCancelOracle(states)
    _, steps = settle_with_plan(oracle, ids, 100, concurrency)
    assert oracle.requests == [('batch', ids)] + singles(ids[:probed]) + [('batch', ids[rest:])]
    assert len(steps) == 2 + math.ceil(probed / concurrency)


def test_dense_failures_shrink_the_batches_to_single_cancels_and_a_clean_run_grows_them_back():
    ids = numbered(100)
    oracle = BatchCancelOracle({order_id: 'filled' if index < 30 else 'open' for index, order_id in enumerate(ids)})
    settle_with_plan(oracle, ids, 100)
    assert oracle.requests[:31] == [('batch', ids)] + singles(ids[:30])
    # Each clean step doubles the size, or more: to twice the run of open ids seen since the last failure.
    assert oracle.requests[31:] == [('single', [ids[30]]), ('batch', ids[31:33]), ('batch', ids[33:39]), ('batch', ids[39:57]),
                                    ('batch', ids[57:])]


@pytest.mark.parametrize('signal', ['code', 'data_false'])
@pytest.mark.parametrize('state', sorted(FINAL_STATUS))
def test_a_single_id_goes_out_as_one_single_cancel_which_settles_it_whatever_the_signal(signal, state):
    oracle = BatchCancelOracle({'7': state}, signal)
    results, _ = settle_with_plan(oracle, ['7'], 100)
    assert results[0][1] == FINAL_STATUS[state]
    assert [kind for kind, _ in oracle.requests] == ['single'] + ['query'] * (state in REFUSALS)


def test_all_refused_in_windows_of_k_alternates_k_cancels_and_k_state_queries():
    ids = numbered(8)
    oracle = BatchCancelOracle(dict.fromkeys(ids, 'unknown'))
    _, steps = settle_with_plan(oracle, ids, 100, 4)
    assert [[(request.kind, request.ids) for request in step] for step in steps] == [
        [(BATCH, tuple(ids))],
        [(CANCEL, (order_id,)) for order_id in ids[:4]], [(QUERY, (order_id,)) for order_id in ids[:4]],
        [(CANCEL, (order_id,)) for order_id in ids[4:]], [(QUERY, (order_id,)) for order_id in ids[4:]],
    ]


def test_an_answer_that_says_nothing_leaves_its_id_unknown_keeps_the_others_and_stops_the_plan():
    ids = numbered(4)
    plan = BatchCancelPlan(ids, 100, 4)
    plan.record(plan.next_step(), [failure(2126, 'filled')])
    window = plan.next_step()
    assert [request.kind for request in window] == [CANCEL] * 4
    assert plan.record(window, [failure(2126, 'filled'), None, success(True), failure(2329, 'maintenance')]) == [1, 3]
    assert plan.next_step() is None
    assert [status for _, status, _ in plan.results()] == ['closed', None, 'canceled', None]
    assert plan.unsettled() == [ids[1], ids[3]]


def test_a_2001_that_names_no_order_id_says_nothing_about_the_order():
    plan = BatchCancelPlan(['7'], 100)
    step = plan.next_step()
    assert plan.record(step, [failure(2001, 'Illegal parameter:timestamp')]) == [0]
    assert plan.results() == [('7', None, None)]


def test_a_refused_id_whose_state_is_not_learned_yet_carries_the_refusal_and_no_status():
    plan = BatchCancelPlan(['7'], 100)
    refusal = failure(2319, 'Failed to cancel order:order does not exist')
    plan.record(plan.next_step(), [refusal])
    [query] = plan.next_step()
    assert query.kind == QUERY and plan.results() == [('7', None, {'cancel': refusal, 'queryOrder': None, 'notFound': None})]
    plan.record([query], [failure(2001, 'Illegal parameter:entrustId')])
    assert plan.results()[0][1] == 'rejected' and plan.results()[0][2]['notFound'] is True and plan.next_step() is None


# ----- over HTTP, through the unified method ---------------------------------------------


def make_client(scripted, **options):
    return satori_ccxt.satori(at_url(scripted.url, **DOCS_CREDENTIALS, enableRateLimit=False, options=options))


def test_all_cancelled_in_one_request_every_status_canceled(scripted):
    oracle = BatchCancelOracle({'11': 'open', '12': 'open'}, 'code')
    scripted.respond_with(routes({paths.BATCH_CANCEL: oracle.serve}))
    orders = make_client(scripted).cancel_orders([11, '12'], 'ETH/USD:USD')
    assert [(order['id'], order['status'], order['symbol']) for order in orders] == [('11', 'canceled', 'ETH/USD:USD'),
                                                                                      ('12', 'canceled', 'ETH/USD:USD')]
    assert orders[0]['info']['data'] is True and len(sent(scripted, paths.BATCH_CANCEL)) == 1


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
    assert oracle.requests == [('batch', ids[0:2]), ('batch', ids[2:4]), ('single', ids[4:5])]
    assert [order['status'] for order in orders] == ['canceled'] * 5


@pytest.mark.parametrize('signal', ['code', 'data_false'])
@pytest.mark.parametrize('kind', ['cancelled', 'filled', 'expired', 'refused', 'refused_then_filled', 'refused_then_cancelled', 'unknown'])
@pytest.mark.parametrize('position', [0, 2, 4])
def test_batch_that_stopped_reports_every_id_truly(scripted, mode, signal, kind, position):
    ids = [str(500 + index) for index in range(5)]
    states = dict.fromkeys(ids, 'open')
    states[ids[position]] = kind
    oracle = BatchCancelOracle(states, signal)
    scripted.respond_with(oracle.serve)
    with Driver(mode, at_url(scripted.url, **DOCS_CREDENTIALS, enableRateLimit=False)) as client:
        orders = client.cancel_orders(ids)
    assert [order['id'] for order in orders] == ids
    assert [order['status'] for order in orders] == [FINAL_STATUS[states[order_id]] for order_id in ids]
    assert oracle.leftover_cancellable() == []
    if kind in ('refused', 'unknown'):
        info = orders[position]['info']
        assert info['cancel']['code'] == 2319 and info['notFound'] is (kind == 'unknown') and info['queryOrder']['code'] in ('200', 2001)


@pytest.mark.parametrize('unknown_answer', ['2319', '2001'])
def test_an_id_satori_does_not_know_is_rejected_not_found_never_open(scripted, mode, unknown_answer):
    oracle = BatchCancelOracle({'1': 'open', '2': 'unknown', '3': 'refused', '4': 'unknown'}, 'code', unknown_answer)
    scripted.respond_with(oracle.serve)
    with Driver(mode, at_url(scripted.url, **DOCS_CREDENTIALS, enableRateLimit=False)) as client:
        orders = client.cancel_orders(['1', '2', '3', '4'])
    assert [order['status'] for order in orders] == ['canceled', 'rejected', 'open', 'rejected']
    assert [order['info']['notFound'] for order in orders[1:]] == [True, False, True]


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


@pytest.mark.parametrize('mode, expected', [('sync', ['closed', None, None, None]), ('async', ['closed', None, 'canceled', 'expired'])])
def test_a_failure_in_a_window_of_single_cancels_keeps_every_other_answer_of_the_window(scripted, mode, expected):
    """The batch stops at the first id; the async class then probes all four at once, the sync class one after another."""
    oracle = BatchCancelOracle({'1': 'filled', '2': 'open', '3': 'open', '4': 'expired'})

    def one_gateway_error(recorded):
        if '?entrustId=2&' in recorded.target:
            return Reply(502, '<html>bad gateway</html>', 'text/html')
        return oracle.serve(recorded)
    scripted.respond_with(one_gateway_error)
    with Driver(mode, at_url(scripted.url, **DOCS_CREDENTIALS, enableRateLimit=False, options={'cancelOrdersConcurrency': 4})) as client:
        with pytest.raises(ExchangeNotAvailable) as raised:
            client.cancel_orders(['1', '2', '3', '4'])
    assert [order['status'] for order in raised.value.orders] == expected
    assert f'{expected.count(None)} of 4 ids in an unknown state (first 2)' in str(raised.value)


@pytest.mark.parametrize('concurrency', [1, 2, 4])
def test_the_async_class_has_exactly_its_concurrency_of_requests_in_flight_and_the_sync_class_one(scripted, mode, concurrency):
    """Every window of this pattern holds ``concurrency`` requests; the server holds each until that many are in, so a client that
    sent fewer at once would never be answered (the barrier breaks), and counts what is in flight, so more would show."""
    ids = numbered(8)
    oracle = BatchCancelOracle(dict.fromkeys(ids, 'unknown'))
    held = HeldUntilTogether(concurrency if mode == 'async' else 1, oracle.serve)
    scripted.respond_with(lambda recorded: oracle.serve(recorded) if 'batchCancelEntrust' in recorded.target else held(recorded))
    config = at_url(scripted.url, **DOCS_CREDENTIALS, enableRateLimit=False, options={'cancelOrdersConcurrency': concurrency})
    with Driver(mode, config) as client:
        orders = client.cancel_orders(ids)
    assert [order['status'] for order in orders] == ['rejected'] * 8
    assert held.peak == (concurrency if mode == 'async' else 1)
    assert len(oracle.requests) == 1 + 8 + 8


@pytest.mark.parametrize('value', [0, -3, '10', 2.5, True, None])
@pytest.mark.parametrize('option', ['cancelOrdersMaxIds', 'cancelOrdersConcurrency'])
def test_a_bad_batch_size_or_concurrency_option_raises_before_any_request(scripted, option, value):
    with pytest.raises(BadRequest, match=option):
        make_client(scripted, **{option: value}).cancel_orders([1])
    assert scripted.requests == []


@pytest.mark.parametrize('value', ['print', 3, [len]])
def test_a_progress_param_that_is_not_callable_raises_before_any_request(scripted, value):
    with pytest.raises(BadRequest, match='progress'):
        make_client(scripted).cancel_orders([1], None, {'progress': value})
    assert scripted.requests == []


def test_progress_is_reported_in_ids_settled_after_every_round_and_never_sent_to_satori(scripted, mode):
    ids = numbered(6)
    oracle = BatchCancelOracle({order_id: 'filled' if index == 2 else 'open' for index, order_id in enumerate(ids)})
    scripted.respond_with(oracle.serve)
    reported = []
    with Driver(mode, at_url(scripted.url, **DOCS_CREDENTIALS, enableRateLimit=False, options={'cancelOrdersConcurrency': 2})) as client:
        client.cancel_orders(ids, None, {'progress': lambda settled, total: reported.append((settled, total))})
    # sync: batch (stopped), 3 probes, a batch of 2, a single; async: batch, 2 windows of 2 probes, a batch of 2
    expected = [0, 1, 2, 3, 5, 6] if mode == 'sync' else [0, 2, 4, 6]
    assert reported == [(settled, 6) for settled in expected]
    assert all('progress' not in request.target for request in scripted.requests)


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


def interrupted_cancel_orders(scripted, ids) -> list:
    """The ``orders`` of the KeyboardInterrupt that a real SIGINT, sent by the scripted server, raises in ``cancel_orders(ids)``."""
    exchange = satori_ccxt.satori(at_url(scripted.url, **DOCS_CREDENTIALS, enableRateLimit=False))
    # Ctrl-C as in a terminal, whatever the process running the suite inherited: a shell's background job ignores SIGINT.
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt) as raised:
            exchange.cancel_orders(ids)
    finally:
        signal.signal(signal.SIGINT, inherited)
    return [(order['id'], order['status']) for order in raised.value.orders]


def interrupt_the_main_thread():
    signal.pthread_kill(threading.main_thread().ident, signal.SIGINT)


def test_ctrl_c_during_cancel_orders_carries_every_id_on_the_keyboard_interrupt(scripted):
    # A real SIGINT reaches the main thread while it waits for Satori's answer to the second request.
    def interrupt_then_answer(recorded):
        interrupt_the_main_thread()
        return envelope(True)
    scripted.reply(business_error(2126))
    scripted.respond_with(interrupt_then_answer)
    assert interrupted_cancel_orders(scripted, [11, 12, 13]) == [('11', None), ('12', None), ('13', None)]


def test_ctrl_c_while_probing_keeps_the_probes_already_answered(scripted):
    oracle = BatchCancelOracle({'11': 'filled', '12': 'open', '13': 'open'})

    def interrupt_at_the_second_probe(recorded):
        answer = oracle.serve(recorded)
        if len(oracle.requests) == 3:
            interrupt_the_main_thread()
        return answer
    scripted.respond_with(interrupt_at_the_second_probe)
    assert interrupted_cancel_orders(scripted, [11, 12, 13]) == [('11', 'closed'), ('12', None), ('13', None)]


def orders_of_a_cancelled_task(scripted, ids, watch, **options):
    """The ``orders`` of the CancelledError of a cancel_orders(ids) task, cancelled once the wait ``watch(exchange)`` returns ends."""
    async def run():
        exchange = AsyncSatori(at_url(scripted.url, **DOCS_CREDENTIALS, enableRateLimit=False, timeout_on_exit=0, options=options))
        try:
            wait = watch(exchange)
            task = asyncio.ensure_future(exchange.cancel_orders(ids))
            await wait()
            task.cancel()
            with pytest.raises(asyncio.CancelledError) as raised:
                await task
        finally:
            await exchange.close()
        return [(order['id'], order['status']) for order in raised.value.orders]
    return asyncio.run(run())


def test_a_cancelled_task_carries_every_id_on_the_cancelled_error(scripted):
    arrived = threading.Event()

    def hold(recorded):
        arrived.set()
        return Reply(hold=True)
    scripted.respond_with(hold)

    async def until_a_request_arrived():
        while not arrived.is_set():
            await asyncio.sleep(0.001)
    assert orders_of_a_cancelled_task(scripted, [21, 22], lambda exchange: until_a_request_arrived) == [('21', None), ('22', None)]


def test_a_task_cancelled_in_a_window_keeps_the_answers_that_came_and_leaves_the_held_ones_unknown(scripted):
    """The window's first and last single cancels are answered, the two between are held: cancelling the task keeps the two answers."""
    oracle = BatchCancelOracle({'21': 'filled', '22': 'open', '23': 'open', '24': 'expired'})

    def hold_the_middle(recorded):
        if '?entrustId=22&' in recorded.target or '?entrustId=23&' in recorded.target:
            return Reply(hold=True)
        return oracle.serve(recorded)
    scripted.respond_with(hold_the_middle)

    def two_answers_noted(exchange):
        single_cancel, two_answered, answered = exchange.privatePostApiThirdOrderCancelEntrust, asyncio.Event(), []

        async def noting_each_answer(*args):
            # The gather keeps an answer in the same turn of the loop as this returns: once both are noted, both are kept.
            try:
                return await single_cancel(*args)
            finally:
                answered.append(args[0]['entrustId'])
                if len(answered) == 2:
                    two_answered.set()
        exchange.privatePostApiThirdOrderCancelEntrust = noting_each_answer
        return two_answered.wait
    assert orders_of_a_cancelled_task(scripted, [21, 22, 23, 24], two_answers_noted, cancelOrdersConcurrency=4) == \
        [('21', 'closed'), ('22', None), ('23', None), ('24', 'expired')]
