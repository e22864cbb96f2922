"""The shapes of Satori's answers that the package relies on, stated once, as data.

For every endpoint the package reads: where its items are (``data`` itself, a
list, a page), and for each field the names it is read under (the alternatives
in the order the readers try them), the types it is read as, whether Satori is
expected to send it, whether null is a value Satori sends, and what the package
does when it is missing or unreadable. docs/evidence.md grades the evidence
behind each endpoint.

Two users hold this table to the truth: ``satori-ccxt verify`` checks the real
servers' answers against it (``check``), and ``tests/client/test_shapes.py`` runs the
unified methods against the simulator and fails when a reader reads a field this
table does not name, or the table names a field no reader reads. Each type
(``Kind``) reads a value the way the readers do, mostly through their own
accessors, so that what the probe calls held the package can read.
"""

import re
from collections.abc import Callable
from typing import NamedTuple

from . import decimals, encoding, vocabulary
from .base import COMPACT_DATE_TIME, utc_ms
from .describe import API
from .implicit import implicit_method_names

_DIGITS = re.compile(r'[0-9]+')


class Kind(NamedTuple):
    """A type of value: how a report names it, and how it is read (``read(reader, item, key)``: the value, or None).

    ``reader`` is a satori exchange instance: the accessors are the readers' own.
    """
    name: str
    read: Callable


def _id(reader, item, key):
    text = reader.safe_string(item, key)
    return text if text is not None and _DIGITS.fullmatch(text) and int(text) > 0 else None


def decimals_of(reader, item, key):
    """A number of decimals (0 to 18) as the pair list gives it, or None (a boolean is no number here)."""
    if isinstance(reader.safe_value(item, key), bool):
        return None
    decimals = reader.safe_integer(item, key)
    return decimals if decimals is not None and 0 <= decimals <= 18 else None


def _pair(reader, item, key):
    text = reader.safe_string(item, key)
    parts = text.split('-') if encoding.sendable(text) else []
    return text if len(parts) == 2 and all(parts) else None


def server_time(reader, item, key):
    """The server's time in ms as ``fetch_time`` reads it: a whole number of at most 13 digits, or those digits; else None."""
    digits = decimals.whole_number(reader.safe_value(item, key))
    return int(digits) if digits is not None and len(digits) <= 13 else None


def one_of(codes, meaning) -> Kind:
    """An enumeration read as text (``1`` and ``"1"`` alike), as the readers look codes up."""
    return Kind(f'one of {", ".join(codes)} ({meaning})',
                lambda reader, item, key: text if (text := reader.safe_string(item, key)) in codes else None)


DECIMAL = Kind('a number, or a string holding one', lambda reader, item, key: reader._decimal(item, key))
MS = Kind('a time in ms (a number, or a string of digits)', lambda reader, item, key: reader._timestamp(item, key))
SERVER_TIME = Kind('a time in ms (a whole number of at most 13 digits, or its digits)', server_time)
ID = Kind('a positive whole number, or a string of its digits', _id)
DECIMALS = Kind('a number of decimals from 0 to 18', decimals_of)
BOOL = Kind('true or false', lambda reader, item, key: reader.safe_bool(item, key))
TEXT = Kind('text (or a number)', lambda reader, item, key: reader.safe_string(item, key))
PAIR = Kind('a pair name "BASE-QUOTE"', _pair)
UTC_TIME = Kind('a UTC time "yyyy-MM-dd HH:mm:ss"', lambda reader, item, key: utc_ms(reader.safe_string(item, key)))
COMPACT_UTC_TIME = Kind('a UTC time "yyyyMMddHHmmss"',
                        lambda reader, item, key: utc_ms(reader.safe_string(item, key), COMPACT_DATE_TIME))
TRUE = Kind('true', lambda reader, item, key: True if reader.safe_value(item, key) is True else None)
MATCH_TYPE = one_of(tuple(vocabulary.TIME_IN_FORCE), 'GTC, IOC, FOK, post-only')
ORDER_STATUS = one_of(tuple(vocabulary.ORDER_STATUSES), 'open, filled, cancelled, expired')
POSITION_TYPE = one_of(tuple(vocabulary.MARGIN_MODES), 'isolated, cross')
TRIGGER_KIND = one_of(('0', '1', '2'), 'none, last price, mark price')


