"""Satori's state: markets, accounts, the order books and their matching, positions and balances.

No HTTP here: the server and the ``Simulator`` facade call these methods
with ``lock`` held (``Engine.session``), and they raise ``SatoriError``
with the code Satori would answer.

Model (one-way net positions, isolated margin; cross, positionType 4, is
accounted the same way except that margin calls are refused):
- an order reserves ``margin = price * opening quantity / lever`` from the
  available balance, the opening quantity being what is left after it would
  close the opposite position; the reserve is released pro rata as it fills
  and in full when it ends;
- a fill charges the maker or taker fee (percent rates of the pair list),
  closes the opposite position first (realising PnL and releasing that part
  of its margin) and opens or increases a position with the rest, moving
  ``fill price * quantity / lever`` from available to the position's margin;
- ``frozenAmount`` is the margin reserved by open orders plus the margin of
  open positions. Liquidation is not simulated;
- funding: each market has a seeded hourly rate (``PriceWalk.funding_rate``).
  ``settle_funding`` charges it at every full hour the clock is moved across:
  a position open at that hour pays (long, positive rate) or receives
  ``quantity * mark price * rate``, from or into the available balance, and
  shows the sum as ``tariffAmount`` (positive = received).

``listener`` (the stream hub, ``streams.py``) hears of every change as it
happens: orders (NEW, TRADE, CANCELED), fills, positions (NEW, INCREASE,
REDUCE, CLOSE), public trades, and the end of each session (books, balances).
"""

import bisect
import contextlib
import itertools
import random
import threading
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

from .codes import SatoriError, illegal
from .prices import PriceWalk

OPEN, FILLED, CANCELLED, EXPIRED = 1, 2, 3, 4  # queryOrder ``status`` (assumed, docs/evidence.md)
STATUS_NAMES = {OPEN: 'open', FILLED: 'filled', CANCELLED: 'cancelled', EXPIRED: 'expired'}
GTC, IOC, FOK, POST_ONLY = 1, 2, 3, 4
ISOLATED, CROSS = 3, 4

SETTLE_COIN_ID = 4
SETTLE_SYMBOL = 'USD'
SETTLE_DECIMAL = 6
CENT = Decimal(1).scaleb(-SETTLE_DECIMAL)
ZERO = Decimal(0)

FIRST_ORDER_ID = 200_000_000            # above the docs' example ids (178790278, 180554928-30)
FIRST_MARKET_MAKER_ORDER_ID = 900_000_000_000  # far from user ids, so user ids do not depend on how often the book was requoted
FIRST_POSITION_ID = 5_000_000          # above the docs' example position 4796701
FIRST_FILL_ID = 20_000_000             # above the docs' example matchId 19864367
FIRST_TRADE_ID = 20_000_000
HOUR_MS = 3_600_000

QUOTE_LEVELS = 10
QUOTE_HALF_SPREAD = Decimal('0.0002')
QUOTE_LEVEL_STEP = Decimal('0.0002')


@dataclass(frozen=True)
class MarketSpec:
    id: int
    symbol: str
    base_price: str
    price_decimal: int
    quantity_decimal: int
    min_count: str
    max_count: str
    min_lever: int
    max_lever: int
    maker_fee_rate: str   # percent
    taker_fee_rate: str   # percent
    quote_lot: str        # typical market-maker quantity per level


MARKET_SPECS = (
    MarketSpec(1, 'ETH-USD', '3200', 2, 3, '0.001', '1000', 1, 25, '0.04', '0.06', '2'),
    MarketSpec(2, 'BTC-USD', '60000', 1, 4, '0.0001', '100', 1, 25, '0.04', '0.06', '0.1'),
    MarketSpec(3, 'SOL-USD', '150', 3, 2, '0.01', '10000', 1, 20, '0.04', '0.06', '40'),
)


