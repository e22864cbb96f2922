"""The simulator as a market: matching, fees, positions, balances, the private lists and market data.

Expectations are computed from what the simulator publishes (its book, its
pair list), not from its internals; everything goes over real HTTP.
"""

import json
from decimal import ROUND_DOWN, ROUND_UP, Decimal

import pytest
import requests

from satori_simulator import Simulator

from ..support import T0, paths
from ..support.wire_client import SatoriWire, error, ok, personal_sign

TAKER, MAKER = Decimal('0.0006'), Decimal('0.0004')   # the pair list's 0.06 and 0.04 percent
CENT = Decimal('0.000001')
IOC, FOK, POST_ONLY = 2, 3, 4


def book(wire, pair='ETH-USD', limit=20):
    depth = ok(wire.get(paths.DEPTH, pairName=pair, limit=limit))
    return ([(Decimal(level['price']), Decimal(level['quantity'])) for level in depth['asks']],
            [(Decimal(level['price']), Decimal(level['quantity'])) for level in depth['bids']])


def up(value):
    return value.quantize(CENT, rounding=ROUND_UP)


def money(text):
    return Decimal(text)


def order_state(wire, order_id):
    return ok(wire.query_order(order_id))


# ----- matching ---------------------------------------------------------------------------------

def test_market_buy_fills_against_the_best_asks_and_opens_a_long(sim, wire):
    asks, _ = book(wire)
    quantity = asks[0][1] + asks[1][1] / 2
    quantity = quantity.quantize(Decimal('0.001'), rounding=ROUND_DOWN)
    created = ok(wire.create(is_market=True, match_type=IOC, price=str(asks[2][0]), quantity=str(quantity), lever=20))
    order = order_state(wire, created['orderId'])
    fills = [(asks[0][0], asks[0][1]), (asks[1][0], quantity - asks[0][1])]
    notional = sum(price * size for price, size in fills)
    assert order['status'] == '2' and money(order['dealQuantity']) == quantity and money(order['dealAmount']) == notional
    position, = wire.positions()
    assert position['isLong'] is True and money(position['quantity']) == quantity and position['lever'] == 20
    assert money(position['openingPrice']) == (notional / quantity).quantize(Decimal('1e-8'))
    margin = sum(up(price * size / 20) for price, size in fills)
    fees = sum(up(price * size * TAKER) for price, size in fills)
    assert money(position['marginAmount']) == margin
    balance = wire.balance()
    assert money(balance['availableAmount']) == 100000 - margin - fees and money(balance['frozenAmount']) == margin
    trades = ok(wire.get(paths.TRADES, pairName='ETH-USD'))
    assert [(money(t['price']), money(t['quantity']), t['isLong']) for t in trades] == [(p, q, True) for p, q in reversed(fills)]


def test_ledger_shows_the_orders_fills_positions_and_money_the_api_shows(sim, wire):
    asks, _ = book(wire)
    created = ok(wire.create(is_market=True, match_type=IOC, price=str(asks[0][0]), quantity=str(asks[0][1]), lever=20))
    resting = sim.place_order(sim.account, side='buy', price='1000', quantity='0.01')
    ledger = sim.ledger(sim.account)
    order = ledger['orders'][created['orderId']]
    assert (order['status'], order['side'], order['filled'], order['lever'], order['positionType']) == ('filled', 'buy', asks[0][1], 20, 3)
    assert ledger['orders'][resting]['status'] == 'open' and ledger['orders'][resting]['filled'] == 0
    fills = [(fill['orderId'], fill['price'], fill['quantity']) for fill in ledger['fills']]
    assert fills == [(created['orderId'], asks[0][0], asks[0][1])]
    position, = wire.positions()
    assert ledger['positions'] == [{'id': position['id'], 'pair': 'ETH-USD', 'side': 'long', 'quantity': asks[0][1]}]
    balance = wire.balance()
    assert (ledger['available'], ledger['frozen']) == (money(balance['availableAmount']), money(balance['frozenAmount']))


def test_market_order_stops_at_its_protective_price(sim, wire):
    asks, _ = book(wire)
    created = ok(wire.create(is_market=True, match_type=IOC, price=str(asks[0][0]), quantity=str(asks[0][1] + 1)))
    order = order_state(wire, created['orderId'])
    assert order['status'] == '3' and money(order['dealQuantity']) == asks[0][1]