class Field(NamedTuple):
    """One thing the package reads from an item: under the first of ``names`` that reads as its kind.

    ``kinds`` gives each name's kind (one kind for all when it has one entry).
    ``items``: the field holds a bare list of objects with these fields (the book's levels).
    """
    names: tuple
    kinds: tuple
    without: str             # what the package does when no name reads
    required: bool = True    # Satori is expected to send it (an absent optional field is no difference)
    nullable: bool = False   # null is a value Satori sends (captured): it reads as absent, and is no difference
    items: tuple = None

    @property
    def label(self) -> str:
        return ' or '.join(self.names)

    def kind(self, index) -> Kind:
        return self.kinds[min(index, len(self.kinds) - 1)]


def field(names, kinds, without, **options) -> Field:
    names = (names,) if isinstance(names, str) else tuple(names)
    return Field(names, (kinds,) if isinstance(kinds, Kind) else tuple(kinds), without, **options)


# Where the items of an answer are.
SCALAR = 'a value'                          # ``data`` itself, read as ``Answer.kind``
OBJECT = 'an object'                        # ``data`` is one object
LIST = 'a list'                             # ``data`` is a bare list of objects
RECORDS = 'a list (or {"records": [...]})'  # a bare list, or the page the docs assumed (``vocabulary.records``)


class Answer(NamedTuple):
    data: str                 # SCALAR, OBJECT, LIST or RECORDS
    without: str              # what the package does when ``data`` is not that
    kind: Kind = None         # SCALAR: the kind of ``data``
    fields: tuple = ()        # OBJECT, LIST, RECORDS: the fields of each object
    null: str = None          # ``data: null`` is an answer the package reads, meaning this
    true: str = None          # ``data: true`` is an answer the package reads, meaning this


class Shape(NamedTuple):
    name: str
    method: str               # GET or POST
    path: str                 # as in describe.API
    grade: str                # docs/evidence.md's grade of the answer
    used_by: tuple            # the unified methods that read it
    answer: Answer
    unserved: str = None      # what the package does where a deployment answers 404 (None: nothing, it fails)

    @property
    def signed(self) -> bool:
        return self.path in API['private'].get(self.method.lower(), {})

    @property
    def implicit(self) -> str:
        """The implicit API method that asks it (``publicGetApiThirdInfoTime``)."""
        return implicit_method_names('private' if self.signed else 'public', self.method, self.path)[0]

# ----- the fields, by kind of record -----------------------------------------------------

PAIR_FIELDS = (
    field(('symbol', 'pair'), PAIR, 'the pair is left out of the markets'),
    field('id', ID, "the market has no numericId: fetch_leverage cannot ask getUserLever and answers what set_leverage remembered"),
    field(('tradeDecimal', 'quantityDecimal'), DECIMALS,
          'the amount precision is unknown: create_order refuses orders on the pair (InvalidOrder) rather than send unrounded amounts'),
    field('priceDecimal', DECIMALS,
          'the price precision is unknown: create_order refuses orders on the pair (InvalidOrder) rather than send unrounded prices'),
    field(('tradable', 'status'), (BOOL, TEXT), "the market's active flag is None, and it is treated as active"),
    field(('settleCoinName', 'settleCoinSymbol'), TEXT, 'the settle coin is taken to be the quote coin'),
    field('takerTradeFeeRate', DECIMAL, "the market's taker fee is None"),
    field('makerTradeFeeRate', DECIMAL, "the market's maker fee is None"),
    field('minCount', DECIMAL, "the market's minimum amount is None"),
    field('maxCount', DECIMAL, "the market's maximum amount is None"),
    field('minLever', DECIMAL, 'the minimum leverage is 1', required=False),
    field('maxLever', DECIMAL, "leverage is bounded by options['maxLeverage'] (25)", required=False),
)


