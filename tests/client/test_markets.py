"""Public data: markets, prices, books, candles, trades, leverage tiers; what ``has`` and ``features`` declare."""

import inspect

import ccxt
import pytest
from ccxt.base.errors import BadRequest, BadSymbol, NotSupported

import satori_ccxt
from satori_simulator import Simulator

from ..support import paths
from ..support.clients import ASSUMED_PAIRS, BTC, ETH, NOT_FOUND, PAIRS, Driver, docs_config, frozen, query_of, routes, sent, sim_config


@pytest.fixture(scope='module')
def sim():
    with Simulator(seed=2) as simulator:
        trader = simulator.create_account('100000')
        client = satori_ccxt.satori(sim_config(simulator, trader))
        client.create_order(ETH, 'market', 'buy', 0.5)   # a trade, so that last prices and volumes exist
        client.create_order(ETH, 'market', 'sell', 0.2)
        yield simulator


@pytest.fixture
def driver(mode, sim):
    client = Driver(mode, sim_config(sim, sim.account))
    yield client
    client.close()


# ----- markets ---------------------------------------------------------------------------------

def test_pairs_become_linear_perpetual_swaps_settled_in_the_quote(driver):
    markets = driver.load_markets()
    assert set(markets) == {'ETH/USD:USD', 'BTC/USD:USD', 'SOL/USD:USD'}
    market = markets[ETH]
    assert (market['id'], market['base'], market['quote'], market['settle']) == ('ETH-USD', 'ETH', 'USD', 'USD')
    assert (market['type'], market['subType'], market['swap'], market['spot'], market['future']) == ('swap', 'linear', True, False, False)
    assert (market['contract'], market['linear'], market['inverse']) == (True, True, False)
    assert (market['contractSize'], market['active']) == (1, True)


def test_precision_is_a_tick_size_and_limits_come_from_the_pair(driver):
    market = driver.load_markets()[BTC]
    assert market['precision'] == {'price': 0.1, 'amount': 0.0001}
    assert market['limits']['amount'] == {'min': 0.0001, 'max': 100}
    assert market['limits']['leverage'] == {'min': 1, 'max': 25}


def test_fee_rates_in_percent_become_fractions(driver):
    market = driver.load_markets()[ETH]
    assert (market['maker'], market['taker']) == (0.0004, 0.0006)


def test_currencies_are_the_bases_and_the_settle_coin(driver):
    driver.load_markets()
    assert set(driver.exchange.currencies) == {'ETH', 'BTC', 'SOL', 'USD'}


def test_a_pair_not_tradable_is_inactive_and_a_pair_without_base_quote_symbol_is_left_out(scripted):
    pairs = [dict(PAIRS[0], tradable=False), dict(PAIRS[1], symbol='BTCUSD'), {'id': 9}]
    scripted.respond_with(routes({paths.PAIRS: pairs}))
    markets = satori_ccxt.satori(docs_config(scripted.url)).load_markets()
    assert list(markets) == [ETH] and markets[ETH]['active'] is False


def test_the_pair_list_is_read_in_the_captured_shape_and_in_the_assumed_one(scripted):
    scripted.respond_with(routes({paths.PAIRS: [PAIRS[1], dict(ASSUMED_PAIRS[0], status=2)]}))
    markets = satori_ccxt.satori(docs_config(scripted.url)).load_markets()
    captured, assumed = markets[BTC], markets[ETH]
    assert (captured['precision'], captured['active'], captured['settle']) == ({'price': 0.1, 'amount': 0.0001}, True, 'USD')
    assert (assumed['precision'], assumed['active'], assumed['settle']) == ({'price': 0.01, 'amount': 0.001}, False, 'USD')
    # No maxLever in the captured pair list: options['maxLeverage'], Satori's documented 25x.
    assert captured['limits']['leverage'] == {'min': 1, 'max': 25} and assumed['limits']['leverage'] == {'min': 1, 'max': 25}


def test_max_leverage_without_max_lever_in_the_pair_list_is_the_option(scripted):
    scripted.respond_with(routes({}))
    exchange = satori_ccxt.satori(docs_config(scripted.url, options={'maxLeverage': 10}))
    assert exchange.load_markets()[ETH]['limits']['leverage']['max'] == 10
    assert exchange.fetch_market_leverage_tiers(ETH)[0]['maxLeverage'] == 10
    with pytest.raises(BadRequest, match='outside 1..10'):
        exchange.set_leverage(11, ETH)


