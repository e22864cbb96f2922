"""The venue as data: what ``satori().describe()`` adds to ccxt's defaults.

Read this one dict to know Satori as ccxt sees it: hosts, endpoints, error
codes, capabilities and option defaults. Paths are those of
Satori's API pages (docs/evidence.md); the cost of every endpoint is 1
(Satori publishes no weights).
"""

from ccxt.base.decimal_to_precision import TICK_SIZE

from . import errors

MAINNET = 'https://zksync.satori.finance'
TESTNET = 'https://zk-test.satori.finance'

MAX_BATCH_ORDERS = 20   # orders per batchCreate (docs)
MAX_PAGE_SIZE = 100     # pageSize of the order and position lists (docs)
# What one request may ask for; a larger ``limit`` is clamped to these, as ccxt's conventions expect
# (docs/evidence.md, limits).
MAX_OHLCV_LIMIT = 1000            # kline ``limit``: captured on a later deployment (its client caps it there)
MAX_TRADES_LIMIT = 1000           # info/trades ``limit``: assumed (the docs give only the default, 50)
BOOK_DEPTHS = (20, 100)           # info/depth ``limit``: the only values accepted on a later deployment
MAX_FUNDING_HISTORY_LIMIT = 100   # funding/history ``limit``: assumed
MAX_ORDER_HISTORY_LIMIT = 100     # orders/histories ``limit``: assumed (a later deployment's client stops there)
# Leverage when the pair list names no ``maxLever`` (it does not in any capture): Satori's trading pages say 25x.
DOCUMENTED_MAX_LEVERAGE = 25
FUNDING_INTERVAL = '1h'           # funding is charged every hour (documented on Satori's trading pages)