def test_crossing_gtc_limit_fills_what_crosses_and_rests_the_rest(sim, wire):
    asks, _ = book(wire)
    created = ok(wire.create(price=str(asks[0][0]), quantity=str(asks[0][1] + 1)))
    resting, = ok(wire.post(paths.OPEN_ORDERS, pairName='ETH-USD'))
    assert resting['id'] == created['orderId'] and money(resting['dealQuantity']) == asks[0][1]
    new_asks, new_bids = book(wire)
    assert new_asks[0] == asks[1] and new_bids[0] == (asks[0][0], Decimal(1))


def test_ioc_limit_cancels_what_it_cannot_fill(sim, wire):
    asks, _ = book(wire)
    created = ok(wire.create(price=str(asks[0][0]), quantity=str(asks[0][1] + 1), match_type=IOC))
    order = order_state(wire, created['orderId'])
    assert order['status'] == '3' and money(order['dealQuantity']) == asks[0][1]
    assert ok(wire.post(paths.OPEN_ORDERS, pairName='ETH-USD')) == []


def test_fok_that_cannot_fill_completely_does_not_trade(sim, wire):
    asks, _ = book(wire)
    created = ok(wire.create(price=str(asks[0][0]), quantity=str(asks[0][1] + 1), match_type=FOK))
    order = order_state(wire, created['orderId'])
    assert order['status'] == '3' and money(order['dealQuantity']) == 0
    assert ok(wire.get(paths.TRADES, pairName='ETH-USD')) == []
    assert book(wire)[0] == asks


def test_fok_that_can_fill_completely_fills(sim, wire):
    asks, _ = book(wire)
    created = ok(wire.create(price=str(asks[1][0]), quantity=str(asks[0][1] + asks[1][1]), match_type=FOK))
    assert order_state(wire, created['orderId'])['status'] == '2'


def test_post_only_that_would_cross_is_cancelled_without_trading(sim, wire):
    asks, bids = book(wire)
    crossing = ok(wire.create(price=str(asks[0][0]), quantity='0.01', match_type=POST_ONLY))
    assert order_state(wire, crossing['orderId'])['status'] == '3'
    assert ok(wire.get(paths.TRADES, pairName='ETH-USD')) == []
    resting = ok(wire.create(price=str(bids[0][0]), quantity='0.01', match_type=POST_ONLY))
    assert order_state(wire, resting['orderId'])['status'] == '1'


def test_maker_fill_charges_the_maker_fee(sim, wire):
    created = ok(wire.create(price='3000', quantity='0.5', lever=5))
    sim.fill(created['orderId'])
    fill, = ok(wire.post(paths.MY_TRADES, pairName='ETH-USD'))
    assert fill['isTaker'] is False and money(fill['tradeFee']) == up(Decimal('1500') * MAKER)
    assert money(wire.balance()['availableAmount']) == 100000 - Decimal(300) - up(Decimal('1500') * MAKER)


def test_a_market_moving_through_a_resting_order_fills_it_as_maker(sim, wire):
    asks, bids = book(wire)
    price = asks[0][0] - Decimal('0.01')
    assert price > bids[0][0]
    created = ok(wire.create(price=str(price), quantity='0.01'))
    for second in range(1, 600):
        sim.set_time(T0 + second * 1000)
        if order_state(wire, created['orderId'])['status'] == '2':
            break
    fill, = ok(wire.post(paths.MY_TRADES, pairName='ETH-USD'))
    assert fill['isTaker'] is False and money(fill['averagePrice']) == price


# ----- positions and balances -------------------------------------------------------------------

def test_reducing_and_closing_a_position_realises_pnl_and_returns_its_margin(sim, wire):
    asks, bids = book(wire)
    ok(wire.create(is_market=True, match_type=IOC, price=str(asks[0][0]), quantity='0.2', lever=10))
    ok(wire.create(is_long=False, is_market=True, match_type=IOC, price=str(bids[0][0]), quantity='0.1', lever=10))
    position, = wire.positions()
    assert money(position['quantity']) == Decimal('0.1') and position['isLong'] is True
    profit = ((bids[0][0] - asks[0][0]) * Decimal('0.1')).quantize(CENT, rounding=ROUND_DOWN)
    reduce_fill = ok(wire.post(paths.MY_TRADES, pairName='ETH-USD'))[0]
    assert reduce_fill['isClose'] is True and money(reduce_fill['profitLoss']) == profit
    ok(wire.create(is_long=False, is_market=True, match_type=IOC, price=str(bids[0][0]), quantity='0.1', lever=10))
    assert wire.positions() == []
    fees = up(asks[0][0] * Decimal('0.2') * TAKER) + 2 * up(bids[0][0] * Decimal('0.1') * TAKER)
    balance = wire.balance()
    assert money(balance['frozenAmount']) == 0
    assert money(balance['availableAmount']) == 100000 - fees + 2 * profit


