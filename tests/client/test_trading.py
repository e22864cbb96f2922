"""Placing, reading and cancelling orders: the mapping to Satori's fields, market-order prices, reduceOnly, batches, paging."""

import re

import pytest
from ccxt.base.errors import ArgumentsRequired, BadRequest, BadResponse, InsufficientFunds, InvalidOrder, OrderNotFound

import satori_ccxt
from satori_ccxt import OrderAlreadyCanceled, OrderCancelRefused
from satori_simulator import Simulator

from ..support import paths
from ..support.clients import BTC, ETH, PAIRS, Driver, body_of, docs_config, query_of, routes, sent, sim_config
from ..support.scripted_server import business_error


@pytest.fixture(scope='module')
def sim():
    with Simulator(seed=3) as simulator:
        yield simulator


@pytest.fixture
def driver(mode, sim):
    """A client of a fresh account with 100000 USD."""
    client = Driver(mode, sim_config(sim, sim.create_account('100000')))
    yield client
    client.close()


BOOK = {'asks': [{'price': '3200.01', 'quantity': '1'}], 'bids': [{'price': '3199.99', 'quantity': '1'}]}


def created(recorded) -> dict:
    query = query_of(recorded)
    return {'pairName': query['pairName'], 'orderId': 1000, 'corderId': query['clientOrderId']}


def batch_created(recorded) -> list:
    return [{'pairName': order['pairName'], 'orderId': int(order['clientOrderId']), 'cOrderId': order['clientOrderId']}
            for order in body_of(recorded)['orders']]


@pytest.fixture
def scripted_client(scripted):
    """A docs-key client whose create and batchCreate succeed; ``scripted`` records what it sent."""
    scripted.respond_with(routes({paths.CREATE: created, paths.BATCH_CREATE: batch_created}))
    return satori_ccxt.satori(docs_config(scripted.url))


def create_query(scripted) -> dict:
    return query_of(sent(scripted, paths.CREATE)[-1])


# ----- the mapping to Satori's fields ----------------------------------------------------------

def test_side_type_amount_price_map_to_is_long_is_market_quantity_price(scripted, scripted_client):
    scripted_client.create_order(ETH, 'limit', 'sell', 0.0305, 3100.005, {'clientOrderId': 'abc-1'})
    query = create_query(scripted)
    assert {key: query[key] for key in ('isLong', 'isMarket', 'quantity', 'price', 'pairName', 'clientOrderId')} == \
        {'isLong': 'False', 'isMarket': 'False', 'quantity': '0.03', 'price': '3100.01', 'pairName': 'ETH-USD', 'clientOrderId': 'abc-1'}


@pytest.mark.parametrize('type, params, match_type', [
    ('limit', {}, '1'), ('market', {'price': 3000}, '2'), ('limit', {'timeInForce': 'IOC'}, '2'), ('limit', {'timeInForce': 'fok'}, '3'),
    ('limit', {'timeInForce': 'PO'}, '4'), ('limit', {'postOnly': True}, '4'), ('market', {'price': 3000, 'timeInForce': 'FOK'}, '3'),
])
def test_time_in_force_and_post_only_map_to_match_type(scripted, scripted_client, type, params, match_type):
    order = scripted_client.create_order(ETH, type, 'buy', 0.01, 3000 if type == 'limit' else None, params)
    assert create_query(scripted)['matchType'] == match_type
    assert order['timeInForce'] == {'1': 'GTC', '2': 'IOC', '3': 'FOK', '4': 'PO'}[match_type]


def test_margin_mode_and_leverage_map_to_position_type_and_lever(scripted, scripted_client):
    scripted_client.create_order(ETH, 'limit', 'buy', 0.01, 3000, {'marginMode': 'cross', 'leverage': 12})
    assert (create_query(scripted)['positionType'], create_query(scripted)['lever']) == ('4', '12')
    scripted_client.create_order(ETH, 'limit', 'buy', 0.01, 3000, {'marginMode': 'isolated'})
    assert (create_query(scripted)['positionType'], create_query(scripted)['lever']) == ('3', '1')


def test_defaults_are_isolated_margin_leverage_1_and_a_clock_based_client_id(scripted, scripted_client):
    scripted_client.milliseconds = lambda: 1725693490018
    first = scripted_client.create_order(ETH, 'limit', 'buy', 0.01, 3000)
    second = scripted_client.create_order(ETH, 'limit', 'buy', 0.01, 3000)
    assert (create_query(scripted)['positionType'], create_query(scripted)['lever']) == ('3', '1')
    assert (first['clientOrderId'], second['clientOrderId']) == ('1725693490018001', '1725693490018002')


