"""ccxt.pro's own validators (``ccxt/pro/test/Exchange/test_watch_*.py``, ccxt 4.5.90) on what each watch returns from the simulator.

The validators run unchanged. Each samples its watch for 15 s of
``exchange.milliseconds()``; they are handed the client behind a view whose clock advances 5 s each
time a validator reads it, so each takes about three samples (every watch call still waits for a
real push; one that is satisfied sooner, as watchTradesForSymbols once every symbol traded, stops
sooner) instead of 15 s of wall time. While they run, a driver trades on the simulator (an order
placed and filled against the market maker, buying twice what it sells, so the position grows and
stays open), so every stream keeps moving: orders, fills, positions, balance, public trades, book, candles.

Skipped properties: none, but for watchPositions the ones a position push does not carry (it has no
mark price, nor leverage): ``markPrice``, ``notional``, ``unrealizedPnl``, ``collateral``,
``percentage``, ``leverage`` are None there; fetch_positions fills them (tests/integration/test_validators.py).
"""

import asyncio

import pytest
from ccxt.pro.test.Exchange.test_watch_balance import test_watch_balance as validate_watch_balance
from ccxt.pro.test.Exchange.test_watch_my_trades import test_watch_my_trades as validate_watch_my_trades
from ccxt.pro.test.Exchange.test_watch_ohlcv import test_watch_ohlcv as validate_watch_ohlcv
from ccxt.pro.test.Exchange.test_watch_ohlcv_for_symbols import test_watch_ohlcv_for_symbols as validate_watch_ohlcv_for_symbols
from ccxt.pro.test.Exchange.test_watch_order_book import test_watch_order_book as validate_watch_order_book
from ccxt.pro.test.Exchange.test_watch_order_book_for_symbols import (
    test_watch_order_book_for_symbols as validate_watch_order_book_for_symbols,
)
from ccxt.pro.test.Exchange.test_watch_orders import test_watch_orders as validate_watch_orders
from ccxt.pro.test.Exchange.test_watch_positions import test_watch_positions as validate_watch_positions
from ccxt.pro.test.Exchange.test_watch_trades import test_watch_trades as validate_watch_trades
from ccxt.pro.test.Exchange.test_watch_trades_for_symbols import test_watch_trades_for_symbols as validate_watch_trades_for_symbols

from satori_simulator import Simulator

from ..support.stream_clients import ETH, pro_client, run

NOT_IN_A_POSITION_PUSH = {key: True for key in ('markPrice', 'notional', 'unrealizedPnl', 'collateral', 'percentage', 'leverage')}
VALIDATORS = {
    'watchOrderBook': (validate_watch_order_book, ETH),
    'watchOrderBookForSymbols': (validate_watch_order_book_for_symbols, [ETH]),
    'watchTrades': (validate_watch_trades, ETH),
    'watchTradesForSymbols': (validate_watch_trades_for_symbols, [ETH]),
    'watchOHLCV': (validate_watch_ohlcv, ETH),
    'watchOHLCVForSymbols': (validate_watch_ohlcv_for_symbols, ETH),
    'watchOrders': (validate_watch_orders, ETH),
    'watchMyTrades': (validate_watch_my_trades, ETH),
    'watchPositions': (validate_watch_positions, ETH),
    'watchBalance': (validate_watch_balance, 'USD'),
}
SAMPLE_MS = 5000


class QuickClock:
    """The client as a validator sees it, but for ``milliseconds()``, which moves ``SAMPLE_MS`` on at each read."""

    def __init__(self, exchange):
        self._exchange = exchange
        self._now = exchange.milliseconds()
        self.reads = 0

    def milliseconds(self):
        self.reads += 1
        self._now += SAMPLE_MS
        return self._now

    def __getattr__(self, name):
        return getattr(self._exchange, name)


@pytest.fixture(scope='module')
def sim():
    with Simulator(seed=31, stream_interval=0.02) as simulator:
        yield simulator


async def trade_on(sim, account, stop: asyncio.Event):
    """Places and fills one order after another, buying 0.01 then selling 0.005, until ``stop``; yields to the client between steps."""
    side = 'buy'
    while not stop.is_set():
        order_id = sim.place_order(account, 'ETH-USD', side, '2000' if side == 'buy' else '4500', '0.01' if side == 'buy' else '0.005')
        await asyncio.sleep(0.005)
        sim.fill(order_id)
        side = 'sell' if side == 'buy' else 'buy'
        await asyncio.sleep(0.005)


@pytest.mark.parametrize('method', list(VALIDATORS))
def test_what_each_watch_returns_passes_ccxt_pros_own_validator(sim, method):
    validate, argument = VALIDATORS[method]
    account = sim.create_account('1000000')

    async def scenario():
        exchange = pro_client(sim.url, account.api_key, account.secret)
        stop = asyncio.Event()
        driver = asyncio.ensure_future(trade_on(sim, account, stop))
        try:
            await exchange.load_markets()
            view = QuickClock(exchange)
            await validate(view, NOT_IN_A_POSITION_PUSH if method == 'watchPositions' else {}, argument)   # raises on what it rejects
            assert view.reads >= 2  # the validator sampled its watch
        finally:
            stop.set()
            await driver
            await exchange.close()
    run(scenario(), timeout=120)
