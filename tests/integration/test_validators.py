"""ccxt's own structure validators on what every unified method returns from the simulator, sync and async.

Validators that run, from ``ccxt.test.exchange.base`` (ccxt 4.5.90), with no skipped property:
``test_market`` (load_markets), ``test_ticker`` (fetch_ticker, fetch_tickers, fetch_mark_price),
``test_order_book`` (fetch_order_book), ``test_ohlcv`` (fetch_ohlcv), ``test_trade`` (fetch_trades,
fetch_my_trades), ``test_order`` (create_order, create_orders, fetch_order, fetch_open_orders,
cancel_order given its symbol), ``test_balance`` (fetch_balance), ``test_position`` (fetch_positions),
``test_leverage_tier`` (fetch_leverage_tiers), ``test_margin_modification`` (add_margin, reduce_margin).

Also ``test_order`` on cancel_all_orders, close_position and the finished-order lists (fetch_closed_orders,
and where the simulator serves orders/histories fetch_orders, fetch_canceled_orders and
fetch_canceled_and_closed_orders), ``test_position`` on close_all_positions and ``test_funding_rate_history``
on fetch_funding_rate_history. ccxt ships no validator for funding rates, funding history or leverage: those
are checked against the keys of ccxt's own ``FundingRate``, ``FundingHistory`` and ``Leverage`` types.
Each runs on a simulator serving only what Satori was captured serving, and on one that also serves the
later deployment's endpoints.

Not validated: ``cancel_order``/``cancel_orders`` called without a symbol, whose orders keep ``symbol`` None
(Satori's cancel answer does not name the market), and a cancel by client order id, whose order has no id
(Satori's answer names none).
"""

import pytest
from ccxt.base.types import FundingHistory, FundingRate, Leverage
from ccxt.test.exchange.base.test_balance import test_balance as check_balance
from ccxt.test.exchange.base.test_funding_rate_history import test_funding_rate_history as check_funding_rate_history
from ccxt.test.exchange.base.test_leverage_tier import test_leverage_tier as check_leverage_tier
from ccxt.test.exchange.base.test_margin_modification import test_margin_modification as check_margin_modification
from ccxt.test.exchange.base.test_market import test_market as check_market
from ccxt.test.exchange.base.test_ohlcv import test_ohlcv as check_ohlcv
from ccxt.test.exchange.base.test_order import test_order as check_order
from ccxt.test.exchange.base.test_order_book import test_order_book as check_order_book
from ccxt.test.exchange.base.test_position import test_position as check_position
from ccxt.test.exchange.base.test_ticker import test_ticker as check_ticker
from ccxt.test.exchange.base.test_trade import test_trade as check_trade

from satori_simulator import Simulator

from ..support.clients import BTC, ETH, Driver, sim_config

SKIPPED = {}


@pytest.fixture(scope='module', params=['satori', 'later'])
def sim(request):
    with Simulator(seed=5, deployment=request.param) as simulator:
        yield simulator


@pytest.fixture(scope='module', params=['sync', 'async'])
def answers(request, sim):
    """What each unified method returned, for an account that traded, holds positions and has open, filled and cancelled orders."""
    driver = Driver(request.param, sim_config(sim, sim.create_account('100000')))
    sim.set_time(sim.now_ms())  # a still book, so that the ticker's last trade sits inside its bid and ask
    driver.exchange.milliseconds = sim.now_ms   # and signed timestamps on the same clock, however long the fixture takes
    try:
        got = {'fetchMarkets': list(driver.load_markets().values())}
        got['createOrder'] = [driver.create_order(ETH, 'market', 'buy', 0.3, None, {'leverage': 10}),
                              driver.create_order(BTC, 'market', 'sell', 0.01, None, {'marginMode': 'cross'}),
                              driver.create_order(ETH, 'limit', 'buy', 0.05, 2000, {'postOnly': True})]
        got['createOrders'] = driver.create_orders([{'symbol': ETH, 'type': 'limit', 'side': 'sell', 'amount': 0.02, 'price': 4500},
                                                    {'symbol': BTC, 'type': 'limit', 'side': 'buy', 'amount': 0.001, 'price': 40000}])
        got['cancelOrder'] = [driver.cancel_order(got['createOrders'][0]['id'], ETH)]
        sim.fill(int(got['createOrders'][1]['id']))
        got['fetchOrder'] = [driver.fetch_order(order['id']) for order in got['createOrder'] + got['createOrders']]
        got['fetchOpenOrders'] = driver.fetch_open_orders()
        got['fetchTicker'] = [driver.fetch_ticker(ETH)]
        got['fetchTickers'] = list(driver.fetch_tickers().values())
        got['fetchMarkPrice'] = [driver.fetch_mark_price(BTC)]
        got['fetchOrderBook'] = [driver.fetch_order_book(ETH), driver.fetch_order_book(BTC, 5)]
        got['fetchOHLCV'] = driver.fetch_ohlcv(ETH, '1m', None, 30) + driver.fetch_ohlcv(BTC, '1h', sim.now_ms() - 86_400_000, 10)
        got['fetchTrades'] = driver.fetch_trades(ETH) + driver.fetch_trades(BTC)
        got['fetchMyTrades'] = driver.fetch_my_trades(ETH) + driver.fetch_my_trades(BTC)
        got['fetchBalance'] = [driver.fetch_balance()]
        got['fetchPositions'] = driver.fetch_positions()
        got['fetchLeverageTiers'] = [tier for tiers in driver.fetch_leverage_tiers().values() for tier in tiers]
        got['addMargin'] = [driver.add_margin(ETH, 20), driver.reduce_margin(ETH, 10)]
        got['fetchClosedOrders'] = driver.fetch_closed_orders()
        if sim.deployment == 'later':
            got['fetchOrders'] = driver.fetch_orders()
            got['fetchCanceledOrders'] = driver.fetch_canceled_orders()
            got['fetchCanceledAndClosedOrders'] = driver.fetch_canceled_and_closed_orders()
        got['fetchFundingRate'] = [driver.fetch_funding_rate(ETH)] + list(driver.fetch_funding_rates().values())
        got['fetchFundingRateHistory'] = driver.fetch_funding_rate_history(BTC, sim.now_ms() - 10 * 3_600_000, 10)
        got['fetchFundingHistory'] = driver.fetch_funding_history()
        got['fetchLeverage'] = [driver.fetch_leverage(ETH), driver.fetch_leverage(BTC)]
        got['cancelAllOrders'] = driver.cancel_all_orders()
        got['closePosition'] = [driver.close_position(ETH)]
        got['closeAllPositions'] = driver.close_all_positions()
        got['now'] = sim.now_ms()
        got['exchange'] = driver.exchange
        yield got
    finally:
        sim.set_time(None)
        driver.close()


