"""Satori's WebSocket vocabulary: subscription messages, and each push's fields in the shapes the REST parsers read.

Every Satori field name of a stream appears here and nowhere else in the
client: ``pro.py`` speaks ccxt and hands the dicts below to the parsers of the
REST answers (``parse_order``, ``parse_trade``, ``parse_position``,
``parse_ohlcv``), so one parser serves both. Grades are those of
docs/evidence.md, WebSocket.
"""

import json
from typing import NamedTuple

# ----- events ------------------------------------------------------------------------------

ACCOUNT = 'api_account'        # documented
ORDERS = 'api_entrust'         # documented
POSITIONS = 'api_position'     # documented
PUBLIC_TRADES = 'api_trade'    # documented (it requires a period, like the candles)
DEPTH = 'api_depth'            # captured on Satori
CANDLES = 'api_kline'          # captured on Satori
SPOT_DEALS = 'api_spot_deals'  # captured on Satori: the public trades without a period
FILLS = 'api_deal_user'        # captured on Satori: the caller's fills

PRIVATE_EVENTS = frozenset({ACCOUNT, ORDERS, POSITIONS, FILLS})
PERIOD_EVENTS = frozenset({CANDLES, PUBLIC_TRADES})
ACK_SUFFIX = '_res'
# The documented trade subscription names a candle period although trades have none; any will do.
TRADES_PERIOD = '1MIN'
PING = 'ping'
PONGS = frozenset({'pong', 'PONG'})


class Subscription(NamedTuple):
    """One Satori subscription: an event on a pair (or, for the account, a settle coin), with a period for candles."""
    event: str
    scope: str           # the pair id ('ETH-USD') or, for api_account, the coin ('USD')
    period: str = None   # Satori's candle period ('1MIN'), for the events that take one

    @property
    def key(self) -> str:
        return f'{self.event}:{self.scope}' + (f':{self.period}' if self.period else '')

    @property
    def scope_field(self) -> str:
        return 'symbol' if self.event == ACCOUNT else 'pair'


def subscription_text(method: str, subscription: Subscription, api_key=None, signature=None, timestamp=None) -> str:
    """The exact text Satori's docs send: their key order, Python's default separators, ``timestamp`` a JSON
    number, ``signType`` the string ``"2"``. Without an API key the subscription goes unsigned (assumed)."""
    message = {subscription.scope_field: subscription.scope}
    if subscription.period is not None:
        message['period'] = subscription.period
    message['method'] = method
    message['event'] = subscription.event
    if api_key is not None:
        message.update({'apiKey': api_key, 'signature': signature, 'timestamp': timestamp, 'signType': '2'})
    return json.dumps(message)


# ----- the envelope of pushes and acks --------------------------------------------------------


def is_ack(message: dict) -> bool:
    """An answer to SUBSCRIBE/UNSUBSCRIBE: ``<event>_res``, or a bare ``success: false`` that names no event (captured)."""
    event = message.get('event')
    return (isinstance(event, str) and event.endswith(ACK_SUFFIX)) or (message.get('success') is False and 'data' not in message)


def acked_event(message: dict):
    event = message.get('event')
    return event[:-len(ACK_SUFFIX)] if isinstance(event, str) and event.endswith(ACK_SUFFIX) else None


def ack_scope(message: dict):
    return _text(message.get('pair')) or _text(message.get('symbol'))


def ack_period(message: dict):
    return _text(message.get('period'))


def ack_method(message: dict) -> str:
    return _text(message.get('method')) or 'SUBSCRIBE'


def ack_text(message: dict) -> str:
    return _text(message.get('msg')) or ''


def ack_code(message: dict):
    """A body code in an error ack, if Satori sends one (none is documented)."""
    code = message.get('code')
    return str(code) if isinstance(code, (int, str)) and not isinstance(code, bool) else None


def push_items(message: dict) -> list:
    """The objects a push carries: ``data`` is one object (account, orders, positions, candle, depth) or a list (trades, fills)."""
    data = message.get('data')
    items = data if isinstance(data, list) else [data]
    return [item for item in items if isinstance(item, dict)]


def push_scope(message: dict, item: dict):
    """The pair (or coin) a push is about: the item's ``symbol``, else the envelope's ``pair``/``symbol``."""
    return _text(item.get('symbol')) or _text(item.get('pair')) or _text(message.get('pair')) or _text(message.get('symbol'))


def push_period(item: dict):
    return _text(item.get('period'))


# ----- each push in the shape of the REST answer its parser reads ------------------------------------