def test_leverage_and_margin_mode_are_remembered_per_symbol(scripted, scripted_client):
    scripted_client.set_leverage(20, ETH)
    scripted_client.set_margin_mode('cross', ETH)
    scripted_client.create_order(ETH, 'limit', 'buy', 0.01, 3000)
    assert (create_query(scripted)['lever'], create_query(scripted)['positionType']) == ('20', '4')
    scripted_client.create_order(BTC, 'limit', 'buy', 0.01, 30000)
    assert (create_query(scripted)['lever'], create_query(scripted)['positionType']) == ('1', '3')
    scripted_client.create_order(ETH, 'limit', 'buy', 0.01, 3000, {'leverage': 3})   # an explicit value wins
    assert create_query(scripted)['lever'] == '3'
    assert satori_ccxt.satori().options['leverages'] == {}   # another instance remembers nothing


def test_set_leverage_without_symbol_changes_the_default_and_sends_nothing_but_the_pair_list(scripted, scripted_client):
    assert scripted_client.set_leverage(5)['longLeverage'] == 5
    assert scripted_client.set_margin_mode('cross')['marginMode'] == 'cross'
    assert [request.target for request in scripted.requests] == [paths.PAIRS]
    scripted_client.create_order(BTC, 'limit', 'buy', 0.01, 30000)
    assert (create_query(scripted)['lever'], create_query(scripted)['positionType']) == ('5', '4')


@pytest.mark.parametrize('call', [
    lambda client: client.set_leverage(26, ETH),
    lambda client: client.set_leverage(0, ETH),
    lambda client: client.set_margin_mode('portfolio', ETH),
    lambda client: client.create_order(BTC, 'limit', 'buy', 0.01, 30000, {'leverage': 26}),
], ids=['above max', 'zero', 'unknown mode', 'order above max'])
def test_leverage_outside_the_market_bounds_or_an_unknown_margin_mode_is_refused(scripted, scripted_client, call):
    with pytest.raises(BadRequest):
        call(scripted_client)
    assert sent(scripted, paths.CREATE) == []


@pytest.mark.parametrize('missing, named', [('tradeDecimal', 'tradeDecimal (or quantityDecimal)'), ('priceDecimal', 'priceDecimal')])
@pytest.mark.parametrize('order', [('limit', 0.01234, 3100.123), ('market', 1, None)])
def test_an_order_on_a_pair_whose_decimals_are_unknown_is_refused_naming_the_missing_field(scripted, missing, named, order):
    pairs = [{key: value for key, value in PAIRS[0].items() if key != missing}]
    scripted.respond_with(routes({paths.PAIRS: pairs, paths.CREATE: created, paths.DEPTH: BOOK}))
    exchange = satori_ccxt.satori(docs_config(scripted.url))
    with pytest.raises(InvalidOrder, match=re.escape(named)):
        exchange.create_order(ETH, order[0], 'buy', order[1], order[2])
    with pytest.raises(InvalidOrder, match=re.escape(named)):
        exchange.create_orders([{'symbol': ETH, 'type': order[0], 'side': 'buy', 'amount': order[1], 'price': order[2]}])
    assert [request.target for request in scripted.requests] == [paths.PAIRS]


# ----- market orders need a price --------------------------------------------------------------

@pytest.mark.parametrize('side, params, price', [
    ('buy', {}, '3360.02'),                     # 3200.01 * 1.05 = 3360.0105, rounded up to the tick
    ('sell', {}, '3039.99'),                    # 3199.99 * 0.95 = 3039.9905, rounded down
    ('buy', {'slippage': 0.01}, '3232.02'),
    ('buy', {'price': 3250}, '3250'),
])
def test_market_order_without_a_price_gets_a_protective_price_from_the_book(scripted, side, params, price):
    scripted.respond_with(routes({paths.CREATE: created, paths.DEPTH: BOOK}))
    order = satori_ccxt.satori(docs_config(scripted.url)).create_order(ETH, 'market', side, 0.01, None, params)
    assert create_query(scripted)['price'] == price and order['price'] == float(price)