def trade_fields(fill: bool) -> tuple:
    """A public trade's fields, or (``fill``) one of the caller's fills: one reader (``parse_trade``) reads both."""
    return (
        field(('contractMatchPairId', 'id'), ID,
              "the fill's id is None: fetch_my_trades pages back by it, and stops" if fill else "the trade's id is None"),
        field('symbol', PAIR, 'the pair asked is used', required=fill),
        field('entrustId', ID, "the fill's order is None; fetch_closed_orders' fallback cannot find the order" if fill
              else "the trade's order is None (public trades name none)", required=fill),
        field(('price', 'averagePrice'), DECIMAL, "the trade's price is None"),
        field('quantity', DECIMAL, "the trade's amount is None"),
        field('amount', DECIMAL, "the trade's cost is None"),
        field('isLong', BOOL, "the trade's side is None"),
        field('isTaker', BOOL, 'takerOrMaker is None', required=fill),
        field('tradeFee', DECIMAL, "the fill's fee is None", required=fill),
        field('accountCoinSymbol', TEXT, "the fee's currency is the market's settle coin", required=False, nullable=True),
        field(('timestamp', 'createTimeStamp', 'createTime'), (MS, MS, UTC_TIME),
              'the trade has no time: it is left out (ccxt cannot place it in time)', nullable=True),
    )


def order_fields(listed_in: str) -> tuple:
    """An order of the open-order list (``'open'``), of queryOrder (``'query'``) or of orders/histories (``'history'``)."""
    return (
        field('id', ID, 'the order has no id: it cannot be cancelled or queried by it'),
        field('clientOrderId', TEXT, "the order's clientOrderId is None"),
        field('symbol', PAIR, 'the pair asked is used', required=listed_in != 'history'),
        field('isLong', BOOL, "the order's side is None"),
        field('isMarket', BOOL, "the order's type is None"),
        field('matchType', MATCH_TYPE, 'timeInForce and postOnly are None'),
        field('price', DECIMAL, "the order's price is None"),
        field('quantity', DECIMAL, "the order's amount is None"),
        field('dealQuantity', DECIMAL, "the order's filled amount is None"),
        field('dealAmount', DECIMAL, "the order's cost is None"),
        field('triggerType', TEXT, 'the order is read as no trigger order', required=False),
        field('triggerPrice', DECIMAL, 'triggerPrice is None', required=False, nullable=True),
        field(('createTimeStamp', 'createTime'), (MS, UTC_TIME),
              "the order's timestamp is None: it sorts first, and a since filter leaves it out", nullable=True),
        field('status', ORDER_STATUS,
              "the order's status is None: fetch_order cannot tell open, filled, cancelled and expired apart, and the finished-order "
              'lists leave it out' if listed_in != 'open' else "the order's status is open: it is in the open-order list",
              required=listed_in != 'open'),
        field('updateTime', UTC_TIME, 'lastUpdateTimestamp is None', required=listed_in == 'history'),
    )


POSITION_FIELDS = (
    field('id', ID, 'the position has no id: close_position, add_margin and reduce_margin cannot name it'),
    field('symbol', PAIR, 'the pair asked is used'),
    field('isLong', BOOL, "the position's side is None: its unrealised PnL is not worked out, and close_position(side) does not find it"),
    field('positionType', POSITION_TYPE, "the position's marginMode is None"),
    field('quantity', DECIMAL, 'contracts is None: close_position and reduceOnly orders find no position to act on'),
    field('remainingCloseQuantity', DECIMAL, 'close_position closes the whole quantity instead'),
    field('openingPrice', DECIMAL, 'entryPrice is None and the unrealised PnL is not worked out'),
    field('lever', DECIMAL, "the position's leverage is None, so a reduceOnly order carries the default leverage"),
    field('marginAmount', DECIMAL, 'initialMargin, positionMargin and collateral are None'),
    field('marginCallAmount', DECIMAL, 'the margin added by add_margin is counted as 0 in positionMargin'),
    field('unrealizedPnl', DECIMAL, 'the unrealised PnL is worked out at the mark price', nullable=True),
    field('realizedPnl', DECIMAL, 'realizedPnl is None', nullable=True),
    field('restrictPrice', DECIMAL, 'liquidationPrice is None'),
    field('tariffAmount', DECIMAL, 'fetch_funding_history leaves the position out'),
    field('lossType', TRIGGER_KIND, 'stopLossPrice is None'),
    field('lossPrice', DECIMAL, 'stopLossPrice is None', required=False),
    field('profitType', TRIGGER_KIND, 'takeProfitPrice is None'),
    field('profitPrice', DECIMAL, 'takeProfitPrice is None', required=False),
    field(('createTimeStamp', 'createTime'), (MS, UTC_TIME), "the position's timestamp is None", nullable=True),
)

