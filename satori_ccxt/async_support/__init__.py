"""The async exchange class: ``ccxt.async_support.satori``."""

import ssl

from ccxt.async_support.base.exchange import Exchange

from ..core import SatoriCore
from ..flow import bind_async
from ..implicit import ImplicitAPI
from ..redirects import NoRedirects


@bind_async
class satori(SatoriCore, ImplicitAPI, Exchange):
    """Satori Finance perpetual swaps, async (aiohttp)."""

    _fetch_without_following = Exchange.fetch  # ccxt's own; SatoriCore.fetch follows what may be followed

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
