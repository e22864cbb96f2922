"""The translation edge: Satori's field and parameter names, and nothing else does.

Request builders turn what a unified method decided (a market, an order, a
page) into Satori's request fields; response readers (ccxt's ``parse_*`` hooks
among them) turn Satori's records into ccxt's structures. The mixins
(``orders.py``, ``account.py``, ``market_data.py``) speak ccxt and call these;
``SATORI_NAMES`` lists the names only Satori speaks, and a test
(tests/integration/test_repository.py) fails when a mixin spells one itself.
Satori's enumerations are in ``vocabulary.py``, its endpoint paths in
``describe.py``; docs/evidence.md grades the evidence for every name.
"""

from . import decimals, vocabulary
from .base import SatoriBase, utc_ms
from .describe import MAX_ORDER_HISTORY_LIMIT
from .flow import call

# ----- request fields ----------------------------------------------------------------------------

# The fields of an order that create_order writes from its arguments: a caller's params may not carry them.
ORDER_FIELDS = ('isLong', 'isMarket', 'lever', 'matchType', 'pairName', 'positionType', 'quantity')
BATCH_CREATE_FIELDS = ('orders',)
ORDER_ID_FIELDS = ('entrustId',)
BATCH_CANCEL_FIELDS = ('entrustIds', 'entrustId')
CANCEL_ALL_FIELDS = ('pairName', 'isLong')
PAGED_LIST_FIELDS = ('pairName', 'pageNo')
# The fields of an orders/histories request the finished-order methods write from their arguments.
HISTORY_FIELDS = ('symbol', 'limit', 'sortByAsc', 'beginTime', 'endTime')
# selectContractMatchPairList pages backwards from this fill id.
FILL_CURSOR = 'matchId'

# cancelAll's per-order ``resultCode`` -> ccxt status. Captured on Satori: 1 "canceled: cancel success from book".
# 2 and 3 as cancelled, 4 as filled and any other code as a refusal (the order stays open) is how a later
# deployment's client reads them (assumed).
CANCEL_ALL_STATUSES = {'1': 'canceled', '2': 'canceled', '3': 'canceled', '4': 'closed'}

# The names only Satori speaks (ccxt's own words such as ``symbol``, ``price`` or ``limit`` are not listed: the
# mixins use them as ccxt's). A mixin that spells one of these as a string literal fails test_repository.py.
SATORI_NAMES = frozenset({
    'pairName', 'isLong', 'isMarket', 'lever', 'matchType', 'positionType', 'quantity', 'sortByAsc', 'beginTime', 'endTime',
    'entrustId', 'entrustIds', 'pageNo', 'matchId', 'cOrderId', 'corderId', 'orderId', 'resultCode', 'triggerType',
    'dealQuantity', 'dealAmount', 'updateTime', 'createTime', 'createTimeStamp',
})