LEVEL_FIELDS = (
    field('price', DECIMAL, 'the level is left out of the book'),
    field('quantity', DECIMAL, 'the level is left out of the book'),
)

PLACED_FIELDS = (
    field('orderId', ID, 'create_order raises BadResponse: the order may exist, and fetch_open_orders shows whether it does'),
    field(('corderId', 'cOrderId'), TEXT, 'the clientOrderId returned is the one sent'),
)

CANCEL_ALL_FIELDS = (
    field('orderId', ID, "the result's order id is None"),
    field('clientOrderId', TEXT, "the result's clientOrderId is None"),
    field('pairName', PAIR, 'the pair asked is used'),
    field('isLong', BOOL, "the result's side is None"),
    field('resultCode', TEXT, "the result's status is None (unknown)"),
)

# ----- the endpoints --------------------------------------------------------------------

_NO_MARKETS = 'fetch_markets raises BadResponse: no market loads, so no other method works'
_LIST_IGNORED = 'the list reads as empty'
_FIVE_REQUESTS = 'fetch_ticker asks trades, depth, kline (24 hourly candles), markPrice and indexPrice instead: five requests a ticker'

SHAPES = (
    Shape('time', 'GET', 'api/third/info/time', 'captured on Satori', ('fetch_time', 'load_time_difference'),
          Answer(SCALAR, 'fetch_time raises BadResponse; load_time_difference (and adjustForTimeDifference) cannot work', SERVER_TIME)),
    Shape('pairs', 'GET', 'api/third/info/pairs', 'captured on a later deployment', ('load_markets', 'fetch_markets'),
          Answer(LIST, _NO_MARKETS, fields=PAIR_FIELDS)),
    Shape('trades', 'GET', 'api/third/info/trades', 'documented', ('fetch_trades', 'fetch_ticker'),
          Answer(RECORDS, _LIST_IGNORED + ': no trades, and no last price', fields=trade_fields(fill=False))),
    Shape('depth', 'GET', 'api/third/info/depth', 'captured on a later deployment', ('fetch_order_book', 'fetch_ticker', 'create_order'),
          Answer(OBJECT, 'the book reads as empty', fields=(
              field('bids', (), 'the book has no bids: a market sell takes its protective price from the last trade', items=LEVEL_FIELDS),
              field('asks', (), 'the book has no asks: a market buy takes its protective price from the last trade', items=LEVEL_FIELDS),
          )),
          unserved='fetch_order_book raises EndpointNotFound; tickers have no bid and ask; market orders take their price from '
                   'the last trade'),
    Shape('kline', 'GET', 'api/third/info/kline', 'captured on a later deployment', ('fetch_ohlcv', 'fetch_ticker'),
          Answer(RECORDS, _LIST_IGNORED + ': no candles', fields=(
              field('time', MS, 'the candle is left out'),
              field('open', DECIMAL, "the candle's open is None, and a ticker's 24-hour window leaves the candle out"),
              field(('hight', 'high'), DECIMAL, "the candle's high is None, and a ticker's 24-hour window leaves the candle out"),
              field('low', DECIMAL, "the candle's low is None, and a ticker's 24-hour window leaves the candle out"),
              field('close', DECIMAL, "the candle's close is None"),
              field('quantity', DECIMAL, "the candle's volume is None, and a ticker's 24-hour window leaves the candle out"),
              field('amount', DECIMAL, "a ticker's 24-hour window leaves the candle out (it sums the quote volume)"),
          )),
          unserved='fetch_ohlcv raises EndpointNotFound; tickers have no open, high, low or volumes'),
    Shape('markPrice', 'GET', 'api/third/info/markPrice', 'captured on a later deployment',
          ('fetch_mark_price', 'fetch_ticker', 'fetch_positions'),
          Answer(SCALAR, "markPrice is None, and positions are valued without a mark (no unrealised PnL, no notional)", DECIMAL),
          unserved="fetch_mark_price raises EndpointNotFound; tickers have no markPrice"),
    Shape('indexPrice', 'GET', 'api/third/info/indexPrice', 'assumed', ('fetch_ticker',),
          Answer(SCALAR, "the ticker's indexPrice is None", DECIMAL),
          unserved="the ticker's indexPrice is None"),
    Shape('ticker/24hr', 'GET', 'api/third/info/ticker/24hr', 'seen on a later deployment only', ('fetch_ticker', 'fetch_tickers'),
          Answer(OBJECT, _FIVE_REQUESTS, fields=(
              field('open', DECIMAL, "the ticker's open is None"),
              field('close', DECIMAL, "the ticker's last and close are None"),
              field('amount', DECIMAL, "the ticker's quoteVolume is None"),
              field(('hight', 'high'), DECIMAL, "the ticker's high is None", required=False),
              field('low', DECIMAL, "the ticker's low is None", required=False),
              field('quantity', DECIMAL, "the ticker's baseVolume is None", required=False),
          )),
          unserved=_FIVE_REQUESTS),
    Shape('funding/current', 'GET', 'api/third/v1/market/funding/current', 'captured on Satori',
          ('fetch_funding_rate', 'fetch_funding_rates'),
          Answer(OBJECT, 'the funding rate is None', fields=(
              field('symbol', PAIR, 'the pair asked is used'),
              field('fundingRate', DECIMAL, 'fundingRate is None'),
          ))),
    Shape('funding/history', 'GET', 'api/third/v1/market/funding/history', 'captured on Satori', ('fetch_funding_rate_history',),
          Answer(RECORDS, _LIST_IGNORED + ': no funding rates', fields=(
              field('fundingRate', DECIMAL, "the entry's fundingRate is None"),
              field('fundingRateTime', COMPACT_UTC_TIME, 'the entry is left out'),
          ))),
    Shape('balance', 'POST', 'api/third/hot/order/balance', 'documented', ('fetch_balance',),
          Answer(OBJECT, 'free and used are None', fields=(
              field('availableAmount', DECIMAL, "the balance's free is None"),
              field('frozenAmount', DECIMAL, "the balance's used is None"),
          ))),
    Shape('openOrders', 'POST', 'api/third/order/selectContractCurrentEntrustList', 'captured on Satori',
          ('fetch_open_orders', 'fetch_orders'),
          Answer(RECORDS, _LIST_IGNORED + ': fetch_open_orders returns no orders', fields=order_fields('open'))),
    Shape('fills', 'POST', 'api/third/order/selectContractMatchPairList', 'captured on Satori', ('fetch_my_trades', 'fetch_closed_orders'),
          Answer(RECORDS, _LIST_IGNORED + ': fetch_my_trades returns no fills', fields=trade_fields(fill=True))),
    Shape('positions', 'POST', 'api/third/hot/order/selectContractPositionList', 'captured on Satori',
          ('fetch_positions', 'fetch_funding_history', 'close_position', 'add_margin', 'create_order (reduceOnly)'),
          Answer(RECORDS, _LIST_IGNORED + ': fetch_positions returns no positions', fields=POSITION_FIELDS)),
    Shape('queryOrder', 'POST', 'api/third/order/queryOrder', 'captured on a later deployment', ('fetch_order', 'fetch_closed_orders'),
          Answer(OBJECT, 'fetch_order raises OrderNotFound', fields=order_fields('query'))),
    Shape('orders/histories', 'GET', 'api/third/v1/orders/histories', 'seen on a later deployment only',
          ('fetch_closed_orders', 'fetch_canceled_orders', 'fetch_canceled_and_closed_orders', 'fetch_orders'),
          Answer(RECORDS, _LIST_IGNORED + ': the finished-order lists are empty', fields=order_fields('history')),
          unserved="fetch_closed_orders reads the fills and queryOrder for each order behind them; fetch_canceled_orders, "
                   "fetch_canceled_and_closed_orders and fetch_orders raise NotSupported"),
    Shape('getUserLever', 'GET', 'api/third/v1/trade/getUserLever', 'seen on a later deployment only', ('fetch_leverage',),
          Answer(OBJECT, 'fetch_leverage answers what set_leverage and set_margin_mode remembered', fields=(
              field('lever', ID, 'fetch_leverage answers what set_leverage remembered, else the default (1)'),
              field('positionType', POSITION_TYPE, 'fetch_leverage answers what set_margin_mode remembered, else the default (isolated)'),
          ), null='no leverage known: fetch_leverage answers what set_leverage remembered'),
          unserved='fetch_leverage answers what set_leverage and set_margin_mode remembered, else the defaults (1x, isolated)'),
    Shape('create', 'POST', 'api/third/hot/order/create', 'documented', ('create_order',),
          Answer(OBJECT, 'create_order raises BadResponse: the order may exist, and fetch_open_orders shows whether it does',
                 fields=PLACED_FIELDS)),
    Shape('batchCreate', 'POST', 'api/third/hot/order/batchCreate', 'documented', ('create_orders',),
          Answer(LIST, 'create_orders raises BadResponse for each order without an answer', fields=PLACED_FIELDS)),
    Shape('cancelEntrust', 'POST', 'api/third/order/cancelEntrust', 'documented', ('cancel_order', 'cancel_orders'),
          Answer(SCALAR, 'cancel_order raises OrderCancelRefused: the cancel is not confirmed', TRUE)),
    Shape('cancelEntrustByCli', 'POST', 'api/third/order/cancelEntrustByCli', 'assumed', ('cancel_order (by clientOrderId)',),
          Answer(SCALAR, 'cancel_order raises OrderCancelRefused: the cancel is not confirmed', TRUE)),
    Shape('batchCancelEntrust', 'POST', 'api/third/order/batchCancelEntrust', 'documented', ('cancel_orders',),
          Answer(SCALAR, 'the batch counts as stopped: cancel_orders settles its ids one by one', TRUE)),
    Shape('cancelAll', 'POST', 'api/third/order/cancelAll', 'captured on Satori', ('cancel_all_orders',),
          Answer(LIST, 'cancel_all_orders returns one entry that names no order, with the answer in its info', fields=CANCEL_ALL_FIELDS,
                 true='cancel_all_orders returns one entry that names no order')),
    Shape('callMarginAmount', 'POST', 'api/third/order/callMarginAmount', 'documented', ('add_margin', 'reduce_margin'),
          Answer(SCALAR, "the margin call's status is 'failed'", TRUE)),
    Shape('closeOrder', 'POST', 'api/third/hot/order/closeOrder', 'assumed', ('close_position', 'close_all_positions'),
          Answer(OBJECT, 'close_position raises BadResponse (ExchangeError for data false): fetch_positions shows whether it closed',
                 fields=PLACED_FIELDS, true='close_position returns an order without an id')),
)

