"""The flow drivers' ``gather``: one outcome per call, in order, a failure in its place; the async driver makes at most
``limit`` calls at once, and that many when it can; the sync driver one after another. Over real HTTP."""

import asyncio
import json

import pytest
from ccxt.base.errors import OrderNotFound

import satori_ccxt
from satori_ccxt.async_support import satori as AsyncSatori
from satori_ccxt.flow import Flow, bind_async, bind_sync, call, gather, run_async, run_sync, unified

from ..support import paths
from ..support.clients import docs_config, query_of, routes
from ..support.scripted_server import HeldUntilTogether, Reply, business_error


def gathered_orders(ids, limit):
    """A flow that reads ``ids`` with fetch_order, gathered."""
    return (yield gather([call('fetch_order', order_id) for order_id in ids], limit))


def run_flow(mode, config, flow):
    if mode == 'sync':
        return run_sync(satori_ccxt.satori(config), flow)

    async def main():
        exchange = AsyncSatori({**config, 'timeout_on_exit': 0})
        try:
            return await run_async(exchange, flow)
        finally:
            await exchange.close()
    return asyncio.run(main())


def order_or_unknown(recorded):
    """queryOrder of order ``entrustId``: open, except 5, which is no order."""
    order_id = query_of(recorded)['entrustId']
    if order_id == '5':
        return business_error(2001, 'Illegal parameter:entrustId')
    return Reply(body=json.dumps({'error': False, 'code': '200', 'msg': 'SUCCESS', 'data': {'id': order_id, 'status': '1'}}))


def test_a_gather_gives_one_outcome_per_call_in_order_with_a_failure_in_its_place(scripted, mode):
    scripted.respond_with(routes({paths.QUERY_ORDER: order_or_unknown}))
    outcomes = run_flow(mode, docs_config(scripted.url), gathered_orders([str(order_id) for order_id in range(1, 9)], 3))
    assert [outcome['id'] if isinstance(outcome, dict) else type(outcome) for outcome in outcomes] == \
        ['1', '2', '3', '4', OrderNotFound, '6', '7', '8']


@pytest.mark.parametrize('limit', [1, 3, 4])
def test_the_async_driver_has_exactly_limit_calls_in_flight_and_the_sync_driver_one(scripted, mode, limit):
    """12 calls: the server holds each until ``limit`` (sync: one) are in, so fewer at once would never be answered (the
    barrier breaks), and counts what is in flight, so more would show."""
    held = HeldUntilTogether(limit if mode == 'async' else 1, order_or_unknown)
    scripted.respond_with(routes({paths.QUERY_ORDER: held}))
    outcomes = run_flow(mode, docs_config(scripted.url), gathered_orders([str(order_id) for order_id in range(6, 18)], limit))
    assert [outcome['id'] for outcome in outcomes] == [str(order_id) for order_id in range(6, 18)]
    assert held.peak == (limit if mode == 'async' else 1)


@pytest.mark.parametrize('limit', [0, -1, 1.5, None])
def test_a_gather_needs_at_least_one_call_at_a_time(limit):
    with pytest.raises(ValueError):
        gather([call('fetch_time')], limit)


@pytest.mark.parametrize('bind', [bind_sync, bind_async], ids=['sync', 'async'])
def test_a_class_that_leaves_a_unified_flow_undeclared_is_refused_when_defined(bind):
    def fetch_extra(self, params: dict = {}) -> Flow[dict]:
        return (yield call('publicGetApiThirdInfoTime', params))

    # A flow the class inherits without a sync_method/async_method of its own would reach users untyped.
    with pytest.raises(TypeError, match='fetch_extra'):
        bind(type('extended', (AsyncSatori,), {'fetch_extra': unified(fetch_extra)}))
