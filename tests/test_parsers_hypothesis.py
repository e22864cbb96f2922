"""Every response parser survives mutated answers: missing fields, numbers as strings and strings as numbers, junk.

Each unified method is fed, in place of each endpoint's answer, a mutation of
a valid answer in the documented or assumed shape (docs/evidence.md
and 15); whatever comes back, only a ccxt ``BaseError`` may escape, never a
``KeyError``, ``TypeError`` or ``ValueError``. The HTTP layer is the only part
replaced: the implicit endpoint methods answer the mutated envelopes.
"""

import copy

import pytest
from ccxt.base.errors import BaseError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import satori_ccxt

from .client_support import BTC, ETH, PAIRS, with_markets
from .conftest import DOCS_CREDENTIALS

ORDER = {'amount': '64', 'contractPairId': 1, 'contractPositionId': 4796701, 'createTime': '2024-09-09 07:43:36',
         'createTimeStamp': 1725867816000, 'dealAmount': '0', 'dealQuantity': '0', 'depositAmount': '3.2', 'id': 180632923,
         'isClose': False, 'isLong': True, 'isMarket': False, 'lever': 20, 'matchType': 1, 'price': '3200', 'quantity': '0.02',
         'symbol': 'ETH-USD', 'triggerPrice': None, 'triggerType': 0, 'clientOrderId': '1725870680532', 'status': 1, 'positionType': 3}
FILL = {'amount': '64.0786', 'averagePrice': '3203.93', 'createTimeStamp': 1725868174000, 'entrustId': 180632923, 'id': 19864366,
        'isClose': False, 'isLong': True, 'isMarket': True, 'isTaker': True, 'lever': 20, 'profitLoss': '0', 'quantity': '0.02',
        'symbol': 'ETH-USD', 'tradeFee': '0.038447', 'accountCoinSymbol': 'USD', 'openingPrice': '3203.93'}
POSITION = {'amount': '138.0027', 'closingQuantity': '0', 'createTimeStamp': 1725865000000, 'entrustId': 180632923, 'id': 4796701,
            'isLong': True, 'lever': 4, 'marginAmount': '34.500675', 'marginCallAmount': '7.5', 'openingPrice': '2300.045',
            'positionType': 3, 'quantity': '0.06', 'realizedPnl': '0', 'remainingCloseQuantity': '0.06', 'restrictPrice': '1600.1',
            'status': 1, 'symbol': 'ETH-USD', 'unrealizedPnl': '1.2', 'lossPrice': None, 'profitPrice': None}
TRADE = {'contractMatchPairId': 7843437, 'contractPairId': 1, 'pair': None, 'price': '3203.93', 'quantity': '1.111', 'amount': '3559.56623',
         'isLong': True, 'time': '09:48:45', 'timestamp': 1714988925000}
CANDLE = {'time': 1725865200000, 'open': '3100', 'high': '3250', 'low': '3090', 'close': '3200', 'quantity': '10', 'amount': '31500'}


def page(record):
    return {'records': [record], 'total': 1, 'pageNo': 1, 'pageSize': 100}


# A valid answer (the envelope's ``data``) of every endpoint, by implicit method name.
VALID = {
    'publicGetApiThirdInfoTime': 1725865024825,
    'publicGetApiThirdInfoPairs': PAIRS,
    'publicGetApiThirdInfoTrades': [TRADE, dict(TRADE, contractMatchPairId=7843436, isLong=False)],
    'publicGetApiThirdInfoDepth': {'asks': [{'price': '3201.6', 'quantity': '1.2'}, {'price': '3202', 'quantity': '3'}],
                                   'bids': [{'price': '3201.5', 'quantity': '0.5'}, {'price': '3200', 'quantity': '2'}]},
    'publicGetApiThirdInfoKline': [CANDLE, dict(CANDLE, time=1725868800000)],
    'publicGetApiThirdInfoMarkPrice': '3201.55',
    'publicGetApiThirdInfoIndexPrice': '3200.5',
    'privatePostApiThirdHotOrderCreate': {'pairName': 'ETH-USD', 'orderId': 178754443, 'corderId': '1725693490018'},
    'privatePostApiThirdHotOrderBatchCreate': [{'pairName': 'ETH-USD', 'orderId': 178754444, 'cOrderId': '1'},
                                              {'pairName': 'BTC-USD', 'orderId': 178754445, 'cOrderId': '2'}],
    'privatePostApiThirdOrderQueryOrder': ORDER,
    'privatePostApiThirdOrderSelectContractCurrentEntrustList': page(ORDER),
    'privatePostApiThirdOrderSelectContractMatchPairList': page(FILL),
    'privatePostApiThirdHotOrderSelectContractPositionList': page(POSITION),
    'privatePostApiThirdHotOrderBalance': {'userId': 42471, 'coinId': 4, 'availableAmount': '999951.980199', 'frozenAmount': '47.390168',
                                           'symbol': 'USD'},
    'privatePostApiThirdOrderCallMarginAmount': True,
    'privatePostApiThirdOrderCancelAll': True,
}