def test_slippage_is_an_option(scripted):
    scripted.respond_with(routes({paths.CREATE: created, paths.DEPTH: BOOK}))
    satori_ccxt.satori(docs_config(scripted.url, options={'marketOrderSlippage': '0.1'})).create_order(ETH, 'market', 'buy', 0.01)
    assert create_query(scripted)['price'] == '3520.02'


def test_market_order_falls_back_to_the_last_trade_when_the_book_side_is_empty(scripted):
    last_trade = {'contractMatchPairId': 1, 'price': '3000', 'quantity': '1', 'timestamp': 1714988925000}
    empty_book = {'asks': [], 'bids': []}
    scripted.respond_with(routes({paths.CREATE: created, paths.DEPTH: empty_book, paths.TRADES: [last_trade]}))
    satori_ccxt.satori(docs_config(scripted.url)).create_order(ETH, 'market', 'buy', 0.01)
    assert create_query(scripted)['price'] == '3150'


def test_market_order_with_no_book_and_no_trades_is_refused_unsent(scripted):
    scripted.respond_with(routes({paths.DEPTH: {'asks': [], 'bids': []}, paths.TRADES: []}))
    with pytest.raises(InvalidOrder, match='needs a price'):
        satori_ccxt.satori(docs_config(scripted.url)).create_order(ETH, 'market', 'sell', 0.01)
    assert sent(scripted, paths.CREATE) == []


def test_market_order_fills_and_fetch_order_shows_it_closed(driver):
    order = driver.create_order(ETH, 'market', 'buy', 0.05)
    assert order['status'] is None and order['id'] is not None
    found = driver.fetch_order(order['id'])
    assert (found['status'], found['filled'], found['side'], found['type'], found['clientOrderId']) == \
        ('closed', 0.05, 'buy', 'market', order['clientOrderId'])
    assert found['average'] <= order['price']   # never worse than the protective price


# ----- reduceOnly ------------------------------------------------------------------------------

def test_reduce_only_places_the_opposite_side_with_the_positions_leverage_and_margin_mode(driver, sim):
    driver.create_order(ETH, 'market', 'buy', 0.1, None, {'leverage': 7, 'marginMode': 'isolated'})
    driver.set_leverage(2, ETH)
    closing = driver.create_order(ETH, 'market', 'sell', 0.04, None, {'reduceOnly': True})
    assert closing['reduceOnly'] is True
    last_create = [record for record in sim.requests if record.path == paths.CREATE][-1]
    assert 'lever=7' in last_create.query and 'isLong=False' in last_create.query
    [position] = driver.fetch_positions([ETH])
    assert (position['side'], position['contracts']) == ('long', 0.06)


@pytest.mark.parametrize('side, amount, reason', [('buy', 0.01, 'would increase'), ('sell', 0.2, 'exceeds')])
def test_reduce_only_refuses_to_grow_or_flip_the_position(driver, sim, side, amount, reason):
    driver.create_order(ETH, 'market', 'buy', 0.1)
    before = sim.count(paths.CREATE)
    with pytest.raises(InvalidOrder, match=reason):
        driver.create_order(ETH, 'market', side, amount, None, {'reduceOnly': True})
    assert sim.count(paths.CREATE) == before


def test_reduce_only_without_a_position_is_refused(driver):
    with pytest.raises(InvalidOrder, match='no open position'):
        driver.create_order(BTC, 'limit', 'sell', 0.01, 70000, {'reduceOnly': True})


# ----- batches ---------------------------------------------------------------------------------

def numbered_orders(count):
    return [{'symbol': ETH, 'type': 'limit', 'side': 'buy', 'amount': 0.01, 'price': 3000, 'params': {'clientOrderId': str(n)}}
            for n in range(1, count + 1)]


def test_create_orders_sends_at_most_20_per_request_in_order(scripted, scripted_client):
    placed = scripted_client.create_orders(numbered_orders(45))
    assert [len(body_of(request)['orders']) for request in sent(scripted, paths.BATCH_CREATE)] == [20, 20, 5]
    assert [order['id'] for order in placed] == [str(n) for n in range(1, 46)]


def test_a_failed_batch_keeps_the_orders_earlier_batches_placed(scripted):
    answers = iter([batch_created, lambda _: business_error(2201, 'Insufficient balance available')])
    scripted.respond_with(routes({paths.BATCH_CREATE: lambda recorded: next(answers)(recorded)}))
    with pytest.raises(InsufficientFunds) as raised:
        satori_ccxt.satori(docs_config(scripted.url)).create_orders(numbered_orders(25))
    assert [order['id'] for order in raised.value.orders] == [str(n) for n in range(1, 21)]