def test_a_pair_list_that_is_not_a_list_is_a_bad_response(scripted):
    scripted.respond_with(routes({paths.PAIRS: {'records': PAIRS}}))
    with pytest.raises(ccxt.BadResponse):
        satori_ccxt.satori(docs_config(scripted.url)).load_markets()


@pytest.mark.parametrize('call', [
    lambda client: client.fetch_ticker('DOGE/USD:USD'),
    lambda client: client.fetch_order_book('ETH/USD'),
    lambda client: client.fetch_trades('ETHUSD'),
    lambda client: client.fetch_ohlcv('XYZ/USD:USD'),
    lambda client: client.create_order('DOGE/USD:USD', 'limit', 'buy', 1, 1),
    lambda client: client.fetch_positions(['DOGE/USD:USD']),
    lambda client: client.set_leverage(5, 'DOGE/USD:USD'),
], ids=['ticker', 'book', 'trades', 'ohlcv', 'create_order', 'positions', 'set_leverage'])
def test_unknown_symbols_raise_bad_symbol_after_loading_markets_only(scripted, call):
    scripted.respond_with(routes({}))
    with pytest.raises(BadSymbol):
        call(satori_ccxt.satori(docs_config(scripted.url)))
    assert [request.target for request in scripted.requests] == [paths.PAIRS]


# ----- prices ----------------------------------------------------------------------------------

@pytest.fixture
def still(sim):
    """The simulator's clock stopped for the test: its book and prices change every second."""
    sim.set_time(sim.now_ms())
    yield sim
    sim.set_time(None)


def test_ticker_has_last_trade_top_of_book_day_window_mark_and_index(driver, still):
    sim = still
    ticker = driver.fetch_ticker(ETH)
    bid, ask = sim.best_prices('ETH-USD')
    assert (ticker['bid'], ticker['ask']) == (float(bid), float(ask))
    assert ticker['last'] == ticker['close'] and ticker['last'] is not None
    assert ticker['baseVolume'] == pytest.approx(0.7) and ticker['quoteVolume'] > 0
    assert ticker['low'] <= ticker['last'] <= ticker['high']
    assert ticker['markPrice'] > 0 and ticker['indexPrice'] == float(sim.index_price('ETH-USD'))
    assert ticker['change'] == pytest.approx(ticker['close'] - ticker['open'])


def test_ticker_is_assembled_from_five_public_requests(scripted):
    answers = {
        paths.TRADES: [{'contractMatchPairId': 7843437, 'price': '3203.93', 'quantity': '1.111', 'amount': '3559.56623',
                                    'isLong': True, 'timestamp': 1714988925000}],
        paths.DEPTH: {'asks': [{'price': '3204', 'quantity': '2'}], 'bids': [{'price': '3203', 'quantity': '1.5'}]},
        paths.KLINE: [{'time': 1714986000000, 'open': '3100', 'high': '3250', 'low': '3090', 'close': '3200',
                                   'quantity': '10', 'amount': '31500'},
                                  {'time': 1714989600000, 'open': '3200', 'high': '3210', 'low': '3150', 'close': '3203.93',
                                   'quantity': '2', 'amount': '6400'}],
        paths.MARK_PRICE: '3201.55',
        paths.INDEX_PRICE: '3200.5',
    }
    scripted.respond_with(routes(answers))
    ticker = frozen(satori_ccxt.satori(docs_config(scripted.url)), 1714989000000).fetch_ticker(ETH)
    assert {key: ticker[key] for key in ('last', 'bid', 'bidVolume', 'ask', 'askVolume', 'open', 'high', 'low', 'baseVolume',
                                         'quoteVolume', 'markPrice', 'indexPrice', 'timestamp')} == {
        'last': 3203.93, 'bid': 3203, 'bidVolume': 1.5, 'ask': 3204, 'askVolume': 2, 'open': 3100, 'high': 3250, 'low': 3090,
        'baseVolume': 12, 'quoteVolume': 37900, 'markPrice': 3201.55, 'indexPrice': 3200.5, 'timestamp': 1714989000000}
    assert query_of(sent(scripted, paths.KLINE)[0]) == {'pairName': 'ETH-USD', 'period': '1HOUR', 'limit': '24'}
    assert query_of(sent(scripted, paths.TRADES)[0]) == {'pairName': 'ETH-USD', 'limit': '1'}
    assert query_of(sent(scripted, paths.DEPTH)[0]) == {'pairName': 'ETH-USD', 'limit': '20'}
    assert len(sent(scripted, paths.TICKER_24HR)) == 1   # asked first, answered 404