def test_an_opposite_order_larger_than_the_position_flips_it(sim, wire):
    asks, bids = book(wire)
    ok(wire.create(is_market=True, match_type=IOC, price=str(asks[0][0]), quantity='0.1'))
    ok(wire.create(is_long=False, is_market=True, match_type=IOC, price=str(bids[0][0]), quantity='0.3'))
    position, = wire.positions()
    assert position['isLong'] is False and money(position['quantity']) == Decimal('0.2')
    assert money(position['openingPrice']) == bids[0][0]


def test_resting_order_reserves_its_margin_and_cancel_releases_it(sim, wire):
    created = ok(wire.create(price='3000', quantity='0.2', lever=4))
    balance = wire.balance()
    assert money(balance['frozenAmount']) == 150 and money(balance['availableAmount']) == 100000 - 150
    ok(wire.cancel(created['orderId']))
    assert wire.balance() == {**balance, 'availableAmount': '100000', 'frozenAmount': '0'}


def test_order_that_only_closes_a_position_needs_no_margin(sim):
    poor = sim.create_account(balance='40')
    wire = SatoriWire(sim, poor.api_key, poor.secret)
    asks, bids = book(wire)
    ok(wire.create(is_market=True, match_type=IOC, price=str(asks[0][0]), quantity='0.1', lever=10))
    ok(wire.create(is_long=False, price=str(asks[5][0]), quantity='0.1', lever=1))


# ----- order limits -----------------------------------------------------------------------------

@pytest.mark.parametrize('change, code, msg', [
    ({'quantity': '0.0009'}, 2001, 'Illegal parameter:quantity'),
    ({'quantity': '0'}, 2301, 'Quantity cannot be less than 0.001'),
    ({'quantity': '1000.001'}, 2302, 'Quantity cannot be greater than 1000'),
    ({'lever': 0}, 2303, 'Lever cannot be less than 1'),
    ({'lever': 26}, 2304, 'Lever cannot be greater than 25'),
    ({'quantity': '100', 'lever': 1}, 2201, 'Insufficient balance available'),
    ({'price': '3000.001'}, 2001, 'Illegal parameter:price'),
    ({'price': '0'}, 2001, 'Illegal parameter:price'),
    ({'pair': 'DOGE-USD'}, 2001, 'Illegal parameter:pairName'),
    ({'match_type': 5}, 2001, 'Illegal parameter:matchType'),
    ({'match_type': POST_ONLY, 'is_market': True}, 2001, 'Illegal parameter:matchType'),
    ({'position_type': 2}, 2001, 'Illegal parameter:positionType'),
])
def test_order_outside_the_pair_limits_is_refused(sim, wire, change, code, msg):
    error(wire.create(**change), code, msg)
    assert sim.open_order_ids() == []


def test_create_requires_every_documented_parameter(sim, wire):
    error(wire.post(paths.CREATE, clientOrderId='1', isLong=True, isMarket=False, lever=1, matchType=1, pairName='ETH-USD', positionType=3,
                    quantity='0.1'), 2002, 'Required parameter:price')


# ----- batch create -----------------------------------------------------------------------------

def batch_order(**change):
    order = {'clientOrderId': 'b', 'isLong': True, 'isMarket': False, 'lever': 10, 'matchType': 1, 'pairName': 'ETH-USD',
             'positionType': 3, 'price': '2900', 'quantity': '0.1'}
    return {**order, **change}


def test_batch_create_places_every_order(sim, wire):
    created = ok(wire.post_json(paths.BATCH_CREATE, {'orders': [batch_order(price=str(2900 + i), clientOrderId=str(i)) for i in range(3)]}))
    assert [item['corderId'] for item in created] == ['0', '1', '2']
    assert sim.open_order_ids() == [item['orderId'] for item in created]