class Market:
    def __init__(self, spec: MarketSpec, salt: int):
        self.spec = spec
        self.id = spec.id
        self.symbol = spec.symbol
        self.tick = Decimal(1).scaleb(-spec.price_decimal)
        self.step = Decimal(1).scaleb(-spec.quantity_decimal)
        self.min_count = Decimal(spec.min_count)
        self.max_count = Decimal(spec.max_count)
        self.maker_rate = Decimal(spec.maker_fee_rate) / 100
        self.taker_rate = Decimal(spec.taker_fee_rate) / 100
        self.walk = PriceWalk(salt, Decimal(spec.base_price), self.tick)
        self.bids = []   # best first: highest price, then oldest
        self.asks = []   # best first: lowest price, then oldest
        self.quoted_second = None
        self.trades = []  # oldest first

    def side(self, is_long: bool) -> list:
        return self.bids if is_long else self.asks

    def rest(self, order) -> None:
        book = self.side(order.is_long)
        bisect.insort(book, order, key=_book_key)

    def remove(self, order) -> None:
        self.side(order.is_long).remove(order)


def _book_key(order):
    return (-order.price if order.is_long else order.price, order.seq)


@dataclass(eq=False)
class Account:
    user_id: int
    api_key: str
    wallet_address: str
    available: Decimal
    market_maker: bool = False


@dataclass(frozen=True)
class OrderSpec:
    """What a create request asks for, already parsed."""
    pair: str
    is_long: bool
    is_market: bool
    lever: int
    match_type: int
    position_type: int
    price: Decimal      # None only for a batch market order sent without a price
    quantity: Decimal
    client_order_id: str


@dataclass(eq=False)
class Order:
    id: int
    seq: int
    account: Account
    market: Market
    is_long: bool
    is_market: bool
    lever: int
    match_type: int
    position_type: int
    price: Decimal
    quantity: Decimal
    client_order_id: str
    created_ms: int
    filled: Decimal = ZERO
    deal_amount: Decimal = ZERO
    deposit: Decimal = ZERO     # margin reserved when placed
    reserved: Decimal = ZERO    # the part of it not yet released
    status: int = OPEN
    is_close: bool = False
    position_id: int = 0
    refuse_cancel: bool = False
    updated_ms: int = None      # when it last changed (a fill or its end)

    @property
    def remaining(self) -> Decimal:
        return self.quantity - self.filled


@dataclass(eq=False)
class Position:
    id: int
    account: Account
    market: Market
    is_long: bool
    lever: int
    position_type: int
    entrust_id: int
    created_ms: int
    quantity: Decimal = ZERO
    opening_price: Decimal = ZERO
    margin: Decimal = ZERO
    margin_call: Decimal = ZERO   # net margin added (or removed) with callMarginAmount
    realized_pnl: Decimal = ZERO
    tariff: Decimal = ZERO        # funding received since it opened (negative when paid)
    open: bool = True


@dataclass(frozen=True)
class Fill:
    """One side of a trade, as the account that traded sees it (``selectContractMatchPairList``)."""
    id: int
    order: Order
    position_id: int
    is_close: bool
    is_taker: bool
    price: Decimal
    quantity: Decimal
    fee: Decimal
    profit_loss: Decimal
    opening_price: Decimal
    created_ms: int


@dataclass(frozen=True)
class Trade:
    id: int
    market: Market
    price: Decimal
    quantity: Decimal
    is_long: bool      # the taker's side
    created_ms: int


def cents(value: Decimal, rounding=ROUND_UP) -> Decimal:
    return value.quantize(CENT, rounding=rounding)


# How a cancel answers an order id the caller has no order of. Satori's docs do not say (assumed both ways):
# '2319' "Failed to cancel order:order does not exist" (the default), or '2001' "Illegal parameter" naming the id's
# parameter (as queryOrder answers it).
UNKNOWN_ORDER_ANSWERS = ('2319', '2001')


