"""The sync exchange class: ``ccxt.satori``."""

from ccxt.base.exchange import Exchange

from .core import SatoriCore
from .flow import bind_sync, sync_method
from .implicit import ImplicitAPI


@bind_sync
class satori(SatoriCore, ImplicitAPI, Exchange):
    """Satori Finance perpetual swaps, sync (requests)."""

    _fetch_without_following = Exchange.fetch  # ccxt's own; SatoriCore.fetch follows what may be followed

    # The unified methods, each run from its flow; the flow's signature gives the method its type.
    fetch = sync_method(SatoriCore.fetch)
    fetch_time = sync_method(SatoriCore.fetch_time)
    fetch_markets = sync_method(SatoriCore.fetch_markets)
    fetch_leverage_tiers = sync_method(SatoriCore.fetch_leverage_tiers)
    fetch_ticker = sync_method(SatoriCore.fetch_ticker)
    fetch_tickers = sync_method(SatoriCore.fetch_tickers)
    fetch_mark_price = sync_method(SatoriCore.fetch_mark_price)
    fetch_mark_prices = sync_method(SatoriCore.fetch_mark_prices)
    fetch_order_book = sync_method(SatoriCore.fetch_order_book)
    fetch_trades = sync_method(SatoriCore.fetch_trades)
    fetch_ohlcv = sync_method(SatoriCore.fetch_ohlcv)
    fetch_funding_rate = sync_method(SatoriCore.fetch_funding_rate)
    fetch_funding_rates = sync_method(SatoriCore.fetch_funding_rates)
    fetch_funding_rate_history = sync_method(SatoriCore.fetch_funding_rate_history)
    create_order = sync_method(SatoriCore.create_order)
    create_orders = sync_method(SatoriCore.create_orders)
    fetch_order = sync_method(SatoriCore.fetch_order)
    fetch_open_orders = sync_method(SatoriCore.fetch_open_orders)
    fetch_my_trades = sync_method(SatoriCore.fetch_my_trades)
    fetch_orders = sync_method(SatoriCore.fetch_orders)
    fetch_closed_orders = sync_method(SatoriCore.fetch_closed_orders)
    fetch_canceled_orders = sync_method(SatoriCore.fetch_canceled_orders)
    fetch_canceled_and_closed_orders = sync_method(SatoriCore.fetch_canceled_and_closed_orders)
    cancel_all_orders = sync_method(SatoriCore.cancel_all_orders)
    cancel_order = sync_method(SatoriCore.cancel_order)
    cancel_orders = sync_method(SatoriCore.cancel_orders)
    fetch_balance = sync_method(SatoriCore.fetch_balance)
    fetch_positions = sync_method(SatoriCore.fetch_positions)
    fetch_funding_history = sync_method(SatoriCore.fetch_funding_history)
    close_position = sync_method(SatoriCore.close_position)
    close_all_positions = sync_method(SatoriCore.close_all_positions)
    add_margin = sync_method(SatoriCore.add_margin)
    reduce_margin = sync_method(SatoriCore.reduce_margin)
    set_leverage = sync_method(SatoriCore.set_leverage)
    set_margin_mode = sync_method(SatoriCore.set_margin_mode)
    fetch_leverage = sync_method(SatoriCore.fetch_leverage)
