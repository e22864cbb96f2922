"""Satori's REST endpoints as data: path, method, parameters, and what each does to the engine.

A handler gets a ``Call`` whose request has already passed the wire rules
(``protocol.py``, ``server.py``: routing, key, signature, timestamp, no
unknown parameter) and runs inside ``Engine.session``; it returns the
envelope's ``data`` or raises ``SatoriError``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from . import views
from .codes import SatoriError, illegal, required
from .engine import HOUR_MS, SETTLE_SYMBOL, Engine, OrderSpec
from .protocol import Params

PERIODS_MS = {
    '1MIN': 60_000, '3MIN': 180_000, '5MIN': 300_000, '15MIN': 900_000, '30MIN': 1_800_000,
    '1HOUR': 3_600_000, '4HOUR': 14_400_000, '8HOUR': 28_800_000, '12HOUR': 43_200_000, '1DAY': 86_400_000,
}
ORDER_FIELDS = ('clientOrderId', 'isLong', 'isMarket', 'lever', 'matchType', 'pairName', 'positionType', 'price', 'quantity')
# JSON types of a batch order, as in the docs' request template.
ORDER_JSON_TYPES = {'clientOrderId': str, 'isLong': bool, 'isMarket': bool, 'lever': int, 'matchType': int,
                    'pairName': str, 'positionType': int, 'price': str, 'quantity': str}
MAX_BATCH_ORDERS = 20
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 10
MAX_CLIENT_ORDER_ID = 64
MAX_TRADES = 1000           # assumed
MAX_CANDLES = 1000          # a later deployment's client caps kline there
BOOK_DEPTHS = (20, 100)     # the only depth limits a later deployment's client allows
MAX_FUNDING_HISTORY = 100   # assumed
MAX_ORDER_HISTORY = 100     # assumed


@dataclass
class Call:
    engine: Engine
    params: Params
    account: object = None          # the Account of a signed request
    document: dict = None           # the JSON body of a JSON endpoint, less its timestamp
    batch_failure_signal: str = 'code'


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str
    handler: Callable
    params: frozenset
    json_body: bool = False
    signed: bool = False
    code: object = 200      # the envelope's success ``code``: queryOrder sends the string "200" (captured on a later deployment)


ENDPOINTS = {}


def endpoint(method, path, params=(), json_body=False, signed=None, code=200):
    """Registers a handler; POST endpoints are signed, GET ones only when ``signed`` says so."""
    def register(handler):
        is_signed = method == 'POST' if signed is None else signed
        ENDPOINTS[path] = Endpoint(method, path, handler, frozenset(params), json_body, is_signed, code)
        return handler
    return register


# ----- public ----------------------------------------------------------------------------

@endpoint('GET', '/api/third/info/time')
def server_time(call: Call):
    return call.engine.now


@endpoint('GET', '/api/third/info/pairs')
def pairs(call: Call):
    return [views.pair(market) for market in call.engine.markets.values()]


@endpoint('GET', '/api/third/info/trades', ('pairName', 'limit'))
def trades(call: Call):
    market = call.engine.market(call.params.text('pairName'))
    limit = call.params.integer('limit', need=False, minimum=1, maximum=MAX_TRADES) or 50
    return [views.trade(item) for item in call.engine.recent_trades(market, limit)]


@endpoint('GET', '/api/third/info/depth', ('pairName', 'limit'))
def depth(call: Call):
    market = call.engine.market(call.params.text('pairName'))
    limit = call.params.integer('limit', need=False)
    if limit is None:
        limit = BOOK_DEPTHS[0]
    elif limit not in BOOK_DEPTHS:
        raise illegal('limit')
    return views.depth(call.engine.depth(market, limit))


@endpoint('GET', '/api/third/info/kline', ('pairName', 'period', 'end_time', 'limit'))
def kline(call: Call):
    """Newest first (assumed: no capture shows the order, and a client must not depend on it)."""
    market = call.engine.market(call.params.text('pairName'))
    period_name = call.params.text('period')
    period = PERIODS_MS.get(period_name)
    if period is None:
        raise illegal('period')
    end = call.params.integer('end_time', need=False)
    limit = call.params.integer('limit', need=False, minimum=1, maximum=MAX_CANDLES) or 100
    rows = call.engine.candles(market, period, call.engine.now if end is None else end, limit)
    return [views.candle(market, period_name, row) for row in reversed(rows)]


@endpoint('GET', '/api/third/info/ticker/24hr', ('pairName',))
def ticker_24hr(call: Call):
    """Seen on a later deployment only: open, close and quote volume of the last 24 hours."""
    market = call.engine.market(call.params.text('pairName'))
    return views.day_summary(call.engine.candles(market, HOUR_MS, call.engine.now, 24))


@endpoint('GET', '/api/third/v1/market/funding/current', ('pairName',))
def funding_current(call: Call):
    """The rate the next full hour will charge (assumed: the capture does not say which hour it is)."""
    market = call.engine.market(call.params.text('pairName'))
    return views.funding_rate(market, call.engine.funding_rate(market, call.engine.now // HOUR_MS + 1))


@endpoint('GET', '/api/third/v1/market/funding/history', ('pairName', 'beginTime', 'endTime', 'limit'))
def funding_history(call: Call):
    """The rates charged at the full hours in [beginTime, endTime] up to now, newest first, at most ``limit`` (assumed)."""
    market = call.engine.market(call.params.text('pairName'))
    begin = call.params.integer('beginTime', need=False)
    end = min(call.params.integer('endTime', need=False) or call.engine.now, call.engine.now)
    limit = call.params.integer('limit', need=False, minimum=1, maximum=MAX_FUNDING_HISTORY) or MAX_FUNDING_HISTORY
    hours = []
    hour = end // HOUR_MS
    while len(hours) < limit and (begin is None or hour * HOUR_MS >= begin):
        hours.append(hour)
        hour -= 1
    return [views.funding_history_entry(market, hour * HOUR_MS, call.engine.funding_rate(market, hour)) for hour in hours]


@endpoint('GET', '/api/third/info/markPrice', ('pairName',))
def mark_price(call: Call):
    return views.decimal_text(call.engine.mark_price(call.engine.market(call.params.text('pairName'))))


@endpoint('GET', '/api/third/info/indexPrice', ('pairName',))
def index_price(call: Call):
    return views.decimal_text(call.engine.index_price(call.engine.market(call.params.text('pairName'))))


# ----- orders ----------------------------------------------------------------------------

def order_spec(params: Params, price_required: bool) -> OrderSpec:
    client_order_id = params.text('clientOrderId')
    if len(client_order_id) > MAX_CLIENT_ORDER_ID:
        raise illegal('clientOrderId')
    return OrderSpec(
        pair=params.text('pairName'),
        is_long=params.boolean('isLong'),
        is_market=params.boolean('isMarket'),
        lever=params.integer('lever', maximum=10_000),
        match_type=params.integer('matchType', maximum=100),
        position_type=params.integer('positionType', maximum=100),
        price=params.decimal('price', need=price_required),
        quantity=params.decimal('quantity'),
        client_order_id=client_order_id,
    )


def created(order) -> dict:
    # The docs' table says ``cOrderId`` but their example response spells it ``corderId``; the example is what the server sent.
    return {'pairName': order.market.symbol, 'orderId': order.id, 'corderId': order.client_order_id}


@endpoint('POST', '/api/third/hot/order/create', ORDER_FIELDS)
def create_order(call: Call):
    order, = call.engine.create_orders(call.account, [order_spec(call.params, price_required=True)])
    return created(order)


@endpoint('POST', '/api/third/hot/order/batchCreate', ('orders',), json_body=True)
def batch_create(call: Call):
    """All orders are checked (parameters, limits, the balance for all of them) before any is placed.

    Assumed: the docs do not say whether a batch is all-or-nothing; this is
    the reading that never leaves a client guessing which orders exist.
    """
    orders = call.document.get('orders')
    if orders is None:
        raise required('orders')
    if not isinstance(orders, list) or not 1 <= len(orders) <= MAX_BATCH_ORDERS or not all(isinstance(item, dict) for item in orders):
        raise illegal('orders')
    specs = [order_spec(Params.from_json(item, ORDER_JSON_TYPES), price_required=False) for item in orders]
    return [created(order) for order in call.engine.create_orders(call.account, specs)]


@endpoint('POST', '/api/third/order/cancelEntrust', ('entrustId',))
def cancel_order(call: Call):
    call.engine.cancel(call.account, call.params.order_id('entrustId'))
    return True


@endpoint('POST', '/api/third/order/batchCancelEntrust', ('entrustIds',))
def batch_cancel(call: Call):
    """Stops at the first order it cannot cancel; how that is told is the instance's ``batch_failure_signal``."""
    ids = call.params.id_list('entrustIds')
    try:
        call.engine.batch_cancel(call.account, ids)
    except SatoriError:
        if call.batch_failure_signal == 'data_false':
            return False
        raise
    return True