# Endpoints whose parameters travel as a compact JSON body (signed as that text);
# every other signed endpoint takes them in the query string of an empty POST.
JSON_BODY_PATHS = frozenset({'api/third/hot/order/batchCreate'})

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
            'api/third/info/ticker/24hr': 1,            # seen on a later deployment only: used with a fallback
            'api/third/v1/market/funding/current': 1,   # captured on Satori
            'api/third/v1/market/funding/history': 1,   # captured on Satori
        },
    },
    'private': {
        'get': {
            'api/third/v1/trade/getUserLever': 1,       # seen on a later deployment only: used with a fallback
            'api/third/v1/orders/histories': 1,         # seen on a later deployment only: used with a fallback
        },
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
            'api/third/order/cancelAll': 1,         # undocumented (SDK), captured on Satori
            'api/third/order/cancelEntrustByCli': 1,  # undocumented (SDK)
            'api/third/hot/order/closeOrder': 1,    # undocumented (SDK)
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
        'sandbox': True,
        # public data
        'fetchTime': True,
        'fetchMarkets': True,
        'fetchTicker': True,
        'fetchTickers': True,
        'fetchOrderBook': True,
        'fetchL2OrderBook': True,
        'fetchTrades': True,
        'fetchOHLCV': True,
        'fetchMarkPrice': True,
        'fetchMarkPrices': True,
        'fetchLeverageTiers': True,
        'fetchMarketLeverageTiers': True,
        'fetchIndexOHLCV': False,
        'fetchMarkOHLCV': False,
        'fetchPremiumIndexOHLCV': False,
        'fetchFundingRate': True,
        'fetchFundingRates': True,           # one request per market: Satori answers one pair at a time
        'fetchFundingRateHistory': True,
        'fetchFundingInterval': False,
        'fetchOpenInterest': False,
        # trading
        'createOrder': True,
        'createOrders': True,
        'createMarketOrder': True,
        'createMarketBuyOrder': True,
        'createMarketSellOrder': True,
        'createLimitOrder': True,
        'createLimitBuyOrder': True,
        'createLimitSellOrder': True,
        'createPostOnlyOrder': True,
        'createReduceOnlyOrder': True,
        'createMarketOrderWithCost': False,
        'createMarketBuyOrderWithCost': False,
        'createMarketSellOrderWithCost': False,
        'createTriggerOrder': False,         # the open API takes no trigger, stop-loss or take-profit parameters
        'createStopOrder': False,
        'createStopLimitOrder': False,
        'createStopMarketOrder': False,
        'createStopLossOrder': False,
        'createTakeProfitOrder': False,
        'createOrderWithTakeProfitAndStopLoss': False,
        'createTrailingAmountOrder': False,
        'createTrailingPercentOrder': False,
        'cancelOrder': True,
        'cancelOrderWithClientOrderId': True,
        'cancelOrders': True,
        'cancelAllOrders': True,
        'fetchOrder': True,
        'fetchOpenOrders': True,
        # Finished orders come from orders/histories where Satori serves it; without it, closed orders are
        # found through the fills and the others raise NotSupported (README, "Finished orders").
        'fetchOrders': True,
        'fetchClosedOrders': True,
        'fetchCanceledOrders': True,
        'fetchCanceledAndClosedOrders': True,
        'fetchMyTrades': True,
        # account
        'fetchBalance': True,
        'fetchPositions': True,
        'closePosition': True,
        'closeAllPositions': True,
        'addMargin': True,
        'reduceMargin': True,
        'setMargin': False,
        'setLeverage': True,                 # remembered and sent with every order: Satori takes leverage per order
        'setMarginMode': True,               # likewise: positionType travels with every order
        'fetchLeverage': True,               # getUserLever where served, else what set_leverage remembered
        'fetchMarginMode': False,
        'setPositionMode': False,            # one-way (net) positions only
        'fetchFundingHistory': True,         # the funding each open position has accumulated (tariffAmount)
        'fetchDeposits': False,
        'fetchWithdrawals': False,
        'fetchLedger': False,
        'withdraw': False,
        'transfer': False,
        'borrowCrossMargin': False,
        'borrowIsolatedMargin': False,
        'repayCrossMargin': False,
        'repayIsolatedMargin': False,
    },
    # ccxt timeframe -> Satori kline ``period`` (docs/evidence.md, enumerations)
    'timeframes': {
        '1m': '1MIN',
        '3m': '3MIN',
        '5m': '5MIN',
        '15m': '15MIN',
        '30m': '30MIN',
        '1h': '1HOUR',
        '4h': '4HOUR',
        '8h': '8HOUR',
        '12h': '12HOUR',
        '1d': '1DAY',
    },
    'features': {
        'swap': {
            'linear': {
                'sandbox': True,
                'createOrder': {
                    'marginMode': True,
                    'triggerPrice': False,
                    'triggerPriceType': None,
                    'triggerDirection': False,
                    'stopLossPrice': False,
                    'takeProfitPrice': False,
                    'attachedStopLossTakeProfit': None,
                    'timeInForce': {'IOC': True, 'FOK': True, 'PO': True, 'GTD': False},
                    'hedged': False,
                    'trailing': False,
                    'leverage': True,
                    'marketBuyByCost': False,
                    'marketBuyRequiresPrice': False,  # a protective price is derived when none is given
                    'selfTradePrevention': False,
                    'iceberg': False,
                },
                'createOrders': {'max': MAX_BATCH_ORDERS},
                'fetchMyTrades': {'marginMode': False, 'limit': None, 'daysBack': None, 'untilDays': None, 'symbolRequired': True},
                'fetchOrder': {'marginMode': False, 'trigger': False, 'trailing': False, 'symbolRequired': False},
                'fetchOpenOrders': {'marginMode': False, 'limit': None, 'trigger': False, 'trailing': False, 'symbolRequired': False},
                'fetchOrders': {'marginMode': False, 'limit': None, 'daysBack': None, 'untilDays': None, 'trigger': False,
                                'trailing': False, 'symbolRequired': False},
                'fetchClosedOrders': {'marginMode': False, 'limit': None, 'daysBack': None, 'daysBackCanceled': None,
                                      'untilDays': None, 'trigger': False, 'trailing': False, 'symbolRequired': False},
                'fetchOHLCV': {'limit': MAX_OHLCV_LIMIT},
            },
            'inverse': None,
        },
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
        # Requests cancel_orders has in flight at once in the async class, where their answers do not depend on each
        # other (the README says why 10); ccxt's rate limiter still paces them. The sync class sends one at a time.
        'cancelOrdersConcurrency': 10,
        # Reads the async class has in flight at once where their answers do not depend on each other: a ticker's
        # requests, and one market's each where Satori lists one pair at a time (the README says why 10). The sync
        # class sends one at a time; ccxt's rate limiter paces both.
        'fetchConcurrency': 10,
        'createOrdersMaxOrders': MAX_BATCH_ORDERS,
        'pageSize': MAX_PAGE_SIZE,         # records per request when paging through a list endpoint
        # Satori takes leverage and margin mode with every order and remembers neither;
        # set_leverage() / set_margin_mode() fill the per-symbol maps, these apply otherwise.
        'defaultLeverage': 1,
        'defaultMarginMode': 'isolated',
        'leverages': {},                   # symbol -> leverage
        'marginModes': {},                 # symbol -> 'isolated' | 'cross'
        # A market order still needs a price on Satori: without one, the best opposite
        # price of the book (else the last trade) moved this fraction against the order.
        'marketOrderSlippage': '0.05',
        # The pair list names no maximum leverage in any capture; this bounds set_leverage, orders and the leverage tier.
        'maxLeverage': DOCUMENTED_MAX_LEVERAGE,
        # Satori publishes no notional cap; leverage-aware tools (freqtrade) divide by the
        # single tier's maxNotional, so it ends at this many settle-coin units.
        'leverageTierMaxNotional': 10 ** 12,
    },
    'exceptions': {
        'exact': errors.EXACT,
        'broad': errors.BROAD,
    },
    'httpExceptions': errors.HTTP,
}
