"""Satori Finance as a ccxt exchange.

``import satori_ccxt`` registers the exchange with ccxt, so that
``ccxt.satori``, ``ccxt.async_support.satori`` and ``ccxt.pro.satori`` (the
streams) exist and ``'satori'`` is in the three ``exchanges`` lists (ccxt has
no plugin mechanism; this is how an exchange outside its tree joins it).
"""

import ccxt
import ccxt.async_support
import ccxt.pro

from .async_support import satori as async_satori
from .errors import EndpointNotFound, OrderAlreadyCanceled, OrderCancelRefused, OrderExpired, OrderFilled, RateLimited, UnexpectedRedirect
from .exchange import satori
from .pro import satori as pro_satori

__version__ = '0.1.0'
__all__ = ['satori', 'async_satori', 'pro_satori', 'register',
           'OrderAlreadyCanceled', 'OrderFilled', 'OrderExpired', 'OrderCancelRefused', 'RateLimited', 'EndpointNotFound',
           'UnexpectedRedirect']


def register():
    """Adds Satori to ``ccxt``, ``ccxt.async_support`` and ``ccxt.pro``; safe to call more than once."""
    for module, cls in ((ccxt, satori), (ccxt.async_support, async_satori), (ccxt.pro, pro_satori)):
        setattr(module, cls.__name__, cls)
        if cls.__name__ not in module.exchanges:
            module.exchanges.append(cls.__name__)


register()
