"""The docs' nine REST examples, each reproduced by one unified call with the clock frozen, as received over HTTP.

Which unified call gives which vector (Satori's docs, docs/evidence.md):

| # | endpoint | unified call, at the vector's timestamp |
|---|---|---|
| 1 | create order | ``create_order('ETH/USD:USD', 'market', 'buy', 0.02, 3100,`` |
|   |              | ``{'leverage': 20, 'marginMode': 'isolated', 'timeInForce': 'IOC', 'clientOrderId': '1725693490018'})`` |
| 2 | batch create | ``create_orders([...])``: a market buy as in 1 and two limit sells of 0.02 at 3500, |
|   |              | leverage 1, isolated; all three with clientOrderId '1725696393685' |
| 3 | cancel order | ``cancel_order(178790278)`` |
| 4 | batch cancel | ``cancel_orders([180554928, 180554929, 180554930])`` |
| 5 | add margin | ``add_margin('ETH/USD:USD', 10, {'positionId': 4796701})`` |
| 6 | balance | ``fetch_balance()`` |
| 7 | open orders | ``fetch_open_orders('ETH/USD:USD', None, 2)`` |
| 8 | match result | ``fetch_my_trades('ETH/USD:USD', None, 2, {'matchId': 19864367})`` |
| 9 | position list | ``fetch_positions(['ETH/USD:USD'], {'pageSize': 2})`` |
"""

import pytest

from ..support import paths
from ..support.clients import ETH, Driver, docs_config, frozen, routes, sent
from ..support.docs_vectors import DOCS_API_KEY, VECTORS

SIGNED = dict((number, (text, signature)) for number, text, signature in VECTORS)

DOCS_CREATED = {'pairName': 'ETH-USD', 'orderId': 178754443, 'corderId': '1725693490018'}
DOCS_BALANCE = {'userId': 42471, 'coinId': 4, 'availableAmount': '999951.980199', 'frozenAmount': '47.390168', 'symbol': 'USD'}
# The docs' WebSocket position example (position 4796701) in the position list's field names.
DOCS_POSITION = {'id': 4796701, 'symbol': 'ETH-USD', 'isLong': True, 'quantity': '0.06', 'openingPrice': '2300.045', 'lever': 4,
                 'marginAmount': '34.500675', 'marginCallAmount': '7.5', 'positionType': 3, 'unrealizedPnl': '1.2',
                 'restrictPrice': '1600.1', 'createTimeStamp': 1725865000000, 'entrustId': 180632923, 'status': 1}
BATCH_ID = '1725696393685'
BATCH_SELL = {'symbol': ETH, 'type': 'limit', 'side': 'sell', 'amount': 0.02, 'price': 3500,
              'params': {'leverage': 1, 'marginMode': 'isolated', 'clientOrderId': BATCH_ID}}

# (vector, timestamp, path, unified method, arguments, answers by path)
CASES = [
    (1, 1725693490018, paths.CREATE, 'create_order',
     (ETH, 'market', 'buy', 0.02, 3100, {'leverage': 20, 'marginMode': 'isolated', 'timeInForce': 'IOC', 'clientOrderId': '1725693490018'}),
     {paths.CREATE: DOCS_CREATED}),
    (2, 1725696393685, paths.BATCH_CREATE, 'create_orders',
     ([{'symbol': ETH, 'type': 'market', 'side': 'buy', 'amount': 0.02, 'price': 3100,
        'params': {'leverage': 20, 'marginMode': 'isolated', 'timeInForce': 'IOC', 'clientOrderId': BATCH_ID}}, BATCH_SELL, BATCH_SELL],),
     {paths.BATCH_CREATE: [{'pairName': 'ETH-USD', 'orderId': 180554900 + n, 'cOrderId': BATCH_ID} for n in range(3)]}),
    (3, 1725696896942, paths.CANCEL, 'cancel_order', (178790278,),
     {paths.CANCEL: True}),
    (4, 1725865024825, paths.BATCH_CANCEL, 'cancel_orders', ([180554928, 180554929, 180554930],),
     {paths.BATCH_CANCEL: True}),
    (5, 1725865751805, paths.CALL_MARGIN, 'add_margin', (ETH, 10, {'positionId': 4796701}),
     {paths.CALL_MARGIN: True}),
    (6, 1725867599415, paths.BALANCE, 'fetch_balance', (),
     {paths.BALANCE: DOCS_BALANCE}),
    (7, 1725867816041, paths.OPEN_ORDERS, 'fetch_open_orders', (ETH, None, 2),
     {paths.OPEN_ORDERS: {'records': [], 'total': 0, 'pageNo': 1, 'pageSize': 2}}),
    (8, 1725868174532, paths.MY_TRADES, 'fetch_my_trades', (ETH, None, 2, {'matchId': 19864367}),
     {paths.MY_TRADES: {'records': [], 'total': 0, 'pageNo': 1, 'pageSize': 2}}),
    (9, 1725868384990, paths.POSITIONS, 'fetch_positions', ([ETH], {'pageSize': 2}),
     {paths.POSITIONS: {'records': [DOCS_POSITION], 'total': 1, 'pageNo': 1, 'pageSize': 2},
      paths.MARK_PRICE: '2320.5'}),
]