@pytest.mark.parametrize('orders', [[], [batch_order()] * 21, 'x', [1]])
def test_batch_create_with_no_or_more_than_20_orders_is_2001(sim, wire, orders):
    error(wire.post_json(paths.BATCH_CREATE, {'orders': orders}), 2001, 'Illegal parameter:orders')


def test_batch_create_is_all_or_nothing(sim, wire):
    error(wire.post_json(paths.BATCH_CREATE, {'orders': [batch_order(), batch_order(lever=99)]}), 2304)
    error(wire.post_json(paths.BATCH_CREATE, {'orders': [batch_order(), batch_order(quantity='40', lever=1)]}), 2201)
    assert sim.open_order_ids() == []


@pytest.mark.parametrize('change, name', [({'lever': '10'}, 'lever'), ({'isLong': 'True'}, 'isLong'), ({'price': 2900}, 'price'),
                                          ({'reduceOnly': True}, 'reduceOnly')])
def test_batch_order_fields_must_have_the_documented_json_types(sim, wire, change, name):
    error(wire.post_json(paths.BATCH_CREATE, {'orders': [batch_order(**change)]}), 2001, f'Illegal parameter:{name}')


def post_body(sim, body, signature_text=None, content_type='application/json', query=''):
    headers = {'APIKEY': sim.api_key, 'X-SAPI-SIGN-TYPE': '2', 'signature': personal_sign(sim.secret, signature_text or body),
               'Content-Type': content_type}
    return requests.post(sim.url + paths.BATCH_CREATE + query, data=body.encode(), headers=headers, timeout=10).json()


def compact(document):
    return json.dumps(document, separators=(',', ':'), sort_keys=True)


def test_batch_create_body_must_be_compact_sorted_json(sim):
    document = {'orders': [batch_order()], 'timestamp': str(T0)}
    error(post_body(sim, compact(document).replace(',', ', ')), 2001, 'Illegal parameter:body')
    unsorted = '{"timestamp":"' + str(T0) + '","orders":' + compact([batch_order()]) + '}'
    error(post_body(sim, unsorted), 2001, 'Illegal parameter:body')
    ok(post_body(sim, compact(document)))


def test_batch_create_signature_is_over_the_raw_body(sim):
    body = compact({'orders': [batch_order()], 'timestamp': str(T0)})
    error(post_body(sim, body, signature_text=body.replace('2900', '2901')), 4001)


def test_batch_create_timestamp_must_be_a_string_in_the_body(sim):
    error(post_body(sim, compact({'orders': [batch_order()], 'timestamp': T0})), 2001, 'Illegal parameter:timestamp')
    error(post_body(sim, compact({'orders': [batch_order()]})), 2002, 'Required parameter:timestamp')


def test_batch_create_refuses_a_query_string_or_another_content_type(sim):
    body = compact({'orders': [batch_order()], 'timestamp': str(T0)})
    error(post_body(sim, body, query='?x=1'), 2001)
    error(post_body(sim, body, content_type='text/plain'), 2001, 'Illegal parameter:Content-Type')


# ----- private lists and queries ----------------------------------------------------------------

# The fields and nulls of the answers captured on Satori's testnet (docs/evidence.md).
ORDER_FIELDS = {'id', 'contractPairId', 'symbol', 'isDual', 'faceMultiplier', 'accountCoinId', 'accountCoinSymbol', 'isMarket', 'isClose',
                'isLong', 'price', 'quantity', 'amount', 'depositAmount', 'lever', 'positionType', 'dealQuantity', 'dealAmount',
                'contractPositionId', 'triggerType', 'triggerPrice', 'matchType', 'createTime', 'createTimeStamp', 'isDelivery',
                'deliveryTime', 'deliveryTimeStamp', 'activatePrice', 'callbackRate', 'clientOrderId'}
FILL_FIELDS = {'id', 'entrustId', 'contractPositionId', 'contractPairId', 'createTime', 'createTimeStamp', 'symbol', 'accountCoinSymbol',
               'accountSettleDecimal', 'lever', 'isMarket', 'isClose', 'isLong', 'isTaker', 'averagePrice', 'quantity', 'amount',
               'tradeFee', 'positionFee', 'profitLoss', 'isDelivery', 'deliveryTime', 'deliveryTimeStamp', 'address', 'openingPrice',
               'type', 'restrictPrice'}
