"""The client under test, driven the same way sync and async; its configs, Satori's pair list, scripted routes."""

import asyncio
import inspect
import json

import pytest

import satori_ccxt
from satori_ccxt.async_support import satori as AsyncSatori

from . import paths
from .docs_vectors import DOCS_API_KEY, DOCS_SECRET
from .scripted_server import Reply, envelope

DOCS_CREDENTIALS = {'apiKey': DOCS_API_KEY, 'secret': DOCS_SECRET}

ETH = 'ETH/USD:USD'
BTC = 'BTC/USD:USD'

# The pair list in the shape captured on a later deployment (docs/evidence.md, pairs), trimmed of fields nothing reads.
PAIRS = [
    {'id': 1, 'tradeCoinName': 'ETH', 'tradeDecimal': 3, 'priceDecimal': 2, 'settleDecimal': 6, 'settleCoinId': 4, 'settleCoinName': 'USD',
     'symbol': 'ETH-USD', 'pair': 'ETH-USD', 'tradable': True, 'status': None, 'takerTradeFeeRate': '0.06', 'makerTradeFeeRate': '0.04',
     'minCount': '0.001', 'maxCount': '1000'},
    {'id': 2, 'tradeCoinName': 'BTC', 'tradeDecimal': 4, 'priceDecimal': 1, 'settleDecimal': 6, 'settleCoinId': 4, 'settleCoinName': 'USD',
     'symbol': 'BTC-USD', 'pair': 'BTC-USD', 'tradable': True, 'status': None, 'takerTradeFeeRate': '0.06', 'makerTradeFeeRate': '0.04',
     'minCount': '0.0001', 'maxCount': '100'},
]
# The same pairs in the shape assumed before any capture (section "assumed shapes" of docs/evidence.md), still read.
ASSUMED_PAIRS = [
    {'id': 1, 'symbol': 'ETH-USD', 'settleCoinId': 4, 'settleCoinSymbol': 'USD', 'makerTradeFeeRate': '0.04', 'takerTradeFeeRate': '0.06',
     'minLever': 1, 'maxLever': 25, 'minCount': '0.001', 'maxCount': '1000', 'priceDecimal': 2, 'quantityDecimal': 3, 'status': 1},
    {'id': 2, 'symbol': 'BTC-USD', 'settleCoinId': 4, 'settleCoinSymbol': 'USD', 'makerTradeFeeRate': '0.04', 'takerTradeFeeRate': '0.06',
     'minLever': 1, 'maxLever': 20, 'minCount': '0.0001', 'maxCount': '100', 'priceDecimal': 1, 'quantityDecimal': 4, 'status': 1},
]
NOT_FOUND = Reply(status=404, body='<html>404 Not Found</html>', content_type='text/html')


def at_url(url, **config):
    """The constructor config that points both API sections at ``url``."""
    return {'urls': {'api': {'public': url, 'private': url}}, **config}


def frozen(exchange, timestamp):
    """Freezes the exchange's clock, the way the contract says tests do it."""
    exchange.milliseconds = lambda: timestamp
    return exchange


class Driver:
    """A sync or async client, called with the same syntax: ``driver.cancel_orders(ids)``.

    The async client runs on an event loop of its own, so a test is written
    once and runs with both classes through the ``mode`` fixture (tests/conftest.py);
    ``driver.exchange`` is the client itself (to freeze its clock, say). Close it,
    or use it in a ``with`` block.
    """

    def __init__(self, mode, config):
        self.mode = mode
        self._loop = None
        if mode == 'sync':
            self.exchange = satori_ccxt.satori(config)
        else:
            self._loop = asyncio.new_event_loop()

            async def make():  # ccxt waits 250 ms on close by default
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

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def with_markets(exchange, pairs=PAIRS):
    """Loads markets parsed from ``pairs`` without a request."""
    exchange.set_markets([exchange.parse_market(pair) for pair in pairs])
    return exchange


def sim_config(sim, account, **config):
    return at_url(sim.url, apiKey=account.api_key, secret=account.secret, enableRateLimit=False, **config)


def docs_config(url, **config):
    return at_url(url, **DOCS_CREDENTIALS, enableRateLimit=False, **config)


def routes(answers: dict):
    """A scripted-server responder answering by path: ``{path: data, a Reply, or callable(recorded request) -> data}``.

    The pair list (``PAIRS``) is answered unless replaced, and ticker/24hr (which
    Satori's own servers were never seen serving) is answered 404.
    """
    answers = {paths.PAIRS: PAIRS, paths.TICKER_24HR: NOT_FOUND, **answers}

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


def exercise(sim, exchange):
    """Every unified method that reads an answer of Satori's, each at least once."""
    open_id = sim.place_order(sim.api_key, price='1000', quantity='0.1')
    filled_id = sim.place_order(sim.api_key, price='1100', quantity='0.1')
    sim.fill(filled_id)
    sim.cancel_behind_back(sim.place_order(sim.api_key, price='1050', quantity='0.1'))
    exchange.fetch_time()
    exchange.load_markets()
    exchange.fetch_trades(ETH)
    exchange.fetch_order_book(ETH)
    exchange.fetch_ohlcv(ETH, '1h')
    exchange.fetch_ticker(ETH)
    exchange.fetch_mark_price(ETH)
    exchange.fetch_funding_rate(ETH)
    exchange.fetch_funding_rate_history(ETH)
    exchange.fetch_balance()
    exchange.fetch_open_orders(ETH)
    exchange.fetch_my_trades(ETH)
    exchange.fetch_positions([ETH])
    exchange.fetch_funding_history(ETH)
    exchange.fetch_order(open_id)
    exchange.fetch_closed_orders(ETH)
    exchange.fetch_leverage(ETH)
    placed = exchange.create_order(ETH, 'limit', 'buy', 0.1, 900)
    exchange.cancel_order(placed['id'])
    with pytest.raises(satori_ccxt.OrderAlreadyCanceled):   # an error answer: the envelope's msg is read
        exchange.cancel_order(placed['id'])
    batch = exchange.create_orders([{'symbol': ETH, 'type': 'limit', 'side': 'buy', 'amount': 0.1, 'price': 901}] * 2)
    exchange.cancel_orders([order['id'] for order in batch])
    exchange.create_order(ETH, 'limit', 'buy', 0.1, 902, {'clientOrderId': 'shapes1'})
    exchange.cancel_order(None, ETH, {'clientOrderId': 'shapes1'})
    exchange.cancel_all_orders(ETH)
    exchange.add_margin(ETH, 1)
    exchange.close_position(ETH)