class Engine:
    def __init__(self, seed, unknown_order_answer='2319'):
        if unknown_order_answer not in UNKNOWN_ORDER_ANSWERS:
            raise ValueError(f'unknown_order_answer must be one of {", ".join(map(repr, UNKNOWN_ORDER_ANSWERS))}')
        self.unknown_order_answer = unknown_order_answer
        self.lock = threading.RLock()
        rng = random.Random(seed)
        self.seed = seed
        self.markets = {}
        self.markets_by_id = {}
        self.market_makers = {}
        for spec in MARKET_SPECS:
            market = Market(spec, rng.getrandbits(64))
            self.markets[market.symbol] = market
            self.markets_by_id[market.id] = market
            self.market_makers[market.id] = Account(spec.id, '', '', ZERO, market_maker=True)
        self.accounts = {}          # api key -> Account
        self.orders = {}            # id -> Order, users' orders only
        self.positions = {}         # id -> Position, open and closed
        self.open_positions = {}    # (user id, market id) -> Position
        self.fills = {}             # user id -> [Fill], oldest first
        self._order_ids = itertools.count(FIRST_ORDER_ID)
        self._market_maker_order_ids = itertools.count(FIRST_MARKET_MAKER_ORDER_ID)
        self._position_ids = itertools.count(FIRST_POSITION_ID)
        self._fill_ids = itertools.count(FIRST_FILL_ID)
        self._trade_ids = itertools.count(FIRST_TRADE_ID)
        self._seq = itertools.count()
        self.funded_hour = None     # the last full hour whose funding was charged; None: funding not started
        self.listener = None

    def _notify(self, change, *args) -> None:
        if self.listener is not None:
            getattr(self.listener, change)(*args)

    @contextlib.contextmanager
    def session(self, now_ms: int):
        """Holds the lock with the book brought up to ``now_ms``: every read or change goes through here."""
        with self.lock:
            self.now = now_ms
            self._requote(now_ms)
            try:
                yield self
            finally:
                self._notify('session_ended', self)

    # ----- accounts --------------------------------------------------------------------

    def add_account(self, user_id: int, api_key: str, wallet_address: str, balance) -> Account:
        account = Account(user_id, api_key, wallet_address, cents(Decimal(balance), ROUND_DOWN))
        self.accounts[api_key] = account
        return account

    def frozen(self, account: Account) -> Decimal:
        reserved = sum((order.reserved for order in self.orders.values() if order.account is account and order.status == OPEN), ZERO)
        margins = sum((p.margin + p.margin_call for p in self.open_positions.values() if p.account is account), ZERO)
        return reserved + margins

    # ----- markets and prices ----------------------------------------------------------

    def market(self, pair) -> Market:
        market = self.markets.get(pair)
        if market is None:
            raise illegal('pairName')
        return market

    def index_price(self, market: Market) -> Decimal:
        return market.walk.index(self.now)

    def mark_price(self, market: Market) -> Decimal:
        return market.walk.mark(self.now)

    def _requote(self, now_ms: int) -> None:
        """Replaces each market maker's ladder once per second of the clock, around that second's price.

        A new ladder that crosses users' resting orders trades with them
        (the users as makers), as a real market moving through their price would.
        """
        second = now_ms // 1000
        for market in self.markets.values():
            if market.quoted_second == second:
                continue
            market.quoted_second = second
            maker = self.market_makers[market.id]
            for book in (market.bids, market.asks):
                book[:] = [order for order in book if order.account is not maker]
            mid = Decimal(repr(market.walk.index_float(second * 1000)))
            rng = random.Random(f'{self.seed}/{market.symbol}/{second}')
            lot = Decimal(market.spec.quote_lot)
            for level in range(QUOTE_LEVELS):
                distance = QUOTE_HALF_SPREAD + QUOTE_LEVEL_STEP * level
                for is_long in (False, True):
                    raw = mid * (1 - distance) if is_long else mid * (1 + distance)
                    price = raw.quantize(market.tick, rounding=ROUND_DOWN if is_long else ROUND_UP)
                    quantity = (lot * Decimal(repr(rng.uniform(0.2, 2.0)))).quantize(market.step, rounding=ROUND_DOWN)
                    quantity = max(quantity, market.min_count)
                    order = Order(next(self._market_maker_order_ids), next(self._seq), maker, market, is_long, False, 1, GTC, ISOLATED,
                                  price, quantity, '', now_ms)
                    self._match(order)

    # ----- orders ----------------------------------------------------------------------

    def validate(self, spec: OrderSpec) -> Market:
        """The checks a create request passes before any balance is looked at (2001, 2301-2304)."""
        market = self.market(spec.pair)
        if spec.match_type not in (GTC, IOC, FOK, POST_ONLY) or (spec.is_market and spec.match_type == POST_ONLY):
            raise illegal('matchType')
        if spec.position_type not in (ISOLATED, CROSS):
            raise illegal('positionType')
        if spec.price is not None and (spec.price <= 0 or spec.price != spec.price.quantize(market.tick)):
            raise illegal('price')
        if spec.price is None and not spec.is_market:
            raise SatoriError(2002, 'price')
        if spec.quantity != spec.quantity.quantize(market.step):
            raise illegal('quantity')
        if spec.quantity < market.min_count:
            raise SatoriError(2301, market.spec.min_count)
        if spec.quantity > market.max_count:
            raise SatoriError(2302, market.spec.max_count)
        if spec.lever < market.spec.min_lever:
            raise SatoriError(2303, market.spec.min_lever)
        if spec.lever > market.spec.max_lever:
            raise SatoriError(2304, market.spec.max_lever)
        return market

    def required_margin(self, account: Account, market: Market, spec: OrderSpec) -> tuple:
        """(margin to reserve, taker fee it may pay) for ``spec``; only what opens a position needs margin."""
        price = spec.price if spec.price is not None else self.index_price(market)
        position = self.open_positions.get((account.user_id, market.id))
        closing = position.quantity if position is not None and position.is_long != spec.is_long else ZERO
        opening = max(spec.quantity - closing, ZERO)
        return cents(price * opening / spec.lever), cents(price * spec.quantity * market.taker_rate)

    def create_orders(self, account: Account, specs) -> list:
        """Validates every order, checks the balance for all of them together, then places them in turn."""
        markets = [self.validate(spec) for spec in specs]
        margins = [self.required_margin(account, market, spec) for market, spec in zip(markets, specs, strict=True)]
        if sum((margin + fee for margin, fee in margins), ZERO) > account.available:
            raise SatoriError(2201)
        return [self._place(account, market, spec, margin) for market, spec, (margin, _) in zip(markets, specs, margins, strict=True)]

    def place_resting(self, account: Account, spec: OrderSpec, order_id=None) -> Order:
        """A limit order that must rest on the book (test hooks, seeding); ValueError if refused or if it would cross now.

        Only the current book is checked: a price just outside the spread may
        still trade when the market maker requotes, so callers pick prices well
        away from it (the walk stays within 5% of the base price).
        """
        try:
            market = self.validate(spec)
            margin, _ = self.required_margin(account, market, spec)
        except SatoriError as error:
            raise ValueError(f'order refused: {error}') from None
        if spec.is_market or self.crosses(market, spec.is_long, spec.price):
            side = 'buy' if spec.is_long else 'sell'
            raise ValueError(f'{side} at {spec.price} would trade on {market.symbol} now; pick a price away from the book')
        if margin > account.available:
            raise ValueError(f'order refused: margin {margin} exceeds the available {account.available}')
        if order_id in self.orders:
            raise ValueError(f'order {order_id} exists')
        return self._place(account, market, spec, margin, order_id)

    def _place(self, account: Account, market: Market, spec: OrderSpec, margin: Decimal, order_id=None) -> Order:
        position = self.open_positions.get((account.user_id, market.id))
        order_id = next(self._order_ids) if order_id is None else order_id
        order = Order(order_id, next(self._seq), account, market, spec.is_long, spec.is_market, spec.lever, spec.match_type,
                      spec.position_type, spec.price, spec.quantity, spec.client_order_id, self.now, deposit=margin, reserved=margin)
        if position is not None:
            order.position_id = position.id
            order.is_close = position.is_long != spec.is_long
        account.available -= margin
        self.orders[order.id] = order
        self._notify('order_changed', order, 'NEW')
        self._match(order)
        return order

    def crosses(self, market: Market, is_long: bool, price: Decimal) -> bool:
        opposite = market.side(not is_long)
        return bool(opposite) and _crosses(is_long, price, opposite[0])

    def _match(self, order: Order) -> None:
        market = order.market
        opposite = market.side(not order.is_long)
        if order.match_type == POST_ONLY and opposite and _crosses(order.is_long, order.price, opposite[0]):
            self._finish(order, CANCELLED)
            return
        if order.match_type == FOK:
            fillable = ZERO
            for maker in opposite:
                if not _crosses(order.is_long, order.price, maker) or fillable >= order.quantity:
                    break
                fillable += maker.remaining
            if fillable < order.quantity:
                self._finish(order, CANCELLED)
                return
        while order.remaining > 0 and opposite and _crosses(order.is_long, order.price, opposite[0]):
            maker = opposite[0]
            self._trade(order, maker, min(order.remaining, maker.remaining), maker.price)
            if maker.status != OPEN:
                opposite.pop(0)
        if order.status != OPEN:
            return
        if order.is_market or order.match_type in (IOC, FOK):
            self._finish(order, CANCELLED)
        else:
            market.rest(order)

    def _trade(self, taker: Order, maker: Order, quantity: Decimal, price: Decimal) -> None:
        market = taker.market
        market.trades.append(Trade(next(self._trade_ids), market, price, quantity, taker.is_long, self.now))
        self._notify('traded', market.trades[-1])
        for order, is_taker in ((taker, True), (maker, False)):
            order.filled += quantity
            order.deal_amount += price * quantity
            order.updated_ms = self.now
            if not order.account.market_maker:
                self._settle(order, quantity, price, is_taker)
            if order.filled == order.quantity:
                self._finish(order, FILLED)

    def _settle(self, order: Order, quantity: Decimal, price: Decimal, is_taker: bool) -> None:
        account, market = order.account, order.market
        if order.filled == order.quantity:
            share = order.reserved
        else:
            share = min(order.reserved, cents(order.deposit * quantity / order.quantity, ROUND_DOWN))
        order.reserved -= share
        account.available += share
        fee = cents(price * quantity * (market.taker_rate if is_taker else market.maker_rate))
        account.available -= fee
        key = (account.user_id, market.id)
        position = self.open_positions.get(key)
        closed = profit = ZERO
        opening_price = price
        if position is not None and position.is_long != order.is_long:
            closed = min(quantity, position.quantity)
            opening_price = position.opening_price
            profit = cents((price - position.opening_price) * closed * (1 if position.is_long else -1), ROUND_DOWN)
            if closed == position.quantity:
                released_margin, released_call = position.margin, position.margin_call
            else:
                released_margin = cents(position.margin * closed / position.quantity, ROUND_DOWN)
                released_call = cents(position.margin_call * closed / position.quantity, ROUND_DOWN)
            position.margin -= released_margin
            position.margin_call -= released_call
            position.quantity -= closed
            position.realized_pnl += profit
            account.available += released_margin + released_call + profit
            if position.quantity == 0:
                position.open = False
                del self.open_positions[key]
            self._notify('position_changed', position, 'REDUCE' if position.open else 'CLOSE', closed, self)
        opened = quantity - closed
        if opened > 0:
            change = 'INCREASE'
            if position is None or not position.open:
                change = 'NEW'
                position = Position(next(self._position_ids), account, market, order.is_long, order.lever, order.position_type,
                                    order.id, self.now)
                self.positions[position.id] = position
                self.open_positions[key] = position
            margin = cents(price * opened / order.lever)
            account.available -= margin
            position.opening_price = (position.opening_price * position.quantity + price * opened) / (position.quantity + opened)
            position.quantity += opened
            position.margin += margin
            opening_price = position.opening_price
            self._notify('position_changed', position, change, opened, self)
        order.position_id = position.id
        fill = Fill(next(self._fill_ids), order, position.id, closed > 0, is_taker, price, quantity, fee, profit, opening_price, self.now)
        self.fills.setdefault(account.user_id, []).append(fill)
        self._notify('order_changed', order, 'TRADE', fill)
        self._notify('filled', fill)

    def _finish(self, order: Order, status: int) -> None:
        order.status = status
        order.updated_ms = self.now
        order.account.available += order.reserved
        order.reserved = ZERO
        # Satori's order changes name no expiry: an expired order is pushed as CANCELED (assumed).
        if status in (CANCELLED, EXPIRED) and not order.account.market_maker:
            self._notify('order_changed', order, 'CANCELED')

    # ----- cancels ---------------------------------------------------------------------

    def cancel(self, account: Account, order_id: int, parameter='entrustId') -> None:
        """Cancels one of ``account``'s orders, or raises the code Satori answers for it (``parameter`` names the id)."""
        order = self.orders.get(order_id)
        if order is None or order.account is not account:
            raise self.unknown_order(parameter)
        if order.status == CANCELLED:
            raise SatoriError(2125)
        if order.status == FILLED:
            raise SatoriError(2126)
        if order.status == EXPIRED:
            raise SatoriError(2103)
        if order.refuse_cancel:
            raise SatoriError(2319, 'the order is being matched')
        self.end_open_order(order, CANCELLED)

    def unknown_order(self, parameter) -> SatoriError:
        """What a cancel answers for an id that is none of the caller's orders: ``unknown_order_answer``.

        Assumed: Satori's answer for an id it cannot find (or that belongs to someone else) is not documented;
        2319 with this reason is the simulator's default choice.
        """
        if self.unknown_order_answer == '2001':
            return illegal(parameter)
        return SatoriError(2319, 'order does not exist')

    def batch_cancel(self, account: Account, order_ids) -> None:
        """Cancels in the given order and stops at the first failure, raising it: the ids after it are untouched."""
        for order_id in order_ids:
            self.cancel(account, order_id, 'entrustIds')

    def cancel_by_client_id(self, account: Account, client_order_id: str) -> None:
        """Cancels ``account``'s latest order with ``client_order_id`` (assumed: client ids need not be unique), as ``cancel`` does."""
        matches = [order for order in self.orders.values() if order.account is account and order.client_order_id == client_order_id]
        if not matches:
            raise self.unknown_order('clientOrderId')
        self.cancel(account, max(matches, key=lambda order: order.id).id)

    def cancel_all(self, account: Account, market, is_long) -> list:
        """Cancels every open order that matches: (order, refused) for each, by id; orders set to refuse cancels stay open."""
        results = []
        for order in sorted(self.orders.values(), key=lambda order: order.id):
            if order.account is not account or order.status != OPEN:
                continue
            if (market is None or order.market is market) and (is_long is None or order.is_long == is_long):
                if not order.refuse_cancel:
                    self.end_open_order(order, CANCELLED)
                results.append((order, order.refuse_cancel))
        return results

    def end_open_order(self, order: Order, status: int) -> None:
        order.market.remove(order)
        self._finish(order, status)

    def open_order(self, order_id: int) -> Order:
        """A user's open order by id, for the test hooks; ValueError if there is none."""
        order = self.orders.get(order_id)
        if order is None:
            raise ValueError(f'no order {order_id}')
        if order.status != OPEN:
            raise ValueError(f'order {order_id} is {STATUS_NAMES[order.status]}, not open')
        return order

    def fill_completely(self, order: Order) -> None:
        """Fills what is left of ``order`` at its price against the market maker (``order`` is the maker)."""
        market = order.market
        maker = self.market_makers[market.id]
        taker = Order(next(self._market_maker_order_ids), next(self._seq), maker, market, not order.is_long, False, 1, IOC, ISOLATED,
                      order.price, order.remaining, '', self.now)
        market.remove(order)
        self._trade(taker, order, order.remaining, order.price)

    def open_position(self, account: Account, market: Market, position_id: int, is_long: bool, quantity: Decimal, price: Decimal,
                      lever: int, margin_call: Decimal, entrust_id: int) -> Position:
        """A position that exists without a trade behind it (seeding the docs' example position)."""
        position = Position(position_id, account, market, is_long, lever, ISOLATED, entrust_id, self.now, quantity, price,
                            cents(price * quantity / lever), margin_call)
        account.available -= position.margin + position.margin_call
        self.positions[position.id] = position
        self.open_positions[(account.user_id, market.id)] = position
        return position

    def close_position(self, account: Account, position_id: int, is_market: bool, price, quantity: Decimal, client_order_id: str):
        """An order that closes ``quantity`` of an open position (closeOrder): market (IOC, no price limit) or limit (GTC).

        Assumed (the endpoint is undocumented): an unknown or closed position is
        2104, a quantity above what the position can still close is 2001.
        """
        position = self.positions.get(position_id)
        if position is None or position.account is not account or not position.open:
            raise SatoriError(2104)
        if quantity > position.quantity - self.closing_quantity(position):
            raise illegal('quantity')
        spec = OrderSpec(position.market.symbol, not position.is_long, is_market, position.lever, IOC if is_market else GTC,
                         position.position_type, price, quantity, client_order_id)
        order, = self.create_orders(account, [spec])
        return order

    # ----- margin ----------------------------------------------------------------------

    def call_margin(self, account: Account, position_id: int, add: bool, amount: Decimal) -> None:
        position = self.positions.get(position_id)
        if position is None or position.account is not account or not position.open:
            # Assumed: an unknown id (or another account's) answers like a closed position.
            raise SatoriError(2104)
        if position.position_type == CROSS:
            raise SatoriError(2315)
        if amount <= 0:
            raise SatoriError(2123)
        if amount != cents(amount):
            raise illegal('marginAmount')
        if add:
            if amount > account.available:
                raise SatoriError(2201)
            account.available -= amount
            position.margin_call += amount
            return
        # Only margin added earlier can be taken back, less any unrealised loss it covers.
        removable = position.margin_call + min(self.unrealized_pnl(position), ZERO)
        if amount > removable:
            raise SatoriError(2105)
        position.margin_call -= amount
        account.available += amount

    # ----- reads -----------------------------------------------------------------------

    def unrealized_pnl(self, position: Position) -> Decimal:
        mark = self.mark_price(position.market)
        return cents((mark - position.opening_price) * position.quantity * (1 if position.is_long else -1), ROUND_DOWN)

    def liquidation_price(self, position: Position) -> Decimal:
        cushion = (position.margin + position.margin_call) / position.quantity
        price = position.opening_price - cushion if position.is_long else position.opening_price + cushion
        return max(price, ZERO).quantize(position.market.tick)

    def closing_quantity(self, position: Position) -> Decimal:
        pending = sum((order.remaining for order in self.orders.values()
                       if order.account is position.account and order.market is position.market
                       and order.status == OPEN and order.is_long != position.is_long), ZERO)
        return min(pending, position.quantity)

    def open_orders(self, account: Account, market=None) -> list:
        """Newest first."""
        orders = [order for order in self.orders.values()
                  if order.account is account and order.status == OPEN and (market is None or order.market is market)]
        return sorted(orders, key=lambda order: order.id, reverse=True)

    def account_fills(self, account: Account, market: Market, before_id=None) -> list:
        """Newest first; with ``before_id`` only fills with a smaller id (the ``matchId`` cursor)."""
        fills = [fill for fill in self.fills.get(account.user_id, ())
                 if fill.order.market is market and (before_id is None or fill.id < before_id)]
        return fills[::-1]

    def finished_orders(self, account: Account, market: Market) -> list:
        """``account``'s orders on ``market`` that are no longer open, by id."""
        return sorted((order for order in self.orders.values()
                       if order.account is account and order.market is market and order.status != OPEN), key=lambda order: order.id)

    def user_lever(self, account: Account, market: Market):
        """The open position on ``market``, else the latest order there: what getUserLever reports (assumed); None if neither."""
        position = self.open_positions.get((account.user_id, market.id))
        if position is not None:
            return position
        orders = [order for order in self.orders.values() if order.account is account and order.market is market]
        return max(orders, key=lambda order: order.id) if orders else None

    def account_positions(self, account: Account, market: Market) -> list:
        return [position for position in self.open_positions.values() if position.account is account and position.market is market]

    def depth(self, market: Market, limit: int) -> dict:
        return {'asks': _levels(market.asks, limit), 'bids': _levels(market.bids, limit)}

    def recent_trades(self, market: Market, limit: int) -> list:
        """Newest first."""
        return market.trades[::-1][:limit]

    def candles(self, market: Market, period_ms: int, end_ms: int, limit: int) -> list:
        """``limit`` candles, oldest first, the last one holding ``end_ms`` (or now, if earlier).

        OHLC follow the walk, widened by the trades in the candle, whose
        quantity, notional and number they sum.
        """
        end_ms = min(end_ms, self.now)
        last_open = end_ms - end_ms % period_ms
        first_open = last_open - (limit - 1) * period_ms
        trades = [trade for trade in market.trades if first_open <= trade.created_ms <= end_ms]
        candles = []
        for start in range(first_open, last_open + 1, period_ms):
            stop = min(start + period_ms - 1, end_ms)
            open_, high, low, close = market.walk.candle(start, stop)
            inside = [trade for trade in trades if start <= trade.created_ms <= stop]
            for trade in inside:
                high, low = max(high, trade.price), min(low, trade.price)
            quantity = sum((trade.quantity for trade in inside), ZERO)
            amount = sum((trade.price * trade.quantity for trade in inside), ZERO)
            candles.append((start, open_, high, low, close, quantity, amount, len(inside)))
        return candles

    # ----- funding -----------------------------------------------------------------------

    def funding_rate(self, market: Market, hour: int) -> Decimal:
        """The rate charged at the start of ``hour`` (ms // HOUR_MS)."""
        return market.walk.funding_rate(hour)

    def start_funding(self, now_ms: int) -> None:
        """Funding is charged from the hour after ``now_ms`` on (the facade calls this once its accounts are set up)."""
        self.funded_hour = now_ms // HOUR_MS

    def move_funding_clock(self, to_ms: int, charge: bool = True) -> None:
        """The clock moves to ``to_ms``. Forward, every full hour it crosses is charged (``settle_funding``)
        unless ``charge`` is False; backward, charging starts again from there."""
        if self.funded_hour is None:
            return
        hour = to_ms // HOUR_MS
        if hour > self.funded_hour and charge:
            self.settle_funding(to_ms)
        self.funded_hour = hour

    def settle_funding(self, until_ms: int) -> None:
        """Charges funding at every full hour after the last one charged, up to ``until_ms``."""
        last = until_ms // HOUR_MS
        for hour in range(self.funded_hour + 1, last + 1):
            at = hour * HOUR_MS
            for position in list(self.open_positions.values()):
                if position.created_ms >= at:
                    continue
                market = position.market
                payment = position.quantity * market.walk.mark(at) * self.funding_rate(market, hour)
                payment = payment.quantize(CENT, rounding=ROUND_HALF_UP)
                received = -payment if position.is_long else payment
                position.tariff += received
                position.account.available += received


def _crosses(is_long: bool, price, maker: Order) -> bool:
    if price is None:
        return True
    return maker.price <= price if is_long else maker.price >= price


def _levels(book: list, limit: int) -> list:
    levels = []
    for order in book:
        if levels and levels[-1][0] == order.price:
            levels[-1][1] += order.remaining
        elif len(levels) == limit:
            break
        else:
            levels.append([order.price, order.remaining])
    return levels