POSITION_FIELDS = {'id', 'positionType', 'entrustId', 'contractPairId', 'symbol', 'isDual', 'faceMultiplier', 'accountCoinId',
                   'accountCoinSymbol', 'accountSettleDecimal', 'tradeCoinDecimal', 'isLong', 'openingPrice', 'quantity', 'closingQuantity',
                   'remainingCloseQuantity', 'amount', 'marginCallAmount', 'tariffAmount', 'lever', 'marginAmount', 'restrictPrice',
                   'unrealizedPnl', 'realizedPnl', 'profitType', 'profitPrice', 'lossType', 'lossPrice', 'lights', 'status', 'createTime',
                   'createTimeStamp', 'isDelivery', 'deliveryTime', 'deliveryTimeStamp', 'settleShowDecimal', 'tradeCoinIcon',
                   'settleCoinIcon'}


def test_open_orders_are_a_bare_list_paged_newest_first_with_the_captured_fields(sim, wire):
    ids = [ok(wire.create(price=str(2900 + i), client_order_id=f'c{i}'))['orderId'] for i in range(5)]
    sim.place_order(sim.account, pair='BTC-USD', price='50000', quantity='0.01')
    listed = ok(wire.post(paths.OPEN_ORDERS, pageNo=2, pageSize=2, pairName='ETH-USD'))
    assert [record['id'] for record in listed] == ids[::-1][2:4]
    record = listed[0]
    assert set(record) == ORDER_FIELDS
    assert (record['price'], record['quantity'], record['symbol'], record['clientOrderId']) == ('2902', '0.1', 'ETH-USD', 'c2')
    assert record['createTimeStamp'] is None and record['createTime'] == '2027-01-15 08:00:00'   # T0 in UTC
    assert (record['lever'], record['positionType'], record['contractPositionId']) == (10, 3, 0)


@pytest.mark.parametrize('path', [paths.OPEN_ORDERS, paths.MY_TRADES, paths.POSITIONS])
def test_list_page_size_is_at_most_100_and_pair_name_is_required(sim, wire, path):
    error(wire.post(path, pageSize=101, pairName='ETH-USD'), 2001, 'Illegal parameter:pageSize')
    error(wire.post(path), 2002, 'Required parameter:pairName')
    assert ok(wire.post(path, pageSize=100, pairName='ETH-USD')) == []


def test_my_trades_are_newest_first_and_match_id_pages_backwards(sim, wire):
    ids = [ok(wire.create(price=str(2900 + i)))['orderId'] for i in range(4)]
    for order_id in ids:
        sim.fill(order_id)
    fills = ok(wire.post(paths.MY_TRADES, pairName='ETH-USD'))
    assert [fill['entrustId'] for fill in fills] == ids[::-1]
    assert set(fills[0]) == FILL_FIELDS
    assert (fills[0]['createTimeStamp'], fills[0]['createTime'], fills[0]['lever']) == (T0, '2027-01-15 08:00:00', None)
    older = ok(wire.post(paths.MY_TRADES, matchId=fills[1]['id'], pairName='ETH-USD'))
    assert [fill['id'] for fill in older] == [fill['id'] for fill in fills[2:]]


def test_positions_have_the_captured_fields(sim, wire):
    sim.fill(ok(wire.create(price='3000', quantity='0.3', lever=5))['orderId'])
    ok(wire.create(is_long=False, price='3500', quantity='0.1'))
    position, = wire.positions()
    assert set(position) == POSITION_FIELDS
    assert (position['quantity'], position['closingQuantity'], position['remainingCloseQuantity']) == ('0.3', '0.1', '0.2')
    assert (position['marginAmount'], position['openingPrice'], position['positionType'], position['status']) == ('180', '3000', 3, 1)
    assert money(position['restrictPrice']) == 2400
    assert (position['createTimeStamp'], position['createTime'], position['unrealizedPnl'], position['tariffAmount']) == \
        (None, '2027-01-15 08:00:00', None, '0')
    assert (position['lossType'], position['lossPrice'], position['profitType'], position['profitPrice']) == (0, '0', 0, '0')


