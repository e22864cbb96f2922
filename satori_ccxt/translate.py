"""The translation edge: the one module of the REST client that spells Satori's field and parameter names.

Request builders turn what a unified method decided (a market, an order, a
page) into Satori's request fields; response readers (ccxt's ``parse_*`` hooks
among them) turn Satori's records into ccxt's structures; the paged lists are
read here too. The mixins (``orders.py``, ``account.py``, ``market_data.py``),
their base (``base.py``) and the rest of the client (``pro.py``, ``verify.py``,
``batch_cancel.py`` ...) speak ccxt and call these; ``SATORI_NAMES`` lists the
names only Satori speaks, and a test (tests/integration/test_repository.py)
fails when a module other than the vocabulary ones spells such a name itself.
Satori's enumerations and envelope are in ``vocabulary.py``, its streams' names
in ``streams.py``, its endpoint paths in ``describe.py``; docs/evidence.md
grades the evidence for every name.
"""

from ccxt.base.errors import BadRequest, BadResponse, ExchangeError, InvalidOrder
from ccxt.base.precise import Precise

from . import decimals, encoding, vocabulary
from .base import COMPACT_DATE_TIME, SatoriBase, utc_ms
from .describe import FUNDING_INTERVAL, MAX_ORDER_HISTORY_LIMIT
from .flow import call
from .shapes import decimals_of

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
# The fields of a closeOrder request that closing writes from the position: a caller's params may not carry them.
CLOSE_FIELDS = ('contractPositionId', 'isMarket', 'quantity')
BALANCE_FIELDS = ('symbol',)
PAIR_FIELDS = ('pairName',)
LIMITED_PAIR_FIELDS = ('pairName', 'limit')
KLINE_FIELDS = ('pairName', 'period', 'limit', 'end_time')
FUNDING_HISTORY_FIELDS = ('pairName', 'limit', 'beginTime', 'endTime')
MARGIN_FIELDS = ('call', 'marginAmount')
LEVER_FIELDS = ('contractPairId',)
# selectContractMatchPairList pages backwards from this fill id.
FILL_CURSOR = 'matchId'
# A fill names the order it belongs to in this field.
FILL_ORDER_ID = 'entrustId'

HOUR_MS = 3_600_000  # Satori charges funding at every full hour, and lists it hourly

# cancelAll's per-order ``resultCode`` -> ccxt status. Captured on Satori: 1 "canceled: cancel success from book".
# 2 and 3 as cancelled, 4 as filled and any other code as a refusal (the order stays open) is how a later
# deployment's client reads them (assumed).
CANCEL_ALL_STATUSES = {'1': 'canceled', '2': 'canceled', '3': 'canceled', '4': 'closed'}

