"""The sync exchange class: ``ccxt.satori``."""

from ccxt.base.exchange import Exchange

from .core import SatoriCore
from .flow import bind_sync
from .implicit import ImplicitAPI


@bind_sync
class satori(SatoriCore, ImplicitAPI, Exchange):
    """Satori Finance perpetual swaps, sync (requests)."""

    _fetch_without_following = Exchange.fetch  # ccxt's own; SatoriCore.fetch follows what may be followed
