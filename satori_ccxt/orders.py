"""Orders: placing them (one, many), reading them (by id, open ones, fills), cancelling them (one, many accounting for every id, all)."""

import asyncio
from collections import Counter
from typing import NamedTuple

from ccxt.base.errors import ArgumentsRequired, BadRequest, BadResponse, BaseError, InvalidOrder, NotSupported, OrderNotFound
from ccxt.base.precise import Precise
from ccxt.base.types import Int, Num, Order, OrderRequest, OrderSide, OrderType, Str, Trade

from . import arguments, decimals, encoding, vocabulary
from .batch_cancel import BATCH, CANCEL, NOT_FOUND, REFUSED, BatchCancelPlan, cancel_outcome, queried_order, queried_status
from .describe import MAX_BATCH_ORDERS, MAX_ORDER_HISTORY_LIMIT
from .errors import OrderAlreadyCanceled, OrderCancelRefused, OrderExpired, OrderFilled, shown
from .flow import UNFINISHED, Flow, call, gather, unexpected, unified
from .translate import (
    BATCH_CANCEL_FIELDS,
    BATCH_CREATE_FIELDS,
    CANCEL_ALL_FIELDS,
    FILL_CURSOR,
    HISTORY_FIELDS,
    ORDER_FIELDS,
    ORDER_ID_FIELDS,
    PAGED_LIST_FIELDS,
    SatoriEdge,
)

# The params create_order reads itself; whatever else params holds goes to Satori as is.
ORDER_PARAMS = ('price', 'leverage', 'marginMode', 'timeInForce', 'postOnly', 'reduceOnly', 'hedged', 'clientOrderId', 'slippage')
# ccxt's unified order params that Satori's open API has no field for. Satori may ignore a parameter it does
# not know, so sending them on would silently drop a stop-loss: they are refused.
UNSUPPORTED_ORDER_PARAMS = ('triggerPrice', 'stopPrice', 'stopLossPrice', 'takeProfitPrice', 'stopLoss', 'takeProfit',
                            'trailingAmount', 'trailingPercent', 'trailingTriggerPrice', 'triggerDirection', 'cost')

FINISHED = ('closed', 'canceled', 'expired')
# What cancel_order raises for an order whose cancel Satori refused, once queryOrder has told its state (and the
# words for it): what a cancel of an order in that state raises. An id queryOrder does not know is OrderNotFound.
REFUSED_CANCEL_ERRORS = {'open': (OrderCancelRefused, 'still open'), 'closed': (OrderFilled, 'filled'),
                         'canceled': (OrderAlreadyCanceled, 'cancelled'), 'expired': (OrderExpired, 'expired')}


def answer_in(outcome):
    """Satori's envelope in a gathered call's outcome: the answer, the envelope its error carries, or None (it never finished)."""
    if outcome is UNFINISHED:
        return None
    return getattr(outcome, 'response', None) if isinstance(outcome, BaseException) else outcome


class OrderIntent(NamedTuple):
    """One order's arguments, checked before any request; what is left of ``params`` goes to Satori as is."""
    type: str
    side: str
    amount: str
    price: str            # None: a market order whose protective price is derived from the book
    time_in_force: str
    reduce_only: bool
    leverage: object      # None: the remembered or default leverage
    margin_mode: str      # None: the remembered or default margin mode
    client_order_id: str  # None: one is made up
    slippage: str
    params: dict