# The names only Satori speaks (ccxt's own words such as ``symbol``, ``price`` or ``limit`` are not listed: the
# mixins use them as ccxt's). A module outside the vocabulary ones that spells one of these as a string literal fails
# test_repository.py.
SATORI_NAMES = frozenset({
    'pairName', 'isLong', 'isMarket', 'lever', 'matchType', 'positionType', 'quantity', 'sortByAsc', 'beginTime', 'endTime',
    'entrustId', 'entrustIds', 'pageNo', 'matchId', 'cOrderId', 'corderId', 'orderId', 'resultCode', 'triggerType',
    'dealQuantity', 'dealAmount', 'updateTime', 'createTime', 'createTimeStamp', 'availableAmount', 'frozenAmount', 'openingPrice',
    'marginAmount', 'marginCallAmount', 'unrealizedPnl', 'realizedPnl', 'restrictPrice', 'lossType', 'lossPrice', 'profitType',
    'profitPrice', 'tariffAmount', 'contractPositionId', 'remainingCloseQuantity', 'contractPairId', 'settleCoinName',
    'settleCoinSymbol', 'tradeDecimal', 'quantityDecimal', 'priceDecimal', 'makerTradeFeeRate', 'takerTradeFeeRate', 'minLever',
    'maxLever', 'minCount', 'maxCount', 'tradable', 'hight', 'contractMatchPairId', 'isTaker', 'tradeFee', 'averagePrice',
    'accountCoinSymbol', 'fundingRateTime', 'period', 'end_time',
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
        page_number = 1
        paging = self._page_request(page_number, page_size)
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
                page_number += 1
                paging = self._page_request(page_number, page_size)
            else:
                ids = [self.safe_integer(record, 'id') for record in fresh]
                ids = [record_id for record_id in ids if record_id is not None and record_id > 0]
                if not ids:
                    return collected
                paging = {cursor: min(ids), **self._page_request(1, page_size)}

    def _position_records(self, market, page_size, params={}):
        """The position list's records on ``market`` (Satori lists one pair at a time)."""
        return (yield from self._pages('privatePostApiThirdHotOrderSelectContractPositionList',
                                       self.extend(params, self._pair_request(market)), page_size))

    # ----- markets -----------------------------------------------------------------------------

    def _check_precision(self, market):
        """InvalidOrder, before anything is sent, for a market whose pair list gave no decimals.

        Satori refuses a quantity or price with more decimals than the pair
        allows; sending unrounded numbers would only find that out, or worse,
        rest an order other than the one meant.
        """
        for key, fields in (('amount', 'tradeDecimal (or quantityDecimal)'), ('price', 'priceDecimal')):
            if market['precision'][key] is None:
                symbol = market['symbol']
                raise InvalidOrder(f'{self.id} cannot round an order on {symbol}: Satori\'s pair list gives no {fields}, so the '
                                   f'{key} precision is unknown; set markets[{symbol!r}]["precision"]["{key}"] to trade it')

    # ----- records of any kind -----------------------------------------------------------------

    def _created(self, item):
        """When an order, fill or position was created: ``createTimeStamp``, else ``createTime`` read as UTC.

        Captured on Satori: open orders and positions carry ``createTimeStamp: null``
        and the time only in ``createTime``; fills carry both.
        """
        return self._timestamp(item, 'createTimeStamp') or utc_ms(self.safe_string(item, 'createTime'))

    # ----- requests --------------------------------------------------------------------------

    def _page_request(self, page_number, page_size) -> dict:
        """The paging fields of a list endpoint: page ``page_number`` (from 1) of ``page_size`` records."""
        return {'pageNo': page_number, 'pageSize': page_size}

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

    def _balance_request(self, coin) -> dict:
        """The balance request of one settle coin."""
        return {'symbol': coin}

    def _margin_request(self, add, margin_amount, position_id) -> dict:
        """callMarginAmount's fields: ``margin_amount`` into (``add``) or out of the position ``position_id``."""
        return {'call': add, 'marginAmount': margin_amount, 'positionId': position_id}

    def _user_lever_request(self, pair_id) -> dict:
        return {'contractPairId': pair_id}

    def _close_request(self, market, record, price, amount, client_order_id):
        """(the position's id, closeOrder's fields) closing ``record``: ``amount`` (else all it can) at ``price`` (else at market)."""
        position_id = self.safe_integer(record, 'id')
        if position_id is None or position_id <= 0:
            raise BadRequest(f'{self.id} the position on {market["symbol"]} has no id to close it by: {str(record)[:200]!r}')
        if price is not None or amount is not None:
            self._check_precision(market)
        quantity = self._decimal(record, 'remainingCloseQuantity') or self._decimal(record, 'quantity')
        if amount is not None:
            quantity = self.amount_to_precision(market['symbol'], amount)
        return position_id, {
            'contractPositionId': position_id,
            'isMarket': price is None,
            # The SDK and a later deployment's client send "0" as the price of a market close (assumed accepted as such).
            'price': '0' if price is None else self.price_to_precision(market['symbol'], price),
            'quantity': quantity,
            'clientOrderId': client_order_id,
        }

    def _depth_request(self, market, depth) -> dict:
        """depth's fields: ``depth`` levels a side of ``market``'s book."""
        return {'pairName': market['id'], 'limit': depth}

    def _trades_request(self, market, limit) -> dict:
        """info/trades' fields: the latest ``limit`` trades of ``market`` (None: Satori's default)."""
        request = {} if limit is None else {'limit': limit}
        request['pairName'] = market['id']
        return request

    def _candles_request(self, period, limit, end=None) -> dict:
        """kline's fields but the pair: ``limit`` candles of ``period`` (None: Satori's default) ending at ``end`` (ms; None: now)."""
        request = {'period': period}
        if limit is not None:
            request['limit'] = limit
        if end is not None:
            # The SDK names the end time ``end_time`` (ms, the time the last candle holds; assumed to be inclusive).
            request['end_time'] = end
        return request

    def _funding_history_request(self, market, limit, begin, end) -> dict:
        """funding/history's fields: at most ``limit`` rates of ``market`` charged from ``begin`` to ``end`` (ms; None: open-ended)."""
        request = {'limit': limit}
        if begin is not None:
            request['beginTime'] = begin
        if end is not None:
            request['endTime'] = end
        request['pairName'] = market['id']
        return request

    # ----- the account -------------------------------------------------------------------------

    def _balance_account(self, response):
        """One coin's balance answer as ccxt's account: free and used."""
        data = self.safe_dict(response, 'data', {})
        return {
            'free': self._decimal(data, 'availableAmount'),
            'used': self._decimal(data, 'frozenAmount'),
        }

    def _price_data(self, response):
        # markPrice answers a decimal string (captured on a later deployment); indexPrice is assumed to answer the same.
        return self._decimal(response, 'data')

    def parse_position(self, position, market=None):
        """A position of the position list, without the mark price (``fetch_positions`` adds it)."""
        return self._position(position, market, None)

    def _position(self, position, market, mark_price):
        """A position of the position list valued at ``mark_price`` (None: unknown).

        Captured on Satori: ``createTimeStamp`` and ``unrealizedPnl`` come null;
        the time is read from ``createTime`` (UTC) and the unrealised PnL is
        worked out at the mark price where Satori gives none.
        """
        market = self._pair_market(self.safe_string(position, 'symbol'), market)
        is_long = self.safe_bool(position, 'isLong')
        timestamp = self._created(position)
        contracts = self._decimal(position, 'quantity')
        entry_price = self._decimal(position, 'openingPrice')
        initial_margin = self._decimal(position, 'marginAmount')
        # The margin added with callMarginAmount is held in the position too.
        position_margin = initial_margin and Precise.string_add(initial_margin, self._decimal(position, 'marginCallAmount') or '0')
        unrealized_pnl = self._decimal(position, 'unrealizedPnl')
        if unrealized_pnl is None and None not in (mark_price, entry_price, contracts, is_long):
            gain_per_contract = Precise.string_sub(mark_price, entry_price) if is_long else Precise.string_sub(entry_price, mark_price)
            unrealized_pnl = Precise.string_mul(gain_per_contract, contracts)
        notional = None if mark_price is None or contracts is None else Precise.string_mul(contracts, mark_price)
        leverage = self._decimal(position, 'lever')
        return self.safe_position({
            'id': self.safe_string(position, 'id'),
            'symbol': market['symbol'],
            'timestamp': timestamp,
            'datetime': self.iso8601(timestamp),
            'lastUpdateTimestamp': None,
            'side': None if is_long is None else ('long' if is_long else 'short'),
            'hedged': False,
            'marginMode': vocabulary.MARGIN_MODES.get(self.safe_string(position, 'positionType')),
            'contracts': self.parse_number(contracts),
            'contractSize': self.safe_number(market, 'contractSize'),
            'entryPrice': self.parse_number(entry_price),
            'markPrice': self.parse_number(mark_price),
            'notional': self.parse_number(notional),
            'leverage': self.parse_number(leverage),
            'initialMargin': self.parse_number(initial_margin),
            'initialMarginPercentage': self.parse_number(decimals.ratio('1', leverage)),
            'maintenanceMargin': None,
            'maintenanceMarginPercentage': None,
            'positionMargin': self.parse_number(position_margin),
            'collateral': self.parse_number(position_margin and unrealized_pnl and Precise.string_add(position_margin, unrealized_pnl)),
            'unrealizedPnl': self.parse_number(unrealized_pnl),
            'realizedPnl': self._number(position, 'realizedPnl'),
            'percentage': self.parse_number(decimals.ratio(unrealized_pnl, initial_margin, '100')),
            # Inferred (docs/evidence.md): ``restrictPrice`` is the liquidation price; 0 (a fully margined long) is none.
            'liquidationPrice': self._positive_number(position, 'restrictPrice'),
            'marginRatio': None,
            # Type 0 means none set; Satori then sends the price as "0" (captured on Satori).
            'stopLossPrice': self._trigger_price(position, 'lossType', 'lossPrice'),
            'takeProfitPrice': self._trigger_price(position, 'profitType', 'profitPrice'),
            'info': position,
        })

    def _trigger_price(self, position, type_key, price_key):
        return None if self.safe_string(position, type_key) in (None, '0') else self._positive_number(position, price_key)

    def _positive_number(self, item, key):
        price = self._decimal(item, key)
        return self.parse_number(price) if price is not None and Precise.string_gt(price, '0') else None

    def _position_id(self, record):
        """A position record's id as an int, or None."""
        return self.safe_integer(record, 'id')

    def _position_quantity(self, record):
        return self._decimal(record, 'quantity')

    def _position_is_long(self, record):
        return self.safe_bool(record, 'isLong')

    def _position_funding(self, record, market, timestamp):
        """The funding entry of a position record (its ``tariffAmount``, the funding it has accumulated), or None without one."""
        amount = self._decimal(record, 'tariffAmount')
        if amount is None:
            return None
        return {'info': record, 'symbol': market['symbol'], 'code': market['settle'], 'timestamp': timestamp,
                'datetime': self.iso8601(timestamp), 'id': self.safe_string(record, 'id'),
                'amount': self.parse_number(amount), 'rate': None, 'type': None}

    def _closing_order(self, response, position_id, record, request, market, client_order_id):
        """The order closeOrder's ``response`` placed to close ``record`` with ``request``; raises if it was not confirmed."""
        data = self.safe_value(response, 'data')
        # Assumed: closeOrder answers like create ({pairName, orderId, corderId}); a bare ``true`` names no order.
        if data is not True and self.safe_string(data, 'orderId') is None:
            error_class = ExchangeError if data is False else BadResponse
            raise error_class(f'{self.id} closeOrder for position {position_id} on {market["symbol"]} was not confirmed: '
                              f'{str(response)[:200]!r}; fetch_positions shows whether it closed')
        is_long = self.safe_bool(record, 'isLong')
        return self.safe_order({
            'id': self.safe_string(data, 'orderId'),
            'clientOrderId': self.safe_string_2(data, 'corderId', 'cOrderId', client_order_id),
            'symbol': market['symbol'],
            'type': 'market' if request['isMarket'] else 'limit',
            'side': None if is_long is None else ('sell' if is_long else 'buy'),
            'price': None if request['isMarket'] else request['price'],
            'amount': request['quantity'],
            'reduceOnly': True,
            'status': None,
            'info': data if isinstance(data, dict) else response,
        }, market)

    def _user_lever(self, data):
        """(leverage, margin mode) of getUserLever's ``data``, each None where it names none."""
        # {"contractPairId": "1", "positionType": "3", "lever": "10"} (captured on a later deployment)
        return self.safe_integer(data, 'lever'), vocabulary.MARGIN_MODES.get(self.safe_string(data, 'positionType'))

    # ----- market data -------------------------------------------------------------------------

    def parse_market(self, pair):
        # docs/evidence.md, pairs. Documented: id, makerTradeFeeRate, settleCoinId. Captured on a later deployment:
        # symbol (and pair) "ETH-USD", tradeDecimal, priceDecimal, tradable, settleCoinName, minCount, maxCount, fee
        # rates in percent, and no minLever/maxLever. Assumed (the older reading, still accepted): quantityDecimal,
        # status 1 = trading, settleCoinSymbol, minLever, maxLever.
        market_id = self.safe_string_2(pair, 'symbol', 'pair')
        parts = market_id.split('-') if encoding.sendable(market_id) else []
        if len(parts) != 2 or not all(parts):
            return None
        base_id, quote_id = parts
        settle_id = self.safe_string_n(pair, ['settleCoinName', 'settleCoinSymbol'], quote_id)
        base, quote, settle = (self.safe_currency_code(code) for code in (base_id, quote_id, settle_id))
        return self.safe_market_structure({
            'id': market_id,
            'numericId': self.safe_integer(pair, 'id'),
            'symbol': f'{base}/{quote}:{settle}',
            'base': base, 'quote': quote, 'settle': settle,
            'baseId': base_id, 'quoteId': quote_id, 'settleId': settle_id,
            'type': 'swap', 'spot': False, 'margin': False, 'swap': True, 'future': False, 'option': False,
            'active': self._pair_active(pair),
            'contract': True, 'linear': True, 'inverse': False,
            'contractSize': self.parse_number('1'),
            'taker': self._fee_rate(pair, 'takerTradeFeeRate'),
            'maker': self._fee_rate(pair, 'makerTradeFeeRate'),
            # A precision left None here makes create_order refuse the market, naming the missing field.
            'precision': {'price': self._tick(pair, ['priceDecimal']), 'amount': self._tick(pair, ['tradeDecimal', 'quantityDecimal'])},
            'limits': {
                'leverage': {
                    'min': self._number(pair, 'minLever') or self.parse_number('1'),
                    'max': self._number(pair, 'maxLever') or self.parse_number(self.number_to_string(self.options['maxLeverage'])),
                },
                'amount': {'min': self._number(pair, 'minCount'), 'max': self._number(pair, 'maxCount')},
                'price': {'min': None, 'max': None},
                'cost': {'min': None, 'max': None},
            },
            'marginModes': {'isolated': True, 'cross': True},
            'created': None,
            'info': pair,
        })

    def _fee_rate(self, pair, key):
        percent = self._decimal(pair, key)
        return None if percent is None else self.parse_number(Precise.string_div(percent, '100'))

    def _tick(self, pair, keys):
        """The tick of the first of ``keys`` that holds a number of decimals (0 to 18), or None."""
        for key in keys:
            decimals = decimals_of(self, pair, key)
            if decimals is not None:
                return self.parse_number(self.parse_precision(str(decimals)))
        return None

    def _pair_active(self, pair):
        tradable = self.safe_value(pair, 'tradable')
        if isinstance(tradable, bool):
            return tradable
        status = self.safe_string(pair, 'status')
        return None if status is None else status == vocabulary.PAIR_TRADING

    def parse_ticker(self, answers, market=None):
        """``answers``: the raw envelopes ``fetch_ticker`` gathered, by endpoint."""
        last_trade = self.safe_dict(self.safe_list(answers.get('trades'), 'data', []), 0)
        book = self.safe_dict(answers.get('depth'), 'data', {})
        bid = self._book_levels(book, 'bids')[:1] or [[None, None]]
        ask = self._book_levels(book, 'asks')[:1] or [[None, None]]
        day = self.safe_dict(answers.get('ticker/24hr'), 'data')
        window = self._day_answer(day) if day is not None else self._day_window(self._records(answers.get('kline')))
        timestamp = self.milliseconds()
        return self.safe_ticker(self.extend({
            'symbol': market['symbol'],
            'timestamp': timestamp,
            'datetime': self.iso8601(timestamp),
            'last': self._decimal(last_trade, 'price'),
            'bid': bid[0][0], 'bidVolume': bid[0][1],
            'ask': ask[0][0], 'askVolume': ask[0][1],
            'markPrice': self._price_data(answers.get('markPrice')),
            'indexPrice': self._price_data(answers.get('indexPrice')),
            'info': answers,
        }, window), market)

    def _day_answer(self, day) -> dict:
        """ticker/24hr's fields (seen on a later deployment: ``open``, ``close``, ``amount`` = the quote volume);
        ``high``/``hight``, ``low`` and ``quantity`` are read where present (assumed names, as in the candles)."""
        window = {
            'open': self._decimal(day, 'open'),
            'high': self._decimal(day, 'hight') or self._decimal(day, 'high'),
            'low': self._decimal(day, 'low'),
            'baseVolume': self._decimal(day, 'quantity'),
            'quoteVolume': self._decimal(day, 'amount'),
        }
        close = self._decimal(day, 'close')
        if close is not None:
            window['last'] = close
        return window

    def _day_window(self, candles) -> dict:
        """Open, high, low and volumes over the candles, taken oldest first; a candle missing a field is left out."""
        keys = ('open', 'high', 'low', 'quantity', 'amount')
        rows = [[self._timestamp(candle, 'time')] + [self._candle_value(candle, key) for key in keys] for candle in candles]
        rows = sorted((row for row in rows if None not in row), key=lambda row: row[0])
        if not rows:
            return {}
        return {
            'open': rows[0][1],
            'high': max((row[2] for row in rows), key=float),
            'low': min((row[3] for row in rows), key=float),
            'baseVolume': decimals.decimal_sum(row[4] for row in rows),
            'quoteVolume': decimals.decimal_sum(row[5] for row in rows),
        }

    def _book_levels(self, book, side) -> list:
        # {"bids": [{"price", "quantity"}, ...], "asks": [...]}, best first (captured on a later deployment, docs/evidence.md).
        levels = [[self._decimal(level, 'price'), self._decimal(level, 'quantity')] for level in self.safe_list(book, side, [])]
        return [level for level in levels if None not in level]

    def parse_trade(self, trade, market=None):
        """A public trade (``info/trades``) or one of the caller's fills (``selectContractMatchPairList``)."""
        # A fill names its match ``id`` and its ``averagePrice``; a public trade ``contractMatchPairId`` and ``price``.
        market = self._pair_market(self.safe_string(trade, 'symbol'), market)
        is_long = self.safe_bool(trade, 'isLong')
        is_taker = self.safe_bool(trade, 'isTaker')
        fee_cost = self._decimal(trade, 'tradeFee')
        # Public trades carry ``timestamp``; fills ``createTimeStamp`` and ``createTime`` (both captured on Satori).
        timestamp = self._timestamp(trade, 'timestamp') or self._created(trade)
        return self.safe_trade({
            'id': self.safe_string_2(trade, 'contractMatchPairId', 'id'),
            'order': self.safe_string(trade, 'entrustId'),
            'timestamp': timestamp,
            'datetime': self.iso8601(timestamp),
            'symbol': market['symbol'],
            'type': None,
            'side': None if is_long is None else ('buy' if is_long else 'sell'),
            'takerOrMaker': None if is_taker is None else ('taker' if is_taker else 'maker'),
            'price': self._decimal(trade, 'price') or self._decimal(trade, 'averagePrice'),
            'amount': self._decimal(trade, 'quantity'),
            'cost': self._decimal(trade, 'amount'),
            'fee': None if fee_cost is None else {
                'cost': fee_cost,
                'currency': self.safe_currency_code(self.safe_string(trade, 'accountCoinSymbol', market['settleId'])),
            },
            'info': trade,
        }, market)

    def parse_ohlcv(self, candle, market=None):
        # {"time": open ms, "open", "hight", "low", "close", "quantity", "amount", ...}: the high is spelled ``hight``
        # (captured on a later deployment, and in Satori's WebSocket candles); ``high`` is read where ``hight`` is missing.
        return [self._timestamp(candle, 'time')] + [self.parse_number(self._candle_value(candle, key))
                                                    for key in ('open', 'high', 'low', 'close', 'quantity')]

    def _candle_value(self, candle, key):
        return (self._decimal(candle, 'hight') or self._decimal(candle, 'high')) if key == 'high' else self._decimal(candle, key)

    def parse_funding_rate(self, contract, market=None):
        # {"symbol": "ETH-USD", "fundingRate": "-0.0000625"} (captured on Satori)
        market = self._pair_market(self.safe_string(contract, 'symbol'), market)
        timestamp = self.milliseconds()
        next_charge = (timestamp // HOUR_MS + 1) * HOUR_MS
        return {
            'info': contract,
            'symbol': market['symbol'],
            'markPrice': None,
            'indexPrice': None,
            'interestRate': None,
            'estimatedSettlePrice': None,
            'timestamp': timestamp,
            'datetime': self.iso8601(timestamp),
            'fundingRate': self._number(contract, 'fundingRate'),
            'fundingTimestamp': next_charge,
            'fundingDatetime': self.iso8601(next_charge),
            'nextFundingRate': None,
            'nextFundingTimestamp': None,
            'nextFundingDatetime': None,
            'previousFundingRate': None,
            'previousFundingTimestamp': None,
            'previousFundingDatetime': None,
            'interval': FUNDING_INTERVAL,
        }

    def _funding_rate_entry(self, item, market):
        # {"id": 41954, "symbol": "ETH-USD", "fundingRate": "-0.0000625", "fundingRateTime": "20240924070000"}
        # (captured on Satori): the hour the rate was charged, yyyyMMddHHmmss in UTC.
        timestamp = utc_ms(self.safe_string(item, 'fundingRateTime'), COMPACT_DATE_TIME)
        return {
            'info': item,
            'symbol': market['symbol'],
            'fundingRate': self._number(item, 'fundingRate'),
            'timestamp': timestamp,
            'datetime': self.iso8601(timestamp),
        }

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

    def _placed_order_id(self, data):
        """The id of the order a create or batchCreate answer ``data`` placed, as canonical digits, or None."""
        return decimals.whole_number(self.safe_value(data, 'orderId'))

    def _placed_order(self, data, order, market):
        """``order`` as placed, from Satori's answer ``data`` for it; None when the answer holds no order id."""
        order_id = self._placed_order_id(data)
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
        return self.safe_string(fill, FILL_ORDER_ID)

    def _record_id(self, record):
        """A listed record's own id as text (an order's, a fill's, a position's), or None."""
        return self.safe_string(record, 'id')
