"""``Simulator``: a local Satori on 127.0.0.1, served from a background thread, with hooks for tests.

The server runs its own asyncio loop in a daemon thread, so the same
instance serves sync code, async code on another loop, and the command line.
Keys are derived at run time from the seed (keccak of a seed string) and are
never written anywhere; the docs' published key is always registered too.

It runs inside its host's process and leaves it alone: it changes no global
setting (no recursion limit: it does not import eth-account, see ``keys.py``;
no logging configuration), and whatever a client sends, the answer is a Satori
envelope (``server.py`` lists the bounds) and the process goes on. The request
log is bounded too (``request_log_records``, ``request_log_bytes``), so a long
``satori-ccxt simulate`` run does not grow without end.
"""

import asyncio
import dataclasses
import itertools
import string
import threading
from collections import deque
from decimal import Decimal

from aiohttp import web
from eth_hash.auto import keccak

from . import arguments
from .clock import Clock
from .endpoints import DEPLOYMENTS
from .engine import CANCELLED, EXPIRED, STATUS_NAMES, Engine, OrderSpec
from .faults import Faults, normalise_path
from .keys import SECP256K1_ORDER, address_of_secret
from .server import FIRST_SID, HARD_LIMITS, SatoriApp
from .streams import StreamHub

DOCS_API_KEY = 'st_fq6cvRF4fr5tnKiZfrIntRnLfrwxcXjcfr1y8FR7'
DOCS_WALLET = '0x134eF0CfABEBF9c70eAE631254a6b4736f9b8508'
DOCS_USER_ID = 42471               # the userId of the docs' balance example
DOCS_BALANCE = '1000000'
# The ids the docs' cancel (vector 3) and batch-cancel (vector 4) examples cancel, with a time just before each example.
DOCS_ORDERS = ((178790278, 1725696800000), (180554928, 1725865000000), (180554929, 1725865000000), (180554930, 1725865000000))

FIRST_USER_ID = 100_001
_BASE62 = string.ascii_letters + string.digits

MAX_BALANCE = Decimal(10) ** 15          # USD: every amount derived from it fits Decimal's 28 digits
MAX_ORDER_NUMBER = Decimal(10) ** 12     # a hook order's price or quantity, as the wire allows (protocol._DECIMAL)
MAX_LEVER = 10_000
MAX_CLIENT_ORDER_ID = 64


@dataclasses.dataclass(frozen=True)
class SimAccount:
    """An account's credentials; ``secret`` is None for the docs' account (its key is in the docs, not here)."""
    api_key: str
    secret: str
    wallet_address: str
    user_id: int

    def __getitem__(self, name):
        return getattr(self, name)

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def derive_secret(seed, number: int) -> str:
    for attempt in itertools.count():
        digest = keccak(f'satori-ccxt simulator/{seed}/account/{number}/{attempt}'.encode())
        if 0 < int.from_bytes(digest, 'big') < SECP256K1_ORDER:
            return '0x' + digest.hex()


def derive_api_key(seed, number: int) -> str:
    value = int.from_bytes(keccak(f'satori-ccxt simulator/{seed}/api-key/{number}'.encode()), 'big')
    letters = []
    for _ in range(33):
        value, digit = divmod(value, len(_BASE62))
        letters.append(_BASE62[digit])
    return 'st_sim_' + ''.join(letters)