def test_query_order_reports_each_status_with_every_number_as_a_string(sim, wire):
    ids = [ok(wire.create(price=str(2900 + i)))['orderId'] for i in range(4)]
    sim.fill(ids[1])
    sim.cancel_behind_back(ids[2])
    sim.expire(ids[3])
    answers = [wire.query_order(order_id) for order_id in ids]
    assert {answer['code'] for answer in answers} == {'200'}   # the envelope's code too, as captured
    orders = [ok(answer) for answer in answers]
    assert [order['status'] for order in orders] == ['1', '2', '3', '4']
    assert set(orders[0]) == ORDER_FIELDS | {'status'}
    assert (orders[0]['id'], orders[0]['lever'], orders[0]['createTimeStamp']) == (str(ids[0]), '10', str(T0))


def test_query_order_of_an_unknown_or_foreign_order_is_2001(sim, wire):
    error(wire.query_order(123), 2001, 'Illegal parameter:entrustId')
    error(wire.query_order(sim.place_order(sim.create_account())), 2001, 'Illegal parameter:entrustId')


def test_cancel_all_answers_one_result_per_order_by_pair_and_side(sim, wire):
    eth_buy, eth_buy_refused = sim.place_order(sim.account, price='2900'), sim.place_order(sim.account, price='2901')
    eth_sell = sim.place_order(sim.account, side='sell', price='3500')
    btc_buy = sim.place_order(sim.account, pair='BTC-USD', price='50000', quantity='0.01')
    sim.refuse_cancel(eth_buy_refused)
    results = ok(wire.post(paths.CANCEL_ALL, isLong=True, pairName='ETH-USD'))
    assert [(result['orderId'], result['pairName'], result['isLong'], result['resultCode']) for result in results] == \
        [(eth_buy, 'ETH-USD', True, 1), (eth_buy_refused, 'ETH-USD', True, 5)]
    assert results[0]['resultMsg'] == 'canceled: cancel success from book'
    assert [sim.order_status(i) for i in (eth_buy, eth_buy_refused, eth_sell, btc_buy)] == ['cancelled', 'open', 'open', 'open']
    assert [result['orderId'] for result in ok(wire.post(paths.CANCEL_ALL)) if result['resultCode'] == 1] == [eth_sell, btc_buy]
    assert sim.open_order_ids() == [eth_buy_refused]


# ----- margin calls -----------------------------------------------------------------------------

def open_long(sim, wire, position_type=3):
    sim.fill(ok(wire.create(price='3000', quantity='0.1', lever=10, position_type=position_type))['orderId'])
    return wire.positions()[0]


def test_adding_margin_moves_it_from_available_to_the_position(sim, wire):
    position = open_long(sim, wire)
    before = money(wire.balance()['availableAmount'])
    assert ok(wire.post(paths.CALL_MARGIN, call=True, marginAmount='10', positionId=position['id'])) is True
    assert wire.positions()[0]['marginCallAmount'] == '10'
    assert money(wire.balance()['availableAmount']) == before - 10
    assert ok(wire.post(paths.CALL_MARGIN, call=False, marginAmount='4', positionId=position['id'])) is True
    assert wire.positions()[0]['marginCallAmount'] == '6'


def test_reducing_more_margin_than_was_added_is_2105(sim, wire):
    position = open_long(sim, wire)
    error(wire.post(paths.CALL_MARGIN, call=False, marginAmount='1', positionId=position['id']), 2105, 'Insufficient position margin')


def test_margin_call_on_a_closed_or_unknown_position_is_2104(sim, wire):
    position = open_long(sim, wire)
    _, bids = book(wire)
    ok(wire.create(is_long=False, is_market=True, match_type=IOC, price=str(bids[0][0] - 100), quantity='0.1'))
    error(wire.post(paths.CALL_MARGIN, call=True, marginAmount='10', positionId=position['id']), 2104, 'Position expired')
    error(wire.post(paths.CALL_MARGIN, call=True, marginAmount='10', positionId=1), 2104)


def test_margin_call_in_cross_mode_is_2315(sim, wire):
    position = open_long(sim, wire, position_type=4)
    error(wire.post(paths.CALL_MARGIN, call=True, marginAmount='10', positionId=position['id']), 2315)


def test_margin_call_of_zero_is_2123_and_beyond_the_balance_is_2201(sim, wire):
    position = open_long(sim, wire)
    error(wire.post(paths.CALL_MARGIN, call=True, marginAmount='0', positionId=position['id']), 2123)
    error(wire.post(paths.CALL_MARGIN, call=True, marginAmount='200000', positionId=position['id']), 2201)


