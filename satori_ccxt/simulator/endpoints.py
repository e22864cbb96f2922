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
from .engine import SETTLE_SYMBOL, Engine, OrderSpec
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

    @property
    def signed(self) -> bool:
        return self.method == 'POST'


ENDPOINTS = {}


def endpoint(method, path, params=(), json_body=False):
    def register(handler):
        ENDPOINTS[path] = Endpoint(method, path, handler, frozenset(params), json_body)
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
    limit = call.params.integer('limit', need=False, minimum=1, maximum=1000) or 50
    return [views.trade(item) for item in call.engine.recent_trades(market, limit)]


@endpoint('GET', '/api/third/info/depth', ('pairName', 'limit'))
def depth(call: Call):
    market = call.engine.market(call.params.text('pairName'))
    limit = call.params.integer('limit', need=False, minimum=1, maximum=100) or 20
    return views.depth(call.engine.depth(market, limit))


@endpoint('GET', '/api/third/info/kline', ('pairName', 'period', 'endTime', 'limit'))
def kline(call: Call):
    market = call.engine.market(call.params.text('pairName'))
    period = PERIODS_MS.get(call.params.text('period'))
    if period is None:
        raise illegal('period')
    end = call.params.integer('endTime', need=False)
    limit = call.params.integer('limit', need=False, minimum=1, maximum=1000) or 100
    return [views.candle(row) for row in call.engine.candles(market, period, call.engine.now if end is None else end, limit)]


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


@endpoint('POST', '/api/third/order/cancelAll', ('pairName', 'isLong'))
def cancel_all(call: Call):
    pair = call.params.text('pairName', need=False)
    market = call.engine.market(pair) if pair is not None else None
    call.engine.cancel_all(call.account, market, call.params.boolean('isLong', need=False))
    return True


@endpoint('POST', '/api/third/order/queryOrder', ('entrustId',))
def query_order(call: Call):
    order = call.engine.orders.get(call.params.order_id('entrustId'))
    if order is None or order.account is not call.account:
        # Assumed: the endpoint is undocumented; an id that is not one of the caller's orders is an illegal entrustId.
        raise illegal('entrustId')
    return views.order_with_status(order)


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