class OrderMethods(SatoriEdge):
    # ----- placing ---------------------------------------------------------------------------

    @unified(sets=ORDER_FIELDS)
    def create_order(
            self, symbol: str, type: OrderType, side: OrderSide, amount: float, price: Num = None, params: dict = {},
    ) -> Flow[Order]:
        """Places one order (``POST /api/third/hot/order/create``); its status is not known yet, so it is None.

        - ``side`` -> ``isLong``, ``type`` -> ``isMarket``, ``amount`` -> ``quantity`` (base units);
        - ``params['timeInForce']`` GTC/IOC/FOK/PO or ``params['postOnly']`` -> ``matchType``
          (limit orders default to GTC, market orders to IOC);
        - ``params['marginMode']`` isolated/cross -> ``positionType``, ``params['leverage']`` -> ``lever``;
          without them, what ``set_margin_mode``/``set_leverage`` remembered for the symbol,
          else ``options['defaultMarginMode']`` ('isolated') and ``options['defaultLeverage']`` (1);
        - ``params['clientOrderId']``, else one made of the clock and a counter.

        Satori wants a price even for a market order. It is ``price``, else
        ``params['price']``, else a protective price derived here: the best ask
        (buy) or bid (sell) of the book, else the last trade, moved by
        ``params['slippage']`` or ``options['marketOrderSlippage']`` (5%)
        against the order. The order fills no worse than that price.

        ``params['reduceOnly']``: Satori has no such flag, so the order is
        checked against the position first: it must be on the side opposite
        to the open position and no larger than it (else InvalidOrder), and it
        carries the position's leverage and margin mode unless given.

        ``reduceOnly``, ``postOnly`` and ``hedged`` must be True or False
        (BadRequest otherwise); ``hedged=True`` is NotSupported (one-way
        positions only), and so are trigger, stop-loss, take-profit, trailing
        and cost-based orders. A params key that names one of the order's own
        fields (``isLong``, ``quantity`` ...) is BadRequest.
        """
        intent = self._order_intent(type, side, amount, price, params)
        yield from self._prepare_private()
        yield call('load_markets')
        market = self.market(symbol)
        request, order = yield from self._order_fields(market, intent)
        response = yield call('privatePostApiThirdHotOrderCreate', self.extend(intent.params, request))
        data = self.safe_dict(response, 'data')
        placed = self._placed_order(data, order, market)
        if placed is None:
            raise self._no_order_id([order['clientOrderId']], data)
        return placed

    @unified(sets=BATCH_CREATE_FIELDS)
    def create_orders(self, orders: list[OrderRequest], params: dict = {}) -> Flow[list[Order]]:
        """Places several orders with ``POST /api/third/hot/order/batchCreate`` (a JSON body).

        Each entry is ``{'symbol', 'type', 'side', 'amount', 'price', 'params'}``
        and is mapped as ``create_order`` maps its arguments. At most
        ``options['createOrdersMaxOrders']`` (Satori's 20) go in one request;
        more are sent in further requests, in order. Returns one order per
        entry, in order. Whatever fails once requests go out, the exception's
        ``orders`` attribute lists the orders placed before it (the same
        KeyboardInterrupt / CancelledError carries it too), and its message
        names the clientOrderIds of the failed request, which may have been
        placed (``fetch_open_orders`` shows them), and how many were not sent.

        Every order is checked and every request body written before the first
        request goes out, so a bad order anywhere sends nothing.
        """
        if not isinstance(orders, list) or not orders:
            raise ArgumentsRequired(f'{self.id} create_orders() requires a non-empty list of orders')
        max_orders = arguments.positive_int(self.options.get('createOrdersMaxOrders'), 'options["createOrdersMaxOrders"]', MAX_BATCH_ORDERS)
        entries = []
        for entry in orders:
            if not isinstance(entry, dict):
                raise BadRequest(f'{self.id} create_orders() expects dicts, got {shown(entry)}')
            entry_params = arguments.checked_params(entry.get('params'), ORDER_FIELDS + ('timestamp',))
            intent = self._order_intent(entry.get('type'), entry.get('side'), entry.get('amount'), entry.get('price'), entry_params)
            entries.append((arguments.checked_symbol(entry.get('symbol')), intent))
        yield from self._prepare_private()
        yield call('load_markets')
        planned = []
        for symbol, intent in entries:
            market = self.market(symbol)
            request, order = yield from self._order_fields(market, intent)
            planned.append((self.extend(intent.params, request), order, market))
        requests = [self.extend(params, self._batch_create_request([item for item, _, _ in planned[start:start + max_orders]]))
                    for start in range(0, len(planned), max_orders)]
        for request in requests:
            encoding.json_body(request)  # BadRequest now for what JSON cannot carry, not after earlier requests placed orders
        placed, unsure, sent = [], [], 0
        try:
            for request in requests:
                chunk = planned[sent:sent + max_orders]
                sent += len(chunk)
                unsure = [order['clientOrderId'] for _, order, _ in chunk]
                response = yield call('privatePostApiThirdHotOrderBatchCreate', request)
                data = self.safe_value(response, 'data')
                answers = self._batch_answers(data, [order for _, order, _ in chunk])
                results = [self._placed_order(answer, order, market) for answer, (_, order, market) in zip(answers, chunk, strict=True)]
                placed.extend(result for result in results if result is not None)
                unsure = [order['clientOrderId'] for result, (_, order, _) in zip(results, chunk, strict=True) if result is None]
                if unsure:
                    raise self._no_order_id(unsure, data)
        except (KeyboardInterrupt, asyncio.CancelledError) as interruption:
            interruption.orders = placed
            raise
        except BaseError as error:
            raise self._create_orders_interrupted(error, placed, unsure, len(planned) - sent) from error
        except Exception as failure:
            error = unexpected(self.id, 'create_orders', failure)
            raise self._create_orders_interrupted(error, placed, unsure, len(planned) - sent) from failure
        return placed

    def _batch_answers(self, data, orders) -> list:
        """Satori's answer for each of ``orders``, None where it cannot be told which answer is the order's.

        Documented (the batchCreate table): each answer names its ``cOrderId``,
        so an answer goes to the order of that client order id. The orders left
        over take the answers left over, in order, only when there are as many of
        each: with one answer missing and nothing to tell which, none is known.
        """
        answers = [answer for answer in data if isinstance(answer, dict)] if isinstance(data, list) else []
        wanted = {order['clientOrderId'] for order in orders}
        by_client_id, leftover = {}, []
        for answer in answers:
            client_order_id = self._answered_client_order_id(answer)
            if client_order_id in wanted:
                by_client_id.setdefault(client_order_id, []).append(answer)
            else:
                leftover.append(answer)
        matched = [by_client_id[order['clientOrderId']].pop(0) if by_client_id.get(order['clientOrderId']) else None for order in orders]
        unmatched = [index for index, answer in enumerate(matched) if answer is None]
        if len(unmatched) == len(leftover):
            for index, answer in zip(unmatched, leftover, strict=True):
                matched[index] = answer
        return matched

    def _create_orders_interrupted(self, error, placed, unsure, not_sent):
        """``error`` again, with the placed orders as ``orders`` and what became of the others in its message."""
        interrupted = type(error)(f'{error} [create_orders interrupted: {len(placed)} placed (the exception\'s orders attribute); '
                                  f'{len(unsure)} may have been placed, clientOrderId {", ".join(unsure)}; {not_sent} not sent]')
        interrupted.orders = placed
        interrupted.response = getattr(error, 'response', None)
        return interrupted

    def _order_intent(self, type, side, amount, price, params) -> OrderIntent:
        """Checks one order's arguments before any request (BadRequest, ArgumentsRequired, NotSupported)."""
        if not isinstance(type, str) or type not in ('market', 'limit'):
            raise BadRequest(f'{self.id} order type must be "market" or "limit", got {shown(type)}')
        if not isinstance(side, str) or side not in ('buy', 'sell'):
            raise BadRequest(f'{self.id} order side must be "buy" or "sell", got {shown(side)}')
        arguments.refuse_unsupported(params, UNSUPPORTED_ORDER_PARAMS, "Satori's open API takes no trigger, stop-loss, take-profit, "
                                                                  'trailing or cost-based orders')
        if arguments.optional_flag(params, 'hedged'):
            raise NotSupported(f'{self.id} hedged (two-way) positions are not supported: Satori positions are one-way')
        reduce_only = arguments.optional_flag(params, 'reduceOnly')
        is_market = type == 'market'
        price = params.get('price') if price is None else price
        if price is None and not is_market:
            raise ArgumentsRequired(f'{self.id} a limit order requires a price')
        leverage = params.get('leverage')
        if leverage is not None:
            arguments.positive_int(leverage, 'leverage')
        margin_mode = params.get('marginMode')
        if margin_mode is not None and (not isinstance(margin_mode, str) or margin_mode not in vocabulary.POSITION_TYPES):
            raise BadRequest(f'{self.id} marginMode must be one of {", ".join(vocabulary.POSITION_TYPES)}, got {shown(margin_mode)}')
        client_order_id = arguments.client_order_id(params.get('clientOrderId'))
        slippage = arguments.fraction(params.get('slippage', self.options.get('marketOrderSlippage')), 'slippage')
        return OrderIntent(
            type, side, arguments.positive_decimal(amount, 'amount'), None if price is None else arguments.positive_decimal(price, 'price'),
            self._time_in_force(is_market, params), reduce_only, leverage, margin_mode, client_order_id, slippage,
            self.omit(params, list(ORDER_PARAMS)),
        )

    def _time_in_force(self, is_market, params) -> str:
        time_in_force = params.get('timeInForce')
        if time_in_force is not None and not isinstance(time_in_force, str):
            raise BadRequest(f'{self.id} timeInForce must be one of {", ".join(vocabulary.MATCH_TYPES)}, got {shown(time_in_force)}')
        time_in_force = None if time_in_force is None else time_in_force.upper()
        if arguments.optional_flag(params, 'postOnly') or time_in_force == 'PO':
            if is_market or time_in_force not in (None, 'PO'):
                raise BadRequest(f'{self.id} a post-only order must be a limit order with no other timeInForce')
            return 'PO'
        if time_in_force is None:
            return 'IOC' if is_market else 'GTC'
        if time_in_force not in vocabulary.MATCH_TYPES:
            raise BadRequest(f'{self.id} timeInForce must be one of {", ".join(vocabulary.MATCH_TYPES)}, got {shown(time_in_force)}')
        return time_in_force

    def _order_fields(self, market, intent: OrderIntent):
        """(Satori's fields for the order, the order as ccxt will report it); may read the position, the book or the last trade."""
        symbol = market['symbol']
        self._check_precision(market)
        quantity = self.amount_to_precision(symbol, intent.amount)
        leverage, margin_mode = intent.leverage, intent.margin_mode
        if intent.reduce_only:
            position = yield from self._position_to_reduce(market, intent.side, quantity)
            leverage = self.safe_integer(position, 'leverage') if leverage is None else leverage
            margin_mode = self.safe_string(position, 'marginMode') if margin_mode is None else margin_mode
        if intent.price is None:
            price = yield from self._protective_price(market, intent.side, intent.slippage)
        else:
            price = self.price_to_precision(symbol, intent.price)
        client_order_id = intent.client_order_id or self._new_client_order_id()
        request = self._order_request(market, intent, client_order_id, quantity, price, leverage, margin_mode)
        order = {'clientOrderId': client_order_id, 'symbol': symbol, 'type': intent.type, 'side': intent.side, 'price': price,
                 'amount': quantity, 'timeInForce': intent.time_in_force, 'postOnly': intent.time_in_force == 'PO',
                 'reduceOnly': intent.reduce_only}
        return request, order

    def _position_to_reduce(self, market, side, quantity):
        """The open position a reduce-only order of ``quantity`` on ``side`` may reduce, else InvalidOrder."""
        records = yield from self._position_records(market, self._page_size(None, {})[0])
        positions = [self.parse_position(record, market) for record in records]
        positions = [position for position in positions if (position['contracts'] or 0) > 0]
        if not positions:
            raise InvalidOrder(f'{self.id} reduceOnly {side} order on {market["symbol"]}: there is no open position to reduce')
        position = positions[0]
        if (position['side'] == 'long') == (side == 'buy'):
            raise InvalidOrder(f'{self.id} reduceOnly {side} order on {market["symbol"]} would increase the {position["side"]} position')
        contracts = self.number_to_string(position['contracts'])
        if Precise.string_gt(quantity, contracts):
            raise InvalidOrder(f'{self.id} reduceOnly {side} order of {quantity} on {market["symbol"]} exceeds the {contracts} position')
        return position

    def _protective_price(self, market, side, slippage):
        """The worst price a market order accepts: the best opposite price, else the last trade, moved ``slippage`` against it."""
        symbol = market['symbol']
        reference = None
        try:
            book = yield call('fetch_order_book', symbol, 1)
            levels = book['asks'] if side == 'buy' else book['bids']
            reference = self.number_to_string(levels[0][0]) if levels else None
        except (BadRequest, NotSupported):  # the book is undocumented: a Satori without it falls back to the last trade
            pass
        if reference is None:
            trades = yield call('fetch_trades', symbol, None, 1)
            reference = self.number_to_string(trades[-1]['price']) if trades and trades[-1]['price'] else None
        if reference is None:
            raise InvalidOrder(f'{self.id} market {side} order on {symbol} needs a price: the book and the trade history are empty')
        return decimals.protective_price(reference, slippage, self.safe_string(market['precision'], 'price'), side == 'buy')

    _client_order_sequence = 0

    def _new_client_order_id(self) -> str:
        # The docs use the ms clock as the client id; a 3-digit counter keeps orders placed in one ms apart.
        self._client_order_sequence = (self._client_order_sequence + 1) % 1000
        return f'{self.milliseconds()}{self._client_order_sequence:03d}'

    def _no_order_id(self, client_order_ids, data):
        return BadResponse(f'{self.id} Satori did not answer an order id for clientOrderId {", ".join(client_order_ids)}; '
                           f'the order may exist (fetch_open_orders shows it): {str(data)[:200]!r}')

    # ----- reading ---------------------------------------------------------------------------

    @unified(sets=ORDER_ID_FIELDS)
    def fetch_order(self, id: str, symbol: Str = None, params: dict = {}) -> Flow[Order]:
        """One of the caller's orders by id, in any state (``POST /api/third/order/queryOrder``, undocumented).

        Raises OrderNotFound for an id Satori does not know as one of the caller's orders.
        """
        entrust_id = arguments.order_id(id)
        yield from self._prepare_private()
        yield call('load_markets')
        market = None if symbol is None else self.market(symbol)
        try:
            response = yield call('privatePostApiThirdOrderQueryOrder', self.extend(params, self._order_id_request(entrust_id)))
        except BadRequest as error:
            if queried_order(getattr(error, 'response', None)) == NOT_FOUND:
                raise OrderNotFound(f'{self.id} order {entrust_id} not found ({error})') from error
            raise
        found = queried_order(response)
        if found == NOT_FOUND:
            raise OrderNotFound(f'{self.id} order {entrust_id} not found: {str(response)[:200]!r}')
        if found is None:
            raise BadResponse(f'{self.id} queryOrder answered no order for {entrust_id}: {str(response.get("data"))[:200]!r}')
        return self.parse_order(found, market)

    @unified(sets=PAGED_LIST_FIELDS)
    def fetch_open_orders(
            self, symbol: Str = None, since: Int = None, limit: Int = None, params: dict = {},
    ) -> Flow[list[Order]]:
        """The caller's open orders, oldest first (``POST /api/third/order/selectContractCurrentEntrustList``).

        Pages through ``pageNo`` (``options['pageSize']`` or ``params['pageSize']``
        a page, at most 100) until every order is read, or the newest ``limit``
        when there is no ``since``. Satori lists one pair at a time, so without
        ``symbol`` every market is asked, the async class asking several at once
        (``options['fetchConcurrency']``).
        """
        page_size, request_params = self._page_size(limit, params)
        yield from self._prepare_private()
        yield call('load_markets')
        if symbol is None:
            # The ``limit`` orders kept of all markets are among the ``limit`` kept of each: the same orders as one list.
            per_market = yield from self._gathered([call('fetch_open_orders', name, since, limit, params) for name in self.symbols])
            return self.filter_by_since_limit(self._oldest_first([order for orders in per_market for order in orders]), since, limit)
        market = self.market(symbol)
        enough = None if limit is None or since is not None else (lambda found: len(found) >= limit)
        records = yield from self._pages('privatePostApiThirdOrderSelectContractCurrentEntrustList',
                                         self.extend(request_params, self._pair_request(market)), page_size, enough)
        orders = self.parse_orders(records, market, None, None, {'status': 'open'})
        return self.filter_by_since_limit(self._oldest_first(orders), since, limit)

    @unified(sets=PAGED_LIST_FIELDS)
    def fetch_my_trades(
            self, symbol: Str = None, since: Int = None, limit: Int = None, params: dict = {},
    ) -> Flow[list[Trade]]:
        """The caller's fills on one market, oldest first (``POST /api/third/order/selectContractMatchPairList``).

        Satori pages backwards from the newest fill: ``matchId`` asks for the
        fills before it (``params['matchId']`` starts further back). This reads
        until a fill older than ``since``, else until ``limit`` fills, else one
        page of ``options['pageSize']``.
        """
        if symbol is None:
            raise ArgumentsRequired(f'{self.id} fetch_my_trades() requires a symbol: Satori lists fills one pair at a time')
        page_size, params = self._page_size(limit, params)
        yield from self._prepare_private()
        yield call('load_markets')
        market = self.market(symbol)
        fills = yield from self._fill_records(market, since, limit, page_size, params)
        return self.parse_trades(fills, market, since, limit)

    def _fill_records(self, market, since, limit, page_size, params):
        """Fill records of ``market``, newest first: back to ``since``, else ``limit`` of them, else one page."""
        def enough(fills):
            if since is not None:
                return any((self._created(fill) or 0) < since for fill in fills)
            return limit is None or len(fills) >= limit
        return (yield from self._pages('privatePostApiThirdOrderSelectContractMatchPairList',
                                       self.extend(params, self._pair_request(market)), page_size, enough, FILL_CURSOR))

    # ----- finished orders -------------------------------------------------------------------

    @unified(sets=HISTORY_FIELDS)
    def fetch_orders(
            self, symbol: Str = None, since: Int = None, limit: Int = None, params: dict = {},
    ) -> Flow[list[Order]]:
        """Open and finished orders, oldest first: ``fetch_open_orders`` plus orders/histories (see ``fetch_closed_orders``).

        Raises NotSupported where Satori does not serve orders/histories: a cancelled
        order that never traded is then out of reach, so no complete list exists.
        """
        finished = yield from self._finished_orders('fetch_orders', symbol, since, limit, params, FINISHED, False)
        if symbol is None:   # each market's fetch_orders, open orders included
            return finished
        opened = yield call('fetch_open_orders', symbol, since, None)
        return self.filter_by_since_limit(self._oldest_first(opened + finished), since, limit)

    @unified(sets=HISTORY_FIELDS)
    def fetch_closed_orders(
            self, symbol: Str = None, since: Int = None, limit: Int = None, params: dict = {},
    ) -> Flow[list[Order]]:
        """The caller's filled orders, oldest first.

        From ``GET /api/third/v1/orders/histories`` (seen on a later deployment
        only; assumed: it lists finished orders, filters ``beginTime``/``endTime``
        on the creation time, answers at most 100 a request). Pages forward from
        ``since``, else backward from ``params['until']`` or now, until ``limit``
        orders are found. Without ``symbol`` every market is asked, several at once in the async class.

        Where Satori does not serve it (learned from the first 404, once per
        instance), the orders behind the caller's fills (back to ``since``, else
        the latest page of them) are read one by one with ``fetch_order``, and
        the filled ones returned: a filled order always has fills.
        """
        return (yield from self._finished_orders('fetch_closed_orders', symbol, since, limit, params, ('closed',), True))

    @unified(sets=HISTORY_FIELDS)
    def fetch_canceled_orders(
            self, symbol: Str = None, since: Int = None, limit: Int = None, params: dict = {},
    ) -> Flow[list[Order]]:
        """The caller's cancelled orders, oldest first, from orders/histories (see ``fetch_closed_orders``).

        Raises NotSupported where Satori does not serve orders/histories.
        """
        return (yield from self._finished_orders('fetch_canceled_orders', symbol, since, limit, params, ('canceled',), False))

    @unified(sets=HISTORY_FIELDS)
    def fetch_canceled_and_closed_orders(
            self, symbol: Str = None, since: Int = None, limit: Int = None, params: dict = {},
    ) -> Flow[list[Order]]:
        """Every finished order (filled, cancelled, expired), oldest first, from orders/histories (see ``fetch_closed_orders``).

        Raises NotSupported where Satori does not serve orders/histories.
        """
        return (yield from self._finished_orders('fetch_canceled_and_closed_orders', symbol, since, limit, params, FINISHED, False))

    def _finished_orders(self, method, symbol, since, limit, params, statuses, fills_fallback):
        limit = None if limit is None else arguments.positive_int(limit, 'limit')
        since = None if since is None else arguments.positive_int(since, 'since')
        until = self.safe_value(params, 'until')
        until = None if until is None else arguments.positive_int(until, 'until')
        request_params = self.omit(params, 'until')
        yield from self._prepare_private()
        yield call('load_markets')
        if symbol is None:
            # ``method`` of each market, several at once in the async class.
            # The ``limit`` orders kept of all markets are among the ``limit`` kept of each: the same orders as one list.
            per_market = yield from self._gathered([call(method, name, since, limit, params) for name in self.symbols])
            return self.filter_by_since_limit(self._oldest_first([order for orders in per_market for order in orders]), since, limit)
        market = self.market(symbol)
        found = yield from self._order_history(market, since, until, limit, request_params, statuses)
        if found is None:
            if not fills_fallback:
                raise NotSupported(f'{self.id} {method}() needs GET /api/third/v1/orders/histories, which this Satori does not '
                                   f'serve; without it a cancelled order that never traded cannot be listed')
            found = yield from self._closed_orders_from_fills(market, since, until, limit)
        return self.filter_by_since_limit(self._oldest_first(found), since, limit)

    def _order_history(self, market, since, until, limit, params, statuses):
        """The finished orders of ``market`` whose status is one of ``statuses``, or None where orders/histories is not served."""
        request = self._history_request(market, since, until, since is not None)
        found, seen = [], set()
        while True:
            response = yield from self._served('privateGetApiThirdV1OrdersHistories', self.extend(params, request))
            if response is None:
                return None
            page = self._records(response)
            fresh = [record for record in page if self._record_id(record) not in seen]
            seen.update(self._record_id(record) for record in fresh)
            orders = [self.parse_order(record, market) for record in fresh]
            found.extend(order for order in orders if order['status'] in statuses)
            times = [order['timestamp'] for order in orders if order['timestamp'] is not None]
            if len(page) < MAX_ORDER_HISTORY_LIMIT or not times or (limit is not None and len(found) >= limit):
                return found
            # The next page starts at the last time seen (inclusive: orders of that second that did not fit come again).
            if since is not None:
                request = self._history_request(market, max(times), until, True)
            else:
                request = self._history_request(market, None, min(times), False)

    def _closed_orders_from_fills(self, market, since, until, limit):
        """Filled orders of ``market`` found through the fills, newest first, each read with ``fetch_order``."""
        fills = yield from self._fill_records(market, since, None, self._page_size(None, {})[0], {})
        # An order created at or after ``since`` was filled after it too: older fills need no look.
        fills = [fill for fill in fills if since is None or (self._created(fill) or 0) >= since]
        order_ids = dict.fromkeys(self._fill_order_id(fill) for fill in fills)
        closed = []
        for order_id in order_ids:
            if decimals.whole_number(order_id) is None:  # no id the order could be asked by
                continue
            order = yield call('fetch_order', order_id, market['symbol'])
            timestamp = order['timestamp'] or 0
            if order['status'] == 'closed' and (since is None or timestamp >= since) and (until is None or timestamp <= until):
                closed.append(order)
                if limit is not None and len(closed) >= limit:
                    break
        return closed

    def _oldest_first(self, orders) -> list:
        # By time, then by id: orders placed in the same millisecond share a time, and Satori's order ids grow with each order.
        return sorted(orders, key=lambda order: (order['timestamp'] or 0, decimals.id_sort_key(order['id'])))

    # ----- cancelling ------------------------------------------------------------------------

    @unified(sets=CANCEL_ALL_FIELDS)
    def cancel_all_orders(self, symbol: Str = None, params: dict = {}) -> Flow[list[Order]]:
        """Cancels every open order, on one market or on all (``POST /api/third/order/cancelAll``, undocumented).

        ``params['side']`` ('buy' or 'sell') narrows it to one side (``isLong``).
        Satori answers one result per order (captured on Satori), returned as one
        order each: ``canceled``, ``closed`` (filled first) or ``open`` (refused;
        Satori's ``resultMsg`` is in ``info``). An answer of a bare ``true``
        names no order: the one entry returned then carries it in ``info``.
        """
        side = params.get('side')
        if side is not None and (not isinstance(side, str) or side not in ('buy', 'sell')):
            raise BadRequest(f'{self.id} cancel_all_orders() side must be "buy" or "sell", got {shown(side)}')
        yield from self._prepare_private()
        yield call('load_markets')
        market = None if symbol is None else self.market(symbol)
        request = self.extend(self.omit(params, 'side'), self._cancel_all_request(market, side))
        response = yield call('privatePostApiThirdOrderCancelAll', request)
        results = self.safe_value(response, 'data')
        if isinstance(results, list):
            return [self._cancel_all_result(result, market) for result in results if isinstance(result, dict)]
        return [self.safe_order({'info': response, 'symbol': None if market is None else market['symbol']})]

    @unified(sets=ORDER_ID_FIELDS)
    def cancel_order(self, id: str, symbol: Str = None, params: dict = {}) -> Flow[Order]:
        """Cancels one order (``POST /api/third/order/cancelEntrust``) and returns it with status ``'canceled'``.

        An order that cannot be cancelled raises: ``OrderAlreadyCanceled`` (2125)
        or ``OrderFilled`` (2126), both ``OrderNotFound``; ``OrderExpired``
        (2103), an ``InvalidOrder``. When Satori refuses (2319, a 2001 that names
        the order id, or an unconfirmed ``data: false``), the order's state is learned with
        queryOrder (``fetch_order``'s endpoint) before anything is raised:
        ``OrderNotFound`` for an id Satori does not know, ``OrderCancelRefused``
        (an ``ExchangeError``) for an order still open, and the error of a
        filled, cancelled or expired order for one that ended meanwhile. If
        that query fails too, its failure is raised, the refusal chained to it.

        With ``params['clientOrderId']`` and no ``id`` (as ccxt's
        ``cancel_order_with_client_order_id`` calls it), the order is named by its
        client id (``POST /api/third/order/cancelEntrustByCli``, undocumented; the
        SDK calls it); the order returned then has no ``id``, as Satori's answer names none,
        and a refusal raises ``OrderCancelRefused``: queryOrder asks by id only.
        """
        client_order_id = arguments.client_order_id(params.get('clientOrderId'))
        if client_order_id is None:
            entrust_id = arguments.order_id(id)
            endpoint, request, named = 'privatePostApiThirdOrderCancelEntrust', self._order_id_request(entrust_id), f'order {entrust_id}'
        elif id not in (None, ''):
            raise BadRequest(f'{self.id} cancel_order() takes an order id or params["clientOrderId"], not both')
        else:
            entrust_id = None
            endpoint, request = 'privatePostApiThirdOrderCancelEntrustByCli', self._client_order_id_request(client_order_id)
            named = f'the order with clientOrderId {client_order_id}'
        yield from self._prepare_private()
        symbol = yield from self._reported_symbol(symbol)
        try:
            response = yield call(endpoint, self.extend(params, request))
        except BaseError as error:
            if entrust_id is None or cancel_outcome(getattr(error, 'response', None)) != REFUSED:
                raise
            refusal = error
        else:
            if cancel_outcome(response) == 'canceled':
                return dict(self._cancel_result(entrust_id, 'canceled', response, symbol), clientOrderId=client_order_id)
            refusal = OrderCancelRefused(f'{self.id} cancel of {named} was not confirmed (data: {str(response.get("data"))[:100]})')
            refusal.response = response
            if entrust_id is None:
                raise refusal
        raise (yield from self._refused_cancel_error(entrust_id, refusal))

    def _refused_cancel_error(self, entrust_id, refusal):
        """The error for a cancel of ``entrust_id`` that Satori refused (``refusal``), once queryOrder has told the order's state."""
        try:
            answer = yield call('privatePostApiThirdOrderQueryOrder', self._order_id_request(entrust_id))
        except BaseError as error:
            answer = getattr(error, 'response', None)
            if queried_status(answer) is None:
                unknown = type(error)(f'{error} [the cancel of order {entrust_id} was refused ({refusal}); its state is unknown]')
                unknown.response = getattr(error, 'response', None)
                raise unknown from refusal
        status = queried_status(answer)
        if status is None:
            error = BadResponse(f'{self.id} the cancel of order {entrust_id} was refused ({refusal}) and queryOrder answered no state '
                                f'for it: {str(answer)[:200]!r}')
        elif status == NOT_FOUND:
            error = OrderNotFound(f'{self.id} order {entrust_id} not found: Satori refused its cancel ({refusal}) and queryOrder does not '
                                  f'know it')
        else:
            kind, words = REFUSED_CANCEL_ERRORS[status]
            error = kind(f'{self.id} the cancel of order {entrust_id} was refused ({refusal}); queryOrder says it is {words}')
        error.response = refusal.response
        return error

    @unified(sets=BATCH_CANCEL_FIELDS)
    def cancel_orders(
            self, ids: list[str], symbol: Str = None, params: dict = {},
    ) -> Flow[list[Order]]:
        """Cancels every id and returns one order per distinct id, in request order, with its true status.

        Ids go out in batches (at most ``options['cancelOrdersMaxIds']``) to
        ``batchCancelEntrust``, which stops at the first order it cannot
        cancel; the ids of a stopped batch are then settled with single
        cancels, and batches shrink where failures are dense and grow back
        where they are not (see ``batch_cancel.py``: at most n + ceil(log2 n)
        + 2 cancel requests). The async class sends the single cancels and
        state queries whose answers do not depend on each other together, at
        most ``options['cancelOrdersConcurrency']`` at a time. An id Satori
        refuses to cancel is looked up with queryOrder.

        Statuses: ``'canceled'`` (by this call or already), ``'closed'``
        (filled), ``'expired'``, ``'open'`` (Satori refused and the order is
        still open), or ``'rejected'`` (Satori does not know the id;
        ``info['notFound']`` is True). ``info`` holds Satori's answer; for a
        refused id, ``{'cancel': <the refusal>, 'queryOrder': <its answer>,
        'notFound': bool}``.

        ``params['progress']``, a callable, is called as ``progress(settled,
        total)`` after every round of requests (ids with a known final state,
        distinct ids); it is never sent to Satori.

        Any failure once the ids are checked (network, rate limit, maintenance,
        authentication, the clock request, Ctrl-C ...) raises with an
        ``orders`` attribute that lists every id, with status None for those
        whose state is unknown: a ccxt exception of the mapped class, or the
        same KeyboardInterrupt / CancelledError. The answers that came back
        in the same round as the failure are kept.
        """
        ids = arguments.order_ids(ids)
        progress = params.get('progress')
        if progress is not None and not callable(progress):
            raise BadRequest(f'{self.id} cancel_orders() params["progress"] must be a callable progress(settled, total), '
                             f'got {shown(progress)}')
        params = self.omit(params, 'progress')
        max_ids, concurrency = self._positive_option('cancelOrdersMaxIds'), self._positive_option('cancelOrdersConcurrency')
        # The sync class makes gathered calls one after another: a window of one id wastes no single cancel on ids a batch could take.
        plan = BatchCancelPlan(ids, max_ids, concurrency if self.gathers_concurrently else 1)
        reported_symbol = window = None
        try:
            yield from self._prepare_private()
            reported_symbol = yield from self._reported_symbol(symbol)
            while (step := plan.next_step()) is not None:
                window = gather([self._cancel_call(request, params) for request in step], plan.concurrency)
                yield window
                failure = self._record_cancel_window(plan, step, window)
                window = None
                if failure is not None:
                    raise failure
                if progress is not None:
                    progress(plan.settled_count(), len(plan.ids))
        except (KeyboardInterrupt, asyncio.CancelledError) as interruption:
            # Not ours to replace: the same interruption goes on, carrying what is known of every id.
            if window is not None:
                self._record_cancel_window(plan, step, window)
            interruption.orders = self._cancel_results(plan, reported_symbol)
            raise
        except BaseError as error:
            raise self._cancel_orders_interrupted(plan, error, reported_symbol) from error
        except Exception as failure:
            raise self._cancel_orders_interrupted(plan, unexpected(self.id, 'cancel_orders', failure), reported_symbol) from failure
        return self._cancel_results(plan, reported_symbol)

    def _cancel_call(self, request, params):
        if request.kind == BATCH:
            return call('privatePostApiThirdOrderBatchCancelEntrust', self.extend(params, self._batch_cancel_request(request.ids)))
        if request.kind == CANCEL:
            return call('privatePostApiThirdOrderCancelEntrust', self.extend(params, self._order_id_request(request.ids[0])))
        # QUERY: the caller's params are the cancel's
        return call('privatePostApiThirdOrderQueryOrder', self._order_id_request(request.ids[0]))

    def _record_cancel_window(self, plan, step, window):
        """Records every answer of ``window`` in ``plan``; returns the failure to raise for the first answer that said nothing, if any.

        A failure's envelope (2125, 2319 ...) is an answer like a success; a
        call that never finished (an interruption) says nothing.
        """
        silent = plan.record(step, [answer_in(outcome) for outcome in window.outcomes])
        for position in silent:
            outcome = window.outcomes[position]
            if isinstance(outcome, BaseException):
                return outcome
            if outcome is not UNFINISHED:   # a success that says nothing: queryOrder's ``data`` is no order with a known status
                return BadResponse(f'{self.id} queryOrder answered no state for order {step[position].ids[0]}: {str(outcome)[:200]!r}')
        return None

    def _reported_symbol(self, symbol):
        """The unified symbol that cancel results carry: None without one, else the market's (BadSymbol for an unknown one)."""
        if symbol is None:
            return None
        yield call('load_markets')
        return self.market(symbol)['symbol']

    def _cancel_results(self, plan, symbol) -> list:
        return [self._cancel_result(order_id, status, info, symbol) for order_id, status, info in plan.results()]

    def _cancel_orders_interrupted(self, plan, error, symbol):
        """``error`` again, with every id's known state attached as ``orders`` and summed up in the message."""
        results = plan.results()
        unsettled = plan.unsettled()
        settled = Counter(status for _, status, _ in results if status is not None)
        summary = ', '.join(f'{count} {status}' for status, count in sorted(settled.items())) or 'none'
        unknown = f'{len(unsettled)} of {len(results)} ids in an unknown state' + (f' (first {unsettled[0]})' if unsettled else '')
        interrupted = type(error)(f'{error} [cancel_orders interrupted: {unknown}; settled: {summary}; '
                                  f'the exception\'s orders attribute lists every id]')
        interrupted.orders = self._cancel_results(plan, symbol)
        interrupted.response = getattr(error, 'response', None)
        return interrupted

    _empty_order = None

    def _cancel_result(self, order_id, status, info, symbol):
        # safe_order's structure, built once: safe_order itself costs ~40 us an order,
        # most of the client's CPU time in a 1000-id cancel (benchmarks/bench_cancel.py).
        if self._empty_order is None:
            self._empty_order = self.safe_order({})
        return dict(self._empty_order, id=order_id, status=status, info=info if info is not None else {}, symbol=symbol,
                    fees=[], trades=[])