def run_case(scripted, mode, case):
    number, timestamp, path, method, arguments, answers = case
    scripted.respond_with(routes(answers))
    driver = Driver(mode, docs_config(scripted.url))
    try:
        frozen(driver.exchange, timestamp)
        result = getattr(driver, method)(*arguments)
    finally:
        driver.close()
    [request] = sent(scripted, path)
    return request, result


@pytest.mark.parametrize('case', CASES, ids=[f'vector {case[0]}: {case[3]}' for case in CASES])
def test_unified_call_sends_the_docs_request_byte_for_byte(scripted, mode, case):
    number = case[0]
    text, signature = SIGNED[number]
    request, _ = run_case(scripted, mode, case)
    assert request.method == 'POST'
    assert request.headers['APIKEY'] == DOCS_API_KEY and request.headers['X-SAPI-SIGN-TYPE'] == '2'
    assert request.headers['signature'] == signature
    if number == 2:
        assert request.headers['Content-Type'] == 'application/json'
        assert (request.target, request.body) == (case[2], text.encode())
    else:
        assert request.headers['Content-Type'] == 'text/plain'
        assert (request.target, request.body) == (case[2] + '?' + text, b'')


def test_vector_1_answer_becomes_the_order(scripted):
    _, order = run_case(scripted, 'sync', CASES[0])
    assert (order['id'], order['clientOrderId'], order['symbol'], order['type'], order['side']) == \
        ('178754443', '1725693490018', ETH, 'market', 'buy')
    assert (order['price'], order['amount'], order['timeInForce'], order['status']) == (3100, 0.02, 'IOC', None)


def test_vector_2_answer_becomes_three_orders_in_order(scripted):
    _, orders = run_case(scripted, 'sync', CASES[1])
    assert [(order['id'], order['type'], order['side'], order['price']) for order in orders] == \
        [('180554900', 'market', 'buy', 3100), ('180554901', 'limit', 'sell', 3500), ('180554902', 'limit', 'sell', 3500)]


def test_vector_5_answer_becomes_a_margin_modification(scripted):
    _, modification = run_case(scripted, 'sync', CASES[4])
    assert {key: modification[key] for key in ('symbol', 'type', 'amount', 'code', 'status')} == \
        {'symbol': ETH, 'type': 'add', 'amount': 10, 'code': 'USD', 'status': 'ok'}


def test_vector_6_answer_becomes_the_usd_balance(scripted):
    _, balance = run_case(scripted, 'sync', CASES[5])
    assert balance['USD'] == {'free': 999951.980199, 'used': 47.390168, 'total': 999999.370367}


def test_vector_9_answer_becomes_the_position_at_the_mark_price(scripted):
    _, [position] = run_case(scripted, 'sync', CASES[8])
    assert (position['id'], position['side'], position['contracts'], position['entryPrice'], position['markPrice']) == \
        ('4796701', 'long', 0.06, 2300.045, 2320.5)
    assert (position['marginMode'], position['leverage'], position['positionMargin']) == ('isolated', 4, 42.000675)
