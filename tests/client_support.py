"""What the tests of the unified methods share: Satori's pair list, configs, scripted routes."""

import json

from .conftest import DOCS_CREDENTIALS, at_url
from .scripted_server import Reply, envelope

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
    answers = {'/api/third/info/pairs': PAIRS, '/api/third/info/ticker/24hr': NOT_FOUND, **answers}

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
