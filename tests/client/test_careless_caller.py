"""Careless callers: every argument, param and option is read as the caller meant it or refused with a ccxt
exception before anything is sent; nothing is silently dropped. Over real HTTP, sync and async."""

import functools
import math
from decimal import Decimal

import numpy
import pytest
from ccxt.base.errors import ArgumentsRequired, BadRequest, BadSymbol, BaseError, NotSupported

from satori_simulator import Simulator

from ..support import paths
from ..support.clients import ETH, Driver, body_of, docs_config, query_of, routes, sent, sim_config
from ..support.scripted_server import envelope

NOT_BOOLEANS = [1, 0, 1.0, 0.0, 'true', 'True', 'false', '', [], {}, Decimal(1), numpy.int64(1), numpy.float64(1.0)]


def created(recorded):
    return {'pairName': 'ETH-USD', 'orderId': 1000, 'corderId': query_of(recorded)['clientOrderId']}


def batch_created(recorded):
    return [{'pairName': 'ETH-USD', 'orderId': 1000 + index, 'cOrderId': order['clientOrderId']}
            for index, order in enumerate(body_of(recorded)['orders'])]


@pytest.fixture
def driver(scripted, mode):
    """A client whose orders and cancels succeed on the scripted server, which records what was sent."""
    scripted.respond_with(routes({paths.CREATE: created, paths.BATCH_CREATE: batch_created, paths.CANCEL: True,
                                  paths.BATCH_CANCEL: True}))
    with Driver(mode, docs_config(scripted.url)) as client:
        yield client


def refused(scripted, expected, call):
    """``call`` raises ``expected`` and no request but the pair list was sent."""
    with pytest.raises(expected) as raised:
        call()
    assert [request.target for request in scripted.requests if request.target != paths.PAIRS] == []
    return raised.value


# ----- booleans -------------------------------------------------------------------------------------------

@pytest.mark.parametrize('flag', ['reduceOnly', 'postOnly', 'hedged'])
def test_a_boolean_param_that_is_not_exactly_a_bool_is_refused_before_sending(scripted, driver, flag):
    for value in NOT_BOOLEANS:
        error = refused(scripted, BadRequest, functools.partial(driver.create_order, ETH, 'limit', 'sell', 0.5, 3000, {flag: value}))
        assert flag in str(error) and type(value).__name__ in str(error), value


def test_reduce_only_one_is_not_sent_as_a_plain_sell_that_opens_a_short(mode):
    """The issue's example, against a simulator that keeps positions: a long of 0.1, a reduce-only sell of 0.5."""
    with Simulator(seed=8) as sim:
        account = sim.create_account('100000')
        with Driver(mode, sim_config(sim, account)) as client:
            client.create_order(ETH, 'market', 'buy', 0.1)
            with pytest.raises(BadRequest):
                client.create_order(ETH, 'market', 'sell', 0.5, None, {'reduceOnly': 1})
            positions = client.fetch_positions([ETH])
    assert [(position['side'], position['contracts']) for position in positions] == [('long', 0.1)]


@pytest.mark.parametrize('value', [True, numpy.True_, numpy.bool_(True)], ids=['True', 'numpy.True_', 'numpy.bool_'])
def test_post_only_true_or_numpy_true_is_sent_as_post_only(scripted, driver, value):
    assert driver.create_order(ETH, 'limit', 'buy', 0.01, 3000, {'postOnly': value})['postOnly'] is True
    assert query_of(sent(scripted, paths.CREATE)[-1])['matchType'] == '4'


@pytest.mark.parametrize('value', [False, numpy.False_, None], ids=['False', 'numpy.False_', 'None'])
def test_post_only_false_or_absent_is_a_plain_limit_order(scripted, driver, value):
    driver.create_order(ETH, 'limit', 'buy', 0.01, 3000, {'postOnly': value})
    assert query_of(sent(scripted, paths.CREATE)[-1])['matchType'] == '1'


@pytest.mark.parametrize('value', [False, numpy.False_])
def test_hedged_false_is_accepted_and_not_sent(scripted, driver, value):
    driver.create_order(ETH, 'limit', 'buy', 0.01, 3000, {'hedged': value})
    assert 'hedged' not in query_of(sent(scripted, paths.CREATE)[-1])


