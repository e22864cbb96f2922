"""The simulator's WebSocket side: ``/api/market/ws`` on the simulator's port.

One connection carries any number of subscriptions. A SUBSCRIBE is checked
like a signed REST request (the API key, sign type 2 over ``str(timestamp)``,
the timestamp within a minute of the clock) and acknowledged as Satori does
(``<event>_res``); a public event may come unsigned (assumed). Pushes come
from the engine as it changes (``StreamHub`` is the engine's listener):
orders, fills, positions and public trades at once, balances and books when a
session of the engine ends, the candle in progress every ``interval`` seconds.
Right after its ack a depth, candle or account subscription gets the current
state (assumed: the docs' account example shows a push right after the ack).

Faults (``Simulator.inject_stream``): ``error_ack`` (msg=), ``withhold_ack``,
``drop`` (processed=), ``delay`` (seconds=) and ``mute_pong``; and
``Simulator.drop_streams()`` closes every connection at once.

Field names and shapes are those of docs/evidence.md (WebSocket), keys sorted as in every documented
message; numbers are JSON numbers in trade and candle pushes, strings elsewhere.
"""

import asyncio
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from decimal import Decimal

from aiohttp import WSMsgType, web

from .endpoints import PERIODS_MS
from .engine import SETTLE_COIN_ID, SETTLE_SYMBOL
from .protocol import recovered_address
from .views import decimal_text, time_of_day

PATH = '/api/market/ws'
TIMESTAMP_WINDOW_MS = 60_000   # "The timestamp is valid for 1 minute" (captured on Satori)
DEPTH_LEVELS = 10              # the legacy depth push shows ten levels a side (assumed)
PUBLIC_EVENTS = frozenset({'api_depth', 'api_kline', 'api_trade', 'api_spot_deals'})
PRIVATE_EVENTS = frozenset({'api_account', 'api_entrust', 'api_position', 'api_deal_user'})
PERIOD_EVENTS = frozenset({'api_kline', 'api_trade'})
SIGNED_KEYS = frozenset({'apiKey', 'signature', 'timestamp', 'signType'})
FAULT_KINDS = ('error_ack', 'withhold_ack', 'drop', 'delay', 'mute_pong')
_FAULT_OPTIONS = {'error_ack': {'msg'}, 'withhold_ack': set(), 'drop': {'processed'}, 'delay': {'seconds'}, 'mute_pong': set()}


class Refused(Exception):
    """A subscription Satori answers with ``success: false`` and this text."""


@dataclass(frozen=True)
class StreamFrame:
    connection: int
    text: str


@dataclass
class StreamFault:
    kind: str
    remaining: int
    deadline: float
    options: dict

    def spent(self, now: float) -> bool:
        return (self.remaining is not None and self.remaining <= 0) or (self.deadline is not None and now >= self.deadline)


@dataclass(eq=False)
class Connection:
    number: int
    socket: web.WebSocketResponse
    transport: asyncio.Transport
    queue: asyncio.Queue       # (is a push, text), in the order they are to be sent
    subscriptions: dict = field(default_factory=dict)   # (event, scope, period) -> the Account, or None when unsigned