class SatoriEdge(SatoriBase):
    """The mixins' base: ``SatoriBase`` (ccxt-speaking helpers) plus Satori's names, on the way out and on the way in."""

    # ----- lists, paged ----------------------------------------------------------------------

    def _pages(self, endpoint, request, page_size, enough=None, cursor=None):
        """Every record of a paged list endpoint, newest first as Satori lists them.

        Asks page after page (``pageNo`` 1, 2, ...) until a page comes back
        short, the reported ``total`` is reached, a page holds nothing new (a
        server that ignores ``pageNo`` cannot loop it forever), or
        ``enough(records)``. With ``cursor`` (``'matchId'``) each further
        request asks for page 1 of the records before the smallest id seen.
        """
        collected, seen = [], set()
        paging = {'pageNo': 1, 'pageSize': page_size}
        while True:
            response = yield call(endpoint, self.extend(request, paging))
            page = self._records(response)
            fresh = []
            for record in page:
                key = self.safe_string(record, 'id') or repr(sorted(record.items()))
                if key not in seen:
                    seen.add(key)
                    fresh.append(record)
            collected.extend(fresh)
            if len(page) < page_size or not fresh or (enough is not None and enough(collected)):
                return collected
            if cursor is None:
                total = self.safe_integer(self.safe_dict(response, 'data'), 'total')
                if total is not None and len(collected) >= total:
                    return collected
                paging = {'pageNo': paging['pageNo'] + 1, 'pageSize': page_size}
            else:
                ids = [self.safe_integer(record, 'id') for record in fresh]
                ids = [record_id for record_id in ids if record_id is not None and record_id > 0]
                if not ids:
                    return collected
                paging = {cursor: min(ids), 'pageNo': 1, 'pageSize': page_size}

    def _position_records(self, market, page_size, params={}):
        """The position list's records on ``market`` (Satori lists one pair at a time)."""
        return (yield from self._pages('privatePostApiThirdHotOrderSelectContractPositionList',
                                       self.extend(params, self._pair_request(market)), page_size))

    # ----- records of any kind -----------------------------------------------------------------

    def _created(self, item):
        """When an order, fill or position was created: ``createTimeStamp``, else ``createTime`` read as UTC.

        Captured on Satori: open orders and positions carry ``createTimeStamp: null``
        and the time only in ``createTime``; fills carry both.
        """
        return self._timestamp(item, 'createTimeStamp') or utc_ms(self.safe_string(item, 'createTime'))

    # ----- requests --------------------------------------------------------------------------

    def _pair_request(self, market) -> dict:
        """The request of an endpoint that answers about one pair."""
        return {'pairName': market['id']}

    def _order_id_request(self, order_id) -> dict:
        """The request naming one order by id (cancelEntrust, queryOrder)."""
        return {'entrustId': order_id}

    def _client_order_id_request(self, client_order_id) -> dict:
        """The request naming one order by client id (cancelEntrustByCli)."""
        return {'clientOrderId': client_order_id}

    def _batch_cancel_request(self, order_ids) -> dict:
        return {'entrustIds': list(order_ids)}

    def _batch_create_request(self, orders) -> dict:
        """batchCreate's JSON body: the orders' requests, in order."""
        return {'orders': orders}

    def _order_request(self, market, intent, client_order_id, quantity, price, leverage, margin_mode) -> dict:
        """create's fields for the order ``intent`` (orders.OrderIntent) on ``market``, rounded and with its leverage and margin mode."""
        return {
            'clientOrderId': client_order_id,
            'isLong': intent.side == 'buy',
            'isMarket': intent.type == 'market',
            'lever': self._order_leverage(market, leverage),
            'matchType': vocabulary.MATCH_TYPES[intent.time_in_force],
            'pairName': market['id'],
            'positionType': vocabulary.POSITION_TYPES[self._order_margin_mode(market, margin_mode)],
            'price': price,
            'quantity': quantity,
        }

    def _cancel_all_request(self, market, side) -> dict:
        """cancelAll's fields: the pair (every pair when ``market`` is None) and the side ('buy', 'sell' or None for both)."""
        request = {}
        if side is not None:
            request['isLong'] = side == 'buy'
        if market is not None:
            request['pairName'] = market['id']
        return request

    def _history_request(self, market, begin, end, ascending) -> dict:
        """orders/histories' fields: ``market``'s finished orders created from ``begin`` to ``end`` (ms, None: open-ended)."""
        request = {'symbol': market['id'], 'limit': MAX_ORDER_HISTORY_LIMIT, 'sortByAsc': ascending}
        if begin is not None:
            request['beginTime'] = begin
        if end is not None:
            request['endTime'] = end
        return request

    # ----- orders ----------------------------------------------------------------------------

    def parse_order(self, order, market=None):
        """An order of the current order list, of ``queryOrder`` or of orders/histories (which add ``status``).

        Numbers and ids arrive as numbers or strings (``queryOrder`` sends every one as a string: captured
        on a later deployment); the time is ``createTimeStamp``, else ``createTime`` in UTC (captured on Satori).
        """
        market = self._pair_market(self.safe_string(order, 'symbol'), market)
        is_long = self.safe_bool(order, 'isLong')
        is_market = self.safe_bool(order, 'isMarket')
        time_in_force = vocabulary.TIME_IN_FORCE.get(self.safe_string(order, 'matchType'))
        timestamp = self._created(order)
        triggered = self.safe_string(order, 'triggerType') not in (None, '0')
        return self.safe_order({
            'id': self.safe_string(order, 'id'),
            'clientOrderId': self.safe_string(order, 'clientOrderId'),
            'timestamp': timestamp,
            'datetime': self.iso8601(timestamp),
            'lastTradeTimestamp': None,
            'lastUpdateTimestamp': utc_ms(self.safe_string(order, 'updateTime')),
            'symbol': market['symbol'],
            'type': None if is_market is None else ('market' if is_market else 'limit'),
            'side': None if is_long is None else ('buy' if is_long else 'sell'),
            'timeInForce': time_in_force,
            'postOnly': None if time_in_force is None else time_in_force == 'PO',
            'price': self._decimal(order, 'price'),
            'triggerPrice': self._decimal(order, 'triggerPrice') if triggered else None,
            'amount': self._decimal(order, 'quantity'),
            'filled': self._decimal(order, 'dealQuantity'),
            'cost': self._decimal(order, 'dealAmount'),
            'status': vocabulary.ORDER_STATUSES.get(self.safe_string(order, 'status')),
            'info': order,
        }, market)

    def _answered_client_order_id(self, answer):
        """The client order id a create or batchCreate answer names, or None."""
        # The docs' table names the client id ``cOrderId``, their example response ``corderId``.
        return self.safe_string_2(answer, 'cOrderId', 'corderId')

    def _placed_order(self, data, order, market):
        """``order`` as placed, from Satori's answer ``data`` for it; None when the answer holds no order id."""
        order_id = decimals.whole_number(self.safe_value(data, 'orderId'))
        if order_id is None:
            return None
        # The docs' table names the client id ``cOrderId``, their example response ``corderId``.
        client_order_id = self.safe_string_2(data, 'corderId', 'cOrderId', order['clientOrderId'])
        return self.safe_order(self.extend(order, {'id': order_id, 'clientOrderId': client_order_id, 'status': None, 'info': data}), market)

    def _cancel_all_result(self, result, market):
        # {"orderId": 65803253, "clientOrderId": "1714984246126", "pairName": "ETH-USD", "isLong": true, "resultCode": 1,
        #  "resultMsg": "canceled: cancel success from book"} (captured on Satori)
        market = self._pair_market(self.safe_string(result, 'pairName'), market)
        is_long = self.safe_bool(result, 'isLong')
        code = self.safe_string(result, 'resultCode')
        return self.safe_order({
            'id': self.safe_string(result, 'orderId'),
            'clientOrderId': self.safe_string(result, 'clientOrderId'),
            'symbol': market['symbol'],
            'side': None if is_long is None else ('buy' if is_long else 'sell'),
            'status': None if code is None else CANCEL_ALL_STATUSES.get(code, 'open'),
            'info': result,
        }, market)

    def _fill_order_id(self, fill):
        """The id of the order a fill record belongs to."""
        return self.safe_string(fill, 'entrustId')

    def _record_id(self, record):
        """A listed record's own id as text (an order's, a fill's, a position's), or None."""
        return self.safe_string(record, 'id')
