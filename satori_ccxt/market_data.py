"""Public market data: Satori's clock, markets, prices, books, candles and trades."""

from ccxt.base.errors import BadResponse

from .flow import call, unified


class MarketDataMethods:
    @unified
    def fetch_time(self, params={}):
        """Satori's clock in ms (``GET /api/third/info/time``; assumed shape: ``data`` is an int)."""
        response = yield call('publicGetApiThirdInfoTime', params)
        server_time = self.safe_integer(response, 'data')
        if server_time is None:
            raise BadResponse(f'{self.id} fetch_time() got no time in {str(response)[:200]!r}')
        return server_time