class StreamHub:
    """The stream connections of one ``Simulator`` (``owner``), and the engine's listener."""

    def __init__(self, owner, interval: float):
        self.owner = owner
        self.interval = interval
        self.connections = set()
        self.frames = []
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()
        self._faults = []
        self._books = {}       # pair -> the depth last pushed
        self._balances = {}    # user id -> (available, frozen) last pushed
        self._log_ids = {}     # user id -> logId of the balance
        self._pacer = None
        self.loop = None       # the simulator's loop, set when it starts
        owner.engine.listener = self

    # ----- connections ----------------------------------------------------------------------

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(autoping=True, max_msg_size=1 << 16)
        await socket.prepare(request)
        connection = Connection(next(self._numbers), socket, request.transport, asyncio.Queue())
        self.connections.add(connection)
        if self._pacer is None:
            self._pacer = asyncio.ensure_future(self._pace())
        writer = asyncio.ensure_future(self._write(connection))
        try:
            async for frame in socket:
                if frame.type != WSMsgType.TEXT:
                    continue
                with self._lock:
                    self.frames.append(StreamFrame(connection.number, frame.data))
                if frame.data == 'ping':
                    if self._take('mute_pong') is None:
                        connection.queue.put_nowait((False, 'pong'))
                    continue
                if not self._receive(connection, frame.data):
                    break
        finally:
            self.connections.discard(connection)
            writer.cancel()
        return socket

    def _receive(self, connection: Connection, text: str) -> bool:
        """Handles one message; False when the connection is to be dropped."""
        try:
            message = json.loads(text)
        except ValueError:
            message = None
        error = self._take('error_ack')
        withheld = self._take('withhold_ack')
        drop = self._take('drop')
        if drop is not None and not drop.options.get('processed'):
            connection.transport.abort()  # Satori gone mid-request: no ack, no close frame
            return False
        if error is not None:
            self._send(connection, self._ack(message, False, error.options.get('msg', 'system error')), push=False)
        else:
            with self.owner.engine.session(self.owner.now_ms()) as engine:
                try:
                    key, account, method = self._check(engine, message)
                except Refused as refusal:
                    self._send(connection, self._ack(message, False, str(refusal)), push=False)
                else:
                    if method == 'UNSUBSCRIBE':
                        connection.subscriptions.pop(key, None)
                    else:
                        connection.subscriptions[key] = account
                    if withheld is None:
                        self._send(connection, self._ack(message, True, f'{method.lower()} success: {key[0]}'), push=False)
                    if method == 'SUBSCRIBE':
                        self._push_current(engine, connection, key, account)
        if drop is not None:
            connection.transport.abort()
            return False
        return True

    def _check(self, engine, message) -> tuple:
        """((event, scope, period), the account or None, method) of a valid (un)subscription, else Refused."""
        if not isinstance(message, dict):
            raise Refused('Illegal parameter:message')
        method, event = message.get('method'), message.get('event')
        if method not in ('SUBSCRIBE', 'UNSUBSCRIBE'):
            raise Refused('Illegal parameter:method')
        if event not in PUBLIC_EVENTS | PRIVATE_EVENTS:
            raise Refused('Illegal parameter:event')
        scope_field = 'symbol' if event == 'api_account' else 'pair'
        allowed = {'method', 'event', scope_field} | SIGNED_KEYS | ({'period'} if event in PERIOD_EVENTS else set())
        for name in message:
            if name not in allowed:
                raise Refused(f'Illegal parameter:{name}')
        scope = message.get(scope_field)
        if not isinstance(scope, str) or not scope:
            raise Refused(f'Required parameter:{scope_field}')
        if scope_field == 'pair' and scope not in engine.markets:
            raise Refused('Illegal parameter:pair')
        if scope_field == 'symbol' and scope != SETTLE_SYMBOL:
            raise Refused('Illegal parameter:symbol')
        period = message.get('period') if event in PERIOD_EVENTS else None
        if event in PERIOD_EVENTS and period not in PERIODS_MS:
            raise Refused('Required parameter:period' if period is None else 'Illegal parameter:period')
        account = None
        if 'apiKey' in message or event in PRIVATE_EVENTS:
            account = self._authenticate(engine, message)
        return (event, scope, period), account, method

    def _authenticate(self, engine, message):
        for name in ('apiKey', 'signature', 'timestamp', 'signType'):
            if message.get(name) in (None, ''):
                raise Refused(f'Required parameter:{name}')
        account = engine.accounts.get(message['apiKey'])
        if account is None:
            raise Refused('Invalid apiKey')
        if message['signType'] not in (2, '2'):
            raise Refused('Illegal parameter:signType')
        timestamp = message['timestamp']
        if not isinstance(timestamp, int) or isinstance(timestamp, bool):
            raise Refused('Illegal parameter:timestamp')
        if abs(timestamp - self.owner.now_ms()) > TIMESTAMP_WINDOW_MS:
            raise Refused('The timestamp is valid for 1 minute')
        signature = message['signature']
        address = recovered_address(str(timestamp), signature) if isinstance(signature, str) else None
        if address is None or address.lower() != account.wallet_address.lower():
            raise Refused('Invalid address')
        return account

    def _ack(self, message, success: bool, text: str) -> dict:
        message = message if isinstance(message, dict) else {}
        event = message.get('event')
        ack = {'event': f'{event}_res' if isinstance(event, str) else None, 'method': message.get('method'), 'msg': text,
               'success': success}
        for name in ('pair', 'symbol'):   # the documented acks name no period
            if isinstance(message.get(name), str):
                ack[name] = message[name]
        return {name: value for name, value in ack.items() if value is not None}

    def _push_current(self, engine, connection, key, account) -> None:
        event, scope, period = key
        if event == 'api_depth':
            self._send(connection, depth_push(scope, engine.depth(engine.market(scope), DEPTH_LEVELS)))
        elif event == 'api_kline':
            self._send(connection, kline_push(engine, engine.market(scope), period))
        elif event == 'api_account':
            self._balances[account.user_id] = (account.available, engine.frozen(account))
            self._send(connection, account_push(account, engine, self._log_ids.get(account.user_id, 0)))

    def _send(self, connection: Connection, message: dict, push=True) -> None:
        connection.queue.put_nowait((push, json.dumps(message, sort_keys=True)))

    async def _write(self, connection: Connection) -> None:
        try:
            while True:
                push, text = await connection.queue.get()
                delay = self._take('delay') if push else None
                if delay is not None:
                    await asyncio.sleep(delay.options['seconds'])
                await connection.socket.send_str(text)
        except (ConnectionError, RuntimeError):  # the client went away
            return

    async def _pace(self) -> None:
        """Every ``interval`` seconds: the book brought up to the clock, and the candle in progress to its subscribers."""
        while True:
            await asyncio.sleep(self.interval)
            if not self.connections:
                continue
            with self.owner.engine.session(self.owner.now_ms()) as engine:
                for connection, (_, scope, period), _ in self._subscribed('api_kline'):
                    self._send(connection, kline_push(engine, engine.market(scope), period))

    def drop_all(self) -> None:
        """Closes every connection without a close frame (runs on the simulator's loop)."""
        for connection in list(self.connections):
            connection.transport.abort()

    # ----- faults ---------------------------------------------------------------------------

    def add_fault(self, kind, count=1, duration=None, **options) -> StreamFault:
        if kind not in FAULT_KINDS:
            raise ValueError(f'unknown stream fault {kind!r}; one of {", ".join(FAULT_KINDS)}')
        unknown = set(options) - _FAULT_OPTIONS[kind]
        if unknown:
            raise ValueError(f'stream fault {kind!r} takes no option {", ".join(sorted(unknown))}')
        if kind == 'delay' and not isinstance(options.get('seconds'), (int, float)):
            raise ValueError('a delay fault needs seconds=<number>')
        if duration is None and (not isinstance(count, int) or count < 1):
            raise ValueError('count must be a positive int')
        fault = StreamFault(kind, None if duration is not None else count,
                            None if duration is None else time.monotonic() + float(duration), options)
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def _take(self, kind):
        now = time.monotonic()
        with self._lock:
            self._faults = [fault for fault in self._faults if not fault.spent(now)]
            for fault in self._faults:
                if fault.kind == kind:
                    if fault.remaining is not None:
                        fault.remaining -= 1
                    return fault
        return None

    # ----- the engine's listener (called with the engine's lock held, from any thread) ---------

    def _subscribed(self, event, scope=None, account=None):
        """(connection, key, account) of each subscription to ``event`` (on ``scope``, of ``account``)."""
        found = []
        for connection in list(self.connections):
            for key, subscriber in list(connection.subscriptions.items()):
                if key[0] == event and (scope is None or key[1] == scope) and (account is None or subscriber is account):
                    found.append((connection, key, subscriber))
        return found

    def _publish(self, event, scope, message, account=None) -> None:
        subscribers = self._subscribed(event, scope, account)
        if subscribers:
            item = (True, json.dumps(message, sort_keys=True))
            for connection, _, _ in subscribers:
                self.loop.call_soon_threadsafe(connection.queue.put_nowait, item)

    def order_changed(self, order, change_type, fill=None) -> None:
        self._publish('api_entrust', order.market.symbol, entrust_push(order, change_type, fill), order.account)

    def filled(self, fill) -> None:
        self._publish('api_deal_user', fill.order.market.symbol, deal_push(fill), fill.order.account)

    def position_changed(self, position, change_type, quantity, engine) -> None:
        self._publish('api_position', position.market.symbol, position_push(engine, position, change_type, quantity), position.account)

    def traded(self, trade) -> None:
        pair = trade.market.symbol
        self._publish('api_spot_deals', pair, spot_deals_push(trade))
        self._publish('api_trade', pair, trade_push(trade))

    def session_ended(self, engine) -> None:
        """Books and balances that moved since they were last pushed go to their subscribers."""
        for pair in {key[1] for _, key, _ in self._subscribed('api_depth')}:
            depth = engine.depth(engine.market(pair), DEPTH_LEVELS)
            if depth != self._books.get(pair):
                self._books[pair] = depth
                self._publish('api_depth', pair, depth_push(pair, depth))
        for account in {id(subscriber): subscriber for _, _, subscriber in self._subscribed('api_account')}.values():
            state = (account.available, engine.frozen(account))
            if state != self._balances.get(account.user_id):
                if account.user_id in self._balances:
                    self._log_ids[account.user_id] = self._log_ids.get(account.user_id, 0) + 1
                self._balances[account.user_id] = state
                self._publish('api_account', SETTLE_SYMBOL, account_push(account, engine, self._log_ids.get(account.user_id, 0)), account)


