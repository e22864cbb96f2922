"""``ccxt.pro.satori``: Satori's streams on ccxt.pro's machinery (client, caches, ``watch``, keep-alive).

One connection to ``/api/market/ws`` carries every subscription. Each
SUBSCRIBE and UNSUBSCRIBE is signed as Satori's docs sign it (sign type 2
over ``str(timestamp)``, a fresh timestamp each time) whenever credentials
are configured; without them only public streams can be watched, unsigned
(assumed: Satori's docs sign every subscription, docs/evidence.md). Satori's
field names live in ``streams.py``; the pushes are read by the REST parsers.

A dropped connection ends every waiting ``watch_*`` with a NetworkError, as
in every ccxt.pro exchange; the next call reconnects and subscribes again,
freshly signed. A private subscription renewed that way is followed by a REST
resync (open orders and the orders last seen open, fills, positions, the
balance), so that what changed while no stream was listening is reported
once, never twice, and an older answer never overwrites a newer push.
"""

import asyncio
import json
from urllib.parse import urlsplit, urlunsplit

from ccxt.async_support.base.ws.cache import ArrayCache, ArrayCacheBySymbolById, ArrayCacheBySymbolBySide, ArrayCacheByTimestamp
from ccxt.base.decimal_to_precision import number_to_string
from ccxt.base.errors import (
    ArgumentsRequired,
    AuthenticationError,
    BadRequest,
    BadResponse,
    BadSymbol,
    BaseError,
    ExchangeError,
    InvalidNonce,
    OrderNotFound,
    UnsubscribeError,
)
from ccxt.base.precise import Precise

from . import arguments, streams
from .async_support import satori as AsyncSatori
from .describe import MAINNET, TESTNET
from .errors import EXACT
from .flow import run_async
from .streams import Subscription

STREAM_PATH = '/api/market/ws'
MAINNET_STREAM = 'wss://' + urlsplit(MAINNET).netloc + STREAM_PATH   # inferred from the testnet URL (docs/evidence.md)
TESTNET_STREAM = 'wss://' + urlsplit(TESTNET).netloc + STREAM_PATH   # the SDK's
DEFAULT_STREAMS = frozenset({MAINNET_STREAM, TESTNET_STREAM})
UNSUBSCRIBE = 'unsubscribe:'
ACK = 'ack:'

# A TRADE change's status follows from its fill; the others say it (docs/evidence.md, WebSocket).
ORDER_CHANGES = {'NEW': 'open', 'ENTRUST': 'open', 'CANCELED': 'canceled'}
CLOSING_CHANGES = frozenset({'CLOSE', 'LIQUIDATE'})   # the position is gone, whatever currentQuantity says
TERMINAL = frozenset({'closed', 'canceled', 'expired', 'rejected'})
RESYNCED = frozenset({streams.ORDERS, streams.POSITIONS, streams.FILLS, streams.ACCOUNT})

# Error acks carry a text and no documented code; these substrings of it decide the exception.
STREAM_BROAD = {
    'timestamp': InvalidNonce,          # "The timestamp is valid for 1 minute" (captured on Satori)
    'signature': AuthenticationError,
    'apiKey': AuthenticationError,
    'api key': AuthenticationError,
    'Invalid address': AuthenticationError,
    'Illegal parameter': BadRequest,
    'Required parameter': BadRequest,
}

DESCRIPTION = {
    'pro': True,
    'has': {
        'ws': True,
        'watchOrderBook': True,
        'watchOrderBookForSymbols': True,
        'watchTrades': True,
        'watchTradesForSymbols': True,
        'watchOHLCV': True,
        'watchOHLCVForSymbols': True,
        'watchOrders': True,
        'watchOrdersForSymbols': True,
        'watchMyTrades': True,
        'watchMyTradesForSymbols': True,
        'watchPositions': True,
        'watchBalance': True,
        # No stream carries a 24-hour window (the day candle starts at midnight), so a ticker would be half made up.
        'watchTicker': False,
        'watchTickers': False,
        'watchBidsAsks': False,
        'watchMarkPrice': False,
        'watchLiquidations': False,
        'watchFundingRate': False,
        'unWatchOrderBook': True,
        'unWatchOrderBookForSymbols': True,
        'unWatchTrades': True,
        'unWatchTradesForSymbols': True,
        'unWatchOHLCV': True,
        'unWatchOHLCVForSymbols': True,
        'unWatchOrders': True,
        'unWatchMyTrades': True,
        'unWatchPositions': True,
        'unWatchBalance': True,
        'createOrderWs': False,
        'cancelOrderWs': False,
    },
    'urls': {
        'api': {'ws': MAINNET_STREAM},
        'test': {'ws': TESTNET_STREAM},
    },
    # Satori answers the text "ping" with "pong" (captured on Satori); 20 s keeps idle gateways from closing the socket.
    'streaming': {'keepAlive': 20000},
    'options': {
        'tradesLimit': 1000,
        'ordersLimit': 1000,
        'OHLCVLimit': 1000,
        'watchTrades': {'event': streams.SPOT_DEALS},   # or streams.PUBLIC_TRADES, the documented one
        'watchMyTrades': {'event': streams.FILLS},      # or streams.ORDERS: fills made from its TRADE changes
        'watchPositions': {'fetchPositionsSnapshot': True},
        'resyncAfterReconnect': True,
    },
    'exceptions': {
        'ws': {'exact': EXACT, 'broad': STREAM_BROAD},
    },
}