@pytest.mark.parametrize('value', [True, numpy.True_])
def test_hedged_true_is_not_supported_since_satori_positions_are_one_way(scripted, driver, value):
    refused(scripted, NotSupported, lambda: driver.create_order(ETH, 'limit', 'buy', 0.01, 3000, {'hedged': value}))


def test_an_adjust_for_time_difference_option_that_is_not_a_bool_is_refused_before_sending(scripted, driver):
    for value in NOT_BOOLEANS + [None]:
        driver.exchange.options['adjustForTimeDifference'] = value
        refused(scripted, BadRequest, lambda: driver.cancel_order(1))


def test_create_post_only_and_reduce_only_helpers_send_their_flags(scripted, driver):
    driver.create_post_only_order(ETH, 'limit', 'buy', 0.01, 3000)
    assert query_of(sent(scripted, paths.CREATE)[-1])['matchType'] == '4'


# ----- params -------------------------------------------------------------------------------------------

NOT_PARAMS = ['reduceOnly', ['reduceOnly', True], 5, ('a', 1), {1: 'x'}, {'': 'x'}, {None: 1}, {'a b': 1}, {'a&b': 1}, {'é': 1},
              {('a',): 1}]


WITH_PARAMS = {
    'cancel_order': lambda driver, params: driver.cancel_order(1, None, params),
    'cancel_orders': lambda driver, params: driver.cancel_orders([1], None, params),
    'create_order': lambda driver, params: driver.create_order(ETH, 'limit', 'buy', 0.01, 3000, params),
    'fetch_time': lambda driver, params: driver.fetch_time(params),
    'fetch_open_orders': lambda driver, params: driver.fetch_open_orders(None, None, None, params),
}


@pytest.mark.parametrize('method', WITH_PARAMS)
def test_params_that_are_not_a_dict_of_sendable_names_are_a_bad_request_before_sending(scripted, driver, method):
    for params in NOT_PARAMS:
        refused(scripted, BadRequest, functools.partial(WITH_PARAMS[method], driver, params))


def test_params_none_reads_as_no_params(scripted, driver):
    assert driver.cancel_order(1, None, None)['status'] == 'canceled'
    assert driver.create_order(ETH, 'limit', 'buy', 0.01, 3000, None)['id'] == '1000'
    assert driver.cancel_orders([1], params=None)[0]['status'] == 'canceled'


@pytest.mark.parametrize('method, params', [
    ('create_order', {'isLong': False}), ('create_order', {'quantity': '5'}), ('create_order', {'pairName': 'BTC-USD'}),
    ('create_order', {'lever': 50}), ('create_order', {'matchType': 1}), ('create_order', {'positionType': 4}),
    ('create_order', {'isMarket': True}), ('create_order', {'timestamp': '1'}),
    ('cancel_order', {'entrustId': '2'}), ('cancel_orders', {'entrustIds': '2,3'}), ('cancel_orders', {'entrustId': '2'}),
    ('fetch_order', {'entrustId': '2'}), ('fetch_open_orders', {'pairName': 'BTC-USD'}), ('fetch_open_orders', {'pageNo': 3}),
    ('fetch_order_book', {'pairName': 'BTC-USD'}), ('fetch_trades', {'limit': 5}), ('fetch_ohlcv', {'period': '1DAY'}),
    ('fetch_ohlcv', {'end_time': 1}), ('fetch_balance', {'symbol': 'BTC'}), ('add_margin', {'call': False}),
    ('add_margin', {'marginAmount': '1000'}),
    ('create_orders', {'orders': []}), ('cancel_all_orders', {'isLong': True}), ('fetch_positions', {'pairName': 'BTC-USD'}),
    ('close_position', {'contractPositionId': 9}), ('close_all_positions', {'price': '5'}), ('fetch_closed_orders', {'beginTime': 1}),
    ('fetch_funding_rate', {'pairName': 'BTC-USD'}), ('fetch_funding_rate_history', {'endTime': 1}),
    ('fetch_leverage', {'contractPairId': 9}),
], ids=lambda value: value if isinstance(value, str) else next(iter(value)))
def test_a_param_naming_a_field_the_method_sets_itself_is_refused_not_silently_overridden(scripted, driver, method, params):
    calls = {
        'create_order': lambda: driver.create_order(ETH, 'limit', 'buy', 0.01, 3000, params),
        'cancel_order': lambda: driver.cancel_order(1, None, params),
        'cancel_orders': lambda: driver.cancel_orders([1], None, params),
        'fetch_order': lambda: driver.fetch_order(1, None, params),
        'fetch_open_orders': lambda: driver.fetch_open_orders(ETH, None, None, params),
        'fetch_order_book': lambda: driver.fetch_order_book(ETH, None, params),
        'fetch_trades': lambda: driver.fetch_trades(ETH, None, None, params),
        'fetch_ohlcv': lambda: driver.fetch_ohlcv(ETH, '1m', None, None, params),
        'fetch_balance': lambda: driver.fetch_balance(params),
        'add_margin': lambda: driver.add_margin(ETH, 1, dict(params, positionId=1)),
        'create_orders': lambda: driver.create_orders([{'symbol': ETH, 'type': 'limit', 'side': 'buy', 'amount': 1, 'price': 1}], params),
        'cancel_all_orders': lambda: driver.cancel_all_orders(ETH, params),
        'fetch_positions': lambda: driver.fetch_positions([ETH], params),
        'close_position': lambda: driver.close_position(ETH, None, params),
        'close_all_positions': lambda: driver.close_all_positions(params),
        'fetch_closed_orders': lambda: driver.fetch_closed_orders(ETH, None, None, params),
        'fetch_funding_rate': lambda: driver.fetch_funding_rate(ETH, params),
        'fetch_funding_rate_history': lambda: driver.fetch_funding_rate_history(ETH, None, None, params),
        'fetch_leverage': lambda: driver.fetch_leverage(ETH, params),
    }
    error = refused(scripted, BadRequest, calls[method])
    assert next(iter(params)) in str(error)


