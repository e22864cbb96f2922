"""The async exchange class: ``ccxt.async_support.satori``."""

import ssl

from ccxt.async_support.base.exchange import Exchange

from ..core import SatoriCore
from ..flow import async_method, bind_async
from ..implicit import ImplicitAPI
from ..redirects import NoRedirects


@bind_async
class satori(SatoriCore, ImplicitAPI, Exchange):
    """Satori Finance perpetual swaps, async (aiohttp)."""

    _fetch_without_following = Exchange.fetch  # ccxt's own; SatoriCore.fetch follows what may be followed

    # The unified methods, each run from its flow; the flow's signature gives the method its type.
    fetch = async_method(SatoriCore.fetch)
    fetch_time = async_method(SatoriCore.fetch_time)
    fetch_markets = async_method(SatoriCore.fetch_markets)
    fetch_leverage_tiers = async_method(SatoriCore.fetch_leverage_tiers)
    fetch_ticker = async_method(SatoriCore.fetch_ticker)
    fetch_tickers = async_method(SatoriCore.fetch_tickers)
    fetch_mark_price = async_method(SatoriCore.fetch_mark_price)
    fetch_mark_prices = async_method(SatoriCore.fetch_mark_prices)
    fetch_order_book = async_method(SatoriCore.fetch_order_book)
    fetch_trades = async_method(SatoriCore.fetch_trades)
    fetch_ohlcv = async_method(SatoriCore.fetch_ohlcv)
    fetch_funding_rate = async_method(SatoriCore.fetch_funding_rate)
    fetch_funding_rates = async_method(SatoriCore.fetch_funding_rates)
    fetch_funding_rate_history = async_method(SatoriCore.fetch_funding_rate_history)
    create_order = async_method(SatoriCore.create_order)
    create_orders = async_method(SatoriCore.create_orders)
    fetch_order = async_method(SatoriCore.fetch_order)
    fetch_open_orders = async_method(SatoriCore.fetch_open_orders)
    fetch_my_trades = async_method(SatoriCore.fetch_my_trades)
    fetch_orders = async_method(SatoriCore.fetch_orders)
    fetch_closed_orders = async_method(SatoriCore.fetch_closed_orders)
    fetch_canceled_orders = async_method(SatoriCore.fetch_canceled_orders)
    fetch_canceled_and_closed_orders = async_method(SatoriCore.fetch_canceled_and_closed_orders)
    cancel_all_orders = async_method(SatoriCore.cancel_all_orders)
    cancel_order = async_method(SatoriCore.cancel_order)
    cancel_orders = async_method(SatoriCore.cancel_orders)
    fetch_balance = async_method(SatoriCore.fetch_balance)
    fetch_positions = async_method(SatoriCore.fetch_positions)
    fetch_funding_history = async_method(SatoriCore.fetch_funding_history)
    close_position = async_method(SatoriCore.close_position)
    close_all_positions = async_method(SatoriCore.close_all_positions)
    add_margin = async_method(SatoriCore.add_margin)
    reduce_margin = async_method(SatoriCore.reduce_margin)
    set_leverage = async_method(SatoriCore.set_leverage)
    set_margin_mode = async_method(SatoriCore.set_margin_mode)
    fetch_leverage = async_method(SatoriCore.fetch_leverage)

    def after_construct(self, userConfig={}):
        super().after_construct(userConfig)
        # ccxt builds the TLS context inside the first request, on the event loop, and loading the CA
        # bundle blocks the loop for about 20 ms; it is built here, as ccxt's open() would build it.
        if self.ssl_context is None and self.verify:
            self.ssl_context = ssl.create_default_context(cafile=self.cafile)
            if self.safe_bool(self.options, 'include_OS_certificates', False):
                os_default_paths = ssl.get_default_verify_paths()
                if os_default_paths.cafile and os_default_paths.cafile != self.cafile:
                    self.ssl_context.load_verify_locations(cafile=os_default_paths.cafile)

    def get_socks_proxy_session(self, socksProxy):
        return NoRedirects.around(super().get_socks_proxy_session(socksProxy))


__all__ = ['satori']