def stream_url_of(rest_url: str) -> str:
    """The stream URL on the host of ``rest_url`` (Satori serves both from one host)."""
    parts = urlsplit(rest_url)
    scheme = {'http': 'ws', 'https': 'wss'}.get(parts.scheme, parts.scheme)
    return urlunsplit((scheme, parts.netloc, parts.path.rstrip('/') + STREAM_PATH, '', ''))


class satori(AsyncSatori):
    """Satori Finance perpetual swaps with streams (ccxt.pro)."""

    def __init__(self, config={}):
        super().__init__(config)
        self._first_acked = {}      # subscription key -> ms of its first ack: a later ack is a renewal
        self._push_sequence = 0     # counts private pushes, to tell a REST answer from a newer push
        self._pushed_at = {}        # (kind, key) -> the push sequence of the last push about it
        self._balance_versions = {}  # coin -> the highest logId seen
        self._trade_ids = {}        # symbol -> {trade id: None}, the public trades already reported
        self._background = set()    # resync tasks, cancelled on close

    def describe(self):
        return self.deep_extend(super().describe(), DESCRIPTION)

    def stream_url(self) -> str:
        """``urls['api']['ws']``; left at a default while the REST host was aimed elsewhere, it follows that host."""
        api = self.urls['api']
        configured, public = api.get('ws'), api.get('public')
        if configured in DEFAULT_STREAMS and isinstance(public, str) and urlsplit(public).netloc != urlsplit(configured).netloc:
            return stream_url_of(public)
        return configured

    async def close(self):
        for task in list(self._background):
            task.cancel()
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)
        await super().close()

    # ----- public streams --------------------------------------------------------------------

    async def watch_order_book(self, symbol, limit=None, params={}):
        """Bids and asks, each push a full snapshot (``api_depth``); ``timestamp`` is when it arrived (Satori sends none)."""
        return await self.watch_order_book_for_symbols([symbol], limit, params)

    async def watch_order_book_for_symbols(self, symbols, limit=None, params={}):
        if limit is not None:
            limit = arguments.positive_int(limit, 'limit')
        markets = await self._stream_markets(symbols)
        orderbook = await self._watch([Subscription(streams.DEPTH, market['id']) for market in markets],
                                      ['orderbook:' + market['symbol'] for market in markets])
        if limit is None:
            return orderbook.limit()
        limited = orderbook.copy()
        del limited['bids'][limit:], limited['asks'][limit:]
        return limited

    async def watch_trades(self, symbol, since=None, limit=None, params={}):
        """Public trades as they happen (``api_spot_deals``, or ``api_trade`` with ``options['watchTrades']['event']``)."""
        return await self.watch_trades_for_symbols([symbol], since, limit, params)

    async def watch_trades_for_symbols(self, symbols, since=None, limit=None, params={}):
        markets = await self._stream_markets(symbols)
        event = self._configured_event('watchTrades', (streams.SPOT_DEALS, streams.PUBLIC_TRADES))
        period = streams.TRADES_PERIOD if event in streams.PERIOD_EVENTS else None
        symbol, trades = await self._watch([Subscription(event, market['id'], period) for market in markets],
                                           ['trades:' + market['symbol'] for market in markets])
        return self.filter_by_since_limit(trades, since, trades.getLimit(symbol, limit), 'timestamp', True)

    async def watch_ohlcv(self, symbol, timeframe='1m', since=None, limit=None, params={}):
        """The candle in progress as Satori pushes it (``api_kline``), gathered into a list: ``[open ms, o, h, l, c, volume]``."""
        result = await self.watch_ohlcv_for_symbols([[symbol, timeframe]], since, limit, params)
        return result[symbol][timeframe]

    async def watch_ohlcv_for_symbols(self, symbolsAndTimeframes, since=None, limit=None, params={}):
        """``{symbol: {timeframe: candles}}`` for the pair that moved, as ccxt.pro's other exchanges answer."""
        if not isinstance(symbolsAndTimeframes, list) or not symbolsAndTimeframes:
            raise ArgumentsRequired(f'{self.id} watch_ohlcv_for_symbols() requires a list of [symbol, timeframe] pairs')
        pairs = []
        for entry in symbolsAndTimeframes:
            if not isinstance(entry, (list, tuple)) or len(entry) != 2:
                raise BadRequest(f'{self.id} watch_ohlcv_for_symbols() expects [symbol, timeframe] pairs, got {entry!r:.60}')
            pairs.append((entry[0], self._period(entry[1]), entry[1]))
        markets = await self._stream_markets([symbol for symbol, _, _ in pairs])
        subscriptions = [Subscription(streams.CANDLES, market['id'], period) for market, (_, period, _) in zip(markets, pairs, strict=True)]
        hashes = [f'ohlcv:{market["symbol"]}:{timeframe}' for market, (_, _, timeframe) in zip(markets, pairs, strict=True)]
        symbol, timeframe, candles = await self._watch(subscriptions, hashes)
        return {symbol: {timeframe: self.filter_by_since_limit(candles, since, candles.getLimit(symbol, limit), 0, True)}}

    # ----- private streams -------------------------------------------------------------------

    async def watch_orders(self, symbol=None, since=None, limit=None, params={}):
        """Changes of the caller's orders (``api_entrust``): NEW and ENTRUST are open, TRADE open or closed by its fill,
        CANCELED canceled. Satori streams one pair a subscription: without ``symbol`` every market is subscribed."""
        return await self._watch_orders(None if symbol is None else [symbol], since, limit)

    async def watch_orders_for_symbols(self, symbols, since=None, limit=None, params={}):
        return await self._watch_orders(symbols, since, limit)

    async def _watch_orders(self, symbols, since, limit):
        markets = await self._private_markets(symbols)
        orders = await self._watch([Subscription(streams.ORDERS, market['id']) for market in markets],
                                   self._scoped_hashes('orders', symbols, markets))
        return self._updates(orders, symbols, markets, since, limit)

    async def watch_my_trades(self, symbol=None, since=None, limit=None, params={}):
        """The caller's fills (``api_deal_user``; with ``options['watchMyTrades']['event'] = 'api_entrust'`` the
        TRADE changes of the order stream, whose fills have no match id)."""
        return await self._watch_my_trades(None if symbol is None else [symbol], since, limit)

    async def watch_my_trades_for_symbols(self, symbols, since=None, limit=None, params={}):
        return await self._watch_my_trades(symbols, since, limit)

    async def _watch_my_trades(self, symbols, since, limit):
        event = self._configured_event('watchMyTrades', (streams.FILLS, streams.ORDERS))
        markets = await self._private_markets(symbols)
        trades = await self._watch([Subscription(event, market['id']) for market in markets],
                                   self._scoped_hashes('myTrades', symbols, markets))
        return self._updates(trades, symbols, markets, since, limit)

    async def watch_positions(self, symbols=None, since=None, limit=None, params={}):
        """Position changes (``api_position``: NEW, INCREASE, REDUCE, CLOSE, LIQUIDATE; a closed one has 0 contracts).

        The first call answers the positions of a REST snapshot (``options['watchPositions']['fetchPositionsSnapshot']``),
        taken after subscribing; a push that arrives while it is on its way wins over it."""
        markets = await self._private_markets(symbols)
        subscriptions = [Subscription(streams.POSITIONS, market['id']) for market in markets]
        hashes = self._scoped_hashes('positions', symbols, markets)
        wanted = [market['symbol'] for market in markets]
        if self.positions is None:
            self.positions = ArrayCacheBySymbolBySide()
            if self.safe_bool(self.safe_dict(self.options, 'watchPositions', {}), 'fetchPositionsSnapshot', True):
                # Subscribed and acknowledged first, so that no change falls between the snapshot and the stream.
                self._subscribe(subscriptions, hashes).add_done_callback(_consume)
                await self._acknowledged(subscriptions)
                await self._positions_snapshot(wanted)
                return self.filter_by_symbols_since_limit(self.positions, wanted, since, limit, True)
        changed = await self._subscribe(subscriptions, hashes)
        return self.filter_by_symbols_since_limit(changed, wanted, since, limit, True)

    async def watch_balance(self, params={}):
        """Free and used funds per settle coin (``api_account``), a push with a lower ``logId`` than one seen ignored.

        ``params['code']`` watches one coin; by default every coin the markets settle in."""
        coins = await self._watched_coins(params)
        return await self._watch([Subscription(streams.ACCOUNT, coin) for coin in coins], ['balance'])

    # ----- unsubscribing ---------------------------------------------------------------------

    async def un_watch_order_book(self, symbol, params={}):
        return await self.un_watch_order_book_for_symbols([symbol], params)

    async def un_watch_order_book_for_symbols(self, symbols, params={}):
        markets = await self._stream_markets(symbols)
        return await self._unwatch([Subscription(streams.DEPTH, market['id']) for market in markets])

    async def un_watch_trades(self, symbol, params={}):
        return await self.un_watch_trades_for_symbols([symbol], params)

    async def un_watch_trades_for_symbols(self, symbols, params={}):
        markets = await self._stream_markets(symbols)
        event = self._configured_event('watchTrades', (streams.SPOT_DEALS, streams.PUBLIC_TRADES))
        period = streams.TRADES_PERIOD if event in streams.PERIOD_EVENTS else None
        return await self._unwatch([Subscription(event, market['id'], period) for market in markets])

    async def un_watch_ohlcv(self, symbol, timeframe='1m', params={}):
        return await self.un_watch_ohlcv_for_symbols([[symbol, timeframe]], params)

    async def un_watch_ohlcv_for_symbols(self, symbolsAndTimeframes, params={}):
        if not isinstance(symbolsAndTimeframes, list) or not symbolsAndTimeframes:
            raise ArgumentsRequired(f'{self.id} un_watch_ohlcv_for_symbols() requires a list of [symbol, timeframe] pairs')
        periods = [self._period(entry[1] if isinstance(entry, (list, tuple)) and len(entry) == 2 else None)
                   for entry in symbolsAndTimeframes]
        markets = await self._stream_markets([entry[0] for entry in symbolsAndTimeframes])
        return await self._unwatch([Subscription(streams.CANDLES, market['id'], period)
                                    for market, period in zip(markets, periods, strict=True)])

    async def un_watch_orders(self, symbol=None, params={}):
        return await self._unwatch_private(streams.ORDERS, symbol)

    async def un_watch_my_trades(self, symbol=None, params={}):
        return await self._unwatch_private(self._configured_event('watchMyTrades', (streams.FILLS, streams.ORDERS)), symbol)

    async def un_watch_positions(self, symbols=None, params={}):
        if symbols is not None and not isinstance(symbols, list):
            raise BadRequest(f'{self.id} un_watch_positions() expects a list of symbols')
        markets = await self._stream_markets(symbols) if symbols else None
        return await self._unwatch(self._active(streams.POSITIONS, markets))

    async def un_watch_balance(self, params={}):
        return await self._unwatch(self._active(streams.ACCOUNT, None))

    async def _unwatch_private(self, event, symbol):
        markets = await self._stream_markets([symbol]) if symbol is not None else None
        return await self._unwatch(self._active(event, markets))

    # ----- subscribing -----------------------------------------------------------------------

    async def _stream_markets(self, symbols) -> list:
        """The markets of ``symbols``, checked (BadSymbol, BadRequest) before anything is sent."""
        if not isinstance(symbols, list):
            raise BadRequest(f'{self.id} expects a list of symbols, got {type(symbols).__name__}')
        if not symbols:
            raise ArgumentsRequired(f'{self.id} requires a non-empty list of symbols')
        for symbol in symbols:
            if not isinstance(symbol, str):
                raise BadSymbol(f'{self.id} symbol must be a string, got {symbol!r:.40}')
        await self.load_markets()
        return [self.market(symbol) for symbol in symbols]

    async def _private_markets(self, symbols) -> list:
        """The markets of ``symbols``, every market without them; credentials checked and the clock offset loaded first."""
        self.signer()
        if symbols is not None:
            markets = await self._stream_markets(symbols)
        else:
            await self.load_markets()
            markets = [self.markets[symbol] for symbol in self.symbols]
        await run_async(self, self._prepare_private())
        return markets

    async def _watched_coins(self, params) -> list:
        self.signer()
        await self.load_markets()
        code = self.safe_string(params, 'code')
        await run_async(self, self._prepare_private())
        if code is not None:
            return [self.currency(code)['id']]
        return sorted({market['settleId'] for market in self.markets.values()})

    def _scoped_hashes(self, prefix, symbols, markets) -> list:
        """``prefix`` for a watch of every market, else ``prefix:SYMBOL`` for each of its markets."""
        return [prefix] if symbols is None else [f'{prefix}:{market["symbol"]}' for market in markets]

    def _configured_event(self, method, allowed):
        event = self.safe_string(self.safe_dict(self.options, method, {}), 'event', allowed[0])
        if event not in allowed:
            raise BadRequest(f'{self.id} options["{method}"]["event"] must be one of {", ".join(allowed)}, got {event!r:.40}')
        return event

    def _period(self, timeframe):
        period = self.safe_string(self.timeframes, timeframe) if isinstance(timeframe, str) else None
        if period is None:
            raise BadRequest(f'{self.id} has no timeframe {timeframe!r:.20}; one of {", ".join(self.timeframes)}')
        return period

    def _subscription_text(self, method, subscription: Subscription) -> str:
        """The message for ``subscription``, signed with a fresh timestamp when credentials exist (always for private events)."""
        if subscription.event not in streams.PRIVATE_EVENTS and not (self.apiKey or self.secret or self.privateKey):
            return streams.subscription_text(method, subscription)
        signer = self.signer()
        timestamp = int(self.milliseconds() - self._clock_offset())
        return streams.subscription_text(method, subscription, self.apiKey, signer.sign(str(timestamp)), timestamp)

    async def _watch(self, subscriptions, message_hashes):
        """Subscribes what is not subscribed yet, then waits for the first of ``message_hashes`` to be resolved."""
        return await self._subscribe(subscriptions, message_hashes)

    def _subscribe(self, subscriptions, message_hashes):
        """Sends a SUBSCRIBE for each subscription the connection lacks (every message built, hence signed, before any
        is sent) and returns the future of the first of ``message_hashes`` to be resolved."""
        url = self.stream_url()
        client = self.client(url)
        messages = [None if subscription.key in client.subscriptions else self._subscription_text('SUBSCRIBE', subscription)
                    for subscription in subscriptions]
        futures = [self.watch_multiple(url, message_hashes, message, [subscription.key], {'subscription': subscription, 'acked': False})
                   for subscription, message in zip(subscriptions, messages, strict=True)]
        for extra in futures[:-1]:
            extra.add_done_callback(_consume)  # each races the same hashes: the last one stands for all
        return futures[-1]

    async def _acknowledged(self, subscriptions):
        """Waits until Satori has acknowledged each subscription (an error ack raises its exception)."""
        client = self.client(self.stream_url())
        waiting = [client.future(ACK + subscription.key) for subscription in subscriptions
                   if self.safe_value(client.subscriptions.get(subscription.key), 'acked') is False]
        await asyncio.gather(*waiting)

    def _active(self, event, markets) -> list:
        """The subscriptions of ``event`` on the connection (on ``markets`` only, when given)."""
        client = self.clients.get(self.stream_url()) if self.clients else None
        scopes = None if markets is None else {market['id'] for market in markets}
        found = []
        for entry in (client.subscriptions.values() if client is not None else ()):
            subscription = entry.get('subscription') if isinstance(entry, dict) and not entry.get('unsubscribe') else None
            if subscription is not None and subscription.event == event and (scopes is None or subscription.scope in scopes):
                found.append(subscription)
        return found

    async def _unwatch(self, subscriptions):
        """Sends UNSUBSCRIBE for each subscription and waits for every ack; the watches waiting on them end in UnsubscribeError."""
        url = self.stream_url()
        texts = [self._subscription_text('UNSUBSCRIBE', subscription) for subscription in subscriptions]
        futures = [self.watch(url, UNSUBSCRIBE + subscription.key, text, UNSUBSCRIBE + subscription.key,
                              {'subscription': subscription, 'acked': False, 'unsubscribe': True})
                   for subscription, text in zip(subscriptions, texts, strict=True)]
        await asyncio.gather(*futures)
        return True

    # ----- messages ----------------------------------------------------------------------------

    def ping(self, client):
        return streams.PING

    def handle_message(self, client, message):
        try:
            if isinstance(message, str):
                if message in streams.PONGS:
                    client.lastPong = self.milliseconds()
                return
            if not isinstance(message, dict):
                return
            if streams.is_ack(message):
                self._handle_ack(client, message)
                return
            handler = {
                streams.DEPTH: self._handle_depth,
                streams.SPOT_DEALS: self._handle_public_trades,
                streams.PUBLIC_TRADES: self._handle_public_trades,
                streams.CANDLES: self._handle_candle,
                streams.ORDERS: self._handle_orders,
                streams.FILLS: self._handle_fills,
                streams.POSITIONS: self._handle_positions,
                streams.ACCOUNT: self._handle_balance,
            }.get(message.get('event'))
            if handler is not None:
                handler(client, message)
        except Exception as error:  # a push we cannot read must not stop the receive loop; the waiting watches learn of it
            client.reject(BadResponse(f'{self.id} could not read a stream message ({type(error).__name__}): {str(message)[:200]!r}'))

    def _handle_ack(self, client, message):
        method = streams.ack_method(message) if 'method' in message else None
        key, entry = self._pending(client, message, method)
        if entry is None:
            return  # an ack for nothing waiting (a duplicate, or after an unsubscribe)
        subscription = entry['subscription']
        if message.get('success') is False:
            error = self._ack_error(message, subscription)
            del client.subscriptions[key]
            hashes = [key] if entry.get('unsubscribe') else [ACK + key, *self._hashes_of(subscription)]
            for message_hash in hashes:
                if message_hash in client.futures:
                    client.reject(error, message_hash)
            return
        entry['acked'] = True
        if entry.get('unsubscribe'):
            self._unsubscribed(client, subscription)
            return
        client.resolve(True, ACK + key)
        renewed = subscription.key in self._first_acked
        self._first_acked.setdefault(subscription.key, self.milliseconds())
        if renewed and subscription.event in RESYNCED and self.safe_bool(self.options, 'resyncAfterReconnect', True):
            task = self.asyncio_loop.create_task(self._resync(client, subscription))
            self._background.add(task)
            task.add_done_callback(self._background.discard)

    def _pending(self, client, message, method):
        """(key, entry) of the oldest unanswered (un)subscription the ack can be about; an ack that names neither
        event nor pair (captured: ``{"success": false, "msg": ...}``) answers the oldest, as Satori answers in order."""
        event, scope, period = streams.acked_event(message), streams.ack_scope(message), streams.ack_period(message)
        for key, entry in client.subscriptions.items():
            if not isinstance(entry, dict) or entry.get('acked') is not False:
                continue
            if method is not None and bool(entry.get('unsubscribe')) != (method == 'UNSUBSCRIBE'):
                continue
            subscription = entry['subscription']
            if (event in (None, subscription.event) and scope in (None, subscription.scope)
                    and period in (None, subscription.period)):
                return key, entry
        return None, None

    def _ack_error(self, message, subscription):
        text = streams.ack_text(message)
        table = self.exceptions['ws']
        error_class = table['exact'].get(streams.ack_code(message))
        if error_class is None:
            broad = self.find_broadly_matched_key(table['broad'], text)
            error_class = table['broad'][broad] if broad is not None else ExchangeError
        error = error_class(f'{self.id} {subscription.event} {subscription.scope} refused: {text or json.dumps(message)[:200]}')
        error.response = message
        return error

    def _hashes_of(self, subscription) -> list:
        """The message hashes a subscription feeds: the per-symbol one, and the every-market one of private streams."""
        market = self._market_of(subscription.scope)
        symbol = None if market is None else market['symbol']
        event = subscription.event
        if event == streams.DEPTH:
            return [f'orderbook:{symbol}']
        if event == streams.CANDLES:
            return [f'ohlcv:{symbol}:{self.find_timeframe(subscription.period)}']
        if event in (streams.SPOT_DEALS, streams.PUBLIC_TRADES):
            return [f'trades:{symbol}']
        if event == streams.ACCOUNT:
            return ['balance']
        kinds = {streams.ORDERS: ['orders'], streams.FILLS: ['myTrades'], streams.POSITIONS: ['positions']}[event]
        if event == streams.ORDERS and self._configured_event('watchMyTrades', (streams.FILLS, streams.ORDERS)) == streams.ORDERS:
            kinds = ['orders', 'myTrades']
        return [name for kind in kinds for name in (kind, f'{kind}:{symbol}')]

    def _unsubscribed(self, client, subscription):
        """An acknowledged UNSUBSCRIBE: the subscription and its cache go, watches on it end with UnsubscribeError."""
        key = subscription.key
        client.subscriptions.pop(key, None)
        self._first_acked.pop(key, None)
        remaining = {entry['subscription'].event for entry in client.subscriptions.values()
                     if isinstance(entry, dict) and 'subscription' in entry and not entry.get('unsubscribe')}
        for message_hash in self._hashes_of(subscription):
            shared = ':' not in message_hash  # 'orders', 'balance': still fed while other pairs are subscribed
            if message_hash in client.futures and not (shared and subscription.event in remaining):
                client.reject(UnsubscribeError(f'{self.id} {message_hash}'), message_hash)
        market = self._market_of(subscription.scope)
        symbol = None if market is None else market['symbol']
        event = subscription.event
        if event == streams.DEPTH:
            self.orderbooks.pop(symbol, None)
        elif event in (streams.SPOT_DEALS, streams.PUBLIC_TRADES):
            self.trades.pop(symbol, None)
            self._trade_ids.pop(symbol, None)
        elif event == streams.CANDLES:
            self.ohlcvs.get(symbol, {}).pop(self.find_timeframe(subscription.period), None)
        client.resolve(True, UNSUBSCRIBE + key)

    def _market_of(self, scope):
        markets = self.markets_by_id.get(scope) if scope is not None and self.markets_by_id else None
        return markets[0] if markets else None

    def _subscribed_market(self, client, subscription):
        """The market of a push, or None when nothing on this connection asked for it (after an unsubscribe, say)."""
        return self._market_of(subscription.scope) if subscription.key in client.subscriptions else None

    # ----- public pushes ---------------------------------------------------------------------

    def _handle_depth(self, client, message):
        for item in streams.push_items(message):
            market = self._subscribed_market(client, Subscription(streams.DEPTH, streams.push_scope(message, item)))
            if market is None:
                continue
            symbol = market['symbol']
            book = streams.depth_fields(item)
            levels = {'bids': self._book_levels(book, 'bids'), 'asks': self._book_levels(book, 'asks')}
            snapshot = self.parse_order_book(levels, symbol, self.milliseconds())
            orderbook = self.orderbooks.get(symbol)
            if orderbook is None:
                orderbook = self.orderbooks[symbol] = self.order_book()
            orderbook.reset(snapshot)
            client.resolve(orderbook, f'orderbook:{symbol}')

    def _handle_public_trades(self, client, message):
        event = message.get('event')
        period = streams.TRADES_PERIOD if event in streams.PERIOD_EVENTS else None
        by_symbol = {}
        for item in streams.push_items(message):
            market = self._subscribed_market(client, Subscription(event, streams.push_scope(message, item), period))
            if market is not None:
                trade = self.parse_trade(streams.public_trade_fields(item), market)
                by_symbol.setdefault(market['symbol'], []).append(self.extend(trade, {'info': item}))
        for symbol, trades in by_symbol.items():
            cache = self.trades.get(symbol)
            if cache is None:
                cache = self.trades[symbol] = ArrayCache(self.safe_integer(self.options, 'tradesLimit', 1000))
            # A push may repeat trades already reported (the documented one lists the latest few): each is reported once.
            seen = self._trade_ids.setdefault(symbol, {})
            fresh = [trade for trade in self.sort_by_2(trades, 'timestamp', 'id') if trade['id'] is None or trade['id'] not in seen]
            for trade in fresh:
                cache.append(trade)
                seen[trade['id']] = None
            for old in list(seen)[:max(len(seen) - 2 * self.safe_integer(self.options, 'tradesLimit', 1000), 0)]:
                del seen[old]
            if fresh:
                client.resolve((symbol, cache), f'trades:{symbol}')

    def _handle_candle(self, client, message):
        for item in streams.push_items(message):
            scope = streams.push_scope(message, item)
            period = streams.push_period(item) or self._only_period(client, scope)
            market = self._subscribed_market(client, Subscription(streams.CANDLES, scope, period))
            candle = self.parse_ohlcv(streams.candle_fields(item), market) if market is not None else None
            if candle is None or candle[0] is None:
                continue
            symbol, timeframe = market['symbol'], self.find_timeframe(period)
            by_timeframe = self.ohlcvs.setdefault(symbol, {})
            cache = by_timeframe.get(timeframe)
            if cache is None:
                cache = by_timeframe[timeframe] = ArrayCacheByTimestamp(self.safe_integer(self.options, 'OHLCVLimit', 1000))
            cache.append(candle)
            client.resolve((symbol, timeframe, cache), f'ohlcv:{symbol}:{timeframe}')

    def _only_period(self, client, scope):
        periods = [entry['subscription'].period for entry in client.subscriptions.values()
                   if isinstance(entry, dict) and 'subscription' in entry and entry['subscription'].event == streams.CANDLES
                   and entry['subscription'].scope == scope]
        return periods[0] if len(periods) == 1 else None

    # ----- private pushes --------------------------------------------------------------------

    def _handle_orders(self, client, message):
        derive_trades = self._configured_event('watchMyTrades', (streams.FILLS, streams.ORDERS)) == streams.ORDERS
        for item in streams.push_items(message):
            market = self._subscribed_market(client, Subscription(streams.ORDERS, streams.push_scope(message, item)))
            if market is None:
                continue
            self._push_sequence += 1
            order = self._order_of_change(item, market)
            previous = self._cached_order(market['symbol'], order['id'])
            if derive_trades and streams.change_type(item) == 'TRADE':
                self._store_my_trades(client, [self._trade_of_change(item, order, previous, market)])
            self._store_orders(client, [order])

    def _order_of_change(self, item, market):
        order = self.parse_order(streams.order_fields(item), market)
        status = ORDER_CHANGES.get(streams.change_type(item))
        if status is None:  # TRADE: closed once nothing remains
            status = 'closed' if order['remaining'] is not None and order['remaining'] <= 0 else 'open'
        now = self.milliseconds()
        # Satori's change carries no time: the order is dated by when it was first seen, updated by when this arrived.
        previous = self._cached_order(market['symbol'], order['id'])
        timestamp = previous['timestamp'] if previous is not None and previous['timestamp'] is not None else now
        return self.safe_order(self.extend(order, {'status': status, 'remaining': None, 'timestamp': timestamp,
                                                   'datetime': self.iso8601(timestamp), 'lastUpdateTimestamp': now,
                                                   'info': item}), market)

    def _trade_of_change(self, item, order, previous, market):
        """A fill made from a TRADE change: the quantity is this trade's; the price is the cost added since the order
        was last seen, else (first seen now) the order's average, which is exact for its first fill. The id is
        the order id and its filled quantity after the trade (there is no match id in the change)."""
        quantity, cost, filled = self._decimal(item, streams.CHANGE_FILL_QUANTITY), _text(order['cost']), _text(order['filled'])
        price = None
        if quantity is not None and cost is not None and Precise.string_gt(quantity, '0'):
            if previous is not None and previous['cost'] is not None:
                price = Precise.string_div(Precise.string_sub(cost, _text(previous['cost'])), quantity)
            else:
                price = _text(order['average'])
        fields = streams.change_fill_fields(item, fill_id=None if filled is None else f'{order["id"]}-{filled}', order_id=order['id'],
                                            timestamp=order['lastUpdateTimestamp'],
                                            is_long=None if order['side'] is None else order['side'] == 'buy', price=price)
        return self.extend(self.parse_trade(fields, market), {'info': item})

    def _handle_fills(self, client, message):
        trades = []
        for item in streams.push_items(message):
            fields = streams.fill_fields(item)
            scope = streams.push_scope(message, item) or self._scope_of_order(self._fill_order_id(fields))
            market = self._subscribed_market(client, Subscription(streams.FILLS, scope))
            if market is not None:
                self._push_sequence += 1
                trades.append(self.extend(self.parse_trade(fields, market), {'info': item}))
        self._store_my_trades(client, trades)

    def _scope_of_order(self, order_id):
        if self.orders is None or order_id is None:
            return None
        for symbol, by_id in self.orders.hashmap.items():
            if str(order_id) in by_id:
                return self.market(symbol)['id']
        return None

    def _handle_positions(self, client, message):
        changed = []
        for item in streams.push_items(message):
            market = self._subscribed_market(client, Subscription(streams.POSITIONS, streams.push_scope(message, item)))
            if market is None:
                continue
            self._push_sequence += 1
            position = self.parse_position(streams.position_fields(item), market)
            if streams.change_type(item) in CLOSING_CHANGES:
                position['contracts'] = self.parse_number('0')
            # A change carries no time: the position is dated by when it was first seen, updated by when this arrived.
            now = self.milliseconds()
            previous = self._cached_position(position)
            timestamp = previous['timestamp'] if previous is not None and previous['timestamp'] is not None else now
            position = self.extend(position, {'timestamp': timestamp, 'datetime': self.iso8601(timestamp), 'lastUpdateTimestamp': now,
                                              'info': item})
            self._pushed_at[('position', position['symbol'], position['side'])] = self._push_sequence
            changed.append(position)
        self._store_positions(client, changed)

    def _handle_balance(self, client, message):
        for item in streams.push_items(message):
            coin = streams.push_scope(message, item)
            if coin is None or Subscription(streams.ACCOUNT, coin).key not in client.subscriptions:
                continue
            version = streams.balance_version(item)
            if version is not None:
                if version < self._balance_versions.get(coin, -1):
                    continue  # older than a balance already reported
                self._balance_versions[coin] = version
            self._push_sequence += 1
            self._pushed_at[('balance', coin)] = self._push_sequence
            amounts = streams.balance_fields(item)
            self._store_balance(client, coin, self._decimal(amounts, 'free'), self._decimal(amounts, 'used'), item)

    # ----- caches ------------------------------------------------------------------------------

    def _updates(self, cache, symbols, markets, since, limit):
        """The cache's news since the last call, for one symbol or all (ccxt's newUpdates); several symbols get the cache filtered."""
        if symbols is None or len(markets) == 1:
            symbol = None if symbols is None else markets[0]['symbol']
            return self.filter_by_symbol_since_limit(cache, symbol, since, cache.getLimit(symbol, limit), True)
        return self.filter_by_symbols_since_limit(cache, [market['symbol'] for market in markets], since, limit, True)

    def _cached_order(self, symbol, order_id):
        if self.orders is None or order_id is None:
            return None
        return self.orders.hashmap.get(symbol, {}).get(order_id)

    def _store_orders(self, client, orders):
        """Adds the orders whose state moved on (a new order, more filled, or an end); reports them, never one twice."""
        if self.orders is None:
            self.orders = ArrayCacheBySymbolById(self.safe_integer(self.options, 'ordersLimit', 1000))
        symbols = set()
        for order in orders:
            if order['id'] is None or not self._moves_on(self._cached_order(order['symbol'], order['id']), order):
                continue
            self.orders.append(order)
            symbols.add(order['symbol'])
        self._resolve_scoped(client, 'orders', self.orders, symbols)

    def _moves_on(self, previous, order) -> bool:
        """Whether ``order`` is news after ``previous``: an order never goes back to open, nor fills less."""
        if previous is None:
            return True
        if previous['status'] in TERMINAL:
            return False
        filled, before = order['filled'], previous['filled']
        if filled is not None and before is not None and filled < before:
            return False
        return order['status'] != previous['status'] or filled != before

    def _store_my_trades(self, client, trades):
        if self.myTrades is None:
            self.myTrades = ArrayCacheBySymbolById(self.safe_integer(self.options, 'tradesLimit', 1000))
        symbols = set()
        for trade in self.sort_by_2(trades, 'timestamp', 'id'):
            if trade['id'] is None or trade['id'] in self.myTrades.hashmap.get(trade['symbol'], {}):
                continue
            self.myTrades.append(trade)
            symbols.add(trade['symbol'])
        self._resolve_scoped(client, 'myTrades', self.myTrades, symbols)

    def _cached_position(self, position):
        """The cached position of the same id (a closed position's successor on the same side is a new one)."""
        cached = self.positions.hashmap.get(position['symbol'], {}).get(position['side']) if self.positions is not None else None
        return cached if cached is not None and cached['id'] == position['id'] else None

    def _store_positions(self, client, positions):
        if self.positions is None:
            self.positions = ArrayCacheBySymbolBySide()
        for position in positions:
            self.positions.append(position)
        for symbol in {position['symbol'] for position in positions}:
            client.resolve([position for position in positions if position['symbol'] == symbol], f'positions:{symbol}')
        if positions:
            client.resolve(positions, 'positions')

    def _store_balance(self, client, coin, free, used, info):
        balance = self.extend(self.balance or {}, {self.safe_currency_code(coin): {'free': free, 'used': used, 'total': None}})
        balance['info'] = self.extend(self.safe_dict(balance, 'info', {}), {coin: info})
        self.balance = self.safe_balance(balance)
        client.resolve(self.balance, 'balance')

    def _resolve_scoped(self, client, prefix, cache, symbols):
        for symbol in symbols:
            client.resolve(cache, f'{prefix}:{symbol}')
        if symbols:
            client.resolve(cache, prefix)

    # ----- resync after a renewed subscription ------------------------------------------------

    async def _resync(self, client, subscription):
        """What changed while no stream listened, read by REST and reported like pushes; a failure ends the watches of
        the subscription with it, and drops the subscription so that the next watch subscribes (and resyncs) again."""
        market = self._market_of(subscription.scope)
        try:
            if subscription.event == streams.ORDERS:
                await self._resync_orders(client, market)
            elif subscription.event == streams.FILLS:
                await self._resync_fills(client, subscription, market)
            elif subscription.event == streams.POSITIONS:
                await self._positions_snapshot([market['symbol']], client)
            else:
                await self._resync_balance(client, subscription.scope)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            client.subscriptions.pop(subscription.key, None)
            for message_hash in self._hashes_of(subscription):
                if message_hash in client.futures:
                    client.reject(error if isinstance(error, BaseError) else ExchangeError(str(error)), message_hash)

    async def _resync_orders(self, client, market):
        symbol = market['symbol']
        open_orders = await self.fetch_open_orders(symbol)
        listed = {order['id'] for order in open_orders}
        last_seen_open = [order['id'] for order in (self.orders or []) if order['symbol'] == symbol and order['status'] == 'open'
                          and order['id'] not in listed]
        found = []
        for order_id in last_seen_open:
            try:
                found.append(await self.fetch_order(order_id, symbol))
            except OrderNotFound:
                continue
        now = self.milliseconds()
        self._store_orders(client, [self.extend(order, {'lastUpdateTimestamp': now}) for order in open_orders + found])

    async def _resync_fills(self, client, subscription, market):
        symbol = market['symbol']
        known = [trade['timestamp'] for trade in (self.myTrades or []) if trade['symbol'] == symbol and trade['timestamp'] is not None]
        since = max(known) if known else self._first_acked[subscription.key]
        self._store_my_trades(client, await self.fetch_my_trades(symbol, since))

    async def _positions_snapshot(self, symbols, client=None):
        """Positions by REST; one about which a push arrived after the request was sent stays as pushed, and one the
        cache holds open that the answer no longer lists is reported closed."""
        started = self._push_sequence
        positions = await self.fetch_positions(symbols)
        listed = {(position['symbol'], position['side']) for position in positions}
        closed = [self.extend(position, {'contracts': self.parse_number('0')}) for position in self.positions
                  if position['symbol'] in symbols and (position['contracts'] or 0) > 0
                  and (position['symbol'], position['side']) not in listed]
        now = self.milliseconds()
        fresh = [self.extend(position, {'lastUpdateTimestamp': now}) for position in positions + closed
                 if self._pushed_at.get(('position', position['symbol'], position['side']), -1) <= started]
        if client is None:
            for position in fresh:
                self.positions.append(position)
        else:
            self._store_positions(client, fresh)

    async def _resync_balance(self, client, coin):
        started = self._push_sequence
        code = self.safe_currency_code(coin)
        balance = await self.fetch_balance({'code': code})
        if self._pushed_at.get(('balance', coin), -1) > started:
            return
        amounts = self.safe_dict(balance, code, {})
        self._store_balance(client, coin, _text(amounts.get('free')), _text(amounts.get('used')), self.safe_dict(balance['info'], coin))


def _text(number):
    """A parsed number back as the decimal string Precise works on, or None."""
    return None if number is None else number_to_string(number)


def _consume(future):
    """Marks the outcome of a watch nobody awaits any more as read, so asyncio does not log it."""
    if not future.cancelled():
        future.exception()


__all__ = ['satori']