class Simulator:
    """A faithful local Satori. ``with Simulator(seed=1) as sim: ...`` or ``start()`` / ``stop()``.

    - ``batch_failure_signal``: how a batch cancel that stops at a failing
      order answers: ``'code'`` (that order's error code) or ``'data_false'``
      (``code`` 200 with ``data: false``).
    - ``unknown_order_answer``: how a cancel answers an id that is none of the
      caller's orders: ``'2319'`` "Failed to cancel order:order does not
      exist" (the assumed shape), or ``'2001'`` "Illegal parameter:entrustId"
      (``entrustIds`` in a batch, ``clientOrderId`` by client id). queryOrder
      answers such an id 2001 either way.
    - ``clock``: None for real time, an int to start frozen at that ms, or a
      callable returning ms.
    - ``timestamp_window_ms``: how far a signed request's timestamp may be from the clock.
    - ``balance``: the USD balance of the ready account (``sim.api_key``).
    - ``stream_interval``: seconds between pushes of the candle in progress to stream subscribers.
    - ``deployment``: which endpoints it serves. ``'satori'``: those documented or
      captured on Satori's own servers; ``'later'``: also those seen only on a
      later deployment of the same software (ticker/24hr, orders/histories,
      getUserLever), which the client uses with a fallback.

    - ``request_log_records``, ``request_log_bytes``: the request log keeps the
      last requests within both bounds (records; characters of their text) and
      counts the older ones it lets go (``requests_dropped``).

    Funding is charged at every full hour the clock is moved across with
    ``set_time``/``advance_time``; under the real clock hours pass uncharged,
    so no balance changes between two reads on its own.
    """

    def __init__(self, seed=0, batch_failure_signal='code', clock=None, timestamp_window_ms=30_000,
                 host='127.0.0.1', port=0, balance='100000', deployment='satori',
                 stream_interval=1.0, request_log_records=10_000, request_log_bytes=64 << 20, unknown_order_answer='2319'):
        if batch_failure_signal not in ('code', 'data_false'):
            raise ValueError("batch_failure_signal must be 'code' or 'data_false'")
        if deployment not in DEPLOYMENTS:
            raise ValueError(f'deployment must be one of {", ".join(DEPLOYMENTS)}')
        self.seed = seed
        self.deployment = deployment
        self.endpoints = DEPLOYMENTS[deployment]
        self.batch_failure_signal = batch_failure_signal
        self.timestamp_window_ms = int(timestamp_window_ms)
        self.host = host
        self.port = port
        self.clock = Clock(clock)
        self.engine = Engine(seed, unknown_order_answer)
        self.faults = Faults()
        self.streams = StreamHub(self, stream_interval)
        self.request_log_records = arguments.integer('request_log_records', request_log_records, 1, 10 ** 9)
        self.request_log_bytes = arguments.integer('request_log_bytes', request_log_bytes, 1, 1 << 40)
        self._requests = deque()
        self._requests_lock = threading.Lock()
        self._logged_bytes = 0
        self._requests_received = 0
        self._requests_dropped = 0
        self._sids = itertools.count(FIRST_SID)
        self._events = itertools.count()
        self._account_numbers = itertools.count()
        self._secrets = {}
        self._thread = None
        self._loop = None
        self.docs_account = self._register_docs_account()
        self.account = self.create_account(balance)
        with self.engine.lock:
            self.engine.start_funding(self.clock.now_ms())

    # ----- lifecycle ---------------------------------------------------------------------

    def start(self) -> 'Simulator':
        if self._thread is not None:
            return self
        loop = asyncio.new_event_loop()
        ready = threading.Event()
        failure = []

        def serve():
            asyncio.set_event_loop(loop)
            runner = web.AppRunner(SatoriApp(self).app, access_log=None, shutdown_timeout=0.5, **HARD_LIMITS)
            try:
                loop.run_until_complete(runner.setup())
                loop.run_until_complete(web.TCPSite(runner, self.host, self.port).start())
                self.port = runner.addresses[0][1]
            except BaseException as error:  # handed to start()'s caller
                failure.append(error)
                ready.set()
                loop.run_until_complete(runner.cleanup())
                loop.close()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(runner.cleanup())
            # Handlers still waiting (an injected latency whose client gave up) end here, not in a warning at exit.
            pending = asyncio.all_tasks(loop)
            for task in pending:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()

        self.streams.loop = loop
        thread = threading.Thread(target=serve, name=f'satori-simulator-{self.seed}', daemon=True)
        thread.start()
        ready.wait()
        if failure:
            raise failure[0]
        self._thread, self._loop = thread, loop
        return self

    def stop(self) -> None:
        if self._thread is None:
            return
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._thread = self._loop = None

    def __enter__(self) -> 'Simulator':
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._thread is None:
            raise RuntimeError('the simulator is not running: call start() or use it in a with block')
        return f'http://{self.host}:{self.port}'

    # ----- accounts ----------------------------------------------------------------------

    @property
    def api_key(self) -> str:
        return self.account.api_key

    @property
    def secret(self) -> str:
        return self.account.secret

    @property
    def wallet_address(self) -> str:
        return self.account.wallet_address

    @property
    def user_id(self) -> int:
        return self.account.user_id

    def create_account(self, balance='100000') -> SimAccount:
        """A new account with ``balance`` USD (a decimal string or a number) and a key derived from the seed."""
        balance = arguments.decimal('balance', balance, MAX_BALANCE)
        number = next(self._account_numbers)
        secret = derive_secret(self.seed, number)
        account = SimAccount(derive_api_key(self.seed, number), secret, address_of_secret(secret), FIRST_USER_ID + number)
        with self.engine.lock:
            self.engine.add_account(account.user_id, account.api_key, account.wallet_address, balance)
        self._secrets[account.api_key] = account
        return account

    def _register_docs_account(self) -> SimAccount:
        engine = self.engine
        account = engine.add_account(DOCS_USER_ID, DOCS_API_KEY, DOCS_WALLET, DOCS_BALANCE)
        for order_id, created_ms in DOCS_ORDERS:
            with engine.session(created_ms):
                engine.place_resting(account, _limit_spec('ETH-USD', True, '2000', '0.02', 1, str(created_ms)), order_id)
        # The position of the docs' margin example (vector 5), with the values of their WebSocket position example.
        with engine.session(1725865000000):
            engine.open_position(account, engine.market('ETH-USD'), 4796701, True, Decimal('0.06'), Decimal('2300.045'), 4, Decimal('7.5'),
                                 entrust_id=180632923)
        return SimAccount(DOCS_API_KEY, None, DOCS_WALLET, DOCS_USER_ID)

    def _engine_account(self, account_or_api_key):
        """The engine's account for a SimAccount, an API key or a user id."""
        if account_or_api_key is None:
            account_or_api_key = self.account
        if isinstance(account_or_api_key, SimAccount):
            account_or_api_key = account_or_api_key.api_key
        if not isinstance(account_or_api_key, (str, int)) or isinstance(account_or_api_key, bool):
            raise ValueError(f'an account is a SimAccount, an API key or a user id, not {type(account_or_api_key).__name__}')
        if isinstance(account_or_api_key, int):
            matches = [a for a in self.engine.accounts.values() if a.user_id == account_or_api_key]
            account = matches[0] if matches else None
        else:
            account = self.engine.accounts.get(account_or_api_key)
        if account is None:
            raise ValueError(f'no account {account_or_api_key!r}')
        return account

    # ----- clock -------------------------------------------------------------------------

    def now_ms(self) -> int:
        return self.clock.now_ms()

    def set_time(self, ms) -> None:
        """Freezes the clock at ``ms``; ``None`` returns to real time.

        Funding is charged at every full hour the frozen clock is moved forward
        across; the hours the real clock passes go uncharged.
        """
        self._move_clock(lambda: self.clock.set(ms), charge=ms is not None)

    def advance_time(self, ms: int) -> int:
        """Moves the clock by ``ms`` (an int; negative goes back) and freezes it there, charging funding as
        ``set_time`` does; returns the new time."""
        return self._move_clock(lambda: self.clock.advance(ms), charge=True)

    def _move_clock(self, move, charge):
        with self.engine.lock:
            if not self.clock.frozen:
                self.engine.move_funding_clock(self.clock.now_ms(), charge=False)
            moved = move()
            self.engine.move_funding_clock(self.clock.now_ms(), charge=charge)
            return moved

    def funding_rate(self, pair='ETH-USD', at_ms=None) -> Decimal:
        """The funding rate charged at the full hour ``at_ms`` falls in (the current hour by default)."""
        with self.engine.lock:
            return self.engine.funding_rate(self.engine.market(pair), (self.now_ms() if at_ms is None else at_ms) // 3_600_000)

    def mark_price(self, pair='ETH-USD') -> Decimal:
        with self.engine.session(self.now_ms()) as engine:
            return engine.mark_price(engine.market(pair))

    # ----- state hooks (no HTTP) ---------------------------------------------------------

    def place_order(self, account_or_api_key, pair='ETH-USD', side='buy', price='3000', quantity='0.1', lever=10,
                    client_order_id=None) -> int:
        """A resting limit order (GTC, isolated); ValueError if it would trade now: pick a price away from the book."""
        if side not in ('buy', 'sell'):
            raise ValueError("side must be 'buy' or 'sell'")
        pair, lever = arguments.text('pair', pair, 20), arguments.integer('lever', lever, 1, MAX_LEVER)
        price, quantity = arguments.decimal('price', price, MAX_ORDER_NUMBER), arguments.decimal('quantity', quantity, MAX_ORDER_NUMBER)
        if client_order_id is not None:
            arguments.text('client_order_id', client_order_id, MAX_CLIENT_ORDER_ID)
        with self.engine.session(self.now_ms()) as engine:
            account = self._engine_account(account_or_api_key)
            client_order_id = str(self.now_ms()) if client_order_id is None else client_order_id
            return engine.place_resting(account, _limit_spec(pair, side == 'buy', price, quantity, lever, client_order_id)).id

    def fill(self, order_id: int) -> None:
        """Fills the rest of an open order at its price, against the market maker."""
        with self.engine.session(self.now_ms()) as engine:
            engine.fill_completely(engine.open_order(order_id))

    def cancel_behind_back(self, order_id: int) -> None:
        """Cancels an open order as if another client (or Satori) had."""
        with self.engine.session(self.now_ms()) as engine:
            engine.end_open_order(engine.open_order(order_id), CANCELLED)

    def expire(self, order_id: int) -> None:
        with self.engine.session(self.now_ms()) as engine:
            engine.end_open_order(engine.open_order(order_id), EXPIRED)

    def refuse_cancel(self, order_id: int) -> None:
        """From now on, cancels of this open order answer 2319 and leave it open."""
        with self.engine.session(self.now_ms()) as engine:
            engine.open_order(order_id).refuse_cancel = True

    def order_status(self, order_id: int):
        """'open', 'filled', 'cancelled', 'expired', or None for an id the simulator never gave out."""
        with self.engine.lock:
            order = self.engine.orders.get(int(order_id))
            return None if order is None else STATUS_NAMES[order.status]

    def open_order_ids(self, account=None) -> list:
        """The ids of the account's open orders (the ready account's by default), on every pair, ascending."""
        with self.engine.session(self.now_ms()) as engine:
            return sorted(order.id for order in engine.open_orders(self._engine_account(account)))

    def balance(self, account=None) -> dict:
        """``{'available': Decimal, 'frozen': Decimal}`` in USD, as the balance endpoint would show them."""
        with self.engine.session(self.now_ms()) as engine:
            found = self._engine_account(account)
            return {'available': found.available, 'frozen': engine.frozen(found)}

    def ledger(self, account=None) -> dict:
        """What Satori holds for an account, for checking a client's records against it.

        ``orders``: id -> {status, pair, side, quantity, filled, dealAmount, lever, positionType};
        ``fills``: [{id, orderId, price, quantity, fee}]; ``positions``: the open ones, [{id, pair, side, quantity}];
        ``available`` and ``frozen`` USD. Amounts are Decimals.
        """
        with self.engine.session(self.now_ms()) as engine:
            found = self._engine_account(account)
            orders = {order.id: {'status': STATUS_NAMES[order.status], 'pair': order.market.symbol,
                                 'side': 'buy' if order.is_long else 'sell', 'quantity': order.quantity, 'filled': order.filled,
                                 'dealAmount': order.deal_amount, 'lever': order.lever, 'positionType': order.position_type}
                      for order in engine.orders.values() if order.account is found}
            fills = [{'id': fill.id, 'orderId': fill.order.id, 'price': fill.price, 'quantity': fill.quantity, 'fee': fill.fee}
                     for fill in engine.fills.get(found.user_id, [])]
            positions = [{'id': position.id, 'pair': position.market.symbol, 'side': 'long' if position.is_long else 'short',
                          'quantity': position.quantity}
                         for position in engine.open_positions.values() if position.account is found]
            return {'orders': orders, 'fills': fills, 'positions': positions, 'available': found.available, 'frozen': engine.frozen(found)}

    def index_price(self, pair='ETH-USD') -> Decimal:
        with self.engine.session(self.now_ms()) as engine:
            return engine.index_price(engine.market(pair))

    def best_prices(self, pair='ETH-USD') -> tuple:
        """(best bid, best ask) of the book now."""
        with self.engine.session(self.now_ms()) as engine:
            market = engine.market(pair)
            return (market.bids[0].price if market.bids else None, market.asks[0].price if market.asks else None)

    # ----- request log -------------------------------------------------------------------

    def log_request(self, record) -> None:
        """Keeps ``record``, letting the oldest go past ``request_log_records`` records or ``request_log_bytes`` of text."""
        with self._requests_lock:
            self._requests.append(record)
            self._logged_bytes += record.size
            self._requests_received += 1
            while len(self._requests) > self.request_log_records or self._logged_bytes > self.request_log_bytes:
                self._logged_bytes -= self._requests.popleft().size
                self._requests_dropped += 1

    @property
    def requests(self) -> list:
        """The Satori requests received (admin routes excepted), oldest first: method, path, query, headers, body, status, code.

        The last ones, within ``request_log_records`` and ``request_log_bytes``; ``requests_dropped`` counts the older ones let go.
        """
        with self._requests_lock:
            return list(self._requests)

    @property
    def requests_dropped(self) -> int:
        """How many requests the log let go to stay within its bounds since it was last cleared."""
        with self._requests_lock:
            return self._requests_dropped

    def clear_requests(self) -> None:
        with self._requests_lock:
            self._requests.clear()
            self._logged_bytes = self._requests_received = self._requests_dropped = 0

    def count(self, path: str) -> int:
        """How many of the logged requests went to ``path``."""
        path = normalise_path(path)
        return sum(1 for record in self.requests if record.path == path)

    def next_sid(self) -> str:
        return str(next(self._sids))

    def next_event(self) -> int:
        """The next place in the sequence of request arrivals and answers (``RequestRecord.received`` / ``answered``)."""
        return next(self._events)

    # ----- faults ------------------------------------------------------------------------

    def inject(self, kind, path=None, count=1, duration=None, skip=0, **options):
        """Makes the next ``count`` requests to ``path`` (None: any), or all of them for ``duration`` seconds, fail as ``kind``,
        after letting the first ``skip`` of them through.

        Kinds and options: ``latency`` (seconds=), ``http_5xx`` (status=502),
        ``http_429`` (retry_after=), ``code_2008`` (detail=), ``maintenance``,
        ``drop``, ``non_json_200`` (body=); all but latency take
        ``processed=True`` to carry the request out before spoiling its answer.
        A latency is at most an hour and a duration at most a day; a latency
        whose client gave up is ended when the simulator stops.
        """
        return self.faults.add(kind, path, count, duration, skip, **options)

    def clear_faults(self) -> None:
        self.faults.clear()
        self.streams.clear_faults()

    # ----- streams -----------------------------------------------------------------------

    @property
    def stream_url(self) -> str:
        return 'ws' + self.url[len('http'):] + '/api/market/ws'

    def inject_stream(self, kind, count=1, duration=None, **options):
        """Makes the next ``count`` stream messages (or all of them for ``duration`` seconds) meet ``kind``:
        ``error_ack`` (msg=) and ``withhold_ack`` answer (un)subscriptions, ``drop`` (processed=) closes the connection
        on the next one, ``delay`` (seconds=) holds back pushes, ``mute_pong`` leaves pings unanswered."""
        return self.streams.add_fault(kind, count, duration, **options)

    def drop_streams(self) -> None:
        """Closes every stream connection now, without a close frame, as a network failure would."""
        done = threading.Event()

        def drop():
            self.streams.drop_all()
            done.set()
        self._loop.call_soon_threadsafe(drop)
        done.wait(timeout=10)

    @property
    def stream_frames(self) -> list:
        """Every text frame the stream side received, oldest first: ``StreamFrame(connection, text)``."""
        with self.streams._lock:
            return list(self.streams.frames)

    def clear_stream_frames(self) -> None:
        with self.streams._lock:
            self.streams.frames.clear()

    def stream_subscriptions(self) -> list:
        """The subscriptions open now: ``(connection, event, pair or coin, period)``, by connection."""
        with self.engine.lock:
            return sorted((connection.number, *key[:2], key[2] or '') for connection in list(self.streams.connections)
                          for key in connection.subscriptions)

    # ----- admin view --------------------------------------------------------------------

    def state(self) -> dict:
        with self.engine.session(self.now_ms()) as engine:
            accounts = []
            for account in engine.accounts.values():
                known = self._secrets.get(account.api_key)
                accounts.append({
                    'userId': account.user_id, 'apiKey': account.api_key, 'walletAddress': account.wallet_address,
                    'secret': known.secret if known is not None else None,
                    'availableAmount': str(account.available), 'frozenAmount': str(engine.frozen(account)),
                    'openOrderIds': sorted(order.id for order in engine.open_orders(account)),
                })
            markets = [{'symbol': market.symbol, 'indexPrice': str(engine.index_price(market)), 'markPrice': str(engine.mark_price(market)),
                        'bestBid': str(market.bids[0].price) if market.bids else None,
                        'bestAsk': str(market.asks[0].price) if market.asks else None}
                       for market in engine.markets.values()]
        with self._requests_lock:
            received, dropped = self._requests_received, self._requests_dropped
        return {'now': self.now_ms(), 'clockFrozen': self.clock.frozen, 'batchFailureSignal': self.batch_failure_signal,
                'unknownOrderAnswer': self.engine.unknown_order_answer, 'deployment': self.deployment,
                'timestampWindowMs': self.timestamp_window_ms, 'accounts': accounts, 'markets': markets,
                'faults': self.faults.describe(), 'requestCount': received, 'requestsDropped': dropped}


def _limit_spec(pair, is_long, price, quantity, lever, client_order_id) -> OrderSpec:
    return OrderSpec(pair, is_long, False, lever, 1, 3, Decimal(price), Decimal(quantity), client_order_id)