@endpoint('POST', '/api/third/order/cancelEntrustByCli', ('clientOrderId',))
def cancel_by_client_id(call: Call):
    """Undocumented (the SDK calls it): answers like cancelEntrust (assumed)."""
    call.engine.cancel_by_client_id(call.account, call.params.text('clientOrderId'))
    return True


@endpoint('POST', '/api/third/order/cancelAll', ('pairName', 'isLong'))
def cancel_all(call: Call):
    """One result per matching open order (captured on Satori)."""
    pair = call.params.text('pairName', need=False)
    market = call.engine.market(pair) if pair is not None else None
    return [views.cancel_result(order, refused)
            for order, refused in call.engine.cancel_all(call.account, market, call.params.boolean('isLong', need=False))]


@endpoint('POST', '/api/third/order/queryOrder', ('entrustId',), code='200')
def query_order(call: Call):
    order = call.engine.orders.get(call.params.order_id('entrustId'))
    if order is None or order.account is not call.account:
        # Assumed: the endpoint is undocumented; an id that is not one of the caller's orders is an illegal entrustId.
        raise illegal('entrustId')
    return views.queried_order(order)


@endpoint('POST', '/api/third/hot/order/closeOrder', ('clientOrderId', 'contractPositionId', 'isMarket', 'price', 'quantity'))
def close_order(call: Call):
    """Undocumented (the SDK calls it). A market close sends price "0"; the answer is assumed to be create's."""
    is_market = call.params.boolean('isMarket')
    price = call.params.decimal('price')
    if not is_market and price == 0:
        raise illegal('price')
    order = call.engine.close_position(call.account, call.params.integer('contractPositionId', minimum=1), is_market,
                                       None if is_market else price, call.params.decimal('quantity'),
                                       call.params.text('clientOrderId', need=False) or '')
    return created(order)