def test_ticker_without_book_or_candles_where_satori_does_not_serve_them(scripted):
    scripted.respond_with(routes({paths.TRADES: [], paths.DEPTH: NOT_FOUND, paths.KLINE: NOT_FOUND,
                                  paths.MARK_PRICE: '3201.55', paths.INDEX_PRICE: NOT_FOUND}))
    ticker = satori_ccxt.satori(docs_config(scripted.url)).fetch_ticker(ETH)
    assert (ticker['bid'], ticker['ask'], ticker['last'], ticker['open'], ticker['markPrice'], ticker['indexPrice']) == \
        (None, None, None, None, 3201.55, None)


@pytest.mark.parametrize('deployment, served', [('satori', False), ('later', True)])
def test_ticker_asks_ticker_24hr_once_and_uses_the_five_requests_where_it_is_not_served(deployment, served):
    with Simulator(seed=4, deployment=deployment) as sim, Driver('sync', sim_config(sim, sim.account)) as driver:
        sim.set_time(sim.now_ms())
        tickers = [driver.fetch_ticker(ETH), driver.fetch_ticker(ETH)]
        bid, ask = sim.best_prices('ETH-USD')
        assert all((ticker['bid'], ticker['ask']) == (float(bid), float(ask)) for ticker in tickers)
        assert all(ticker['open'] is not None and ticker['quoteVolume'] is not None for ticker in tickers)
        assert sim.count(paths.TICKER_24HR) == (2 if served else 1)   # a 404 is remembered by the instance
        assert sim.count(paths.KLINE) == (0 if served else 2)
        assert sim.count(paths.INDEX_PRICE) == (0 if served else 2)


def test_ticker_from_ticker_24hr_takes_open_close_and_quote_volume_from_it(scripted):
    scripted.respond_with(routes({paths.TICKER_24HR: {'open': '3100', 'close': '3203.93', 'amount': '37900'},
                                  paths.DEPTH: {'asks': [{'price': '3204', 'quantity': '2'}],
                                                            'bids': [{'price': '3203', 'quantity': '1.5'}]}}))
    ticker = satori_ccxt.satori(docs_config(scripted.url)).fetch_ticker(ETH)
    assert {key: ticker[key] for key in ('open', 'last', 'close', 'quoteVolume', 'bid', 'ask', 'change')} == \
        {'open': 3100, 'last': 3203.93, 'close': 3203.93, 'quoteVolume': 37900, 'bid': 3203, 'ask': 3204, 'change': 103.93}
    assert [request.target.partition('?')[0] for request in scripted.requests] == \
        [paths.PAIRS, paths.TICKER_24HR, paths.DEPTH]


def test_tickers_cover_every_active_market_or_the_symbols_asked(driver):
    assert set(driver.fetch_tickers()) == {'ETH/USD:USD', 'BTC/USD:USD', 'SOL/USD:USD'}
    assert set(driver.fetch_tickers([BTC])) == {BTC}


def test_mark_price_is_a_ticker_with_the_mark_price(driver):
    ticker = driver.fetch_mark_price(ETH)
    assert ticker['symbol'] == ETH and ticker['markPrice'] > 0 and ticker['last'] is None
    assert set(driver.fetch_mark_prices([ETH, BTC])) == {ETH, BTC}


def test_server_time_is_satoris_clock(driver, sim):
    sim.set_time(1725865024825)
    try:
        assert driver.fetch_time() == 1725865024825
    finally:
        sim.set_time(None)


# ----- books, trades, candles ------------------------------------------------------------------

@pytest.mark.parametrize('limit, depth', [(None, '20'), (1, '20'), (20, '20'), (21, '100'), (100, '100'), (1000, '100')])
def test_order_book_asks_the_smallest_depth_satori_allows_that_covers_the_limit_and_cuts_to_it(scripted, limit, depth):
    levels = [{'price': str(3200 - n), 'quantity': '1'} for n in range(int(depth))]
    scripted.respond_with(routes({paths.DEPTH: {'bids': levels, 'asks': levels[::-1]}}))
    book = satori_ccxt.satori(docs_config(scripted.url)).fetch_order_book(ETH, limit)
    assert query_of(sent(scripted, paths.DEPTH)[0]) == {'pairName': 'ETH-USD', 'limit': depth}
    assert len(book['bids']) == len(book['asks']) == min(limit or int(depth), int(depth))


