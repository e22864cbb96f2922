"""SatoriQuick, the example strategy of the README's freqtrade guide: one round trip, then silence."""
# ruff: noqa: E402  (everything below needs freqtrade, which importorskip checks first)

import pytest

pytest.importorskip('freqtrade', reason="freqtrade is not installed: pip install -e '.[test,freqtrade]'")

import importlib.util
from datetime import datetime, timezone
from pathlib import Path

from freqtrade.persistence import LocalTrade
from freqtrade.persistence.usedb_context import FtNoDBContext
from pandas import DataFrame

STRATEGY_FILE = Path(__file__).parent / 'freqtrade' / 'strategies' / 'satori_quick.py'
PAIR = 'ETH/USD:USD'


@pytest.fixture
def strategy():
    """The strategy as freqtrade loads it, with freqtrade's in-memory trade store (the one backtesting uses) for its trades."""
    spec = importlib.util.spec_from_file_location('satori_quick', STRATEGY_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with FtNoDBContext():
        yield module.SatoriQuick({})
        LocalTrade.reset_trades()


def candles() -> DataFrame:
    return DataFrame({'date': [1, 2, 3], 'open': [2500.0] * 3, 'high': [2501.0] * 3, 'low': [2499.0] * 3, 'close': [2500.0] * 3,
                      'volume': [1.0] * 3})


def close_a_trade():
    now = datetime.now(timezone.utc)
    LocalTrade.add_bt_trade(LocalTrade(pair=PAIR, stake_amount=50, amount=0.02, open_rate=2500, open_date=now, fee_open=0.0005,
                                       fee_close=0.0005, exchange='satori', is_open=False, close_rate=2501, close_date=now))


def test_the_example_strategy_signals_an_entry_until_its_round_trip_is_done(strategy):
    assert strategy.populate_entry_trend(candles(), {'pair': PAIR})['enter_long'].tolist() == [1, 1, 1]
    assert strategy.confirm_trade_entry(PAIR, 'market', 0.02, 2500, 'GTC', datetime.now(timezone.utc), None, 'long')


def test_the_example_strategy_stops_signalling_once_a_trade_has_closed(strategy):
    close_a_trade()
    assert strategy.populate_entry_trend(candles(), {'pair': PAIR})['enter_long'].tolist() == [0, 0, 0]
    assert not strategy.confirm_trade_entry(PAIR, 'market', 0.02, 2500, 'GTC', datetime.now(timezone.utc), None, 'long')