def test_an_answer_without_an_order_id_is_a_bad_response_naming_the_client_id(scripted):
    scripted.respond_with(routes({paths.CREATE: {'pairName': 'ETH-USD'}}))
    with pytest.raises(BadResponse, match='clientOrderId c-7'):
        satori_ccxt.satori(docs_config(scripted.url)).create_order(ETH, 'limit', 'buy', 0.01, 3000, {'clientOrderId': 'c-7'})


def test_create_orders_places_on_the_simulator(driver):
    entries = [{'symbol': ETH, 'type': 'limit', 'side': 'buy', 'amount': 0.01, 'price': 2500 + n} for n in range(3)]
    entries.append({'symbol': BTC, 'type': 'market', 'side': 'sell', 'amount': 0.001, 'params': {'leverage': 5}})
    placed = driver.create_orders(entries)
    assert [order['symbol'] for order in placed] == [ETH, ETH, ETH, BTC]
    assert [driver.fetch_order(order['id'])['status'] for order in placed] == ['open', 'open', 'open', 'closed']


# ----- reading orders --------------------------------------------------------------------------

def test_fetch_order_of_an_unknown_id_raises_order_not_found(driver):
    with pytest.raises(OrderNotFound):
        driver.fetch_order('999999999')


def test_fetch_order_of_a_cancelled_order_shows_it_canceled(driver):
    order = driver.create_order(ETH, 'limit', 'buy', 0.01, 2000, {'timeInForce': 'GTC'})
    driver.cancel_order(order['id'])
    assert driver.fetch_order(order['id'], ETH)['status'] == 'canceled'


def test_open_orders_are_read_page_after_page_oldest_first(driver, sim):
    ids = [driver.create_order(ETH, 'limit', 'buy', 0.01, 2000 + n)['id'] for n in range(7)]
    before = sim.count(paths.OPEN_ORDERS)
    orders = driver.fetch_open_orders(ETH, None, None, {'pageSize': 3})
    assert [order['id'] for order in orders] == ids and {order['status'] for order in orders} == {'open'}
    assert sim.count(paths.OPEN_ORDERS) - before == 3
    assert [order['id'] for order in driver.fetch_open_orders(ETH, None, 2)] == ids[-2:]


def test_open_orders_without_a_symbol_ask_every_market(driver, sim):
    eth = driver.create_order(ETH, 'limit', 'buy', 0.01, 2000)
    btc = driver.create_order(BTC, 'limit', 'sell', 0.001, 90000)
    before = sim.count(paths.OPEN_ORDERS)
    assert {order['id'] for order in driver.fetch_open_orders()} == {eth['id'], btc['id']}
    assert sim.count(paths.OPEN_ORDERS) - before == 3


def test_paging_stops_when_a_page_repeats(scripted):
    page = {'records': [{'id': 1, 'symbol': 'ETH-USD', 'quantity': '1'}, {'id': 2, 'symbol': 'ETH-USD', 'quantity': '1'}], 'total': 99}
    scripted.respond_with(routes({paths.OPEN_ORDERS: page}))
    orders = satori_ccxt.satori(docs_config(scripted.url)).fetch_open_orders(ETH, None, None, {'pageSize': 2})
    assert [order['id'] for order in orders] == ['1', '2'] and len(sent(scripted, paths.OPEN_ORDERS)) == 2


def test_my_trades_page_backwards_with_the_match_id_cursor(driver, sim):
    for _ in range(5):
        driver.create_order(ETH, 'market', 'buy', 0.01)
    everything = driver.fetch_my_trades(ETH, None, 100)
    # Every fill Satori holds, oldest first: an order may fill at two levels when earlier tests part-took the shared book's
    # best ask in the same second, so the count is the simulator's, not one per order.
    assert [trade['id'] for trade in everything] == [str(fill['id']) for fill in sim.ledger(driver.exchange.apiKey)['fills']]
    assert len(everything) >= 5
    sim.clear_requests()
    newest = driver.fetch_my_trades(ETH, None, 3, {'pageSize': 2})
    assert [trade['id'] for trade in newest] == [trade['id'] for trade in everything[-3:]]
    queries = [record.query for record in sim.requests if record.path == paths.MY_TRADES]
    assert queries[0] == f'pageNo=1&pageSize=2&pairName=ETH-USD&timestamp={queries[0].rsplit("=", 1)[1]}'
    assert queries[1].startswith(f'matchId={everything[-2]["id"]}&pageNo=1&pageSize=2')