def test_an_order_book_of_1000_levels_returns_data(driver):
    book = driver.fetch_order_book(ETH, 1000)
    assert book['bids'] and book['asks'] and book['bids'][0][0] < book['asks'][0][0]


def test_order_book_is_best_first_and_honours_limit(driver):
    book = driver.fetch_order_book(ETH, 5)
    assert len(book['bids']) == len(book['asks']) == 5
    assert [bid[0] for bid in book['bids']] == sorted((bid[0] for bid in book['bids']), reverse=True)
    assert [ask[0] for ask in book['asks']] == sorted(ask[0] for ask in book['asks'])
    assert book['bids'][0][0] < book['asks'][0][0] and book['symbol'] == ETH and book['timestamp'] is not None


def test_public_trades_are_oldest_first_with_the_taker_side(driver):
    trades = driver.fetch_trades(ETH)
    assert [trade['timestamp'] for trade in trades] == sorted(trade['timestamp'] for trade in trades)
    assert {trade['side'] for trade in trades} == {'buy', 'sell'}
    assert sum(trade['amount'] for trade in trades) == pytest.approx(0.7)
    assert len(driver.fetch_trades(ETH, None, 1)) == 1


def test_a_trades_limit_above_1000_is_clamped_to_1000_and_returns_data(scripted, driver):
    assert driver.fetch_trades(ETH, None, 12000)   # ccxt's own live test asks for 12000
    scripted.respond_with(routes({paths.TRADES: []}))
    satori_ccxt.satori(docs_config(scripted.url)).fetch_trades(ETH, None, 12000)
    assert query_of(sent(scripted, paths.TRADES)[0]) == {'pairName': 'ETH-USD', 'limit': '1000'}


def test_a_candle_limit_above_1000_is_clamped_to_1000(scripted):
    scripted.respond_with(routes({paths.KLINE: []}))
    satori_ccxt.satori(docs_config(scripted.url)).fetch_ohlcv(ETH, '1m', None, 5000)
    assert query_of(sent(scripted, paths.KLINE)[0]) == {'pairName': 'ETH-USD', 'period': '1MIN', 'limit': '1000'}


def test_candles_are_read_whichever_order_satori_lists_them_and_with_high_spelled_hight_or_high(scripted):
    newest_first = [{'time': 1725868800000, 'open': '3200', 'hight': '3260', 'low': '3190', 'close': '3250', 'quantity': '2'},
                    {'time': 1725865200000, 'open': '3100', 'high': '3250', 'low': '3090', 'close': '3200', 'quantity': '10'}]
    scripted.respond_with(routes({paths.KLINE: newest_first}))
    candles = satori_ccxt.satori(docs_config(scripted.url)).fetch_ohlcv(ETH, '1h')
    assert candles == [[1725865200000, 3100, 3250, 3090, 3200, 10], [1725868800000, 3200, 3260, 3190, 3250, 2]]


def test_ohlcv_maps_timeframes_to_periods_and_is_oldest_first(driver):
    candles = driver.fetch_ohlcv(ETH, '5m', None, 4)
    assert len(candles) == 4 and [candle[0] for candle in candles] == sorted(candle[0] for candle in candles)
    assert all(candle[0] % 300_000 == 0 and candle[3] <= min(candle[1], candle[4]) <= max(candle[1], candle[4]) <= candle[2]
               for candle in candles)


