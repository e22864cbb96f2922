"""Every response parser survives mutated answers: missing fields, numbers as strings and strings as numbers, junk.

Each unified method is fed, in place of each endpoint's answer, a mutation of
a valid answer in the shape captured on Satori or on a later deployment, else
the documented or assumed one (docs/evidence.md); whatever comes back, only a
ccxt ``BaseError`` may escape, never a ``KeyError``, ``TypeError`` or
``ValueError``. The HTTP layer is the only part replaced: the implicit
endpoint methods answer the mutated envelopes.
"""

import copy

import pytest
from ccxt.base.errors import BaseError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import satori_ccxt

from ..support.clients import ASSUMED_PAIRS, BTC, DOCS_CREDENTIALS, ETH, PAIRS, with_markets

# Answers in the shapes captured on Satori and on a later deployment (docs/evidence.md), ids from Satori's docs.
ORDER = {'id': 180599703, 'contractPairId': 1, 'symbol': 'ETH-USD', 'isDual': None, 'faceMultiplier': None, 'accountCoinId': None,
         'accountCoinSymbol': None, 'isMarket': False, 'isClose': False, 'isLong': False, 'price': '3500', 'quantity': '0.02',
         'amount': '77', 'depositAmount': '77.0462', 'lever': 1, 'positionType': 3, 'dealQuantity': '0', 'dealAmount': '0',
         'contractPositionId': 0, 'triggerType': 0, 'triggerPrice': None, 'matchType': 1, 'createTime': '2024-09-09 07:41:34',
         'createTimeStamp': None, 'clientOrderId': '1725867693226'}
QUERIED = {'id': '44636321', 'contractPairId': '18', 'symbol': 'ETH-USD', 'isMarket': False, 'isClose': False, 'isLong': True,
           'price': '3.2', 'quantity': '7.1', 'amount': '22.72', 'lever': '10', 'positionType': '3', 'dealQuantity': '0', 'dealAmount': '0',
           'triggerType': '0', 'matchType': '1', 'createTime': '2025-07-10 13:31:04', 'createTimeStamp': '1752154264000',
           'clientOrderId': 'OYv3ACubud45omfJf3zI-', 'status': '1'}
HISTORIC = {'id': '44154100', 'positionType': '3', 'contractPairId': '1', 'isMarket': False, 'isClose': False, 'isLong': True,
            'price': '2626.65', 'quantity': '0.461', 'amount': '1210.88565', 'lever': '10', 'dealQuantity': '0.461',
            'dealAmount': '1210.88565', 'cancelQuantity': '0', 'matchType': '1', 'triggerType': '0', 'status': '2',
            'createTime': '2025-07-09 06:02:11', 'updateTime': '2025-07-09 06:02:14', 'clientOrderId': 'TGnQoJfSGnmoR8xsaLwb3'}
FILL = {'id': 19862817, 'entrustId': 180577696, 'contractPositionId': 0, 'contractPairId': 1, 'createTime': '2024-09-09 07:08:26',
        'createTimeStamp': 1725865706000, 'symbol': 'ETH-USD', 'accountCoinSymbol': None, 'lever': None, 'isMarket': True, 'isClose': False,
        'isLong': True, 'isTaker': True, 'averagePrice': '2315.09', 'quantity': '0.02', 'amount': '46.3018', 'tradeFee': '0.027781',
        'positionFee': None, 'profitLoss': '0'}
POSITION = {'id': 4796701, 'positionType': 3, 'entrustId': 178754443, 'contractPairId': 1, 'symbol': 'ETH-USD', 'isLong': True,
            'openingPrice': '2300.045', 'quantity': '0.06', 'closingQuantity': '0', 'remainingCloseQuantity': '0.06',
            'amount': '138.0027', 'marginCallAmount': '7.5', 'tariffAmount': '-0.179974', 'lever': 20, 'marginAmount': '47.390168',
            'restrictPrice': '1547.709113',
            'unrealizedPnl': None, 'realizedPnl': None, 'profitType': 0, 'profitPrice': '0', 'lossType': 0, 'lossPrice': '0', 'lights': 5,
            'status': 1, 'createTime': '2024-09-07 07:18:13', 'createTimeStamp': None}
TRADE = {'contractMatchPairId': 7843437, 'contractPairId': 1, 'pair': None, 'price': '3203.93', 'quantity': '1.111', 'amount': '3559.56623',
         'isLong': True, 'time': '09:48:45', 'timestamp': 1714988925000}