def order_fields(item: dict) -> dict:
    """An ``api_entrust`` change (documented) as an order of the current order list."""
    return {
        'id': item.get('currentEntrustId'),
        'clientOrderId': item.get('clientOrderId'),
        'symbol': item.get('symbol'),
        'isLong': is_long(item.get('direction')),
        'isMarket': item.get('isMarket'),
        'matchType': item.get('matchType'),
        'price': item.get('price'),
        'quantity': item.get('quantity'),
        'dealQuantity': item.get('dealQuantity'),   # cumulative (assumed: NEW carries "0")
        'dealAmount': item.get('dealAmount'),
    }


def change_type(item: dict):
    return _text(item.get('changeType'))


# The quantity of the fill a TRADE change of ``api_entrust`` reports (documented).
CHANGE_FILL_QUANTITY = 'nowDealQuantity'


def change_fill_fields(item: dict, fill_id, order_id, timestamp, is_long, price) -> dict:
    """A TRADE change of ``api_entrust`` as a fill of the match-result list. The change says the quantity of this trade
    (``nowDealQuantity``), its fee and liquidity (``feeAmt``, ``feeCoin``, ``isTaker``; all documented); it names no
    match, time, side or price, so the caller works those out from the order: ``fill_id``, ``order_id``, ``timestamp``
    (ms), ``is_long`` and ``price`` (each None where unknown)."""
    return {'id': fill_id, 'entrustId': order_id, 'createTimeStamp': timestamp, 'isLong': is_long, 'averagePrice': price,
            'quantity': item.get(CHANGE_FILL_QUANTITY), 'tradeFee': item.get('feeAmt'), 'accountCoinSymbol': item.get('feeCoin'),
            'isTaker': item.get('isTaker')}


def fill_fields(item: dict) -> dict:
    """An ``api_deal_user`` fill (captured on Satori) as a fill of the match-result list."""
    return {
        'id': item.get('matchId'),
        'entrustId': item.get('currentEntrustId'),
        'createTimeStamp': item.get('dealTime'),     # ms, as a string
        'isLong': is_long(item.get('direction')),
        'isTaker': item.get('isTaker'),
        'averagePrice': item.get('dealPrice'),
        'quantity': item.get('dealQuantity'),
        'amount': item.get('dealAmount'),
        'tradeFee': item.get('feeAmt'),
        'accountCoinSymbol': item.get('feeCoin'),
    }


def public_trade_fields(item: dict) -> dict:
    """An ``api_spot_deals`` (captured on Satori) or ``api_trade`` (documented) trade as a trade of ``info/trades``."""
    side = item.get('isLong')
    return {
        'contractMatchPairId': item.get('contractMatchPairId'),
        'isLong': is_long(item.get('direction') if side is None else side),
        'price': item.get('price'),
        'quantity': item.get('quantity'),
        'amount': item.get('amount'),
        'timestamp': item.get('timestamp'),
    }


def position_fields(item: dict) -> dict:
    """An ``api_position`` change (documented) as a position of the position list."""
    return {
        'id': item.get('positionId'),
        'symbol': item.get('symbol'),
        'isLong': is_long(item.get('direction')),
        'positionType': item.get('positionType'),
        'quantity': item.get('currentQuantity'),
        'openingPrice': item.get('openingPrice'),
        'marginAmount': item.get('marginAmount'),
        'marginCallAmount': item.get('marginCallAmount'),
    }


def candle_fields(item: dict) -> dict:
    """An ``api_kline`` candle (captured on Satori: JSON numbers, the high spelled ``hight``) as a candle of ``info/kline``."""
    high = item.get('hight')
    return {'time': item.get('time'), 'open': item.get('open'), 'high': item.get('high') if high is None else high,
            'low': item.get('low'), 'close': item.get('close'), 'quantity': item.get('quantity')}


def depth_fields(item: dict) -> dict:
    """An ``api_depth`` snapshot (captured on Satori): ``{asks, bids}`` of ``{price, quantity}``, the REST depth's shape."""
    return item


def balance_fields(item: dict) -> dict:
    """An ``api_account`` push (documented) as ``{free, used}``: ``availableAmount`` and ``frozenAmount``."""
    return {'free': item.get('availableAmount'), 'used': item.get('frozenAmount')}


def balance_version(item: dict):
    """``logId`` (documented): the balance's version; a push with a lower one is older than one already seen."""
    log_id = item.get('logId')
    if isinstance(log_id, bool):
        return None
    if isinstance(log_id, int):
        return log_id
    return int(log_id) if isinstance(log_id, str) and log_id.isdigit() else None


def is_long(direction):
    """``direction`` as a boolean: ``LONG``/``SHORT`` (orders, positions, fills) or a boolean (``api_spot_deals``)."""
    if isinstance(direction, bool):
        return direction
    if direction == 'LONG':
        return True
    if direction == 'SHORT':
        return False
    return None


def _text(value):
    return value if isinstance(value, str) and value else None