# The unified calls, and the endpoints each of them reads.
CALLS = {
    'fetch_time': (lambda ex: ex.fetch_time(), ['publicGetApiThirdInfoTime']),
    'load_markets and leverage tiers': (lambda ex: (ex.load_markets(True), ex.fetch_leverage_tiers()), ['publicGetApiThirdInfoPairs']),
    'fetch_ticker': (lambda ex: ex.fetch_ticker(ETH), ['publicGetApiThirdInfoTrades', 'publicGetApiThirdInfoDepth',
                                                      'publicGetApiThirdInfoKline', 'publicGetApiThirdInfoMarkPrice',
                                                      'publicGetApiThirdInfoIndexPrice']),
    'fetch_mark_price': (lambda ex: ex.fetch_mark_price(ETH), ['publicGetApiThirdInfoMarkPrice']),
    'fetch_order_book': (lambda ex: ex.fetch_order_book(ETH), ['publicGetApiThirdInfoDepth']),
    'fetch_trades': (lambda ex: ex.fetch_trades(ETH, 1714988000000, 10), ['publicGetApiThirdInfoTrades']),
    'fetch_ohlcv': (lambda ex: ex.fetch_ohlcv(ETH, '1h', 1725865200000, 5), ['publicGetApiThirdInfoKline']),
    'create_order': (lambda ex: ex.create_order(ETH, 'limit', 'buy', 0.02, 3100), ['privatePostApiThirdHotOrderCreate']),
    'create_order on reloaded markets': (lambda ex: (ex.load_markets(True), ex.create_order(ETH, 'market', 'buy', 0.02)),
                                         ['publicGetApiThirdInfoPairs', 'publicGetApiThirdInfoDepth', 'publicGetApiThirdInfoTrades',
                                          'privatePostApiThirdHotOrderCreate']),
    'create_order market': (lambda ex: ex.create_order(ETH, 'market', 'sell', 0.02),
                            ['publicGetApiThirdInfoDepth', 'publicGetApiThirdInfoTrades', 'privatePostApiThirdHotOrderCreate']),
    'create_order reduceOnly': (lambda ex: ex.create_order(ETH, 'limit', 'sell', 0.02, 3100, {'reduceOnly': True}),
                                ['privatePostApiThirdHotOrderSelectContractPositionList', 'privatePostApiThirdHotOrderCreate']),
    'create_orders': (lambda ex: ex.create_orders([{'symbol': ETH, 'type': 'limit', 'side': 'buy', 'amount': 1, 'price': 3000},
                                                   {'symbol': BTC, 'type': 'limit', 'side': 'sell', 'amount': 1, 'price': 70000}]),
                      ['privatePostApiThirdHotOrderBatchCreate']),
    'fetch_order': (lambda ex: ex.fetch_order(180632923), ['privatePostApiThirdOrderQueryOrder']),
    'fetch_open_orders': (lambda ex: ex.fetch_open_orders(ETH), ['privatePostApiThirdOrderSelectContractCurrentEntrustList']),
    'fetch_my_trades': (lambda ex: ex.fetch_my_trades(ETH, 1725868000000, 5), ['privatePostApiThirdOrderSelectContractMatchPairList']),
    'fetch_positions': (lambda ex: ex.fetch_positions([ETH]),
                        ['privatePostApiThirdHotOrderSelectContractPositionList', 'publicGetApiThirdInfoMarkPrice']),
    'fetch_balance': (lambda ex: ex.fetch_balance(), ['privatePostApiThirdHotOrderBalance']),
    'add_margin': (lambda ex: ex.add_margin(ETH, 10),
                   ['privatePostApiThirdHotOrderSelectContractPositionList', 'privatePostApiThirdOrderCallMarginAmount']),
    'cancel_all_orders': (lambda ex: ex.cancel_all_orders(ETH), ['privatePostApiThirdOrderCancelAll']),
}