@pytest.mark.parametrize('param', ['triggerPrice', 'stopPrice', 'stopLossPrice', 'takeProfitPrice', 'stopLoss', 'takeProfit',
                                   'trailingAmount', 'trailingPercent', 'trailingTriggerPrice', 'triggerDirection', 'cost'])
def test_a_unified_order_param_satori_cannot_honour_is_not_supported_before_sending(scripted, driver, param):
    value = {'triggerPrice': 2900}.get(param, 2900) if param not in ('stopLoss', 'takeProfit') else {'triggerPrice': 2900}
    error = refused(scripted, NotSupported, lambda: driver.create_order(ETH, 'limit', 'buy', 0.01, 3000, {param: value}))
    assert param in str(error)
    entry = {'symbol': ETH, 'type': 'limit', 'side': 'buy', 'amount': 0.01, 'price': 3000}
    refused(scripted, NotSupported, lambda: driver.create_orders([entry, dict(entry, params={param: value})]))


def test_a_unified_order_param_set_to_none_counts_as_absent(scripted, driver):
    driver.create_order(ETH, 'limit', 'buy', 0.01, 3000, {'stopLossPrice': None, 'triggerPrice': None})
    assert 'stopLossPrice' not in query_of(sent(scripted, paths.CREATE)[-1])


# ----- create_orders: nothing half-sent -------------------------------------------------------------------

@pytest.mark.parametrize('bad_params', [{'note': float('nan')}, {'note': {1, 2}}, {'note': Decimal('1.5')}, {'note': 10 ** 5000},
                                        {'note': '\ud800'}, {'reduceOnly': 'yes'}, {'isLong': True}],
                         ids=['nan', 'a-set', 'decimal', 'int-of-5000-digits', 'lone-surrogate', 'bad-flag', 'own-field'])
def test_create_orders_with_one_unsendable_order_in_a_later_request_sends_nothing(scripted, mode, bad_params):
    entry = {'symbol': ETH, 'type': 'limit', 'side': 'buy', 'amount': 0.01, 'price': 3000}
    scripted.respond_with(routes({paths.BATCH_CREATE: batch_created}))
    with Driver(mode, docs_config(scripted.url, options={'createOrdersMaxOrders': 2})) as client:
        with pytest.raises(BadRequest):
            client.create_orders([entry, entry, entry, dict(entry, params=bad_params)])
    assert sent(scripted, paths.BATCH_CREATE) == []