# ----- market data --------------------------------------------------------------------------------

def test_depth_is_best_first_on_both_sides_and_takes_a_limit_of_20_or_100_only(sim, wire):
    asks, bids = book(wire, limit=20)
    assert len(asks) >= 10 and len(bids) >= 10   # the market maker quotes ten levels a side; the docs' account rests bids too
    assert [price for price, _ in asks] == sorted(price for price, _ in asks)
    assert [price for price, _ in bids] == sorted((price for price, _ in bids), reverse=True)
    assert bids[0][0] < asks[0][0]
    assert book(wire, limit=100) == (asks, bids) and list(ok(wire.get(paths.DEPTH, pairName='ETH-USD'))) == ['bids', 'asks']
    for limit in (0, 5, 50, 1000):
        error(wire.get(paths.DEPTH, pairName='ETH-USD', limit=limit), 2001, 'Illegal parameter:limit')


def test_mark_and_index_prices_are_decimal_strings_near_the_book(sim, wire):
    asks, bids = book(wire)
    for path in (paths.MARK_PRICE, paths.INDEX_PRICE):
        price = ok(wire.get(path, pairName='ETH-USD'))
        assert isinstance(price, str) and len(price.partition('.')[2]) <= 2
        assert bids[0][0] * Decimal('0.99') < money(price) < asks[0][0] * Decimal('1.01')
    error(wire.get(paths.MARK_PRICE), 2002, 'Required parameter:pairName')


def test_prices_are_a_function_of_seed_and_clock(sim, wire):
    index = sim.index_price('BTC-USD')
    with Simulator(seed=1, clock=T0) as twin, Simulator(seed=2, clock=T0) as other:
        assert twin.index_price('BTC-USD') == index and other.index_price('BTC-USD') != index
        assert book(SatoriWire(twin, None, None)) == book(wire)
    sim.set_time(T0 + 3_600_000)
    assert sim.index_price('BTC-USD') != index
    asks, bids = book(wire, pair='BTC-USD')
    assert bids[0][0] < sim.index_price('BTC-USD') < asks[0][0]


def test_public_trades_are_newest_first_and_honour_the_limit(sim, wire):
    for price in ('2900', '2901', '2902'):
        sim.fill(sim.place_order(sim.account, price=price))
    trades = ok(wire.get(paths.TRADES, pairName='ETH-USD', limit=2))
    assert [trade['price'] for trade in trades] == ['2902', '2901']
    assert trades[0]['isLong'] is False and trades[0]['timestamp'] == T0 and trades[0]['time'] == '08:00:00'
    assert trades[0]['contractMatchPairId'] > trades[1]['contractMatchPairId'] and trades[0]['contractPairId'] == 1


def test_kline_is_newest_first_aligned_to_the_period_spells_hight_and_counts_trades(sim, wire):
    sim.fill(sim.place_order(sim.account, price='2900', quantity='0.5'))
    candles = ok(wire.get(paths.KLINE, pairName='ETH-USD', period='5MIN', limit=3))
    assert [candle['time'] for candle in candles] == [T0, T0 - 300_000, T0 - 600_000]
    for candle in candles:
        assert 'high' not in candle and (candle['contractPairId'], candle['period']) == (1, '5MIN')
        high, low = money(candle['hight']), money(candle['low'])
        assert high >= max(money(candle['open']), money(candle['close'])) and low <= min(money(candle['open']), money(candle['close']))
    assert (candles[0]['quantity'], candles[0]['amount'], candles[0]['low'], candles[0]['count']) == ('0.5', '1450', '2900', 1)
    assert (candles[-1]['quantity'], candles[-1]['count']) == ('0', 0)


def test_kline_end_time_selects_older_candles_and_period_must_be_known(sim, wire):
    candles = ok(wire.get(paths.KLINE, end_time=T0 - 86_400_000 + 1, pairName='ETH-USD', period='1HOUR', limit=2))
    assert [candle['time'] for candle in candles] == [T0 - 86_400_000, T0 - 86_400_000 - 3_600_000]
    error(wire.get(paths.KLINE, pairName='ETH-USD', period='2MIN'), 2001, 'Illegal parameter:period')
    error(wire.get(paths.KLINE, pairName='ETH-USD', period='1HOUR', endTime=T0), 2001, 'Illegal parameter:endTime')