BY_NAME = {shape.name: shape for shape in SHAPES}
BY_PATH = {shape.path: shape for shape in SHAPES}

# The envelope's fields, read for every answer (core.handle_errors, vocabulary.is_success): documented.
ENVELOPE_FIELDS = ('code', 'error', 'msg', 'data')
# A page's fields where ``data`` is ``{records, total}`` (the assumed page, vocabulary.records and VenueFields._pages).
PAGE_FIELDS = ('records', 'total')


# ----- checking an answer against its shape ---------------------------------------------------


class Finding(NamedTuple):
    """One way an answer differed from its shape."""
    field: str        # the field's names (``tradeDecimal or quantityDecimal``), ``data`` for the answer itself
    found: str        # what came instead
    package: str      # what the package does about it


class Check(NamedTuple):
    held: tuple       # the fields that read in every item (``data`` for a value)
    absent: tuple     # optional fields no item carries
    findings: tuple
    items: int        # how many objects were checked (None: a value, or one object)
    note: str = ''    # how the answer was read when it is one of the special answers (null, true)


def shown(value) -> str:
    """A value as a report quotes it: its JSON type and at most 40 characters of it."""
    if value is None:
        return 'null'
    if isinstance(value, bool):
        return 'true' if value else 'false'
    if isinstance(value, (int, float)):
        return f'the number {str(value)[:40]}'
    if isinstance(value, str):
        return f'the text {value[:40]!r}'
    if isinstance(value, list):
        return f'a list of {len(value)}'
    if isinstance(value, dict):
        return 'an object with ' + (', '.join(str(key)[:20] for key in list(value)[:5]) or 'no fields')
    return type(value).__name__


