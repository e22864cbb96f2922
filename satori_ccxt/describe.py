"""The venue as data: what ``satori().describe()`` adds to ccxt's defaults.

Read this one dict to know Satori as ccxt sees it: hosts, endpoints, error
codes, capabilities and option defaults. Paths are those of
``../shared/satori-api.md`` section 7; the cost of every endpoint is 1
(Satori publishes no weights).
"""

from ccxt.base.decimal_to_precision import TICK_SIZE

from . import errors

MAINNET = 'https://zksync.satori.finance'
TESTNET = 'https://zk-test.satori.finance'

API = {
    'public': {
        'get': {
            'api/third/info/time': 1,
            'api/third/info/pairs': 1,
            'api/third/info/trades': 1,
            'api/third/info/depth': 1,          # undocumented (SDK)
            'api/third/info/kline': 1,          # undocumented (SDK)
            'api/third/info/markPrice': 1,
            'api/third/info/indexPrice': 1,
        },
    },
    'private': {
        'post': {
            'api/third/hot/order/create': 1,
            'api/third/hot/order/batchCreate': 1,
            'api/third/order/cancelEntrust': 1,
            'api/third/order/batchCancelEntrust': 1,
            'api/third/order/callMarginAmount': 1,
            'api/third/hot/order/balance': 1,
            'api/third/order/selectContractCurrentEntrustList': 1,
            'api/third/order/selectContractMatchPairList': 1,
            'api/third/hot/order/selectContractPositionList': 1,
            'api/third/order/queryOrder': 1,        # undocumented (SDK)
            'api/third/order/cancelAll': 1,         # undocumented (SDK)
        },
    },
}

DESCRIPTION = {
    'id': 'satori',
    'name': 'Satori',
    'countries': [],
    'dex': True,
    'certified': False,
    'pro': False,
    'rateLimit': 100,  # undocumented; 2008 "Frequent requests" shows throttling exists
    'precisionMode': TICK_SIZE,
    'has': {
        'CORS': None,
        'spot': False,
        'margin': False,
        'swap': True,
        'future': False,
        'option': False,
        'cancelOrder': True,
        'cancelOrders': True,
        'fetchTime': True,
        'sandbox': True,
    },
    'urls': {
        'api': {'public': MAINNET, 'private': MAINNET},
        'test': {'public': TESTNET, 'private': TESTNET},
        'www': 'https://satori.finance',
        'doc': 'https://docs.satori.finance/api-docs/openapi/introduce',
    },
    'api': API,
    'requiredCredentials': {
        'apiKey': True,
        'secret': True,        # the API wallet's private key; ``privateKey`` is accepted instead
        'walletAddress': False,
        'privateKey': False,
    },
    'options': {
        'timeDifference': 0,              # local clock minus Satori's, in ms
        'adjustForTimeDifference': False,  # True: fetch it before the first signed request
        'cancelOrdersMaxIds': 100,        # ids per batchCancelEntrust; keeps the URL near 2 KB
    },
    'exceptions': {
        'exact': errors.EXACT,
        'broad': errors.BROAD,
    },
    'httpExceptions': errors.HTTP,
}
