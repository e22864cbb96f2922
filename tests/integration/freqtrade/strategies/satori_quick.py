"""One quick round trip: the strategy the freqtrade smoke tests run against the simulator.

It enters long on its first chance and leaves as soon as the entry has
filled (a minimal ROI of -100% is reached by any trade that has not lost
everything), then trades no more, so a run ends with one closed trade and
no position. In backtesting that is one trade at the start of the range.

Once the round trip is done it stops signalling altogether: a bot that kept
signalling entries only to refuse them would log "Long signal found" and
"User denied entry" on every loop.
"""

from freqtrade.persistence import Trade
from freqtrade.strategy import IStrategy
from pandas import DataFrame


class SatoriQuick(IStrategy):
    INTERFACE_VERSION = 3
    timeframe = '1m'
    can_short = False
    minimal_roi = {'0': -1}
    stoploss = -0.5
    process_only_new_candles = False
    startup_candle_count = 0

    def populate_indicators(self, dataframe: DataFrame, metadata: dict) -> DataFrame:
        return dataframe

    def populate_entry_trend(self, dataframe: DataFrame, metadata: dict) -> DataFrame:
        dataframe['enter_long'] = 0 if self.round_trip_done() else 1
        return dataframe

    def populate_exit_trend(self, dataframe: DataFrame, metadata: dict) -> DataFrame:
        dataframe['exit_long'] = 0
        return dataframe

    def confirm_trade_entry(self, pair, order_type, amount, rate, time_in_force, current_time, entry_tag, side, **kwargs) -> bool:
        # Backtesting reads every candle's signal at once, before any trade exists: this keeps it to one trade there.
        return not self.round_trip_done()

    @staticmethod
    def round_trip_done() -> bool:
        return bool(Trade.get_trades_proxy(is_open=False))