def test_ohlcv_since_asks_for_the_candles_that_follow_it(driver, still):
    since = (still.now_ms() // 3_600_000 - 10) * 3_600_000
    candles = driver.fetch_ohlcv(ETH, '1h', since, 3)
    assert [candle[0] for candle in candles] == [since, since + 3_600_000, since + 7_200_000]
    later = driver.fetch_ohlcv(ETH, '1h', since + 1)   # candles that open at or after since, up to the current one
    assert [candle[0] for candle in later] == [since + hour * 3_600_000 for hour in range(1, 11)]


def test_ohlcv_request_carries_period_limit_and_the_end_time_since_implies(scripted):
    scripted.respond_with(routes({paths.KLINE: []}))
    exchange = satori_ccxt.satori(docs_config(scripted.url))
    exchange.fetch_ohlcv(ETH, '15m', 1725865200000, 10)
    exchange.fetch_ohlcv(ETH, '1d')
    first, second = (query_of(request) for request in sent(scripted, paths.KLINE))
    assert first == {'pairName': 'ETH-USD', 'period': '15MIN', 'limit': '10', 'end_time': str(1725865200000 + 10 * 900_000 - 1)}
    assert second == {'pairName': 'ETH-USD', 'period': '1DAY'}


def test_timeframes_are_satoris_ten_periods():
    assert satori_ccxt.satori().timeframes == {'1m': '1MIN', '3m': '3MIN', '5m': '5MIN', '15m': '15MIN', '30m': '30MIN', '1h': '1HOUR',
                                               '4h': '4HOUR', '8h': '8HOUR', '12h': '12HOUR', '1d': '1DAY'}


@pytest.mark.parametrize('call', [
    lambda client: client.fetch_ohlcv(ETH, '2h'),
    lambda client: client.fetch_ohlcv(ETH, '1m', None, 0),
    lambda client: client.fetch_order_book(ETH, -1),
    lambda client: client.fetch_trades(ETH, None, 'many'),
])
def test_bad_public_arguments_raise_bad_request_before_any_request(scripted, call):
    with pytest.raises(BadRequest):
        call(satori_ccxt.satori(docs_config(scripted.url)))
    assert scripted.requests == []


# ----- leverage tiers --------------------------------------------------------------------------

def test_one_leverage_tier_per_market_up_to_the_documented_25x_when_the_pair_list_names_no_max(driver):
    tiers = driver.fetch_leverage_tiers()
    assert set(tiers) == {'ETH/USD:USD', 'BTC/USD:USD', 'SOL/USD:USD'}
    [tier] = tiers['SOL/USD:USD']
    assert (tier['tier'], tier['minNotional'], tier['maxLeverage'], tier['currency']) == (1, 0, 25, 'USD')
    assert tier['maxNotional'] == driver.exchange.options['leverageTierMaxNotional']
    assert driver.fetch_market_leverage_tiers(ETH)[0]['maxLeverage'] == 25


# ----- what the class declares ---------------------------------------------------------------

# Methods ccxt's base class builds from ours (create_market_order calls create_order, ...).
BASE_EMULATED = {'createMarketOrder', 'createMarketBuyOrder', 'createMarketSellOrder', 'createLimitOrder', 'createLimitBuyOrder',
                 'createLimitSellOrder', 'createPostOnlyOrder', 'createReduceOnlyOrder', 'fetchL2OrderBook', 'fetchMarketLeverageTiers',
                 'cancelOrderWithClientOrderId'}


def test_every_capability_declared_true_is_implemented_here_or_built_by_ccxt_from_ours():
    exchange = satori_ccxt.satori()
    not_methods = ('publicAPI', 'privateAPI', 'swap', 'sandbox')
    declared = [name for name, value in exchange.has.items() if value is True and name not in not_methods]
    for name in declared:
        method = getattr(type(exchange), exchange.un_camel_case(name))
        assert name in BASE_EMULATED or method.__module__.startswith('satori_ccxt'), name


@pytest.mark.parametrize('name', ['fetchOpenInterest', 'fetchMarginMode', 'fetchLedger', 'setPositionMode', 'withdraw', 'fetchDeposits'])
def test_capabilities_declared_false_are_not_supported(name):
    exchange = satori_ccxt.satori()
    assert exchange.has[name] is False
    with pytest.raises(NotSupported):
        method = getattr(exchange, exchange.un_camel_case(name))
        method(*[None] * (len(inspect.signature(method).parameters) - 1))


def test_features_describe_linear_swaps_only():
    features = satori_ccxt.satori().features
    assert features['spot'] is None and features['future'] is None and features['option'] is None
    assert features['swap']['inverse'] is None
    linear = features['swap']['linear']
    assert linear['createOrder']['timeInForce'] == {'GTC': True, 'IOC': True, 'FOK': True, 'PO': True, 'GTD': False}
    assert linear['createOrder']['leverage'] is True and linear['createOrder']['marginMode'] is True
    assert linear['createOrder']['triggerPrice'] is False and linear['createOrder']['hedged'] is False
    assert linear['createOrders']['max'] == 20 and linear['fetchMyTrades']['symbolRequired'] is True
    assert linear['fetchOHLCV']['limit'] == 1000
    assert linear['fetchClosedOrders']['symbolRequired'] is False and linear['fetchOrders']['symbolRequired'] is False
