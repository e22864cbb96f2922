"""Satori's endpoint paths: the one place the tests spell them (docs/evidence.md grades each).

Written out rather than read from the client's endpoint table or the simulator's: a path the client or the
simulator gets wrong then fails a test instead of agreeing with itself, and the simulator's tests need nothing from
the client. ``client/test_wire_format.py`` and ``simulator/test_contract.py`` hold both tables to this one;
``integration/test_repository.py`` fails when a test spells a path anywhere else.
"""

# Public (GET, unsigned)
TIME = '/api/third/info/time'
PAIRS = '/api/third/info/pairs'
TRADES = '/api/third/info/trades'
DEPTH = '/api/third/info/depth'
KLINE = '/api/third/info/kline'
MARK_PRICE = '/api/third/info/markPrice'
INDEX_PRICE = '/api/third/info/indexPrice'
FUNDING_CURRENT = '/api/third/v1/market/funding/current'
FUNDING_HISTORY = '/api/third/v1/market/funding/history'
# seen on a later deployment only
TICKER_24HR = '/api/third/info/ticker/24hr'

# Private (POST, signed)
CREATE = '/api/third/hot/order/create'
BATCH_CREATE = '/api/third/hot/order/batchCreate'
CANCEL = '/api/third/order/cancelEntrust'
BATCH_CANCEL = '/api/third/order/batchCancelEntrust'
CANCEL_BY_CLIENT_ID = '/api/third/order/cancelEntrustByCli'
CANCEL_ALL = '/api/third/order/cancelAll'
QUERY_ORDER = '/api/third/order/queryOrder'
CLOSE_ORDER = '/api/third/hot/order/closeOrder'
CALL_MARGIN = '/api/third/order/callMarginAmount'
BALANCE = '/api/third/hot/order/balance'
OPEN_ORDERS = '/api/third/order/selectContractCurrentEntrustList'
MY_TRADES = '/api/third/order/selectContractMatchPairList'
POSITIONS = '/api/third/hot/order/selectContractPositionList'
# Private (GET, signed), seen on a later deployment only
ORDER_HISTORIES = '/api/third/v1/orders/histories'
USER_LEVER = '/api/third/v1/trade/getUserLever'

# The streams (WebSocket), on the same host
STREAM = '/api/market/ws'

REST = [TIME, PAIRS, TRADES, DEPTH, KLINE, MARK_PRICE, INDEX_PRICE, FUNDING_CURRENT, FUNDING_HISTORY, TICKER_24HR,
        CREATE, BATCH_CREATE, CANCEL, BATCH_CANCEL, CANCEL_BY_CLIENT_ID, CANCEL_ALL, QUERY_ORDER, CLOSE_ORDER, CALL_MARGIN,
        BALANCE, OPEN_ORDERS, MY_TRADES, POSITIONS, ORDER_HISTORIES, USER_LEVER]