def check(shape: Shape, data, reader) -> Check:
    """How ``data`` (an answer's ``data``) holds against ``shape``, read with ``reader``'s accessors."""
    answer = shape.answer
    if data is None and answer.null is not None:
        return Check(('data',), (), (), None, answer.null)
    if data is True and answer.true is not None:
        return Check(('data',), (), (), None, answer.true)
    if answer.data == SCALAR:
        if answer.kind.read(reader, {'data': data}, 'data') is not None:
            return Check(('data',), (), (), None)
        return Check((), (), (Finding('data', f'{shown(data)}; expected {answer.kind.name}', answer.without),), None)
    if answer.data == OBJECT:
        if not isinstance(data, dict):
            return Check((), (), (Finding('data', f'{shown(data)}; expected an object', answer.without),), None)
        return _check_items([data], answer.fields, '', None, reader)
    items = vocabulary.records(data) if answer.data == RECORDS else data
    if not isinstance(data, list) and not (answer.data == RECORDS and isinstance(data, dict) and isinstance(data.get('records'), list)):
        return Check((), (), (Finding('data', f'{shown(data)}; expected {answer.data}', answer.without),), 0)
    return _check_items(items, answer.fields, '', len(items), reader)


def _check_items(items, fields, prefix, count, reader) -> Check:
    objects = [item for item in items if isinstance(item, dict)]
    findings = []
    if len(objects) < len(items):
        findings.append(Finding(prefix + '[]' if prefix else 'data[]', f'{len(items) - len(objects)} of {len(items)} items are not objects',
                                'those items are left out'))
    held, absent = [], []
    for expected in fields:
        label = prefix + expected.label
        verdicts = [_verdict(expected, item, reader) for item in objects]
        failed = [verdict for verdict in verdicts if verdict not in ('read', 'absent')]
        if expected.items is not None:
            lists = [item[expected.names[0]] for item, verdict in zip(objects, verdicts, strict=True) if verdict == 'read']
            nested = [level for levels in lists for level in levels]
            inner = _check_items(nested, expected.items, label + '[].', len(nested), reader)
            findings.extend(inner.findings)
        if failed:
            findings.append(Finding(label, _summary(failed, len(objects), count), expected.without))
        elif objects and all(verdict == 'absent' for verdict in verdicts):
            absent.append(label)
        elif objects:
            held.append(label)
    return Check(tuple(held), tuple(absent), tuple(findings), count)


