"""The async exchange class: ``ccxt.async_support.satori``."""

from ccxt.async_support.base.exchange import Exchange

from ..core import SatoriCore
from ..flow import bind_async
from ..implicit import ImplicitAPI


@bind_async
class satori(SatoriCore, ImplicitAPI, Exchange):
    """Satori Finance perpetual swaps, async (aiohttp)."""


__all__ = ['satori']