@pytest.mark.parametrize('entry', [
    {'symbol': 5, 'type': 'limit', 'side': 'buy', 'amount': 1, 'price': 1}, {'symbol': ETH, 'type': ['limit'], 'side': 'buy', 'amount': 1},
    {'symbol': ETH, 'type': 'limit', 'side': {'buy': 1}, 'amount': 1, 'price': 1}, {'symbol': ETH, 'type': 'limit', 'side': 'buy'},
    {'symbol': ETH, 'type': 'limit', 'side': 'buy', 'amount': 1, 'price': 1, 'params': 'postOnly'},
    {'symbol': ETH, 'type': 'limit', 'side': 'buy', 'amount': 1, 'price': 1, 'params': {'': 1}},
], ids=['symbol-int', 'type-list', 'side-dict', 'no-amount', 'params-str', 'params-empty-key'])
def test_create_orders_with_a_malformed_entry_is_refused_before_sending(scripted, driver, entry):
    with pytest.raises(BaseError) as raised:
        driver.create_orders([entry])
    assert isinstance(raised.value, (BadRequest, BadSymbol, ArgumentsRequired))
    assert sent(scripted, paths.BATCH_CREATE) == []


# ----- ids, numbers, symbols, options ---------------------------------------------------------------------

HUGE = '9' * 5000


@pytest.mark.parametrize('ids', [[HUGE], ['0' * 5000 + '1' + '0' * 30], [10 ** 5000], ['1' * 4301], [1, HUGE]],
                         ids=['5000-nines', 'padded-too-big', 'int-of-5000-digits', '4301-digits', 'one-good-one-huge'])
def test_ids_of_thousands_of_digits_are_a_bad_request_not_a_value_error(scripted, driver, ids):
    refused(scripted, BadRequest, lambda: driver.cancel_orders(ids))
    refused(scripted, BadRequest, lambda: driver.cancel_order(ids[-1]))
    refused(scripted, BadRequest, lambda: driver.fetch_order(ids[-1]))


def test_an_id_with_leading_zeros_is_its_number(scripted, driver):
    assert driver.cancel_order('0' * 5000 + '12')['id'] == '12'


ABSURD_NUMBERS = [HUGE, 10 ** 5000, float('nan'), float('inf'), -1e308, 1e308, Decimal('NaN'), Decimal('1e999999999'),
                  Decimal('-Infinity'), True, 'abc', [1]]


WITH_NUMBER = {
    'amount': lambda driver, value: driver.create_order(ETH, 'limit', 'buy', value, 3000),
    'price': lambda driver, value: driver.create_order(ETH, 'limit', 'buy', 0.01, value),
    'leverage': lambda driver, value: driver.create_order(ETH, 'limit', 'buy', 0.01, 3000, {'leverage': value}),
    'limit': lambda driver, value: driver.fetch_trades(ETH, None, value),
    'since': lambda driver, value: driver.fetch_open_orders(ETH, value),
    'margin': lambda driver, value: driver.add_margin(ETH, value, {'positionId': 1}),
}


@pytest.mark.parametrize('argument', WITH_NUMBER)
def test_absurd_numbers_are_a_ccxt_error_before_sending(scripted, driver, argument):
    for value in ABSURD_NUMBERS:
        with pytest.raises(BaseError) as raised:
            WITH_NUMBER[argument](driver, value)
        assert isinstance(raised.value, (BadRequest, ArgumentsRequired)), (value, raised.value)
    assert [request for request in scripted.requests if request.target != paths.PAIRS] == []


def test_a_time_difference_option_that_is_not_a_finite_number_is_a_bad_request_before_sending(scripted, driver):
    for value in ['100', None, float('nan'), float('inf'), -math.inf, 10 ** 20, True, [5], Decimal('5')]:
        driver.exchange.options['timeDifference'] = value
        refused(scripted, BadRequest, lambda: driver.cancel_order(1))
        error = refused(scripted, BadRequest, lambda: driver.cancel_orders([1, 2]))
        assert [order['id'] for order in error.orders] == ['1', '2']


@pytest.mark.parametrize('value', [1500, -1500, 1500.7], ids=['int', 'negative', 'float'])
def test_a_finite_time_difference_shifts_the_timestamp(scripted, driver, value):
    driver.exchange.options['timeDifference'] = value
    driver.exchange.milliseconds = lambda: 1725865026325
    driver.cancel_order(1)
    assert query_of(scripted.requests[-1])['timestamp'] == str(int(1725865026325 - value))


@pytest.mark.parametrize('symbol', [123, 1.5, ['ETH/USD:USD'], {'ETH/USD:USD': 1}, b'ETH/USD:USD', ('ETH/USD:USD',)],
                         ids=['int', 'float', 'list', 'dict', 'bytes', 'tuple'])