# ----- pushes in Satori's words ------------------------------------------------------------------


def _number(value):
    """A JSON number, as trade and candle pushes carry them (captured on Satori)."""
    return float(value) if value is not None else None


def entrust_push(order, change_type: str, fill=None) -> dict:
    data = {
        'changeType': change_type,
        'clientOrderId': order.client_order_id,
        'contractPairId': order.market.id,
        'currentEntrustId': order.id,
        'dealAmount': decimal_text(order.deal_amount),
        'dealQuantity': decimal_text(order.filled),
        'direction': 'LONG' if order.is_long else 'SHORT',
        'isClose': order.is_close,
        'isMarket': order.is_market,
        'lever': order.lever,
        'matchType': order.match_type,
        'price': decimal_text(order.price),
        'quantity': decimal_text(order.quantity),
        'symbol': order.market.symbol,
    }
    if fill is not None:
        data.update({'nowDealQuantity': decimal_text(fill.quantity), 'feeCoin': SETTLE_SYMBOL, 'feeAmt': decimal_text(fill.fee),
                     'isTaker': fill.is_taker})
    return {'data': data, 'event': 'api_entrust', 'success': True}


def deal_push(fill) -> dict:
    order = fill.order
    data = {
        'clientOrderId': order.client_order_id,
        'currentEntrustId': order.id,
        'dealAmount': decimal_text(fill.price * fill.quantity),
        'dealPrice': decimal_text(fill.price),
        'dealQuantity': decimal_text(fill.quantity),
        'dealTime': str(fill.created_ms),
        'direction': 'LONG' if order.is_long else 'SHORT',
        'feeAmt': decimal_text(fill.fee),
        'feeCoin': SETTLE_SYMBOL,
        'isTaker': fill.is_taker,
        'matchId': fill.id,
        'matchType': order.match_type,
    }
    return {'data': data, 'event': 'api_deal_user', 'pair': order.market.symbol, 'success': True}