def entries(answers, method):
    found = answers[method]
    assert found, f'{method} returned nothing to validate'
    return found


def test_markets_pass_test_market(answers):
    for market in entries(answers, 'fetchMarkets'):
        check_market(answers['exchange'], SKIPPED, 'fetchMarkets', market)


@pytest.mark.parametrize('method', ['createOrder', 'createOrders', 'cancelOrder', 'fetchOrder', 'fetchOpenOrders', 'cancelAllOrders',
                                    'closePosition', 'fetchClosedOrders'])
def test_orders_pass_test_order(answers, method):
    for order in entries(answers, method):
        check_order(answers['exchange'], SKIPPED, method, order, order['symbol'], answers['now'])


def test_finished_orders_from_the_order_history_pass_test_order_where_it_is_served(answers, sim):
    if sim.deployment != 'later':
        assert 'fetchCanceledOrders' not in answers   # NotSupported there: tests/client/test_finished_orders.py
        return
    for method, statuses in (('fetchOrders', {'open', 'closed', 'canceled'}), ('fetchCanceledOrders', {'canceled'}),
                             ('fetchCanceledAndClosedOrders', {'closed', 'canceled'})):
        assert {order['status'] for order in entries(answers, method)} == statuses, method
        for order in answers[method]:
            check_order(answers['exchange'], SKIPPED, method, order, order['symbol'], answers['now'])


def test_closed_orders_are_the_filled_ones(answers):
    assert {order['status'] for order in entries(answers, 'fetchClosedOrders')} == {'closed'}
    assert len(answers['fetchClosedOrders']) == 3   # two market orders and the BTC limit the simulator filled


def test_orders_cover_every_status(answers):
    assert {order['status'] for order in answers['fetchOrder']} == {'open', 'closed', 'canceled'}


@pytest.mark.parametrize('method', ['fetchTicker', 'fetchTickers', 'fetchMarkPrice'])
def test_tickers_pass_test_ticker(answers, method):
    for ticker in entries(answers, method):
        check_ticker(answers['exchange'], SKIPPED, method, ticker, ticker['symbol'])


def test_order_books_pass_test_order_book(answers):
    for book in entries(answers, 'fetchOrderBook'):
        check_order_book(answers['exchange'], SKIPPED, 'fetchOrderBook', book, book['symbol'])


def test_candles_pass_test_ohlcv(answers):
    for candle in entries(answers, 'fetchOHLCV'):
        check_ohlcv(answers['exchange'], SKIPPED, 'fetchOHLCV', candle, ETH, answers['now'])


@pytest.mark.parametrize('method, public', [('fetchTrades', True), ('fetchMyTrades', False)])
def test_trades_pass_test_trade(answers, method, public):
    for trade in entries(answers, method):
        check_trade(answers['exchange'], SKIPPED, method, trade, trade['symbol'], answers['now'], public)


def test_balance_passes_test_balance(answers):
    check_balance(answers['exchange'], SKIPPED, 'fetchBalance', answers['fetchBalance'][0])


def test_closed_positions_pass_test_position(answers):
    for position in entries(answers, 'closeAllPositions'):
        check_position(answers['exchange'], SKIPPED, 'closeAllPositions', position, position['symbol'], answers['now'])


def test_funding_rate_history_passes_test_funding_rate_history(answers):
    for entry in entries(answers, 'fetchFundingRateHistory'):
        check_funding_rate_history(answers['exchange'], SKIPPED, 'fetchFundingRateHistory', entry, BTC)


@pytest.mark.parametrize('method, structure', [('fetchFundingRate', FundingRate), ('fetchFundingHistory', FundingHistory),
                                               ('fetchLeverage', Leverage)])
def test_funding_and_leverage_have_ccxts_structure(answers, method, structure):
    for entry in entries(answers, method):
        assert set(entry) == set(structure.__annotations__), method
        assert entry['symbol'] in (ETH, BTC, 'SOL/USD:USD') and isinstance(entry['info'], dict)


def test_positions_pass_test_position(answers):
    positions = entries(answers, 'fetchPositions')
    assert {(position['symbol'], position['marginMode']) for position in positions} == {(ETH, 'isolated'), (BTC, 'cross')}
    for position in positions:
        check_position(answers['exchange'], SKIPPED, 'fetchPositions', position, position['symbol'], answers['now'])


def test_leverage_tiers_pass_test_leverage_tier(answers):
    for tier in entries(answers, 'fetchLeverageTiers'):
        check_leverage_tier(answers['exchange'], SKIPPED, 'fetchLeverageTiers', tier)


def test_margin_modifications_pass_test_margin_modification(answers):
    for modification in entries(answers, 'addMargin'):
        check_margin_modification(answers['exchange'], SKIPPED, 'addMargin', modification)