CANDLE = {'contractPairId': 1, 'period': '1HOUR', 'time': 1725865200000, 'open': '3100', 'close': '3200', 'low': '3090', 'hight': '3250',
          'count': 11, 'quantity': '10', 'amount': '31500'}
CANCELLED = {'orderId': 65803253, 'clientOrderId': '1714984246126', 'pairName': 'ETH-USD', 'isLong': True, 'resultCode': 1,
             'resultMsg': 'canceled: cancel success from book'}

# A valid answer (the envelope's ``data``) of every endpoint, by implicit method name.
VALID = {
    'publicGetApiThirdInfoTime': 1725865024825,
    'publicGetApiThirdInfoPairs': PAIRS + ASSUMED_PAIRS[1:],
    'publicGetApiThirdInfoTrades': [TRADE, dict(TRADE, contractMatchPairId=7843436, isLong=False)],
    'publicGetApiThirdInfoDepth': {'bids': [{'price': '3201.5', 'quantity': '0.5'}, {'price': '3200', 'quantity': '2'}],
                                   'asks': [{'price': '3201.6', 'quantity': '1.2'}, {'price': '3202', 'quantity': '3'}]},
    'publicGetApiThirdInfoKline': [dict(CANDLE, time=1725868800000), dict(CANDLE, hight=None, high='3240')],
    'publicGetApiThirdInfoMarkPrice': '2626.1085932222',
    'publicGetApiThirdInfoIndexPrice': '3200.5',
    'publicGetApiThirdInfoTicker24hr': {'open': '3100', 'close': '3203.93', 'amount': '37900'},
    'publicGetApiThirdV1MarketFundingCurrent': {'symbol': 'ETH-USD', 'fundingRate': '-0.0000625'},
    'publicGetApiThirdV1MarketFundingHistory': [{'id': 41954, 'symbol': 'ETH-USD', 'fundingRate': '-0.0000625',
                                                 'fundingRateTime': '20240924070000'},
                                                {'id': 41953, 'symbol': 'ETH-USD', 'fundingRate': '0.0000125',
                                                 'fundingRateTime': '20240924060000'}],
    'privatePostApiThirdHotOrderCreate': {'pairName': 'ETH-USD', 'orderId': 178754443, 'corderId': '1725693490018'},
    'privatePostApiThirdHotOrderBatchCreate': [{'pairName': 'ETH-USD', 'orderId': 178785303, 'corderId': '1'},
                                              {'pairName': 'BTC-USD', 'orderId': 178785304, 'cOrderId': '2'}],
    'privatePostApiThirdHotOrderCloseOrder': {'pairName': 'ETH-USD', 'orderId': 178785306, 'corderId': ''},
    'privatePostApiThirdOrderQueryOrder': QUERIED,
    'privatePostApiThirdOrderSelectContractCurrentEntrustList': [ORDER],
    'privatePostApiThirdOrderSelectContractMatchPairList': [FILL],
    'privatePostApiThirdHotOrderSelectContractPositionList': [POSITION],
    'privatePostApiThirdHotOrderBalance': {'userId': 42471, 'coinId': 4, 'availableAmount': '999951.980199', 'frozenAmount': '47.390168',
                                           'symbol': 'USD'},
    'privatePostApiThirdOrderCallMarginAmount': True,
    'privatePostApiThirdOrderCancelAll': [CANCELLED, dict(CANCELLED, orderId=65803254, resultCode=4)],
    'privatePostApiThirdOrderCancelEntrustByCli': True,
    'privateGetApiThirdV1OrdersHistories': [HISTORIC, dict(HISTORIC, id='44154101', status='3')],
    'privateGetApiThirdV1TradeGetUserLever': {'contractPairId': '1', 'positionType': '3', 'lever': '10'},
}

TICKER_FIVE = ['publicGetApiThirdInfoTrades', 'publicGetApiThirdInfoDepth', 'publicGetApiThirdInfoKline', 'publicGetApiThirdInfoMarkPrice',
               'publicGetApiThirdInfoIndexPrice']