def test_my_trades_since_reads_back_to_it(driver, sim):
    sim.set_time(1725865000000)
    driver.exchange.milliseconds = sim.now_ms   # signed requests must carry the simulator's time
    try:
        driver.create_order(ETH, 'market', 'buy', 0.01)
        sim.advance_time(60_000)
        driver.create_order(ETH, 'market', 'buy', 0.01)
        driver.create_order(ETH, 'market', 'sell', 0.01)
        trades = driver.fetch_my_trades(ETH, 1725865000001, None, {'pageSize': 1})
    finally:
        sim.set_time(None)
    assert [trade['timestamp'] for trade in trades] == [1725865060000, 1725865060000]
    assert [trade['side'] for trade in trades] == ['buy', 'sell'] and trades[0]['takerOrMaker'] == 'taker'
    assert trades[0]['fee']['currency'] == 'USD' and trades[0]['fee']['cost'] > 0


# ----- cancelling all --------------------------------------------------------------------------

def test_cancel_all_orders_returns_one_order_per_order_satori_reports_with_its_status(driver, sim):
    eth = [driver.create_order(ETH, 'limit', 'buy', 0.01, 2000 + n)['id'] for n in range(3)]
    btc = driver.create_order(BTC, 'limit', 'buy', 0.001, 30000)['id']
    sim.refuse_cancel(int(eth[1]))
    answers = driver.cancel_all_orders(ETH)
    assert [(order['id'], order['symbol'], order['side'], order['status']) for order in answers] == \
        [(eth[0], ETH, 'buy', 'canceled'), (eth[1], ETH, 'buy', 'open'), (eth[2], ETH, 'buy', 'canceled')]
    assert [sim.order_status(order_id) for order_id in eth + [btc]] == ['cancelled', 'open', 'cancelled', 'open']
    assert [(order['id'], order['status']) for order in driver.cancel_all_orders()] == [(eth[1], 'open'), (btc, 'canceled')]
    assert sim.order_status(btc) == 'cancelled'


@pytest.mark.parametrize('code, status', [(1, 'canceled'), (2, 'canceled'), (3, 'canceled'), ('4', 'closed'), (7, 'open')])
def test_cancel_all_result_codes_become_order_statuses(scripted, code, status):
    result = {'orderId': 65803253, 'clientOrderId': '1714984246126', 'pairName': 'ETH-USD', 'isLong': False, 'resultCode': code,
              'resultMsg': 'canceled: cancel success from book'}
    scripted.respond_with(routes({paths.CANCEL_ALL: [result]}))
    order, = satori_ccxt.satori(docs_config(scripted.url)).cancel_all_orders()
    assert (order['id'], order['clientOrderId'], order['symbol'], order['side'], order['status']) == \
        ('65803253', '1714984246126', ETH, 'sell', status)


def test_cancel_all_answered_by_a_bare_true_returns_one_entry_holding_it(scripted):
    scripted.respond_with(routes({paths.CANCEL_ALL: True}))
    answer, = satori_ccxt.satori(docs_config(scripted.url)).cancel_all_orders(ETH)
    assert answer['info']['data'] is True and answer['id'] is None and answer['symbol'] == ETH


def test_cancel_all_orders_of_one_side_sends_is_long(scripted):
    scripted.respond_with(routes({paths.CANCEL_ALL: True}))
    satori_ccxt.satori(docs_config(scripted.url)).cancel_all_orders(ETH, {'side': 'sell'})
    assert {key: value for key, value in query_of(sent(scripted, paths.CANCEL_ALL)[0]).items() if key != 'timestamp'} == \
        {'isLong': 'False', 'pairName': 'ETH-USD'}


# ----- arguments checked before anything is sent -----------------------------------------------