def _verdict(expected: Field, item, reader):
    """'read'; 'absent' (an optional field, or a null Satori sends); else (what came instead, what was expected or None)."""
    present = [(index, name) for index, name in enumerate(expected.names) if name in item]
    if expected.items is not None:
        name = expected.names[0]
        if isinstance(item.get(name), list):
            return 'read'
        return ('missing', None) if name not in item else (f'{shown(item[name])} in {name}', 'a list')
    for index, name in present:
        if expected.kind(index).read(reader, item, name) is not None:
            return 'read'
    if not present:
        return 'absent' if not expected.required else ('missing', None)
    if all(item[name] is None for _, name in present):
        return 'absent' if expected.nullable or not expected.required else ('null', None)
    index, name = next((index, name) for index, name in present if item[name] is not None)
    return f'{shown(item[name])} in {name}', expected.kind(index).name


def _summary(failed, objects, count) -> str:
    """Each way the items failed, commonest first: what came, in how many of the items (``count`` None: one object), what was expected."""
    parts = []
    for what, expected in sorted(set(failed), key=lambda verdict: (-failed.count(verdict), verdict)):
        where = '' if count is None else f' in {failed.count((what, expected))} of {objects} item{"" if objects == 1 else "s"}'
        parts.append(what + where + ('' if expected is None else f'; expected {expected}'))
    return '; '.join(parts)