def test_a_symbol_that_is_not_text_is_a_bad_symbol_before_any_request(scripted, driver, symbol):
    for call in (lambda: driver.cancel_orders([1, 2], symbol), lambda: driver.cancel_order(1, symbol),
                 lambda: driver.create_order(symbol, 'limit', 'buy', 0.01, 3000), lambda: driver.fetch_ticker(symbol),
                 lambda: driver.fetch_open_orders(symbol), lambda: driver.fetch_positions([symbol]),
                 lambda: driver.fetch_tickers([symbol])):
        with pytest.raises(BadSymbol):
            call()
    assert scripted.requests == []


def test_a_symbol_given_to_cancel_orders_is_checked_and_reported_as_the_markets_symbol(scripted, driver):
    assert {order['symbol'] for order in driver.cancel_orders([1, 2], 'ETH-USD')} == {ETH}
    with pytest.raises(BadSymbol) as raised:
        driver.cancel_orders([1, 2], 'DOGE/USD:USD')
    assert [order['id'] for order in raised.value.orders] == ['1', '2']


@pytest.mark.parametrize('timeframe', [None, 5, ['1m'], {'1m': 1}, '7m'], ids=['None', 'int', 'list', 'dict', 'unknown'])
def test_a_timeframe_that_is_not_one_of_satoris_is_a_bad_request(scripted, driver, timeframe):
    refused(scripted, BadRequest, lambda: driver.fetch_ohlcv(ETH, timeframe))


@pytest.mark.parametrize('mode_value', [['cross'], {'cross': 1}, None, 3], ids=['list', 'dict', 'None', 'int'])
def test_a_margin_mode_that_is_not_text_is_a_bad_request(scripted, driver, mode_value):
    refused(scripted, BadRequest, lambda: driver.set_margin_mode(mode_value, ETH))
    refused(scripted, BadRequest, lambda: driver.create_order(ETH, 'limit', 'buy', 0.01, 3000, {'marginMode': mode_value or ['x']}))


def test_a_query_value_of_nan_or_a_huge_int_is_a_bad_request(scripted, driver):
    refused(scripted, BadRequest, lambda: driver.cancel_order(1, None, {'note': float('nan')}))
    refused(scripted, BadRequest, lambda: driver.cancel_order(1, None, {'note': 10 ** 5000}))
    refused(scripted, BadRequest, lambda: driver.cancel_order(1, None, {'note': object()}))


def test_satori_answers_of_whole_numbers_are_checked_in_the_answer_too(scripted, mode):
    scripted.respond_with(routes({paths.CREATE: {'orderId': '9' * 5000}}))
    with Driver(mode, docs_config(scripted.url)) as client:
        with pytest.raises(BaseError) as raised:
            client.create_order(ETH, 'limit', 'buy', 0.01, 3000)
    assert 'may exist' in str(raised.value)


def test_a_fetch_time_answer_that_is_no_time_in_ms_is_a_bad_response(scripted, mode):
    for data in (True, 'soon', -5, 10 ** 14, '9' * 5000, 1.5):
        scripted.reply(envelope(data))
        with Driver(mode, docs_config(scripted.url)) as client:
            with pytest.raises(BaseError) as raised:
                client.fetch_time()
        assert type(raised.value).__name__ == 'BadResponse', data


def test_a_client_order_id_may_be_text_or_an_int_and_nothing_else(scripted, driver):
    assert driver.create_order(ETH, 'limit', 'buy', 0.01, 3000, {'clientOrderId': 1725693490018})['clientOrderId'] == '1725693490018'
    assert query_of(sent(scripted, paths.CREATE)[-1])['clientOrderId'] == '1725693490018'
    scripted.requests.clear()
    for value in ('', 'a b', True, 1.5, ['a'], 10 ** 5000):
        params = {'clientOrderId': value}
        for call in (functools.partial(driver.create_order, ETH, 'limit', 'buy', 0.01, 3000, params),
                     functools.partial(driver.cancel_order, None, ETH, params), functools.partial(driver.close_position, ETH, None, params),
                     functools.partial(driver.create_orders, [{'symbol': ETH, 'type': 'limit', 'side': 'buy', 'amount': 1, 'price': 1,
                                                               'params': params}])):
            refused(scripted, BadRequest, call)
