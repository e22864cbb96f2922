"""Satori for freqtrade: registration, freqtrade's exchange class ``Satori``, and ``satori-ccxt freqtrade``.

freqtrade has no plugin mechanism for exchanges. It accepts an exchange
whose name is in ``ccxt.exchanges`` and builds it with
``getattr(ccxt, name)`` / ``getattr(ccxt.async_support, name)``; it drives
futures through the class ``ExchangeResolver`` finds as
``getattr(freqtrade.exchange, name.title())``, and without one falls back to
its generic class, which trades spot only. Importing this module therefore

- registers ``ccxt.satori``, ``ccxt.async_support.satori`` and ``ccxt.pro.satori``
  (``import satori_ccxt`` does that), and
- sets ``freqtrade.exchange.Satori``, the class below.

freqtrade builds its async exchange from ``ccxt.pro`` since the name is listed
there, and with ``ws_enabled`` below it follows candles through
``watch_ohlcv`` (its ``ExchangeWS``) unless the config's
``exchange.enable_ws`` is false.

Both registrations must exist before freqtrade reads its configuration (its
first step checks the exchange name), which is too early for a strategy
file; ``main()`` is freqtrade's own command line run after this import.
Processes freqtrade starts (hyperopt workers use forkserver) unpickle the
exchange as ``satori_ccxt.freqtrade.Satori``, which imports this module and
registers again.
"""

import logging
import sys

try:
    import freqtrade.exchange
except ImportError as missing:
    raise ImportError(f"satori_ccxt.freqtrade needs freqtrade ({missing}): pip install 'satori-ccxt[freqtrade]'") from None
from freqtrade.enums import MarginMode, TradingMode
from freqtrade.exchange import Exchange

import satori_ccxt

from . import arguments, decimals, vocabulary
from .describe import MAX_FUNDING_HISTORY_LIMIT

logger = logging.getLogger(__name__)


class Satori(Exchange):
    """Satori's linear perpetual swaps (``BASE/USD:USD``) for freqtrade: isolated futures, live and dry-run.

    Funding is freqtrade's own: dry-run and backtesting compute it from the
    hourly rates (``fetch_funding_rate_history``) and the 1h futures candles;
    live, freqtrade sums ``fetch_funding_history``, which is each position's
    ``tariffAmount``, the funding it has received since it opened (negative
    when paid), as freqtrade counts it. With position adjustment, funding
    from before the last entry fill is counted again: Satori keeps one sum per
    position.
    """

    _ft_has = {
        # Satori's matchType: GTC, IOC, FOK and post-only (freqtrade's "PO").
        'order_time_in_force': list(vocabulary.MATCH_TYPES),
        # Satori wants a price on every order; freqtrade passes its rate, which create_order widens into a limit.
        'marketOrderRequiresPrice': True,
        # Candles through ccxt.pro's watch_ohlcv (Satori's api_kline stream), the REST candles filling what it lacks.
        'ws_enabled': True,
    }
    _ft_has_futures = {
        # Satori serves no mark-price candles; the futures (last trade) candles stand in for them.
        'mark_ohlcv_price': 'futures',
        # Funding is charged every hour.
        'mark_ohlcv_timeframe': '1h',
        'funding_fee_timeframe': '1h',
        # Rates per funding/history request: freqtrade pages by this many hours, so it must not exceed what one answer holds.
        'funding_fee_candle_limit': MAX_FUNDING_HISTORY_LIMIT,
        # ``lever`` is a whole number: freqtrade floors a fractional leverage before set_leverage.
        'floor_leverage': True,
    }
    # Isolated only: freqtrade's cross margin needs a liquidation model of the whole wallet, which Satori does not publish.
    # Satori has no spot markets, so futures is also the default trading mode.
    _supported_trading_mode_margin_pairs = [(TradingMode.FUTURES, MarginMode.ISOLATED)]

    # ----- orders ------------------------------------------------------------------------

    def create_order(self, *, pair, ordertype, side, amount, rate, leverage, time_in_force='GTC', reduceOnly=False,
                     initial_order=True):
        """freqtrade's create_order, with a market order's rate moved into a protective limit.

        A Satori market order fills no worse than its price. freqtrade's rate is
        the current best price, so as the price a market order would fail or
        fill partly whenever the book moves before it arrives; moved by the
        client's ``options['marketOrderSlippage']`` (5%) against the order, it
        fills like a market order and still never worse than that bound.
        """
        if ordertype == 'market' and not self._config['dry_run']:
            rate = self._protective_price(pair, side, rate)
        return super().create_order(pair=pair, ordertype=ordertype, side=side, amount=amount, rate=rate, leverage=leverage,
                                    time_in_force=time_in_force, reduceOnly=reduceOnly, initial_order=initial_order)

    def _protective_price(self, pair, side, rate) -> float:
        api = self._api
        slippage = arguments.fraction(api.options.get('marketOrderSlippage'), 'marketOrderSlippage')
        tick = api.number_to_string(self.markets[pair]['precision']['price'])
        return float(decimals.protective_price(api.number_to_string(rate), slippage, tick, side == 'buy'))

    # ----- leverage and liquidation --------------------------------------------------------

    def parse_leverage_tier(self, tier):
        """freqtrade's tier, with a maintenance margin rate of 0 where Satori gives none.

        Satori publishes no maintenance margin; with 0, freqtrade's dry-run
        liquidation price is where the isolated margin, less the taker fee to
        close, is used up (the simulator's ``restrictPrice`` less that fee), and
        freqtrade's ``liquidation_buffer`` keeps its stop short of it. Without a
        number freqtrade fails on ``None + taker fee``.
        """
        parsed = super().parse_leverage_tier(tier)
        if parsed['maintenanceMarginRate'] is None:
            parsed['maintenanceMarginRate'] = 0.0
        return parsed


def register() -> None:
    """Satori in ccxt (sync and async) and in ``freqtrade.exchange``; safe to call more than once."""
    satori_ccxt.register()
    setattr(freqtrade.exchange, Satori.__name__, Satori)


def main(argv) -> int:
    """freqtrade's command line, unchanged, with Satori registered: ``satori-ccxt freqtrade trade -c config.json``.

    ``argv`` is everything after ``freqtrade``. freqtrade's main always ends
    in ``sys.exit``; its code is returned instead.
    """
    from freqtrade.main import main as freqtrade_main

    try:
        freqtrade_main(list(argv))
    except SystemExit as done:
        if done.code is None or isinstance(done.code, int):
            return done.code or 0
        print(done.code, file=sys.stderr)
        return 1
    return 0


register()