# The unified calls, and the endpoints each of them reads.
CALLS = {
    'fetch_time': (lambda ex: ex.fetch_time(), ['publicGetApiThirdInfoTime']),
    'load_markets and leverage tiers': (lambda ex: (ex.load_markets(True), ex.fetch_leverage_tiers()), ['publicGetApiThirdInfoPairs']),
    'fetch_ticker from ticker/24hr': (lambda ex: ex.fetch_ticker(ETH), ['publicGetApiThirdInfoTicker24hr', 'publicGetApiThirdInfoDepth']),
    'fetch_ticker from five requests': (lambda ex: (ex._unserved_endpoints_add('publicGetApiThirdInfoTicker24hr'), ex.fetch_ticker(ETH)),
                                        TICKER_FIVE),
    'fetch_mark_price': (lambda ex: ex.fetch_mark_price(ETH), ['publicGetApiThirdInfoMarkPrice']),
    'fetch_order_book': (lambda ex: ex.fetch_order_book(ETH), ['publicGetApiThirdInfoDepth']),
    'fetch_trades': (lambda ex: ex.fetch_trades(ETH, 1714988000000, 10), ['publicGetApiThirdInfoTrades']),
    'fetch_ohlcv': (lambda ex: ex.fetch_ohlcv(ETH, '1h', 1725865200000, 5), ['publicGetApiThirdInfoKline']),
    'fetch_funding_rate': (lambda ex: ex.fetch_funding_rates([ETH]), ['publicGetApiThirdV1MarketFundingCurrent']),
    'fetch_funding_rate_history': (lambda ex: ex.fetch_funding_rate_history(ETH, 1727150000000, 5),
                                   ['publicGetApiThirdV1MarketFundingHistory']),
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
    'fetch_orders': (lambda ex: ex.fetch_orders(ETH), ['privateGetApiThirdV1OrdersHistories',
                                                       'privatePostApiThirdOrderSelectContractCurrentEntrustList']),
    'fetch_closed_orders': (lambda ex: ex.fetch_closed_orders(ETH, 1752000000000, 3), ['privateGetApiThirdV1OrdersHistories']),
    'fetch_closed_orders from fills': (lambda ex: (ex._unserved_endpoints_add('privateGetApiThirdV1OrdersHistories'),
                                                   ex.fetch_closed_orders(ETH)),
                                       ['privatePostApiThirdOrderSelectContractMatchPairList', 'privatePostApiThirdOrderQueryOrder']),
    'fetch_my_trades': (lambda ex: ex.fetch_my_trades(ETH, 1725868000000, 5), ['privatePostApiThirdOrderSelectContractMatchPairList']),
    'fetch_positions': (lambda ex: ex.fetch_positions([ETH]),
                        ['privatePostApiThirdHotOrderSelectContractPositionList', 'publicGetApiThirdInfoMarkPrice']),
    'fetch_funding_history': (lambda ex: ex.fetch_funding_history(ETH), ['privatePostApiThirdHotOrderSelectContractPositionList']),
    'fetch_leverage': (lambda ex: ex.fetch_leverage(ETH), ['privateGetApiThirdV1TradeGetUserLever']),
    'close_position': (lambda ex: ex.close_position(ETH), ['privatePostApiThirdHotOrderSelectContractPositionList',
                                                           'privatePostApiThirdHotOrderCloseOrder']),
    'fetch_balance': (lambda ex: ex.fetch_balance(), ['privatePostApiThirdHotOrderBalance']),
    'add_margin': (lambda ex: ex.add_margin(ETH, 10),
                   ['privatePostApiThirdHotOrderSelectContractPositionList', 'privatePostApiThirdOrderCallMarginAmount']),
    'cancel_all_orders': (lambda ex: ex.cancel_all_orders(ETH), ['privatePostApiThirdOrderCancelAll']),
    'cancel_order by client id': (lambda ex: ex.cancel_order_with_client_order_id('1725870680532', ETH),
                                  ['privatePostApiThirdOrderCancelEntrustByCli']),
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


class Client(satori_ccxt.satori):
    def _unserved_endpoints_add(self, endpoint):
        """What the client learns from a 404: here told directly, so the fallback reads mutated answers too."""
        self._unserved_endpoints = {endpoint}


@pytest.fixture
def exchange():
    """One client for all the examples of a test: only its endpoints' answers change from one example to the next."""
    return with_markets(Client(DOCS_CREDENTIALS))


def answering(exchange, answers: dict):
    exchange._unserved_endpoints = None
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
