"""ccxt's own live tests (the ``ccxt.test.exchange`` functions its test runner calls on a real exchange), sync and
async, against the simulator serving the later deployment's endpoints too, with nothing skipped.

They ask what ccxt expects of any exchange: ``fetch_trades(symbol, None, 12000)`` returns data (a too-large limit is
clamped), the default order book, ten recent candles, closed orders sorted by time, and so on. Left out:
``test_fetch_markets``, which in ccxt 4.5.90 asserts that fetch_markets returns a dict, where ccxt's own base class
(and every exchange in it) returns a list; ``test_load_markets`` checks the markets instead.
"""

import importlib

import pytest

from satori_simulator import Simulator

from ..support.clients import ETH, Driver, sim_config

LIVE_TESTS = ['load_markets', 'fetch_ticker', 'fetch_tickers', 'fetch_order_book', 'fetch_l2_order_book',
              'fetch_trades', 'fetch_ohlcv', 'fetch_funding_rate_history', 'fetch_leverage_tiers', 'fetch_market_leverage_tiers',
              'fetch_balance', 'fetch_positions', 'fetch_open_orders', 'fetch_closed_orders', 'fetch_orders', 'fetch_my_trades']


@pytest.fixture(scope='module')
def sim():
    with Simulator(seed=12, deployment='later') as simulator:
        yield simulator


@pytest.fixture(scope='module', params=['sync', 'async'])
def driver(request, sim):
    """A client of an account holding a position, a filled, a cancelled and an open order on ETH."""
    client = Driver(request.param, sim_config(sim, sim.create_account('100000')))
    client.create_order(ETH, 'market', 'buy', 0.2)
    client.cancel_order(client.create_order(ETH, 'limit', 'buy', 0.01, 2000)['id'])
    client.create_order(ETH, 'limit', 'buy', 0.01, 2001)
    yield client
    client.close()


@pytest.mark.parametrize('name', LIVE_TESTS)
def test_ccxt_live_test_passes_with_nothing_skipped(driver, name):
    kind = 'sync' if driver.mode == 'sync' else 'async'
    live_test = getattr(importlib.import_module(f'ccxt.test.exchange.{kind}.test_{name}'), f'test_{name}')
    arguments = (driver.exchange, {}) if name in ('load_markets', 'fetch_balance') else (driver.exchange, {}, ETH)
    if driver.mode == 'sync':
        live_test(*arguments)
    else:
        driver._loop.run_until_complete(live_test(*arguments))