@endpoint('POST', '/api/third/order/callMarginAmount', ('call', 'marginAmount', 'positionId'))
def call_margin(call: Call):
    position_id = call.params.integer('positionId', minimum=1)
    add = call.params.boolean('call')
    amount = call.params.decimal('marginAmount')
    call.engine.call_margin(call.account, position_id, add, amount)
    return True


# ----- account queries -------------------------------------------------------------------

@endpoint('POST', '/api/third/hot/order/balance', ('symbol',))
def balance(call: Call):
    if call.params.text('symbol') != SETTLE_SYMBOL:
        raise illegal('symbol')
    return views.balance(call.engine, call.account)


def paging(params: Params) -> tuple:
    page_no = params.integer('pageNo', need=False, minimum=1) or 1
    page_size = params.integer('pageSize', need=False, minimum=1, maximum=MAX_PAGE_SIZE) or DEFAULT_PAGE_SIZE
    return page_no, page_size


@endpoint('POST', '/api/third/order/selectContractCurrentEntrustList', ('pairName', 'pageNo', 'pageSize'))
def open_orders(call: Call):
    market = call.engine.market(call.params.text('pairName'))
    page_no, page_size = paging(call.params)
    return views.page([views.order(order) for order in call.engine.open_orders(call.account, market)], page_no, page_size)


@endpoint('POST', '/api/third/order/selectContractMatchPairList', ('matchId', 'pageNo', 'pageSize', 'pairName'))
def my_trades(call: Call):
    market = call.engine.market(call.params.text('pairName'))
    before = call.params.integer('matchId', need=False, minimum=1)
    page_no, page_size = paging(call.params)
    return views.page([views.fill(item) for item in call.engine.account_fills(call.account, market, before)], page_no, page_size)


@endpoint('POST', '/api/third/hot/order/selectContractPositionList', ('pageNo', 'pageSize', 'pairName'))
def positions(call: Call):
    market = call.engine.market(call.params.text('pairName'))
    page_no, page_size = paging(call.params)
    records = [views.position(call.engine, item) for item in call.engine.account_positions(call.account, market)]
    return views.page(records, page_no, page_size)


@endpoint('GET', '/api/third/v1/orders/histories',
          ('symbol', 'beginTime', 'endTime', 'limit', 'orderId', 'clientOrderId', 'sortByAsc'), signed=True)
def order_histories(call: Call):
    """Seen on a later deployment only. Assumed: the caller's finished orders on ``symbol``, created within
    [beginTime, endTime], newest first unless ``sortByAsc``, at most ``limit`` (100)."""
    params = call.params
    market = call.engine.market(params.text('symbol'))
    begin, end = params.integer('beginTime', need=False), params.integer('endTime', need=False)
    order_id, client_order_id = params.integer('orderId', need=False), params.text('clientOrderId', need=False)
    limit = params.integer('limit', need=False, minimum=1, maximum=MAX_ORDER_HISTORY) or MAX_ORDER_HISTORY
    # The time filter is on createTime, which holds whole seconds.
    orders = [order for order in call.engine.finished_orders(call.account, market)
              if (begin is None or order.created_ms // 1000 * 1000 >= begin) and (end is None or order.created_ms // 1000 * 1000 <= end)
              and (order_id is None or order.id == order_id) and (client_order_id is None or order.client_order_id == client_order_id)]
    if not params.boolean('sortByAsc', need=False):
        orders.reverse()
    return [views.historic_order(order) for order in orders[:limit]]


@endpoint('GET', '/api/third/v1/trade/getUserLever', ('contractPairId',), signed=True)
def user_lever(call: Call):
    """Seen on a later deployment only. Assumed: the open position's leverage, else the latest order's; null if neither."""
    market = call.engine.markets_by_id.get(call.params.integer('contractPairId', minimum=1))
    if market is None:
        raise illegal('contractPairId')
    found = call.engine.user_lever(call.account, market)
    return None if found is None else views.user_lever(found)


# What a deployment serves: a later deployment adds endpoints that Satori's own servers were never captured answering.
LATER_DEPLOYMENT_ONLY = frozenset({'/api/third/info/ticker/24hr', '/api/third/v1/orders/histories', '/api/third/v1/trade/getUserLever'})
DEPLOYMENTS = {
    'satori': {path: item for path, item in ENDPOINTS.items() if path not in LATER_DEPLOYMENT_ONLY},
    'later': dict(ENDPOINTS),
}