@pytest.mark.parametrize('call, error', [
    (lambda client: client.create_order(ETH, 'stop', 'buy', 1, 1), BadRequest),
    (lambda client: client.create_order(ETH, 'limit', 'long', 1, 1), BadRequest),
    (lambda client: client.create_order(ETH, 'limit', 'buy', 0, 1), BadRequest),
    (lambda client: client.create_order(ETH, 'limit', 'buy', 'abc', 1), BadRequest),
    (lambda client: client.create_order(ETH, 'limit', 'buy', 1, -5), BadRequest),
    (lambda client: client.create_order(ETH, 'limit', 'buy', 1), ArgumentsRequired),
    (lambda client: client.create_order(ETH, 'market', 'buy', 1, 1, {'postOnly': True}), BadRequest),
    (lambda client: client.create_order(ETH, 'limit', 'buy', 1, 1, {'timeInForce': 'GTD'}), BadRequest),
    (lambda client: client.create_order(ETH, 'limit', 'buy', 1, 1, {'timeInForce': 'IOC', 'postOnly': True}), BadRequest),
    (lambda client: client.create_order(ETH, 'limit', 'buy', 1, 1, {'marginMode': 'portfolio'}), BadRequest),
    (lambda client: client.create_order(ETH, 'limit', 'buy', 1, 1, {'leverage': 2.5}), BadRequest),
    (lambda client: client.create_order(ETH, 'limit', 'buy', 1, 1, {'reduceOnly': 'yes'}), BadRequest),
    (lambda client: client.create_order(ETH, 'market', 'buy', 1, None, {'slippage': 1.5}), BadRequest),
    (lambda client: client.create_orders([]), ArgumentsRequired),
    (lambda client: client.create_orders([{'symbol': ETH, 'type': 'limit', 'side': 'buy', 'amount': 1}]), ArgumentsRequired),
    (lambda client: client.fetch_order('12a'), BadRequest),
    (lambda client: client.fetch_my_trades(), ArgumentsRequired),
    (lambda client: client.fetch_open_orders(ETH, None, None, {'pageSize': 101}), BadRequest),
    (lambda client: client.cancel_all_orders(ETH, {'side': 'long'}), BadRequest),
])
def test_bad_order_arguments_raise_before_any_request(scripted, call, error):
    with pytest.raises(error):
        call(satori_ccxt.satori(docs_config(scripted.url)))
    assert scripted.requests == []


def test_open_orders_placed_in_the_same_millisecond_come_back_oldest_first(scripted):
    # Satori lists newest first; orders that share a time must still come back in the order they were placed (by id).
    same_ms = 1725867693226
    page = [{'id': order_id, 'symbol': 'ETH-USD', 'quantity': '1', 'price': '2000', 'isLong': True, 'createTimeStamp': same_ms}
            for order_id in (200000010, 200000009, 200000002, 200000001)]
    scripted.respond_with(routes({paths.OPEN_ORDERS: page}))
    orders = satori_ccxt.satori(docs_config(scripted.url)).fetch_open_orders(ETH)
    assert [order['id'] for order in orders] == ['200000001', '200000002', '200000009', '200000010']


# ----- cancelling by client order id -----------------------------------------------------------

def test_an_order_is_cancelled_by_its_client_order_id(driver, sim):
    order = driver.create_order(ETH, 'limit', 'buy', 0.01, 2000, {'clientOrderId': 'grid-7'})
    cancelled = driver.cancel_order_with_client_order_id('grid-7', ETH)
    assert (cancelled['id'], cancelled['clientOrderId'], cancelled['status'], cancelled['symbol']) == (None, 'grid-7', 'canceled', ETH)
    assert sim.order_status(order['id']) == 'cancelled'
    with pytest.raises(OrderAlreadyCanceled):
        driver.cancel_order(None, ETH, {'clientOrderId': 'grid-7'})
    with pytest.raises(OrderCancelRefused):
        driver.cancel_order(None, ETH, {'clientOrderId': 'never-placed'})


def test_cancel_by_client_order_id_sends_only_the_client_id(scripted):
    scripted.respond_with(routes({paths.CANCEL_BY_CLIENT_ID: True}))
    satori_ccxt.satori(docs_config(scripted.url)).cancel_order('', ETH, {'clientOrderId': '1725870680532'})
    request, = sent(scripted, paths.CANCEL_BY_CLIENT_ID)
    assert {key: value for key, value in query_of(request).items() if key != 'timestamp'} == {'clientOrderId': '1725870680532'}


@pytest.mark.parametrize('id, params', [(180554928, {'clientOrderId': 'a'}), (None, {'clientOrderId': 'a b'}), ('', {})])
def test_cancel_order_with_both_ids_or_neither_or_an_unsendable_client_id_is_refused_before_any_request(scripted, id, params):
    with pytest.raises((BadRequest, ArgumentsRequired)):
        satori_ccxt.satori(docs_config(scripted.url)).cancel_order(id, ETH, params)
    assert scripted.requests == []