def position_push(engine, position, change_type: str, quantity: Decimal) -> dict:
    data = {
        'canClosedQuantity': decimal_text(position.quantity - engine.closing_quantity(position)) if position.open else '0',
        'changeType': change_type,
        'contractPairId': position.market.id,
        'currentQuantity': decimal_text(position.quantity),
        'direction': 'LONG' if position.is_long else 'SHORT',
        'marginAmount': decimal_text(position.margin),
        'marginCallAmount': decimal_text(position.margin_call),
        'openingPrice': decimal_text(position.opening_price.quantize(Decimal('1e-8'))),
        'operateQuantity': decimal_text(quantity),
        'positionId': position.id,
        'positionType': position.position_type,
        'symbol': position.market.symbol,
    }
    return {'data': data, 'event': 'api_position', 'success': True}


def account_push(account, engine, log_id: int) -> dict:
    data = {'availableAmount': decimal_text(account.available), 'coinId': SETTLE_COIN_ID,
            'frozenAmount': decimal_text(engine.frozen(account)), 'logId': log_id, 'operateAmount': '0', 'symbol': SETTLE_SYMBOL}
    return {'data': data, 'event': 'api_account', 'success': True, 'symbol': SETTLE_SYMBOL}


def spot_deals_push(trade) -> dict:
    data = [{'amount': _number(trade.price * trade.quantity), 'contractMatchPairId': trade.id, 'direction': trade.is_long,
             'price': _number(trade.price), 'quantity': _number(trade.quantity), 'timestamp': trade.created_ms}]
    return {'data': data, 'event': 'api_spot_deals', 'pair': trade.market.symbol, 'success': True}


def trade_push(trade) -> dict:
    data = [{'amount': _number(trade.price * trade.quantity), 'contractMatchPairId': trade.id, 'contractPairId': trade.market.id,
             'isLong': trade.is_long, 'pair': trade.market.symbol, 'price': _number(trade.price), 'quantity': _number(trade.quantity),
             'time': time_of_day(trade.created_ms), 'timestamp': trade.created_ms}]
    return {'data': data, 'event': 'api_trade', 'pair': trade.market.symbol, 'success': True}


def depth_push(pair: str, depth: dict) -> dict:
    data = {side: [{'price': decimal_text(price), 'quantity': decimal_text(quantity)} for price, quantity in rows]
            for side, rows in depth.items()}
    return {'data': data, 'event': 'api_depth', 'pair': pair, 'success': True}


def kline_push(engine, market, period: str) -> dict:
    period_ms = PERIODS_MS[period]
    (start, open_, high, low, close, quantity, amount, count), = engine.candles(market, period_ms, engine.now, 1)
    data = {'amount': _number(amount), 'close': _number(close), 'contractPairId': market.id, 'count': count, 'hight': _number(high),
            'low': _number(low), 'open': _number(open_), 'period': period, 'quantity': _number(quantity), 'time': start}
    return {'data': data, 'event': 'api_kline', 'pair': market.symbol, 'success': True}
