"""What the tests of the unified methods share: Satori's pair list, a client driven the same way sync or async, scripted routes."""

import asyncio
import inspect
import json

import satori_ccxt
from satori_ccxt.async_support import satori as AsyncSatori

from .conftest import DOCS_CREDENTIALS, at_url
from .scripted_server import Reply, envelope

ETH = 'ETH/USD:USD'
BTC = 'BTC/USD:USD'

# The pair list in the assumed shape of satori-api.md section 15.
PAIRS = [
    {'id': 1, 'symbol': 'ETH-USD', 'settleCoinId': 4, 'settleCoinSymbol': 'USD', 'makerTradeFeeRate': '0.04', 'takerTradeFeeRate': '0.06',
     'minLever': 1, 'maxLever': 25, 'minCount': '0.001', 'maxCount': '1000', 'priceDecimal': 2, 'quantityDecimal': 3, 'status': 1},
    {'id': 2, 'symbol': 'BTC-USD', 'settleCoinId': 4, 'settleCoinSymbol': 'USD', 'makerTradeFeeRate': '0.04', 'takerTradeFeeRate': '0.06',
     'minLever': 1, 'maxLever': 20, 'minCount': '0.0001', 'maxCount': '100', 'priceDecimal': 1, 'quantityDecimal': 4, 'status': 1},
]


def with_markets(exchange, pairs=PAIRS):
    """Loads markets parsed from ``pairs`` without a request."""
    exchange.set_markets([exchange.parse_market(pair) for pair in pairs])
    return exchange


class Driver:
    """A sync or async client, called with the same syntax: ``driver.fetch_ticker(ETH)``.

    The async client runs on one event loop of its own, so a test is written
    once and parametrised over both classes.
    """

    def __init__(self, mode, config):
        self.mode = mode
        self._loop = None
        if mode == 'sync':
            self.exchange = satori_ccxt.satori(config)
        else:
            self._loop = asyncio.new_event_loop()

            async def make():
                return AsyncSatori({**config, 'timeout_on_exit': 0})
            self.exchange = self._loop.run_until_complete(make())

    def __getattr__(self, name):
        attribute = getattr(self.exchange, name)
        if self._loop is None or not inspect.iscoroutinefunction(attribute):
            return attribute
        return lambda *args, **kwargs: self._loop.run_until_complete(attribute(*args, **kwargs))

    def close(self):
        if self._loop is not None:
            self._loop.run_until_complete(self.exchange.close())
            self._loop.close()


def sim_config(sim, account, **config):
    return at_url(sim.url, apiKey=account.api_key, secret=account.secret, enableRateLimit=False, **config)


def docs_config(url, **config):
    return at_url(url, **DOCS_CREDENTIALS, enableRateLimit=False, **config)


def routes(answers: dict):
    """A scripted-server responder answering by path: ``{path: data, a Reply, or callable(recorded request) -> data}``.

    The pair list (``PAIRS``) is answered unless replaced.
    """
    answers = {'/api/third/info/pairs': PAIRS, **answers}

    def respond(recorded):
        answer = answers.get(recorded.target.partition('?')[0])
        if answer is None:
            return Reply(status=599, body=f'unscripted {recorded.target}', content_type='text/plain')
        if callable(answer):
            answer = answer(recorded)
        return answer if isinstance(answer, Reply) else envelope(answer)
    return respond


def sent(scripted, path):
    """The requests the scripted server received on ``path``."""
    return [request for request in scripted.requests if request.target.partition('?')[0] == path]


def query_of(request) -> dict:
    return dict(pair.split('=', 1) for pair in request.target.partition('?')[2].split('&') if pair)


def body_of(request):
    return json.loads(request.body)
