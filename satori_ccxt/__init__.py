"""Satori Finance as a ccxt exchange.

``import satori_ccxt`` registers the exchange with ccxt, so that
``ccxt.satori``, ``ccxt.async_support.satori`` and ``ccxt.pro.satori`` (the
streams) exist and ``'satori'`` is in the three ``exchanges`` lists (ccxt has
no plugin mechanism; this is how an exchange outside its tree joins it).

Where a change goes:

- A new endpoint: its path and cost in ``describe.API`` (the implicit method,
  ``privatePostApi...``, follows), its request and its reader in
  ``translate.py`` (the only module that spells Satori's field names), the shape
  of its answer in ``shapes.py``, its evidence in ``docs/evidence.md``, and the
  endpoint itself in ``satori_simulator/endpoints.py``.
- A new error code: one row of ``errors.CODES`` (its exception, what it says
  about a cancelled order, the words a bot should read).
- A new unified method: a ``@unified`` generator in ``market_data.py``,
  ``orders.py`` or ``account.py`` that yields ``call(...)`` for each request
  (``gather`` for several independent ones) and returns ccxt's structure, typed
  ``-> Flow[...]`` like ccxt's own; one ``sync_method`` line in ``exchange.py``
  and one ``async_method`` line in ``async_support/``; its ``has`` flag in
  ``describe.py``; a line in ``tests/typing/user_code.py``. What the mixins
  share lives in ``base.py``; ``core.py`` holds ccxt's hooks (``sign``,
  ``fetch``, ``handle_errors``); ``flow.py`` the two drivers.
- A websocket stream: its channel and push vocabulary in ``streams.py``, its
  ``watch_*`` method in ``pro.py``, and its pushes in ``satori_simulator/streams.py``.
- The command line: ``cli.py`` (commands and options) and ``console.py`` (how it
  talks: exit codes, sentences, tables, JSON, progress).
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
