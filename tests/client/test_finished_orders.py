"""Finished orders: from orders/histories where Satori serves it, else closed orders through the fills, else NotSupported."""

import pytest
from ccxt.base.errors import NotSupported

import satori_ccxt
from satori_simulator import Simulator

from ..support import paths
from ..support.clients import BTC, ETH, NOT_FOUND, Driver, docs_config, query_of, routes, sent, sim_config

T0 = 1_767_225_600_000   # 2026-01-01T00:00:00Z


def orders_in_every_state(driver, sim):
    """(filled, cancelled, expired, open) order ids on ETH, one second apart, plus a filled one on BTC."""
    ids = []
    for action in ('fill', 'cancel', 'expire', None):
        sim.advance_time(1000)
        order_id = driver.create_order(ETH, 'limit', 'buy', 0.01, 2000)['id']
        if action == 'fill':
            sim.fill(int(order_id))
        elif action == 'cancel':
            driver.cancel_order(order_id)
        elif action == 'expire':
            sim.expire(int(order_id))
        ids.append(order_id)
    sim.advance_time(1000)
    driver.create_order(BTC, 'market', 'buy', 0.001)
    return ids


def client(sim, mode):
    driver = Driver(mode, sim_config(sim, sim.account))
    driver.exchange.milliseconds = sim.now_ms
    return driver


def test_finished_orders_are_listed_by_status_oldest_first_where_histories_is_served(mode):
    with Simulator(seed=9, clock=T0, deployment='later') as sim, client(sim, mode) as driver:
        filled, cancelled, expired, opened = orders_in_every_state(driver, sim)
        assert [(order['id'], order['status']) for order in driver.fetch_closed_orders(ETH)] == [(filled, 'closed')]
        assert [order['id'] for order in driver.fetch_canceled_orders(ETH)] == [cancelled]
        assert [(order['id'], order['status']) for order in driver.fetch_canceled_and_closed_orders(ETH)] == \
            [(filled, 'closed'), (cancelled, 'canceled'), (expired, 'expired')]
        assert [order['id'] for order in driver.fetch_orders(ETH)] == [filled, cancelled, expired, opened]
        assert {order['symbol'] for order in driver.fetch_closed_orders()} == {ETH, BTC}
        closed, = driver.fetch_closed_orders(ETH)
        assert (closed['timestamp'], closed['filled'], closed['remaining'], closed['side'], closed['price']) == \
            (T0 + 1000, 0.01, 0, 'buy', 2000)
        assert closed['lastUpdateTimestamp'] == T0 + 1000


def test_finished_orders_page_backwards_from_now_or_forwards_from_since(mode):
    with Simulator(seed=9, clock=T0, deployment='later') as sim, client(sim, mode) as driver:
        ids = []
        for _ in range(130):
            sim.advance_time(1000)
            ids.append(str(sim.place_order(sim.account, price='2000', quantity='0.01')))
            sim.cancel_behind_back(int(ids[-1]))
        sim.clear_requests()
        assert [order['id'] for order in driver.fetch_canceled_orders(ETH)] == ids
        assert sim.count(paths.ORDER_HISTORIES) == 2
        assert [order['id'] for order in driver.fetch_canceled_orders(ETH, None, 5)] == ids[-5:]
        assert [order['id'] for order in driver.fetch_canceled_orders(ETH, T0 + 10_000, 120)] == ids[9:129]
        assert [order['id'] for order in driver.fetch_canceled_orders(ETH, None, None, {'until': T0 + 20_000})] == ids[:20]


def test_histories_requests_carry_symbol_window_order_and_at_most_100(scripted):
    scripted.respond_with(routes({paths.ORDER_HISTORIES: []}))
    exchange = satori_ccxt.satori(docs_config(scripted.url))
    exchange.fetch_closed_orders(ETH, T0, 500)
    exchange.fetch_canceled_orders(ETH, None, 3, {'until': T0})
    first, second = ({key: value for key, value in query_of(request).items() if key != 'timestamp'}
                     for request in sent(scripted, paths.ORDER_HISTORIES))
    assert first == {'symbol': 'ETH-USD', 'limit': '100', 'sortByAsc': 'True', 'beginTime': str(T0)}
    assert second == {'symbol': 'ETH-USD', 'limit': '100', 'sortByAsc': 'False', 'endTime': str(T0)}
    assert sent(scripted, paths.ORDER_HISTORIES)[0].method == 'GET' and 'signature' in sent(scripted, paths.ORDER_HISTORIES)[0].headers


def test_without_histories_closed_orders_come_from_the_fills_and_the_rest_is_not_supported(mode):
    with Simulator(seed=9, clock=T0) as sim, client(sim, mode) as driver:
        filled, _, _, _ = orders_in_every_state(driver, sim)
        sim.advance_time(1000)
        partly = driver.create_order(ETH, 'limit', 'buy', 0.02, 2000)['id']
        sim.clear_requests()
        assert [(order['id'], order['status']) for order in driver.fetch_closed_orders(ETH)] == [(filled, 'closed')]
        assert sim.order_status(partly) == 'open'
        for method in (driver.fetch_canceled_orders, driver.fetch_canceled_and_closed_orders, driver.fetch_orders):
            with pytest.raises(NotSupported, match='orders/histories'):
                method(ETH)
        assert driver.fetch_closed_orders(ETH, T0 + 2000) == []   # the fill was before since
        assert sim.count(paths.ORDER_HISTORIES) == 1   # the 404 is learned once per instance
        assert sim.count(paths.QUERY_ORDER) == 1


def test_closed_orders_through_the_fills_read_each_order_once_and_stop_at_the_limit(scripted):
    fills = [{'id': 30 - n, 'entrustId': 900 + n % 3, 'symbol': 'ETH-USD', 'createTimeStamp': T0 - n * 1000, 'quantity': '1',
              'averagePrice': '3000', 'isLong': True} for n in range(6)]

    def queried(recorded):
        order_id = int(query_of(recorded)['entrustId'])
        return {'id': str(order_id), 'symbol': 'ETH-USD', 'status': '2' if order_id != 901 else '3', 'quantity': '2',
                'dealQuantity': '2', 'createTimeStamp': str(T0 - (order_id - 900) * 1000)}
    scripted.respond_with(routes({paths.ORDER_HISTORIES: NOT_FOUND, paths.MY_TRADES: fills,
                                  paths.QUERY_ORDER: queried}))
    exchange = satori_ccxt.satori(docs_config(scripted.url))
    assert [order['id'] for order in exchange.fetch_closed_orders(ETH)] == ['902', '900']
    assert [query_of(request)['entrustId'] for request in sent(scripted, paths.QUERY_ORDER)] == ['900', '901', '902']
    assert [order['id'] for order in exchange.fetch_closed_orders(ETH, None, 1)] == ['900']