# What may stand in a part's place: every JSON type, numbers out of range, and strings that only look like numbers.
JUNK = st.sampled_from([
    None, True, False, 0, -1, 1.5, -0.0, 2 ** 70, -2 ** 70, 1e300, '', 'abc', 'NaN', 'Infinity', '-Infinity', '1e400', '1e-400',
    '-1', '0', '0.0', '1e-05', '1E+99', 'True', 'null', '3100,5', ' 5', '0x10', '{}', [], {}, [1, 'a'], {'id': 1}, [{}], {'records': 1},
])


def retyped(value):
    """The same value in the other type Satori might use: numbers as strings, numeric strings as numbers."""
    if isinstance(value, bool) or value is None:
        return st.sampled_from([str(value), str(value).lower(), int(bool(value))])
    if isinstance(value, (int, float)):
        return st.sampled_from([str(value), float(value)])
    try:
        number = float(value)
    except ValueError:
        return st.just(value)
    return st.sampled_from([number, int(number)] if number.is_integer() else [number])


# Each part of an answer is rolled for: kept (and mutated inside), dropped (a key, or a list's last item), or replaced by junk.
ROLL = st.integers(0, 15)
DROPPED, REPLACED = 14, 15


def mutations(value):
    """``value`` with keys or items dropped, leaves retyped, and now and then anything at all in a part's place.

    The strategies of the parts are built once, here; drawing only runs them.
    """
    if isinstance(value, dict):
        fields = {key: mutations(child) for key, child in value.items()}

        def near(draw):
            return {key: draw(field) for key, field in fields.items() if draw(ROLL) != DROPPED}
    elif isinstance(value, list):
        items = [mutations(item) for item in value]

        def near(draw):
            drawn = [draw(item) for item in items]
            return drawn[:-1] if draw(ROLL) == DROPPED else drawn
    else:
        leaf = st.one_of(st.just(value), retyped(value))

        def near(draw):
            return draw(leaf)

    @st.composite
    def mutated(draw):
        return draw(JUNK) if draw(ROLL) == REPLACED else near(draw)
    return mutated()


def envelope(data):
    return {'error': False, 'code': 200, 'msg': 'SUCCESS', 'data': data, 'sid': '1809520778222411777'}


MUTATED = {endpoint: mutations(envelope(data)) for endpoint, data in VALID.items()}


@pytest.fixture
def exchange():
    """One client for all the examples of a test: only its endpoints' answers change from one example to the next."""
    return with_markets(satori_ccxt.satori(DOCS_CREDENTIALS))


def answering(exchange, answers: dict):
    for endpoint, answer in answers.items():
        setattr(exchange, endpoint, lambda params={}, answer=answer: copy.deepcopy(answer))
    return exchange


@pytest.mark.parametrize('name', list(CALLS))
def test_the_valid_answers_parse_without_error(exchange, name):
    unified_call, endpoints = CALLS[name]
    unified_call(answering(exchange, {endpoint: envelope(VALID[endpoint]) for endpoint in endpoints}))


@pytest.mark.parametrize('name', list(CALLS))
@settings(max_examples=50, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_only_ccxt_errors_escape_a_parser_fed_mutated_answers(exchange, name, data):
    unified_call, endpoints = CALLS[name]
    answers = {endpoint: data.draw(MUTATED[endpoint], label=endpoint) for endpoint in endpoints}
    try:
        unified_call(answering(exchange, answers))
    except BaseError:
        pass
