"""The account: balance, positions, margin, and the leverage and margin mode every order carries.

Satori has no endpoint to set leverage or margin mode: both travel with each
order (``lever``, ``positionType``). ``set_leverage`` and ``set_margin_mode``
therefore only remember a per-symbol default, and ``create_order`` sends it.
"""

from ccxt.base.errors import BadRequest
from ccxt.base.precise import Precise

from . import wire
from .fields import VenueFields
from .flow import call, unified


class AccountMethods(VenueFields):
    # ----- balance ---------------------------------------------------------------------------

    @unified(sets=('symbol',))
    def fetch_balance(self, params={}):
        """Free (``availableAmount``) and used (``frozenAmount``) funds per settle coin (``POST /api/third/hot/order/balance``).

        Satori keeps one balance per settle coin: one request for each coin the
        markets settle in, or for ``params['code']`` alone. ``used`` is the
        margin held by open orders and positions; unrealised PnL is not in it.
        """
        code = self.safe_string(params, 'code')
        params = self.omit(params, 'code')
        yield from self._prepare_private()
        yield call('load_markets')
        coins = [self.currency(code)['id']] if code is not None else sorted({market['settleId'] for market in self.markets.values()})
        balance = {'info': {}}
        for coin in coins:
            response = yield call('privatePostApiThirdHotOrderBalance', self.extend(params, {'symbol': coin}))
            data = self.safe_dict(response, 'data', {})
            balance['info'][coin] = response
            balance[self.safe_currency_code(coin)] = {
                'free': self._decimal(data, 'availableAmount'),
                'used': self._decimal(data, 'frozenAmount'),
            }
        return self.safe_balance(balance)

    # ----- positions -------------------------------------------------------------------------

    @unified(sets=('pairName', 'pageNo'))
    def fetch_positions(self, symbols=None, params={}):
        """Open positions (``POST /api/third/hot/order/selectContractPositionList``), each at the current mark price.

        Satori lists one pair at a time: without ``symbols`` every market is
        asked in turn, plus one ``GET /api/third/info/markPrice`` for each
        market holding a position. ``params['pageSize']`` sets the page size.
        """
        page_size, params = self._page_size(None, params)
        yield from self._prepare_private()
        yield call('load_markets')
        positions = []
        for symbol in self.market_symbols(symbols) or self.symbols:
            market = self.market(symbol)
            records = yield from self._position_records(market, page_size, params)
            if not records:
                continue
            mark = yield call('publicGetApiThirdInfoMarkPrice', {'pairName': market['id']})
            # Assumed shape (docs/evidence.md): markPrice answers a decimal string.
            mark_price = self._decimal(mark, 'data')
            positions.extend(self._at_mark(self.parse_position(record, market), mark_price) for record in records)
        return positions

    def _position_records(self, market, page_size, params={}):
        return (yield from self._pages('privatePostApiThirdHotOrderSelectContractPositionList',
                                       self.extend(params, {'pairName': market['id']}), page_size))

    def parse_position(self, position, market=None):
        """A position of the position list, without the mark price (``_at_mark`` adds it)."""
        market = self.safe_market(self.safe_string(position, 'symbol'), market)
        is_long = self.safe_bool(position, 'isLong')
        timestamp = self.safe_integer(position, 'createTimeStamp')
        initial_margin = self._decimal(position, 'marginAmount')
        # The margin added with callMarginAmount is held in the position too.
        position_margin = initial_margin and Precise.string_add(initial_margin, self._decimal(position, 'marginCallAmount') or '0')
        unrealized_pnl = self._decimal(position, 'unrealizedPnl')
        leverage = self._decimal(position, 'lever')
        return self.safe_position({
            'id': self.safe_string(position, 'id'),
            'symbol': market['symbol'],
            'timestamp': timestamp,
            'datetime': self.iso8601(timestamp),
            'lastUpdateTimestamp': None,
            'side': None if is_long is None else ('long' if is_long else 'short'),
            'hedged': False,
            'marginMode': wire.MARGIN_MODES.get(self.safe_string(position, 'positionType')),
            'contracts': self._number(position, 'quantity'),
            'contractSize': self.safe_number(market, 'contractSize'),
            'entryPrice': self._number(position, 'openingPrice'),
            'markPrice': None,
            'notional': None,
            'leverage': self.parse_number(leverage),
            'initialMargin': self.parse_number(initial_margin),
            'initialMarginPercentage': self.parse_number(_ratio('1', leverage)),
            'maintenanceMargin': None,
            'maintenanceMarginPercentage': None,
            'positionMargin': self.parse_number(position_margin),
            'collateral': self.parse_number(position_margin and unrealized_pnl and Precise.string_add(position_margin, unrealized_pnl)),
            'unrealizedPnl': self.parse_number(unrealized_pnl),
            'realizedPnl': self._number(position, 'realizedPnl'),
            'percentage': self.parse_number(_ratio(unrealized_pnl, initial_margin, '100')),
            # Inferred (docs/evidence.md): ``restrictPrice`` is the liquidation price.
            'liquidationPrice': self._number(position, 'restrictPrice'),
            'marginRatio': None,
            'stopLossPrice': self._number(position, 'lossPrice'),
            'takeProfitPrice': self._number(position, 'profitPrice'),
            'info': position,
        })

    def _at_mark(self, position, mark_price):
        contracts = position['contracts']
        notional = None if mark_price is None or contracts is None else Precise.string_mul(self.number_to_string(contracts), mark_price)
        return self.extend(position, {'markPrice': self.parse_number(mark_price), 'notional': self.parse_number(notional)})

    # ----- margin ----------------------------------------------------------------------------

    @unified(sets=('call', 'marginAmount'))
    def add_margin(self, symbol, amount, params={}):
        """Moves ``amount`` of the settle coin into the isolated position on ``symbol`` (``callMarginAmount``, ``call=True``).

        The position is ``params['positionId']``, else the one the position list shows for ``symbol``.
        """
        return (yield from self._call_margin(symbol, amount, True, params))

    @unified(sets=('call', 'marginAmount'))
    def reduce_margin(self, symbol, amount, params={}):
        """Takes ``amount`` back out of the isolated position on ``symbol`` (``callMarginAmount``, ``call=False``)."""
        return (yield from self._call_margin(symbol, amount, False, params))

    def _call_margin(self, symbol, amount, add, params):
        margin_amount = wire.positive_decimal(amount, 'amount')
        position_id = self.safe_value(params, 'positionId')
        if position_id is not None:
            position_id = wire.positive_int(position_id, 'positionId', wire.MAX_ORDER_ID)
        params = self.omit(params, 'positionId')
        yield from self._prepare_private()
        yield call('load_markets')
        market = self.market(symbol)
        if position_id is None:
            records = yield from self._position_records(market, self._page_size(None, {})[0])
            ids = [self.safe_integer(record, 'id') for record in records]
            ids = [found for found in ids if found is not None]
            if not ids:
                raise BadRequest(f'{self.id} there is no open position on {market["symbol"]} to move margin {"into" if add else "out of"}')
            position_id = ids[0]
        request = {'call': add, 'marginAmount': margin_amount, 'positionId': position_id}
        response = yield call('privatePostApiThirdOrderCallMarginAmount', self.extend(params, request))
        return {
            'info': response,
            'symbol': market['symbol'],
            'type': 'add' if add else 'reduce',
            'marginMode': 'isolated',   # Satori refuses margin calls on cross positions (2315)
            'amount': self.parse_number(margin_amount),
            'total': None,
            'code': market['settle'],
            'status': 'ok' if self.safe_bool(response, 'data') is True else 'failed',
            'timestamp': None,
            'datetime': None,
        }

    # ----- leverage and margin mode remembered for orders ------------------------------------

    @unified
    def set_leverage(self, leverage, symbol=None, params={}):
        """Remembers ``leverage`` for ``symbol`` (for every market when None); later orders there send it as ``lever``.

        Nothing is sent to Satori, which takes leverage with each order; the
        value is checked against the market's bounds from the pair list.
        """
        lever = wire.positive_int(leverage, 'leverage')
        yield call('load_markets')
        if symbol is None:
            self.options['defaultLeverage'] = lever
        else:
            market = self.market(symbol)
            self._order_leverage(market, lever)
            # A new dict: the one in options may be shared with other instances (ccxt deep-copies only what it merges).
            self.options['leverages'] = self.extend(self.safe_dict(self.options, 'leverages', {}), {market['symbol']: lever})
            symbol = market['symbol']
        return {'info': {}, 'symbol': symbol, 'marginMode': None, 'longLeverage': lever, 'shortLeverage': lever}

    @unified
    def set_margin_mode(self, marginMode, symbol=None, params={}):
        """Remembers ``marginMode`` ('isolated' or 'cross') for ``symbol`` (for every market when None).

        Later orders there send it as ``positionType``; nothing is sent to Satori.
        """
        margin_mode = self._checked_margin_mode(marginMode)
        yield call('load_markets')
        if symbol is None:
            self.options['defaultMarginMode'] = margin_mode
        else:
            symbol = self.market(symbol)['symbol']
            self.options['marginModes'] = self.extend(self.safe_dict(self.options, 'marginModes', {}), {symbol: margin_mode})
        return {'info': {}, 'symbol': symbol, 'marginMode': margin_mode}

    def _order_leverage(self, market, leverage=None) -> int:
        """The ``lever`` of an order on ``market``: ``leverage``, else the remembered one, else the default; within the market's bounds."""
        if leverage is None:
            remembered = self.safe_dict(self.options, 'leverages', {})
            leverage = self.safe_value(remembered, market['symbol'], self.options.get('defaultLeverage'))
        lever = wire.positive_int(leverage, 'leverage')
        bounds = market['limits']['leverage']
        low, high = self.safe_integer(bounds, 'min'), self.safe_integer(bounds, 'max')
        if (low is not None and lever < low) or (high is not None and lever > high):
            raise BadRequest(f'{self.id} leverage {lever} is outside {low}..{high} on {market["symbol"]}')
        return lever

    def _order_margin_mode(self, market, margin_mode=None) -> str:
        """The margin mode of an order on ``market``: ``margin_mode``, else the remembered one, else the default."""
        if margin_mode is None:
            remembered = self.safe_dict(self.options, 'marginModes', {})
            margin_mode = self.safe_value(remembered, market['symbol'], self.options.get('defaultMarginMode'))
        return self._checked_margin_mode(margin_mode)

    def _checked_margin_mode(self, margin_mode) -> str:
        if not isinstance(margin_mode, str) or margin_mode not in wire.POSITION_TYPES:
            raise BadRequest(f'{self.id} marginMode must be one of {", ".join(wire.POSITION_TYPES)}, got {wire.shown(margin_mode)}')
        return margin_mode


def _ratio(numerator, denominator, scale='1'):
    """``numerator / denominator * scale`` as a decimal string, or None when a part is missing or the denominator is not positive."""
    if numerator is None or denominator is None or not Precise.string_gt(denominator, '0'):
        return None
    return Precise.string_mul(Precise.string_div(numerator, denominator), scale)
